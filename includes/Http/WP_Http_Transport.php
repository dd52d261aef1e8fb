<?php
/**
 * The only caller of the WordPress HTTP API.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Http;

use AI_Failover\Contracts\Http_Transport;

/**
 * Sends requests with wp_remote_request() and turns WP_Error into a classified transport failure.
 *
 * Streams (SSE) are written to a temporary file as they arrive, so a connection cut mid-stream
 * still leaves the part that arrived: the adapter can then report an incomplete stream with its
 * partial text instead of losing it. WordPress's HTTP API cannot hand over bytes as they arrive;
 * the engine buffers until the first token anyway, and true incremental delivery would need a
 * transport outside the HTTP API.
 *
 * @since 0.1.0
 */
final class WP_Http_Transport implements Http_Transport {

	/**
	 * Connect timeout (ms) and stall timeout (s) for the request in flight, applied in the cURL hook.
	 *
	 * @var array{connect_ms: int, stall_s: int}|null
	 */
	private ?array $curl_limits = null;

	/**
	 * Judges and pins where each request goes.
	 *
	 * @var Destination_Guard
	 */
	private readonly Destination_Guard $guard;

	/**
	 * @param Destination_Guard|null $guard URL policy at call time; the DNS-backed one by default.
	 */
	public function __construct( ?Destination_Guard $guard = null ) {
		$this->guard = $guard ?? new Destination_Guard( new Dns_Resolver() );
	}

	public function send( Http_Request $request ): Http_Response {
		$stream_file = null;
		$args        = array(
			'method'             => $request->method,
			'headers'            => $request->headers,
			'body'               => $request->body ?? '',
			'timeout'            => (float) max( 1, $request->timeout_ms / 1000 ),
			'redirection'        => 0,
			'reject_unsafe_urls' => ! $request->allow_private_network,
			'user-agent'         => 'AI-Failover/' . ( defined( 'AIFO_VERSION' ) ? AIFO_VERSION : 'dev' ) . '; WordPress',
		);
		if ( $this->is_stream( $request ) ) {
			$stream_file = wp_tempnam( 'aifo-stream' );
			$args       += array(
				'stream'   => true,
				'filename' => $stream_file,
			);
		}

		$this->curl_limits = array(
			'connect_ms' => $request->connect_timeout_ms,
			// cURL's low-speed limit counts whole seconds: "less than 1 byte/s for N s" covers both a
			// slow first byte and a stream that stalls.
			'stall_s'    => (int) ceil( $request->first_byte_timeout_ms / 1000 ),
		);
		add_action( 'http_api_curl', array( $this, 'apply_curl_limits' ) );
		$started  = microtime( true );
		$response = $this->guard->around( $request->allow_private_network, static fn() => wp_remote_request( $request->url, $args ) );
		$duration = ( microtime( true ) - $started ) * 1000;
		remove_action( 'http_api_curl', array( $this, 'apply_curl_limits' ) );
		$this->curl_limits = null;

		$body = '';
		if ( null !== $stream_file ) {
			$body = is_readable( $stream_file ) ? (string) file_get_contents( $stream_file ) : ''; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- our own temp file.
			wp_delete_file( $stream_file );
		}

		if ( is_wp_error( $response ) ) {
			$message = $response->get_error_message();
			$kind    = self::failure_kind( $message );
			if ( 'truncated' === $kind ) {
				// The connection dropped mid-body; what arrived before is still worth reading.
				return new Http_Response( 200, array(), $body, null, $message, $duration, true );
			}
			return Http_Response::failed( $kind, $message, $duration );
		}

		$headers = array();
		foreach ( wp_remote_retrieve_headers( $response ) as $name => $value ) {
			$headers[ strtolower( (string) $name ) ] = is_array( $value ) ? implode( ', ', $value ) : (string) $value;
		}
		return new Http_Response(
			(int) wp_remote_retrieve_response_code( $response ),
			$headers,
			null !== $stream_file ? $body : wp_remote_retrieve_body( $response ),
			null,
			'',
			$duration
		);
	}

	/**
	 * Sets the limits WordPress's HTTP API has no argument for.
	 *
	 * @param mixed $handle cURL handle.
	 */
	public function apply_curl_limits( $handle ): void {
		if ( null === $this->curl_limits || ! $handle instanceof \CurlHandle ) {
			return;
		}
		curl_setopt( $handle, CURLOPT_CONNECTTIMEOUT_MS, $this->curl_limits['connect_ms'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt -- inside the HTTP API's own hook.
		if ( $this->curl_limits['stall_s'] > 0 ) {
			curl_setopt( $handle, CURLOPT_LOW_SPEED_LIMIT, 1 ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt
			curl_setopt( $handle, CURLOPT_LOW_SPEED_TIME, $this->curl_limits['stall_s'] ); // phpcs:ignore WordPress.WP.AlternativeFunctions.curl_curl_setopt
		}
	}

	/**
	 * Maps a transport error message to a failure kind.
	 *
	 * @param string $message WP_Error message (cURL or streams).
	 * @return string Http_Response::FAILURE_* or 'truncated'.
	 */
	public static function failure_kind( string $message ): string {
		if ( preg_match( '/cURL error (18|56)\b|transfer closed|Connection reset by peer/i', $message ) ) {
			return 'truncated';
		}
		if ( preg_match( '/cURL error 28\b|timed out|timeout/i', $message ) ) {
			return Http_Response::FAILURE_TIMEOUT;
		}
		if ( str_starts_with( $message, Destination_Guard::REFUSED_PREFIX ) || preg_match( '/valid URL was not provided|blocked requests through HTTP/i', $message ) ) {
			return Http_Response::FAILURE_BLOCKED;
		}
		return Http_Response::FAILURE_UNREACHABLE;
	}

	/**
	 * Whether the request asks for an event stream.
	 *
	 * @param Http_Request $request Request.
	 */
	private function is_stream( Http_Request $request ): bool {
		foreach ( $request->headers as $name => $value ) {
			if ( 'accept' === strtolower( $name ) && str_contains( $value, 'text/event-stream' ) ) {
				return true;
			}
		}
		return false;
	}
}
