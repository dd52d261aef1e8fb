<?php
/**
 * Addresses a server-side request must not reach by default.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * IANA's IPv4 and IPv6 Special-Purpose Address Registries (2025 editions) plus the multicast
 * blocks, each sorted into one of two verdicts:
 *
 * - NEVER: reachable from no request whatever the provider's flag says: link-local (where the
 *   cloud metadata services live: 169.254.169.254, fd00:ec2::254, and named ones), multicast,
 *   the reserved 240/4 and broadcast. "Allow private network" exists for model servers on this
 *   machine or the LAN, and none of these is one.
 * - PRIVATE: loopback, RFC 1918, CGNAT, unique local, documentation, benchmarking, protocol
 *   assignments, translation prefixes...: allowed only with the provider's explicit flag.
 *
 * A registry entry marked globally reachable (AS112, AMT) is still treated as private: no model
 * API lives there and refusing it costs nothing.
 *
 * @since 0.2.0
 */
final class Special_Addresses {

	public const NEVER   = 'never';
	public const PRIVATE = 'private';

	/** Cloud metadata endpoints outside the link-local blocks (Alibaba, Oracle, AWS IPv6). */
	private const METADATA = array( '100.100.100.200/32', '192.0.0.192/32', 'fd00:ec2::254/128' );

	/** Names of metadata services, which resolve to link-local addresses inside their clouds. */
	public const METADATA_NAMES = array( 'metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data' );

	/**
	 * Block => [verdict, what it is].
	 *
	 * @var array<string, array{0: string, 1: string}>
	 */
	private const BLOCKS = array(
		'169.254.0.0/16'    => array( self::NEVER, 'link-local' ),
		'224.0.0.0/4'       => array( self::NEVER, 'multicast' ),
		'240.0.0.0/4'       => array( self::NEVER, 'reserved' ),
		'fe80::/10'         => array( self::NEVER, 'link-local' ),
		'ff00::/8'          => array( self::NEVER, 'multicast' ),
		'0.0.0.0/8'         => array( self::PRIVATE, '"this network"' ),
		'10.0.0.0/8'        => array( self::PRIVATE, 'private-use' ),
		'100.64.0.0/10'     => array( self::PRIVATE, 'shared (CGNAT)' ),
		'127.0.0.0/8'       => array( self::PRIVATE, 'loopback' ),
		'172.16.0.0/12'     => array( self::PRIVATE, 'private-use' ),
		'192.0.0.0/24'      => array( self::PRIVATE, 'IETF protocol assignments' ),
		'192.0.2.0/24'      => array( self::PRIVATE, 'documentation' ),
		'192.31.196.0/24'   => array( self::PRIVATE, 'AS112' ),
		'192.52.193.0/24'   => array( self::PRIVATE, 'AMT' ),
		'192.88.99.0/24'    => array( self::PRIVATE, '6to4 relay anycast' ),
		'192.168.0.0/16'    => array( self::PRIVATE, 'private-use' ),
		'192.175.48.0/24'   => array( self::PRIVATE, 'AS112 direct delegation' ),
		'198.18.0.0/15'     => array( self::PRIVATE, 'benchmarking' ),
		'198.51.100.0/24'   => array( self::PRIVATE, 'documentation' ),
		'203.0.113.0/24'    => array( self::PRIVATE, 'documentation' ),
		'::/128'            => array( self::PRIVATE, 'unspecified' ),
		'::1/128'           => array( self::PRIVATE, 'loopback' ),
		'::/96'             => array( self::PRIVATE, 'IPv4-compatible' ),
		'::ffff:0:0/96'     => array( self::PRIVATE, 'IPv4-mapped' ),
		'::ffff:0:0:0/96'   => array( self::PRIVATE, 'IPv4-translated' ),
		'64:ff9b:1::/48'    => array( self::PRIVATE, 'local-use IPv4/IPv6 translation' ),
		'100::/64'          => array( self::PRIVATE, 'discard-only' ),
		'100:0:0:1::/64'    => array( self::PRIVATE, 'dummy prefix' ),
		'2001::/23'         => array( self::PRIVATE, 'IETF protocol assignments' ),
		'2001:db8::/32'     => array( self::PRIVATE, 'documentation' ),
		'2002::/16'         => array( self::PRIVATE, '6to4' ),
		'2620:4f:8000::/48' => array( self::PRIVATE, 'AS112 direct delegation' ),
		'3fff::/20'         => array( self::PRIVATE, 'documentation' ),
		'5f00::/16'         => array( self::PRIVATE, 'segment routing (SRv6) SIDs' ),
		'fc00::/7'          => array( self::PRIVATE, 'unique local' ),
		'fec0::/10'         => array( self::PRIVATE, 'site-local' ),
	);

	/**
	 * The verdict on a canonical address and what it is, or null for an ordinary public address.
	 * An IPv6 address carrying an IPv4 one is judged by the stricter of the two.
	 *
	 * @param string $address Canonical address (Ip_Address::parse()).
	 * @return array{0: string, 1: string}|null
	 */
	public static function verdict( string $address ): ?array {
		foreach ( self::METADATA as $block ) {
			if ( Ip_Address::in_block( $address, $block ) ) {
				return array( self::NEVER, 'cloud metadata' );
			}
		}
		$embedded = str_contains( $address, ':' ) ? Ip_Address::embedded_ipv4( $address ) : null;
		if ( null !== $embedded ) {
			$inner = self::verdict( $embedded );
			if ( null !== $inner ) {
				return $inner;
			}
			// ::ffff:8.8.8.8 and 64:ff9b::8.8.8.8 reach the public address they carry.
			if ( ! Ip_Address::in_block( $address, '2002::/16' ) ) {
				return null;
			}
		}
		foreach ( self::BLOCKS as $block => $verdict ) {
			if ( Ip_Address::in_block( $address, $block ) ) {
				return $verdict;
			}
		}
		return null;
	}
}
