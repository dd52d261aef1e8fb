<?php
/**
 * Shared-state benchmark. Run inside the rig's WordPress: npm run bench:state
 *
 * Prints (1) database queries per run through aifo_run() against the fake provider, split into the
 * shared state's reads and writes (breakers, key states) and the rest, each run starting from a
 * cold request cache as a real request does; (2) what concurrent HTTP runs leave behind: upstream
 * 503s against the breaker's count, and keys cooling after 12 providers answered 429 at once.
 * The script runs against any version of the plugin (it uses only aifo_run(), the REST API and the
 * classes' public methods), so the figures before and after a change come from the same script.
 *
 * @package AI_Failover
 */

use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;

$aifo_bench_n    = (int) ( $args[0] ?? 200 );
$aifo_bench_fake = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
$aifo_bench_site = rtrim( (string) getenv( 'WP_BASE_URL' ), '/' );
$aifo_bench_auth = 'Basic ' . base64_encode( ( getenv( 'WP_ADMIN_USER' ) ?: 'admin' ) . ':' . getenv( 'WP_APP_PASSWORD' ) ); // phpcs:ignore WordPress.PHP.DiscouragedPHPFunctions.obfuscation_base64_encode -- HTTP Basic auth.

// The benchmark writes providers, keys and features; what the site had is put back at the end.
$aifo_bench_saved = array();
foreach ( array( 'aifo_providers', 'aifo_features', Key_Vault::OPTION ) as $aifo_bench_option ) {
	$aifo_bench_saved[ $aifo_bench_option ] = get_option( $aifo_bench_option, null );
}

/**
 * Percentile of a sorted list.
 *
 * @param float[] $sorted Values.
 * @param float   $p      0..1.
 */
function aifo_bench_state_pct( array $sorted, float $p ): float {
	return $sorted[ (int) min( count( $sorted ) - 1, floor( $p * count( $sorted ) ) ) ];
}

/**
 * Deletes every breaker and key state of the bench providers (before and after this change).
 */
function aifo_bench_state_reset(): void {
	global $wpdb;
	// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the benchmark resets what it made, in either storage.
	if ( $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->prefix . 'aifo_state' ) ) ) {
		$wpdb->query( "DELETE FROM {$wpdb->prefix}aifo_state WHERE provider_id LIKE 'bench-%'" );
	}
	$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_state\\_%' AND option_name <> 'aifo_state_db_version'" );
	// phpcs:enable
	delete_option( Key_State_Store::OPTION );
	wp_cache_flush();
}

/**
 * A provider pointed at the fake provider, with keys.
 *
 * @param string       $id    Provider id.
 * @param string       $route Fake route for every request ('' = decided by the key).
 * @param list<string> $keys  Keys.
 * @return list<string> Key ids.
 */
function aifo_bench_state_provider( string $id, string $route, array $keys ): array {
	global $aifo_bench_fake;
	$providers        = (array) get_option( 'aifo_providers', array() );
	$providers[ $id ] = array(
		'id'                    => $id,
		'label'                 => $id,
		'preset'                => 'openai',
		'base_url'              => $aifo_bench_fake . ( '' !== $route ? '/r/' . $route : '' ) . '/v1',
		'allow_private_network' => true,
	);
	update_option( 'aifo_providers', $providers );
	$vault = new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
	$vault->delete_provider( $id ); // Keys left by an interrupted earlier run.
	$ids = array();
	foreach ( $keys as $index => $key ) {
		$ids[] = (string) $vault->add( $id, 'key-' . $index, $key )['id'];
	}
	return $ids;
}

/**
 * A feature over routes (provider ids, model gpt-4o-mini), two attempts per route, no backoff.
 *
 * @param string       $id     Feature id.
 * @param list<string> $routes Provider ids, primary first.
 */
function aifo_bench_state_feature( string $id, array $routes ): void {
	$features        = (array) get_option( 'aifo_features', array() );
	$features[ $id ] = array(
		'id'        => $id,
		'label'     => $id,
		'primary'   => array(
			'provider_id' => $routes[0],
			'model'       => 'gpt-4o-mini',
		),
		'fallbacks' => array_map(
			static fn( string $provider ) => array(
				'provider_id' => $provider,
				'model'       => 'gpt-4o-mini',
			),
			array_slice( $routes, 1 )
		),
		'triggers'  => array(
			'server'       => true,
			'rate_limited' => true,
		),
		'retry'     => array(
			'attempts_per_route' => 2,
			'base_delay_ms'      => 0,
			'max_delay_ms'       => 0,
			'total_budget_ms'    => 20000,
		),
		'timeouts'  => array(
			'connect_ms'    => 1000,
			'first_byte_ms' => 2000,
			'total_ms'      => 2000,
		),
	);
	update_option( 'aifo_features', $features );
}

