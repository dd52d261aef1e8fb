<?php
/**
 * Applies a feature's access rule to the request being served.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

/**
 * The WordPress side of Access_Rule: the current user's roles, the client address (Client_Ip:
 * REMOTE_ADDR, or X-Forwarded-For behind the proxies the `aifo_trusted_proxies` filter names),
 * and whether the run has no visitor at all (WP-Cron, WP-CLI). Asked before the engine, so a
 * refused run never reaches a provider. A feature without an access rule costs one array look-up.
 *
 * @since n.e.x.t
 */
final class Access_Guard {

	/**
	 * Why the current request may not run the feature, or null when it may.
	 *
	 * @param array<string, mixed> $feature Feature, in the feature schema's shape.
	 * @return array{code: string, reason: string}|null
	 */
	public function refusal( array $feature ): ?array {
		$rule = Access_Rule::from_array( $feature['access'] ?? null );
		if ( $rule->is_open() ) {
			return null;
		}
		/**
		 * Filters the addresses and CIDR blocks of the site's own reverse proxies. A request whose
		 * connection comes from one of them is taken to come from the address its proxies wrote
		 * in X-Forwarded-For (the first from the right that is not a trusted proxy). None by
		 * default: the client address is REMOTE_ADDR.
		 *
		 * @since n.e.x.t
		 *
		 * @param list<string> $proxies Addresses and CIDR blocks, such as 10.0.0.0/8.
		 */
		$proxies = apply_filters( 'aifo_trusted_proxies', array() );
		$proxies = array_values( array_map( 'strval', is_array( $proxies ) ? $proxies : array() ) );
		$user    = wp_get_current_user();
		return $rule->refusal(
			array_values( array_map( 'strval', (array) $user->roles ) ),
			( new Client_Ip( $proxies ) )->of( $_SERVER ), // phpcs:ignore WordPress.Security.ValidatedSanitizedInput.InputNotSanitized -- Client_Ip only accepts valid IP literals.
			wp_doing_cron() || ( defined( 'WP_CLI' ) && WP_CLI )
		);
	}
}
