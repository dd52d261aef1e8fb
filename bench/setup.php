<?php
/**
 * Providers, keys and features for `npm run bench` (bench/compare.mjs). Run inside the rig's WordPress:
 *   bash bin/rig.sh php bench/setup.php FAKE_URL        sets them up (ids bench-*), prints them as JSON
 *   bash bin/rig.sh php bench/setup.php --remove        removes them and every state they left
 *
 * Every feature uses the defaults a new feature gets, except what each case is about: the fallback
 * triggers it needs (server, timeout, rate_limited) and, for the hang case, a 1 s attempt timeout
 * (Portkey's request_timeout in the same case). Each provider's base URL carries its fake route plus
 * the tag `+wp`, so the fake provider counts the plugin's attempts apart from Portkey's (`+pk`).
 *
 * @package AI_Failover
 */

use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;

$aifo_bench_fake = rtrim( (string) ( $args[0] ?? '' ), '/' );
$aifo_bench_keys = new Key_Vault( Secret_Box::from_site(), new Key_State_Store( new State_Repository() ) );

/**
 * Removes every bench-* provider (and its keys), feature and state row.
 *
 * @param Key_Vault $keys Vault.
 */
function aifo_bench_setup_remove( Key_Vault $keys ): void {
	global $wpdb;
	foreach ( array_keys( (array) get_option( 'aifo_providers', array() ) ) as $id ) {
		if ( str_starts_with( (string) $id, 'bench-' ) ) {
			$keys->delete_provider( (string) $id );
		}
	}
	foreach ( array( 'aifo_providers', 'aifo_features' ) as $option ) {
		$value = (array) get_option( $option, array() );
		update_option( $option, array_filter( $value, static fn( $id ) => ! str_starts_with( (string) $id, 'bench-' ), ARRAY_FILTER_USE_KEY ) );
	}
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the bench's own state rows.
	$wpdb->query( "DELETE FROM {$wpdb->prefix}aifo_state WHERE provider_id LIKE 'bench-%'" );
	wp_cache_flush();
}

if ( '--remove' === $aifo_bench_fake ) {
	aifo_bench_setup_remove( $aifo_bench_keys );
	echo "{\"removed\":true}\n";
	return;
}
if ( ! preg_match( '#^http://127\.0\.0\.1:\d+$#', $aifo_bench_fake ) ) {
	fwrite( STDERR, "usage: bench/setup.php http://127.0.0.1:PORT | --remove\n" );
	exit( 2 );
}
aifo_bench_setup_remove( $aifo_bench_keys );

// Provider id => [fake route in the base URL ('' = chosen by the key), keys].
$aifo_bench_providers = array(
	'bench-ok'       => array( 'ok+wp', array( 'sk-bench-1' ) ),
	'bench-backup'   => array( 'ok+wp2', array( 'sk-bench-2' ) ),
	'bench-503'      => array( 'fail-503+wp', array( 'sk-bench-3' ) ),
	'bench-429'      => array( 'fail-429-ra2+wp', array( 'sk-bench-4' ) ),
	'bench-429-keys' => array( '', array( 'fk-fail-429-ra2+wpk-k1', 'fk-ok+wpk-k2' ) ),
	'bench-hang'     => array( 'hang+wp', array( 'sk-bench-5' ) ),
	'bench-open'     => array( 'hang+wpo', array( 'sk-bench-6' ) ),
	'bench-400'      => array( 'fail-400+wp', array( 'sk-bench-7' ) ),
	'bench-401'      => array( 'fail-401+wp', array( 'sk-bench-8' ) ),
);
$aifo_bench_saved     = (array) get_option( 'aifo_providers', array() );
foreach ( $aifo_bench_providers as $aifo_bench_id => list( $aifo_bench_route, $aifo_bench_secrets ) ) {
	$aifo_bench_saved[ $aifo_bench_id ] = array(
		'id'                    => $aifo_bench_id,
		'label'                 => $aifo_bench_id,
		'preset'                => 'openai',
		'base_url'              => $aifo_bench_fake . ( '' !== $aifo_bench_route ? '/r/' . $aifo_bench_route : '' ) . '/v1',
		'allow_private_network' => true,
	);
}
update_option( 'aifo_providers', $aifo_bench_saved );
foreach ( $aifo_bench_providers as $aifo_bench_id => list( $aifo_bench_route, $aifo_bench_secrets ) ) {
	foreach ( $aifo_bench_secrets as $aifo_bench_index => $aifo_bench_secret ) {
		$aifo_bench_keys->add( $aifo_bench_id, 'key-' . ( $aifo_bench_index + 1 ), $aifo_bench_secret );
	}
}