/**
 * Runs features over real HTTP, all requests in flight at once.
 *
 * @param list<string> $features Feature ids, one request each.
 * @return list<array<string, mixed>> Run results.
 */
function aifo_bench_state_parallel( array $features ): array {
	global $aifo_bench_site, $aifo_bench_auth;
	$multi   = curl_multi_init();
	$handles = array();
	foreach ( $features as $feature ) {
		$handle = curl_init( $aifo_bench_site . '/wp-json/ai-failover/v1/features/' . $feature . '/run' );
		curl_setopt_array(
			$handle,
			array(
				CURLOPT_POST           => true,
				CURLOPT_POSTFIELDS     => '{"messages":[{"role":"user","content":"Hi"}]}',
				CURLOPT_HTTPHEADER     => array( 'Content-Type: application/json', 'Authorization: ' . $aifo_bench_auth ),
				CURLOPT_RETURNTRANSFER => true,
				CURLOPT_TIMEOUT        => 30,
			)
		);
		curl_multi_add_handle( $multi, $handle );
		$handles[] = $handle;
	}
	do {
		$status = curl_multi_exec( $multi, $running );
		if ( $running ) {
			curl_multi_select( $multi, 1.0 );
		}
	} while ( $running && CURLM_OK === $status );
	$runs = array();
	foreach ( $handles as $handle ) {
		$runs[] = (array) json_decode( (string) curl_multi_getcontent( $handle ), true );
		curl_multi_remove_handle( $multi, $handle );
	}
	curl_multi_close( $multi );
	return $runs;
}

// What each query touches: the shared state (breakers, key states, in either storage) or anything else.
$aifo_bench_counts = array(
	'state_read'  => 0,
	'state_write' => 0,
	'other'       => 0,
);
add_filter(
	'query',
	static function ( $query ) use ( &$aifo_bench_counts ) {
		$is_state = (bool) preg_match( '/aifo_state|aifo_key_states/', (string) $query );
		$is_read  = (bool) preg_match( '/^\s*(SELECT|SHOW)\b/i', (string) $query );
		++$aifo_bench_counts[ $is_state ? ( $is_read ? 'state_read' : 'state_write' ) : 'other' ];
		return $query;
	}
);

aifo_bench_state_reset();
aifo_bench_state_provider( 'bench-ok', 'ok', array( 'fk-ok-bench1' ) );
aifo_bench_state_provider( 'bench-503', 'fail-503', array( 'fk-any-bench2' ) );
aifo_bench_state_provider( 'bench-401', '', array( 'fk-auth-401-bench3', 'fk-ok-bench4' ) );
aifo_bench_state_feature( 'bench-ok', array( 'bench-ok' ) );
aifo_bench_state_feature( 'bench-fallback', array( 'bench-503', 'bench-ok' ) );
aifo_bench_state_feature( 'bench-rotate', array( 'bench-401' ) );

