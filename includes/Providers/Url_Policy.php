<?php
/**
 * Which base URLs a provider may use.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

/**
 * A base URL on a loopback, private, link-local or reserved address needs the provider's explicit
 * "private network allowed" flag, so a stolen admin session cannot turn the plugin into a probe of
 * the server's own network. Literal addresses and localhost names are checked here (at save time
 * and before each call); names that resolve to private addresses are refused at request time by
 * the WordPress HTTP API's reject_unsafe_urls.
 *
 * @since 0.1.0
 */
final class Url_Policy {

	/**
	 * Why the URL is refused, or null when it is allowed.
	 *
	 * @param string $url                   Base URL.
	 * @param bool   $allow_private_network Provider flag.
	 */
	public static function problem( string $url, bool $allow_private_network ): ?string {
		if ( str_starts_with( $url, 'simulator://' ) ) {
			return null;
		}
		$parts = parse_url( $url ); // phpcs:ignore WordPress.WP.AlternativeFunctions.parse_url_parse_url -- pure code, no WordPress loaded in unit tests.
		if ( ! is_array( $parts ) || ! in_array( strtolower( $parts['scheme'] ?? '' ), array( 'http', 'https' ), true ) || empty( $parts['host'] ) ) {
			return __( 'The base URL must be an http or https URL.', 'ai-failover' );
		}
		if ( isset( $parts['user'] ) || isset( $parts['pass'] ) ) {
			return __( 'Put credentials in a key, not in the base URL.', 'ai-failover' );
		}
		if ( ! $allow_private_network && self::is_private_host( $parts['host'] ) ) {
			return __( 'This base URL is on a loopback or private network address. Turn on "Allow private network" for this provider if that is intended (local servers such as Ollama or LM Studio).', 'ai-failover' );
		}
		return null;
	}

	/**
	 * Whether a host is a loopback/private/reserved IP literal or a localhost name.
	 *
	 * @param string $host Host from the URL (IPv6 may be bracketed).
	 */
	public static function is_private_host( string $host ): bool {
		$host = strtolower( trim( $host, '[]' ) );
		if ( 'localhost' === $host || str_ends_with( $host, '.localhost' ) || str_ends_with( $host, '.local' ) || str_ends_with( $host, '.internal' ) ) {
			return true;
		}
		if ( false === filter_var( $host, FILTER_VALIDATE_IP ) ) {
			return false;
		}
		// IPv4-mapped IPv6 (::ffff:127.0.0.1) is checked as the IPv4 address it is.
		if ( preg_match( '/^::ffff:(\d+\.\d+\.\d+\.\d+)$/', $host, $mapped ) ) {
			$host = $mapped[1];
		}
		return false === filter_var( $host, FILTER_VALIDATE_IP, FILTER_FLAG_NO_PRIV_RANGE | FILTER_FLAG_NO_RES_RANGE );
	}
}
