<?php
/**
 * Plugin Name: AI Failover benchmark baseline (test rigs only)
 * Description: Installed by `npm run bench` into the test rig's mu-plugins and removed afterwards. A bare
 * authenticated REST endpoint, POST /aifo-bench/v1/bare: the same application-password login and one
 * capability check as the plugin's run endpoint, then a fixed JSON answer, so the difference between the
 * two is what the plugin costs. With the header `X-Aifo-Bench-Plugin: off` the request is served without
 * AI Failover loaded at all (what the plugin costs on requests that do not use it). With
 * `X-Aifo-Bench-Forget-Breakers: 1`, the bench providers' breakers (routes and keys) are closed after the response
 * has been sent, so a failure case measures the full failover path every time instead of the open
 * breaker's skip (which has a case of its own).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

if ( isset( $_SERVER['HTTP_X_AIFO_BENCH_PLUGIN'] ) && 'off' === $_SERVER['HTTP_X_AIFO_BENCH_PLUGIN'] ) {
	add_filter(
		'option_active_plugins',
		static fn( $plugins ) => array_values( array_filter( (array) $plugins, static fn( $plugin ) => ! str_starts_with( (string) $plugin, 'ai-failover/' ) ) )
	);
}

if ( isset( $_SERVER['HTTP_X_AIFO_BENCH_FORGET_BREAKERS'] ) ) {
	add_action(
		'shutdown',
		static function (): void {
			global $wpdb;
			if ( function_exists( 'fastcgi_finish_request' ) ) {
				fastcgi_finish_request(); // The client has its answer before this runs.
			}
			// Route and key breakers are closed again; key states (a key cooling after a 429) stay.
			// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark rig only: the bench providers' breakers.
			$wpdb->query( "UPDATE {$wpdb->prefix}aifo_state SET breaker = 'closed', failures = 0, opened_at = 0, probe_until = 0 WHERE provider_id LIKE 'bench-%'" );
		},
		PHP_INT_MAX
	);
}

add_action(
	'rest_api_init',
	static function (): void {
		register_rest_route(
			'aifo-bench/v1',
			'/bare',
			array(
				'methods'             => 'POST',
				'permission_callback' => static fn() => current_user_can( 'edit_posts' ),
				'callback'            => static function ( WP_REST_Request $request ) {
					$body = $request->get_json_params();
					return rest_ensure_response(
						array(
							'status' => 'done',
							'output' => array( 'text' => 'route=bare ' . substr( (string) ( $body['messages'][0]['content'] ?? '' ), 0, 40 ) ),
						)
					);
				},
			)
		);
	}
);
