<?php
/**
 * Plugin Name: AI Failover run-path spans (test rigs only)
 * Description: Copied into the test rig's mu-plugins by `bench/spans.mjs` and removed afterwards. A request
 * with `X-Aifo-Bench-Spans: 1` gets the response header `X-Aifo-Bench-Spans`: for each phase of the
 * request (marked at WordPress's and the plugin's own hooks, nothing inside the plugin's code), the CPU
 * time of this PHP worker (getrusage, µs) and the wall time (µs), plus every database query's time
 * (SAVEQUERIES) by phase. Phases that a request does not reach are left out.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

if ( empty( $_SERVER['HTTP_X_AIFO_BENCH_SPANS'] ) ) {
	return;
}

if ( ! defined( 'SAVEQUERIES' ) ) {
	define( 'SAVEQUERIES', true );
}

/**
 * Marks the end of the phase that began at the previous mark.
 *
 * @param string $name The phase that ends here.
 */
function aifo_bench_span( string $name ): void {
	global $wpdb;
	$usage = getrusage();
	$cpu   = ( $usage['ru_utime.tv_sec'] + $usage['ru_stime.tv_sec'] ) * 1000000 + $usage['ru_utime.tv_usec'] + $usage['ru_stime.tv_usec'];
	$now   = hrtime( true );
	$last  = $GLOBALS['aifo_bench_spans_last'];
	$q     = isset( $wpdb->queries ) ? count( $wpdb->queries ) : 0;
	$db_us = 0.0;
	for ( $i = $last[2]; $i < $q; $i++ ) {
		$db_us += (float) $wpdb->queries[ $i ][1] * 1e6;
	}
	$GLOBALS['aifo_bench_spans'][]    = sprintf( '%s=%d/%d/%d/%d', $name, $cpu - $last[0], (int) ( ( $now - $last[1] ) / 1000 ), $q - $last[2], (int) $db_us );
	$GLOBALS['aifo_bench_spans_last'] = array( $cpu, $now, $q );
}

$GLOBALS['aifo_bench_spans'] = array();
$aifo_bench_usage            = getrusage();
// The span of WordPress's boot up to here is not measured (the same for every request).
$GLOBALS['aifo_bench_spans_last'] = array( ( $aifo_bench_usage['ru_utime.tv_sec'] + $aifo_bench_usage['ru_stime.tv_sec'] ) * 1000000 + $aifo_bench_usage['ru_utime.tv_usec'] + $aifo_bench_usage['ru_stime.tv_usec'], hrtime( true ), 0 );

$aifo_bench_marks = array(
	// [hook, priority, name of the phase that ends there].
	array( 'plugins_loaded', PHP_INT_MAX, 'plugins' ),
	array( 'init', PHP_INT_MAX, 'init' ),
	array( 'rest_api_init', -1000, 'parse' ),
	array( 'rest_api_init', PHP_INT_MAX, 'routes' ),
	array( 'rest_pre_dispatch', PHP_INT_MAX, 'auth' ),
	array( 'rest_request_before_callbacks', PHP_INT_MAX, 'match_validate' ),
	array( 'aifo_run_started', PHP_INT_MAX, 'run_load' ),
	array( 'pre_http_request', PHP_INT_MAX, 'plan_keys' ),
	array( 'http_api_curl', PHP_INT_MAX, 'http_setup' ),
	array( 'http_api_debug', -1000, 'http_call' ),
	array( 'aifo_attempt_finished', PHP_INT_MAX, 'attempt_books' ),
	array( 'aifo_fallback_started', PHP_INT_MAX, 'fallback' ),
	array( 'aifo_run_finished', PHP_INT_MAX, 'finish_insert' ),
	array( 'rest_post_dispatch', -1000, 'result' ),
);
foreach ( $aifo_bench_marks as list( $aifo_bench_hook, $aifo_bench_priority, $aifo_bench_name ) ) {
	add_filter(
		$aifo_bench_hook,
		static function ( $value = null ) use ( $aifo_bench_name ) {
			aifo_bench_span( $aifo_bench_name );
			return $value;
		},
		$aifo_bench_priority
	);
}
add_filter(
	'rest_post_dispatch',
	static function ( $response ) {
		aifo_bench_span( 'post_dispatch' );
		if ( $response instanceof WP_REST_Response ) {
			$response->header( 'X-Aifo-Bench-Spans', implode( '; ', $GLOBALS['aifo_bench_spans'] ) );
		}
		return $response;
	},
	PHP_INT_MAX - 1
);
