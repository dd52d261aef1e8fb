<?php
/**
 * The outcome of an HTTP request.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Http;

/**
 * Either a response (status, headers, body) or a transport failure (no status).
 *
 * @since 0.1.0
 */
final class Http_Response {

	public const FAILURE_TIMEOUT     = 'timeout';
	public const FAILURE_UNREACHABLE = 'unreachable';
	public const FAILURE_BLOCKED     = 'blocked';

	/**
	 * @param int                   $status          HTTP status; 0 when the transport failed.
	 * @param array<string, string> $headers         Lower-cased header names.
	 * @param string                $body            Body (a stream's body is also relayed as it arrives, see Http_Request).
	 * @param string|null           $failure         One of the FAILURE_* constants when no response arrived.
	 * @param string                $failure_message Transport's message.
	 * @param float                 $duration_ms     Time taken.
	 * @param bool                  $truncated       The body stopped before its end (connection dropped, or time ran out mid-stream).
	 * @param bool                  $timed_out       A truncated body was stopped by the request's time limit.
	 */
	public function __construct(
		public readonly int $status,
		public readonly array $headers = array(),
		public readonly string $body = '',
		public readonly ?string $failure = null,
		public readonly string $failure_message = '',
		public readonly float $duration_ms = 0.0,
		public readonly bool $truncated = false,
		public readonly bool $timed_out = false,
	) {
	}

	/**
	 * A transport failure.
	 *
	 * @param string $kind        FAILURE_* constant.
	 * @param string $message     Transport message.
	 * @param float  $duration_ms Time taken.
	 */
	public static function failed( string $kind, string $message, float $duration_ms = 0.0 ): self {
		return new self( 0, array(), '', $kind, $message, $duration_ms );
	}

	/**
	 * A header value, or '' when absent.
	 *
	 * @param string $name Header name, any case.
	 */
	public function header( string $name ): string {
		return $this->headers[ strtolower( $name ) ] ?? '';
	}

	/**
	 * The body decoded as a JSON object, or null.
	 *
	 * @return array<string, mixed>|null
	 */
	public function json(): ?array {
		$decoded = json_decode( $this->body, true );
		return is_array( $decoded ) ? $decoded : null;
	}
}
