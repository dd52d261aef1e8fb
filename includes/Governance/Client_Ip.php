<?php
/**
 * The address a request came from.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

/**
 * The client's address is the connection's (REMOTE_ADDR), never a header a client can write,
 * unless the connection comes from a trusted proxy (the `aifo_trusted_proxies` filter: addresses
 * and CIDR blocks, none by default). Then X-Forwarded-For is read from its right end, skipping the
 * trusted proxies, and the first address that is not one of them is the client: everything left
 * of it was written by whoever sent the request and proves nothing. Pure PHP.
 *
 * @since n.e.x.t
 */
final class Client_Ip {

	/**
	 * @param list<string> $trusted_proxies Addresses and CIDR blocks of the site's own proxies.
	 */
	public function __construct( private readonly array $trusted_proxies = array() ) {
	}

	/**
	 * The client address of a request, or null when it has none (CLI) or it is not an address.
	 *
	 * @param array<string, mixed> $server $_SERVER or a test's copy.
	 */
	public function of( array $server ): ?string {
		$remote = self::address( (string) ( $server['REMOTE_ADDR'] ?? '' ) );
		if ( null === $remote || ! $this->trusted_proxies ) {
			return $remote;
		}
		$proxies = new Access_Rule( array(), $this->trusted_proxies );
		if ( ! $proxies->allows_ip( $remote ) ) {
			return $remote;
		}
		$hops = array_reverse( array_map( 'trim', explode( ',', (string) ( $server['HTTP_X_FORWARDED_FOR'] ?? '' ) ) ) );
		foreach ( $hops as $hop ) {
			$hop = self::address( $hop );
			if ( null === $hop ) {
				// A hop a proxy of ours would not write: nothing left of it can be believed.
				return $remote;
			}
			if ( ! $proxies->allows_ip( $hop ) ) {
				return $hop;
			}
			$remote = $hop;
		}
		return $remote;
	}

	/**
	 * @param string $value An address, maybe bracketed IPv6.
	 */
	private static function address( string $value ): ?string {
		$value = trim( $value, " \t[]" );
		return filter_var( $value, FILTER_VALIDATE_IP ) ? $value : null;
	}
}
