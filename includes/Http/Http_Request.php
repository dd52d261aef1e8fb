<?php
/**
 * An outgoing HTTP request.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Http;

/**
 * Immutable request description handed to an Http_Transport.
 *
 * @since 0.1.0
 */
final class Http_Request {

	/**
	 * @param string                             $method                HTTP method.
	 * @param string                             $url                   Absolute URL.
	 * @param array<string, string>              $headers               Headers. Secrets travel here and nowhere else.
	 * @param string|null                        $body                  Body.
	 * @param int                                $connect_timeout_ms    Connect timeout.
	 * @param int                                $timeout_ms            Whole-request timeout.
	 * @param bool                               $allow_private_network Whether loopback/private addresses may be contacted.
	 * @param int                                $first_byte_timeout_ms Give up when the body's first byte has not arrived this long after the start (0 = no limit).
	 * @param (\Closure(string, int): bool)|null $on_body Called with each piece of the body as it arrives, and the status; false stops the transfer.
	 * @param (\Closure(): ?float)|null          $hold_ms After each piece: how much longer the receiver holds what it got before it decides (null: not holding). A transport that can ends the transfer when the hold runs out with no new piece.
	 */
	public function __construct(
		public readonly string $method,
		public readonly string $url,
		public readonly array $headers = array(),
		public readonly ?string $body = null,
		public readonly int $connect_timeout_ms = 5000,
		public readonly int $timeout_ms = 30000,
		public readonly bool $allow_private_network = false,
		public readonly int $first_byte_timeout_ms = 0,
		public readonly ?\Closure $on_body = null,
		public readonly ?\Closure $hold_ms = null,
	) {
	}

	/**
	 * The same request, with a receiver for the body as it arrives. Transports that cannot deliver
	 * pieces never call it: the whole body is in the response either way.
	 *
	 * @param \Closure(string, int): bool $on_body Receives (bytes, HTTP status); returns false to stop the transfer.
	 * @param (\Closure(): ?float)|null   $hold_ms How long the receiver still holds what it got (see the constructor).
	 */
	public function with_body_receiver( \Closure $on_body, ?\Closure $hold_ms = null ): self {
		return new self( $this->method, $this->url, $this->headers, $this->body, $this->connect_timeout_ms, $this->timeout_ms, $this->allow_private_network, $this->first_byte_timeout_ms, $on_body, $hold_ms );
	}
}