printf(
	"AI Failover shared-state benchmark: %d runs per case, PHP %s, WordPress %s, object cache: %s, state storage: %s\n",
	$aifo_bench_n,
	PHP_VERSION,
	get_bloginfo( 'version' ),
	wp_using_ext_object_cache() ? 'persistent' : 'none',
	method_exists( Circuit_Breaker::class, 'load' ) ? '{prefix}aifo_state rows' : 'options (aifo_state_<md5>, aifo_key_states)'
);
printf( "  %-44s %8s %12s %12s %8s %10s\n", 'queries per run (aifo_run, fake provider)', 'all', 'state reads', 'state writes', 'other', 'p50 ms' );
foreach ( array(
	'success (1 attempt)'                 => 'bench-ok',
	'503, 503, fallback ok (3 attempts)'  => 'bench-fallback',
	'401 on key A, key B ok (2 attempts)' => 'bench-rotate',
) as $aifo_bench_label => $aifo_bench_feature ) {
	$aifo_bench_totals = array(
		'state_read'  => 0,
		'state_write' => 0,
		'other'       => 0,
	);
	$aifo_bench_ms     = array();
	for ( $aifo_bench_i = 0; $aifo_bench_i < $aifo_bench_n + 5; $aifo_bench_i++ ) {
		// Each run is measured on the same path, from a cold request cache (autoloaded options loaded, as at boot).
		aifo_bench_state_reset();
		wp_load_alloptions();
		$aifo_bench_counts = array_map( static fn() => 0, $aifo_bench_counts );
		$aifo_bench_t0     = hrtime( true );
		$aifo_bench_result = aifo_run(
			$aifo_bench_feature,
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
			)
		);
		$aifo_bench_t1     = hrtime( true );
		if ( 'bench-ok' !== $aifo_bench_feature && count( $aifo_bench_result->attempts ) < 2 ) {
			fwrite( STDERR, "unexpected path for {$aifo_bench_feature}: " . wp_json_encode( $aifo_bench_result->to_array() ) . "\n" );
			exit( 1 );
		}
		if ( $aifo_bench_i >= 5 ) { // Warm-up excluded.
			foreach ( $aifo_bench_counts as $aifo_bench_kind => $aifo_bench_count ) {
				$aifo_bench_totals[ $aifo_bench_kind ] += $aifo_bench_count;
			}
			$aifo_bench_ms[] = ( $aifo_bench_t1 - $aifo_bench_t0 ) / 1e6;
		}
	}
	sort( $aifo_bench_ms );
	$aifo_bench_per = array_map( static fn( int $total ) => $total / $aifo_bench_n, $aifo_bench_totals );
	printf( "  %-44s %8.1f %12.1f %12.1f %8.1f %10.2f\n", $aifo_bench_label, array_sum( $aifo_bench_per ), $aifo_bench_per['state_read'], $aifo_bench_per['state_write'], $aifo_bench_per['other'], aifo_bench_state_pct( $aifo_bench_ms, 0.5 ) );
}

if ( '' === $aifo_bench_site || ! getenv( 'WP_APP_PASSWORD' ) ) {
	echo "  concurrency: skipped (WP_BASE_URL and WP_APP_PASSWORD come from .rig/test/env.sh)\n";
} else {
	// 16 runs at once of a feature whose only route always answers 503.
	aifo_bench_state_reset();
	aifo_bench_state_feature( 'bench-down', array( 'bench-503' ) );
	$aifo_bench_upstream = 0;
	foreach ( aifo_bench_state_parallel( array_fill( 0, 16, 'bench-down' ) ) as $aifo_bench_run ) {
		$aifo_bench_upstream += count( array_filter( (array) ( $aifo_bench_run['attempts'] ?? array() ), static fn( $a ) => 503 === ( $a['http_status'] ?? 0 ) ) );
	}
	wp_cache_flush();
	$aifo_bench_breakers = new Circuit_Breaker( new WP_State_Store(), new System_Clock(), new WP_Event_Sink() );
	printf(
		"  16 concurrent runs, primary always 503:  %d upstream 503s, breaker counted %d (%s)\n",
		$aifo_bench_upstream,
		$aifo_bench_breakers->failures( 'route:bench-503/gpt-4o-mini' ),
		$aifo_bench_breakers->state( 'route:bench-503/gpt-4o-mini' )
	);

	// 12 providers answering 429 at once, one key each.
	aifo_bench_state_reset();
	$aifo_bench_keys = array();
	for ( $aifo_bench_i = 0; $aifo_bench_i < 12; $aifo_bench_i++ ) {
		$aifo_bench_keys[ 'bench-rl' . $aifo_bench_i ] = aifo_bench_state_provider( 'bench-rl' . $aifo_bench_i, 'fail-429-ra60', array( 'fk-any-rl' . $aifo_bench_i ) )[0];
		aifo_bench_state_feature( 'bench-rl' . $aifo_bench_i, array( 'bench-rl' . $aifo_bench_i ) );
	}
	aifo_bench_state_parallel( array_keys( $aifo_bench_keys ) );
	wp_cache_flush();
	$aifo_bench_states  = new Key_State_Store();
	$aifo_bench_cooling = 0;
	foreach ( $aifo_bench_keys as $aifo_bench_provider => $aifo_bench_key ) {
		$aifo_bench_cooling += 'cooling' === $aifo_bench_states->get( $aifo_bench_provider, $aifo_bench_key, time() )['state'] ? 1 : 0;
	}
	printf( "  12 providers answering 429 at once:      %d of 12 keys cooling\n", $aifo_bench_cooling );
}

aifo_bench_state_reset();
foreach ( $aifo_bench_saved as $aifo_bench_option => $aifo_bench_value ) {
	null === $aifo_bench_value ? delete_option( $aifo_bench_option ) : update_option( $aifo_bench_option, $aifo_bench_value );
}