// Feature id => [routes (provider ids, primary first), attempt timeout ms or 0 for the default, attempts per route or 0 for the default].
// bench-503-once is bench-503 without the default's one quick retry of a 5xx: Portkey's fallback config.
$aifo_bench_features = array(
	'bench-ok'       => array( array( 'bench-ok', 'bench-backup' ), 0 ),
	'bench-503'      => array( array( 'bench-503', 'bench-backup' ), 0 ),
	'bench-503-once' => array( array( 'bench-503', 'bench-backup' ), 0, 1 ),
	'bench-429'      => array( array( 'bench-429', 'bench-backup' ), 0 ),
	'bench-429-keys' => array( array( 'bench-429-keys' ), 0 ),
	'bench-hang'     => array( array( 'bench-hang', 'bench-backup' ), 1000 ),
	'bench-open'     => array( array( 'bench-open', 'bench-backup' ), 1000 ),
	'bench-400'      => array( array( 'bench-400', 'bench-backup' ), 0 ),
	'bench-401'      => array( array( 'bench-401', 'bench-backup' ), 0 ),
);
$aifo_bench_repo     = new Feature_Repository( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ), new Provider_Repository() );
$aifo_bench_out      = array();
foreach ( $aifo_bench_features as $aifo_bench_id => $aifo_bench_spec ) {
	list( $aifo_bench_routes, $aifo_bench_timeout ) = $aifo_bench_spec;
	$aifo_bench_attempts                            = (int) ( $aifo_bench_spec[2] ?? 0 );
	$aifo_bench_route                               = static fn( string $provider ) => array(
		'provider_id' => $provider,
		'model'       => 'gpt-4o-mini',
	);
	$aifo_bench_feature                             = array(
		'id'        => $aifo_bench_id,
		'label'     => $aifo_bench_id,
		'primary'   => $aifo_bench_route( $aifo_bench_routes[0] ),
		'fallbacks' => array_map( $aifo_bench_route, array_slice( $aifo_bench_routes, 1 ) ),
		'triggers'  => array(
			'server'       => true,
			'timeout'      => true,
			'rate_limited' => true,
		),
	);
	if ( $aifo_bench_timeout > 0 ) {
		$aifo_bench_feature['timeouts'] = array(
			'first_byte_ms' => $aifo_bench_timeout,
			'total_ms'      => $aifo_bench_timeout,
		);
	}
	if ( $aifo_bench_attempts > 0 ) {
		$aifo_bench_feature['retry'] = array( 'attempts_per_route' => $aifo_bench_attempts );
	}
	$aifo_bench_saved_feature = $aifo_bench_repo->save( $aifo_bench_feature );
	if ( is_wp_error( $aifo_bench_saved_feature ) ) {
		fwrite( STDERR, "feature {$aifo_bench_id}: " . $aifo_bench_saved_feature->get_error_message() . ' ' . wp_json_encode( $aifo_bench_saved_feature->get_error_data() ) . "\n" );
		exit( 1 );
	}
	$aifo_bench_out[ $aifo_bench_id ] = $aifo_bench_saved_feature;
}
echo wp_json_encode(
	array(
		'wordpress' => get_bloginfo( 'version' ),
		'php'       => PHP_VERSION,
		'mariadb'   => $GLOBALS['wpdb']->db_server_info(),
		'plugin'    => AIFO_VERSION,
		'features'  => $aifo_bench_out,
	)
) . "\n";
