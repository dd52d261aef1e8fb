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
 * With `X-Aifo-Bench-Cost: 1`, the bare endpoint answers with `X-Aifo-Bench-Cost: boot_ms=…; hooks_ms=…; files=…`:
 * the time AI Failover spent in its plugins_loaded boot and in every one of its hook callbacks up to the
 * answer, and how many of its files were loaded (measured here, in-process, since 0.1 ms is below what
 * HTTP timing resolves). Only then: wrapping every callback in a timer and listing the loaded files cost
 * time themselves, which the other cases must not measure (on a run, the plugin's callbacks would pay
 * for the wrappers; on the bare endpoint, the file list would count as WordPress's own time).
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

/*
 * Where this request is, from here (the first mu-plugin, before any plugin loads) to the REST answer:
 * wall time, CPU time of this PHP worker (user + system: what the machine's load hardly changes, and
 * what limits throughput once the workers are busy) and database queries. Sent on the bare endpoint and
 * on the plugin's run endpoint as `X-Aifo-Bench-Server: wall_ms=…; cpu_ms=…; queries=…`.
 */
$GLOBALS['aifo_bench_server'] = array( hrtime( true ), getrusage() );

/**
 * Time spent in AI Failover's callbacks on this request, in nanoseconds: [boot, hooks].
 *
 * @var array{0: int, 1: int}
 */
$GLOBALS['aifo_bench_cost'] = array( 0, 0 );
if ( ! empty( $_SERVER['HTTP_X_AIFO_BENCH_COST'] ) ) {
	add_action( 'plugins_loaded', static fn() => $GLOBALS['aifo_bench_cost'][0] -= hrtime( true ), 9 );
	add_action(
		'plugins_loaded',
		static function (): void {
			$GLOBALS['aifo_bench_cost'][0] += hrtime( true );
			// Every callback AI Failover registered is wrapped in a timer, so later hooks count too.
			foreach ( $GLOBALS['wp_filter'] as $hook ) {
				foreach ( $hook->callbacks as $priority => $callbacks ) {
					foreach ( $callbacks as $id => $callback ) {
						$function = $callback['function'];
						$owner    = is_array( $function ) ? $function[0] : $function;
						$owner    = $owner instanceof Closure ? ( new ReflectionFunction( $owner ) )->getClosureScopeClass()?->getName() : ( is_object( $owner ) ? get_class( $owner ) : (string) $owner );
						if ( ! is_string( $owner ) || ! str_starts_with( ltrim( $owner, '\\' ), 'AI_Failover\\' ) ) {
							continue;
						}
						$hook->callbacks[ $priority ][ $id ]['function'] = static function ( ...$args ) use ( $function ) {
							$start                          = hrtime( true );
							$result                         = $function( ...$args );
							$GLOBALS['aifo_bench_cost'][1] += hrtime( true ) - $start;
							return $result;
						};
					}
				}
			}
		},
		PHP_INT_MAX
	);
}
add_filter(
	'rest_post_dispatch',
	static function ( $response, $server, $request ) {
		global $wpdb;
		if ( $response instanceof WP_REST_Response && ( '/aifo-bench/v1/bare' === $request->get_route() || str_ends_with( $request->get_route(), '/run' ) ) ) {
			list( $started, $usage ) = $GLOBALS['aifo_bench_server'];
			$now                     = getrusage();
			$cpu_us                  = ( $now['ru_utime.tv_sec'] - $usage['ru_utime.tv_sec'] + $now['ru_stime.tv_sec'] - $usage['ru_stime.tv_sec'] ) * 1e6 + $now['ru_utime.tv_usec'] - $usage['ru_utime.tv_usec'] + $now['ru_stime.tv_usec'] - $usage['ru_stime.tv_usec'];
			$response->header( 'X-Aifo-Bench-Server', sprintf( 'wall_ms=%.3f; cpu_ms=%.3f; queries=%d', ( hrtime( true ) - $started ) / 1e6, $cpu_us / 1e3, $wpdb->num_queries ) );
		}
		if ( '/aifo-bench/v1/bare' === $request->get_route() && $response instanceof WP_REST_Response && ! empty( $_SERVER['HTTP_X_AIFO_BENCH_COST'] ) ) {
			$dir = defined( 'AIFO_PLUGIN_DIR' ) ? realpath( AIFO_PLUGIN_DIR ) . '/' : null;
			// The plugin's own PHP (the rig's WordPress lives under .rig/ of the same folder).
			$files = null === $dir ? array() : array_filter( get_included_files(), static fn( $file ) => (bool) preg_match( '#^' . preg_quote( $dir, '#' ) . '(plugin\.php$|includes/)#', (string) realpath( $file ) ) );
			$response->header( 'X-Aifo-Bench-Cost', sprintf( 'boot_ms=%.4f; hooks_ms=%.4f; files=%d', $GLOBALS['aifo_bench_cost'][0] / 1e6, $GLOBALS['aifo_bench_cost'][1] / 1e6, count( $files ) ) );
			if ( count( $files ) <= 8 ) {
				$response->header( 'X-Aifo-Bench-Files', implode( ' ', array_map( static fn( $file ) => substr( (string) realpath( $file ), strlen( (string) $dir ) ), $files ) ) );
			}
		}
		return $response;
	},
	10,
	3
);

/*
 * A streamed run's first token, measured by PHP as well: right after the plugin has written its first
 * delta (the same `requests-request.progress` call, a later priority than the plugin's own receiver), an
 * SSE comment `: aifo-bench-first-delta wall_ms=…; cpu_ms=…; queries=…; upstream_ms=…` follows it (SSE
 * clients ignore comments). wall and CPU count from the first mu-plugin, as X-Aifo-Bench-Server does;
 * upstream_ms is the provider's own part, from cURL's start (`http_api_curl`) to that first text piece,
 * so wall_ms - upstream_ms is what the request spent itself before its first token. Text is recognised
 * in OpenAI's chunk format, which every bench provider speaks.
 */
add_action(
	'http_api_curl',
	static function (): void {
		$GLOBALS['aifo_bench_server'][2] = hrtime( true );
	},
	PHP_INT_MAX
);
add_action(
	'requests-request.progress',
	static function ( $data ): void {
		global $wpdb;
		if ( isset( $GLOBALS['aifo_bench_server'][3] ) || ! isset( $GLOBALS['aifo_bench_server'][2] ) || ! is_string( $data ) || ! preg_match( '/"delta":\{[^}]*"content":"[^"]/', $data ) ) {
			return;
		}
		if ( ! headers_sent() || ! preg_grep( '#^content-type:\s*text/event-stream#i', headers_list() ) ) {
			return;
		}
		$now                             = hrtime( true );
		$GLOBALS['aifo_bench_server'][3] = $now;
		list( $started, $usage )         = $GLOBALS['aifo_bench_server'];
		$end                             = getrusage();
		$cpu_us                          = ( $end['ru_utime.tv_sec'] - $usage['ru_utime.tv_sec'] + $end['ru_stime.tv_sec'] - $usage['ru_stime.tv_sec'] ) * 1e6 + $end['ru_utime.tv_usec'] - $usage['ru_utime.tv_usec'] + $end['ru_stime.tv_usec'] - $usage['ru_stime.tv_usec'];
		// phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- numbers in an SSE comment.
		echo sprintf( ": aifo-bench-first-delta wall_ms=%.3f; cpu_ms=%.3f; queries=%d; upstream_ms=%.3f\n\n", ( $now - $started ) / 1e6, $cpu_us / 1e3, $wpdb->num_queries, ( $now - $GLOBALS['aifo_bench_server'][2] ) / 1e6 );
		flush();
	},
	20
);

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
