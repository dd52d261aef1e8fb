<?php
/**
 * IP literals in every notation a URL host can use.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * Turns a URL host into the canonical address cURL and the resolver would connect to, so a policy
 * judges what is contacted rather than how it was spelled: inet_aton's IPv4 forms (decimal
 * 2130706433, hex 0x7f000001, octal 0177.0.0.1, short 127.1, mixed 0x7f.1), a trailing dot
 * (127.0.0.1.), bracketed IPv6 with or without a zone, and IPv6 with an embedded IPv4
 * (::ffff:127.0.0.1, ::ffff:7f00:1, 0:0:0:0:0:ffff:127.0.0.1). Pure PHP, no WordPress.
 *
 * @since 0.2.0
 */
final class Ip_Address {

	/** Result of parse() for a host that is numeric but no valid address (cURL would refuse it too). */
	public const MALFORMED = 'malformed';

	/**
	 * The host without the one trailing dot of a fully qualified name, lower-cased, unbracketed.
	 *
	 * @param string $host Host as it appears in the URL.
	 */
	public static function clean_host( string $host ): string {
		$host = strtolower( trim( $host ) );
		if ( str_starts_with( $host, '[' ) && str_ends_with( $host, ']' ) ) {
			return substr( $host, 1, -1 );
		}
		return str_ends_with( $host, '.' ) ? substr( $host, 0, -1 ) : $host;
	}

	/**
	 * The canonical address of an IP literal host (dotted IPv4, or inet_ntop's IPv6), null for a
	 * name, or MALFORMED for a host that ends in a number but is no address.
	 *
	 * @param string $host Host as it appears in the URL (IPv6 bracketed or not).
	 */
	public static function parse( string $host ): ?string {
		$host = self::clean_host( $host );
		if ( str_contains( $host, ':' ) ) {
			return self::parse_ipv6( $host );
		}
		$parts = explode( '.', $host );
		$last  = (string) end( $parts );
		if ( ! preg_match( '/^(?:\d+|0x[0-9a-f]*)$/', $last ) ) {
			return null;
		}
		// A host whose last label is a number is an IPv4 address or nothing (WHATWG URL, cURL).
		return self::parse_ipv4( $parts ) ?? self::MALFORMED;
	}

	/**
	 * The IPv4 address inside an IPv6 one that carries it (IPv4-mapped ::ffff:0:0/96, the
	 * deprecated IPv4-compatible ::/96, NAT64 64:ff9b::/96, 6to4 2002::/16), or null.
	 *
	 * @param string $ipv6 Canonical IPv6 address.
	 */
	public static function embedded_ipv4( string $ipv6 ): ?string {
		$bytes = inet_pton( $ipv6 );
		if ( false === $bytes || 16 !== strlen( $bytes ) ) {
			return null;
		}
		$head = substr( $bytes, 0, 12 );
		if ( str_repeat( "\0", 10 ) . "\xff\xff" === $head || "\0\x64\xff\x9b" . str_repeat( "\0", 8 ) === $head ) {
			return (string) inet_ntop( substr( $bytes, 12 ) );
		}
		if ( str_repeat( "\0", 12 ) === $head && ! in_array( substr( $bytes, 12 ), array( "\0\0\0\0", "\0\0\0\1" ), true ) ) {
			return (string) inet_ntop( substr( $bytes, 12 ) );
		}
		if ( "\x20\x02" === substr( $bytes, 0, 2 ) ) {
			return (string) inet_ntop( substr( $bytes, 2, 4 ) );
		}
		return null;
	}

	/**
	 * Whether an address lies in a CIDR block of the same family.
	 *
	 * @param string $address Canonical address.
	 * @param string $cidr    Block, such as 100.64.0.0/10 or fc00::/7.
	 */
	public static function in_block( string $address, string $cidr ): bool {
		list( $network, $bits ) = explode( '/', $cidr ) + array( 1 => '' );
		$address_bytes          = inet_pton( $address );
		$network_bytes          = inet_pton( $network );
		if ( false === $address_bytes || false === $network_bytes || strlen( $address_bytes ) !== strlen( $network_bytes ) ) {
			return false;
		}
		$bits  = '' === $bits ? 8 * strlen( $network_bytes ) : (int) $bits;
		$whole = intdiv( $bits, 8 );
		if ( substr( $address_bytes, 0, $whole ) !== substr( $network_bytes, 0, $whole ) ) {
			return false;
		}
		$rest = $bits % 8;
		if ( 0 === $rest ) {
			return true;
		}
		$mask = ( 0xff << ( 8 - $rest ) ) & 0xff;
		return ( ord( $address_bytes[ $whole ] ) & $mask ) === ( ord( $network_bytes[ $whole ] ) & $mask );
	}

	/**
	 * @param string $host Unbracketed IPv6 host, maybe with a %zone.
	 */
	private static function parse_ipv6( string $host ): string {
		$zone = strpos( $host, '%' );
		if ( false !== $zone ) {
			$host = substr( $host, 0, $zone );
		}
		$bytes = filter_var( $host, FILTER_VALIDATE_IP, FILTER_FLAG_IPV6 ) ? inet_pton( $host ) : false;
		return false === $bytes ? self::MALFORMED : (string) inet_ntop( $bytes );
	}

	/**
	 * As inet_aton: 1 to 4 parts, each decimal, 0x hex or 0-led octal; the last fills the bytes left.
	 *
	 * @param list<string> $parts Dot-separated parts.
	 */
	private static function parse_ipv4( array $parts ): ?string {
		if ( count( $parts ) > 4 ) {
			return null;
		}
		$numbers = array();
		foreach ( $parts as $part ) {
			$number = self::ipv4_part( $part );
			if ( null === $number ) {
				return null;
			}
			$numbers[] = $number;
		}
		$last  = (int) array_pop( $numbers );
		$value = 0;
		foreach ( $numbers as $index => $number ) {
			if ( $number > 255 ) {
				return null;
			}
			$value |= $number << ( 8 * ( 3 - $index ) );
		}
		if ( $last >= 1 << ( 8 * ( 4 - count( $numbers ) ) ) ) {
			return null;
		}
		return (string) long2ip( $value | $last );
	}

	/**
	 * One part's value, or null when it is no number (or too long to be a 32-bit one).
	 *
	 * @param string $part Part.
	 */
	private static function ipv4_part( string $part ): ?int {
		if ( preg_match( '/^0x([0-9a-f]{0,8})$/', $part, $hex ) ) {
			return '' === $hex[1] ? 0 : (int) hexdec( $hex[1] );
		}
		if ( preg_match( '/^0[0-7]{1,11}$/', $part ) ) {
			return (int) octdec( $part );
		}
		if ( preg_match( '/^(?:0|[1-9]\d{0,9})$/', $part ) ) {
			return (int) $part;
		}
		return null;
	}
}
