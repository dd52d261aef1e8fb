<?php
/**
 * Host name lookups through the system resolver.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Http;

use AI_Failover\Contracts\Host_Resolver;

/**
 * IPv4 through gethostbynamel() (the system resolver, /etc/hosts included, as cURL uses it);
 * IPv6 records are asked for only when a name has no IPv4 address, since the answer is pinned
 * for the request and IPv4 alone then suffices: one lookup per call, as cURL would make anyway.
 *
 * @since 0.2.0
 */
final class Dns_Resolver implements Host_Resolver {

	public function addresses( string $host ): array {
		$ipv4 = gethostbynamel( $host );
		if ( is_array( $ipv4 ) && $ipv4 ) {
			return array_values( array_unique( $ipv4 ) );
		}
		$records = @dns_get_record( $host, DNS_AAAA ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- a failed lookup is an answer (no address), not a warning.
		$ipv6    = array();
		foreach ( is_array( $records ) ? $records : array() as $record ) {
			if ( isset( $record['ipv6'] ) && false !== inet_pton( (string) $record['ipv6'] ) ) {
				$ipv6[] = (string) inet_ntop( (string) inet_pton( (string) $record['ipv6'] ) );
			}
		}
		return array_values( array_unique( $ipv6 ) );
	}
}
