<?php
/**
 * Which URLs the plugin may call: provider base URLs and the alert webhook.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * A URL on a loopback, private or special-purpose address needs the caller's explicit "private
 * network allowed" flag, so a stolen admin session cannot turn the plugin into a probe of the
 * server's own network; link-local (cloud metadata), multicast and reserved addresses are refused
 * even with the flag. Hosts are judged by the address they denote (Ip_Address reads every IP
 * notation) and localhost-style names by name. This class judges; names are resolved and each
 * answer judged by Http\Destination_Guard, at save time and again, pinned, on every call.
 *
 * @since 0.1.0
 */
final class Url_Policy {

	/** Names that only ever mean this machine or the local network. */
	private const LOCAL_NAMES = array( 'localhost', 'ip6-localhost', 'ip6-loopback' );

	/** Suffixes of names that only ever mean this machine or the local network. */
	private const LOCAL_SUFFIXES = array( '.localhost', '.local', '.internal', '.localdomain', '.home.arpa', '.lan' );

	/**
	 * Why a provider base URL is refused, or null when it is allowed.
	 *
	 * @param string $url                   Base URL.
	 * @param bool   $allow_private_network Provider flag.
	 */
	public static function problem( string $url, bool $allow_private_network ): ?string {
		if ( str_starts_with( $url, 'simulator://' ) ) {
			return null;
		}
		$parts = self::parts( $url );
		if ( is_string( $parts ) ) {
			return $parts;
		}
		return self::host_problem( $parts['host'], $allow_private_network );
	}

	/**
	 * The scheme, host and port of an http(s) URL without credentials, or why it is not one.
	 *
	 * @param string $url URL.
	 * @return array{scheme: string, host: string, port: int}|string
	 */
	public static function parts( string $url ): array|string {
		$parts  = parse_url( $url ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure code, no WordPress loaded in unit tests.
		$scheme = is_array( $parts ) ? strtolower( $parts['scheme'] ?? '' ) : '';
		if ( ! is_array( $parts ) || ! in_array( $scheme, array( 'http', 'https' ), true ) || empty( $parts['host'] ) ) {
			return __( 'The URL must be an http or https URL.', 'ai-failover' );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return __( 'Put credentials in a key, not in the URL.', 'ai-failover' );
		}
		if ( preg_match( '/[%\\\\\s@]/', $parts['host'] ) && ! str_starts_with( $parts['host'], '[' ) ) {
			return __( 'The URL must be an http or https URL.', 'ai-failover' );
		}
		return array(
			'scheme' => $scheme,
			'host'   => $parts['host'],
			'port'   => (int) ( $parts['port'] ?? ( 'https' === $scheme ? 443 : 80 ) ),
		);
	}

	/**
	 * Why a host (name or IP literal in any notation) is refused, or null.
	 *
	 * @param string $host                  Host from the URL.
	 * @param bool   $allow_private_network Flag.
	 */
	public static function host_problem( string $host, bool $allow_private_network ): ?string {
		$address = Ip_Address::parse( $host );
		if ( Ip_Address::MALFORMED === $address ) {
			return __( 'The URL must be an http or https URL.', 'ai-failover' );
		}
		if ( null !== $address ) {
			return self::address_problem( $address, $allow_private_network );
		}
		$name = Ip_Address::clean_host( $host );
		if ( in_array( $name, Special_Addresses::METADATA_NAMES, true ) ) {
			return self::refusal( array( Special_Addresses::NEVER, 'cloud metadata' ), $name );
		}
		if ( ! $allow_private_network && ( in_array( $name, self::LOCAL_NAMES, true ) || self::ends_with_any( $name, self::LOCAL_SUFFIXES ) ) ) {
			return self::refusal( array( Special_Addresses::PRIVATE, 'local-network name' ), $name );
		}
		return null;
	}

	/**
	 * Why a canonical address (a literal, or what a name resolved to) is refused, or null.
	 *
	 * @param string $address               Canonical address.
	 * @param bool   $allow_private_network Flag.
	 */
	public static function address_problem( string $address, bool $allow_private_network ): ?string {
		$verdict = Special_Addresses::verdict( $address );
		if ( null === $verdict || ( $allow_private_network && Special_Addresses::PRIVATE === $verdict[0] ) ) {
			return null;
		}
		return self::refusal( $verdict, $address );
	}

	/**
	 * @param array{0: string, 1: string} $verdict What the address is.
	 * @param string                      $what    The address or name.
	 */
	private static function refusal( array $verdict, string $what ): string {
		if ( Special_Addresses::NEVER === $verdict[0] ) {
			/* translators: 1: Address or host name, 2: Kind of address, such as "link-local". */
			return sprintf( __( 'This URL points to %1$s (%2$s), which the plugin never calls, not even with "Allow private network".', 'ai-failover' ), $what, $verdict[1] );
		}
		/* translators: 1: Address or host name, 2: Kind of address, such as "loopback". */
		return sprintf( __( 'This URL points to %1$s (%2$s). Only a provider with "Allow private network" turned on may call such an address (local servers such as Ollama or LM Studio).', 'ai-failover' ), $what, $verdict[1] );
	}

	/**
	 * @param string       $name     Name.
	 * @param list<string> $suffixes Suffixes.
	 */
	private static function ends_with_any( string $name, array $suffixes ): bool {
		foreach ( $suffixes as $suffix ) {
			if ( str_ends_with( $name, $suffix ) ) {
				return true;
			}
		}
		return false;
	}
}
