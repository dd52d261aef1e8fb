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
	 * @param string                $method                HTTP method.
	 * @param string                $url                   Absolute URL.
	 * @param array<string, string> $headers               Headers. Secrets travel here and nowhere else.
	 * @param string|null           $body                  Body.
	 * @param int                   $connect_timeout_ms    Connect timeout.
	 * @param int                   $timeout_ms            Whole-request timeout.
	 * @param bool                  $allow_private_network Whether loopback/private addresses may be contacted.
	 * @param int                   $first_byte_timeout_ms Give up when no byte arrives for this long (0 = no limit).
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
	) {
	}
}
