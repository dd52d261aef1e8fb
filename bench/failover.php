<?php
/**
 * Failover speed benchmark, part of `npm run bench:engine`. Runs inside the rig's WordPress
 * against the fake provider (127.0.0.1), through the real engine, key vault, breakers, event
 * log and the WordPress HTTP API, with a direct baseline (wp_remote_post to the same fake
 * endpoints) measured in the same loop.
 *
 * Targets (issue 8, item 4), default policy unless said:
 *   503 -> fallback          <= the 503's own time + the fallback's + 50 ms
 *   hang -> fallback         <= the 1 s timeout + the fallback's + 100 ms
 *   429 with a spare key     <= the 429's own time + the spare key's + 50 ms
 *
 * Args: [runs] [fake provider URL].
 *
 * @package AI_Failover
 */

use AI_Failover\Plugin;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;

$aifo_fo_runs = max( 3, (int) ( $args[0] ?? 20 ) );
$aifo_fo_fake = rtrim( (string) ( $args[1] ?? getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );

if ( is_wp_error( wp_remote_get( $aifo_fo_fake . '/__health', array( 'timeout' => 2 ) ) ) ) {
	fwrite( STDERR, "failover bench: no fake provider at {$aifo_fo_fake}\n" );
	exit( 1 );
}

$aifo_fo_saved = array();
foreach ( array( 'aifo_providers', 'aifo_features', Key_Vault::OPTION, Key_State_Store::OPTION ) as $aifo_fo_option ) {
	$aifo_fo_saved[ $aifo_fo_option ] = get_option( $aifo_fo_option, null );
}

/**
 * Provider record pointing at a fake route.
 *
 * @param string $id    Id.
 * @param string $route Fake route ('' = chosen by key).
 * @param string $fake  Fake provider URL.
 * @return array<string, mixed>
 */
function aifo_fo_provider( string $id, string $route, string $fake ): array {
	return array(
		'id'                    => $id,
		'label'                 => $id,
		'preset'                => 'openai',
		'base_url'              => $fake . ( '' === $route ? '' : '/r/' . $route ) . '/v1',
		'allow_private_network' => true,
	);
}

/**
 * A feature with the default policy, except what $extra says.
 *
 * @param string               $id        Id.
 * @param string               $primary   Primary provider.
 * @param list<string>         $fallbacks Fallback providers.
 * @param array<string, mixed> $extra     Fields.
 * @return array<string, mixed>
 */
function aifo_fo_feature( string $id, string $primary, array $fallbacks, array $extra = array() ): array {
	return $extra + array(
		'id'        => $id,
		'label'     => $id,
		'primary'   => array(
			'provider_id' => $primary,
			'model'       => 'gpt-4o-mini',
		),
		'fallbacks' => array_map(
			static fn( string $p ) => array(
				'provider_id' => $p,
				'model'       => 'gpt-4o-mini',
			),
			$fallbacks
		),
	);
}

/**
 * Median.
 *
 * @param list<float> $values Values.
 */
function aifo_fo_p50( array $values ): float {
	sort( $values );
	return $values[ (int) floor( count( $values ) / 2 ) ];
}

update_option(
	'aifo_providers',
	array(
		'fo-503'    => aifo_fo_provider( 'fo-503', 'fail-503+bench', $aifo_fo_fake ),
		'fo-hang'   => aifo_fo_provider( 'fo-hang', 'hang', $aifo_fo_fake ),
		'fo-backup' => aifo_fo_provider( 'fo-backup', 'ok+bench', $aifo_fo_fake ),
		'fo-keys'   => aifo_fo_provider( 'fo-keys', '', $aifo_fo_fake ),
	)
);
update_option(
	'aifo_features',
	array(
		'fo-503'  => aifo_fo_feature( 'fo-503', 'fo-503', array( 'fo-backup' ) ),
		'fo-hang' => aifo_fo_feature(
			'fo-hang',
			'fo-hang',
			array( 'fo-backup' ),
			array(
				'timeouts' => array(
					'connect_ms'    => 1000,
					'first_byte_ms' => 1000,
					'total_ms'      => 1000,
				),
			)
		),
		'fo-429'  => aifo_fo_feature( 'fo-429', 'fo-keys', array() ),
	)
);
delete_option( Key_Vault::OPTION );
delete_option( Key_State_Store::OPTION );
$aifo_fo_vault = new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
foreach ( array( 'fo-503', 'fo-hang', 'fo-backup' ) as $aifo_fo_id ) {
	$aifo_fo_vault->add( $aifo_fo_id, 'k', 'bench-key-0001' );
}
$aifo_fo_vault->add( 'fo-keys', 'limited', 'fk-fail-429-ra2-a1' );
$aifo_fo_vault->add( 'fo-keys', 'spare', 'fk-ok+spare-a2' );

$aifo_fo_body = array(
	'messages' => array(
		array(
			'role'    => 'user',
			'content' => 'Summarise this post.',
		),
	),
);

/**
 * One direct call to the fake provider, in ms.
 *
 * @param string $url     Base URL.
 * @param string $key     Key.
 * @param int    $timeout Seconds.
 */
function aifo_fo_direct( string $url, string $key, int $timeout = 10 ): float {
	$t0 = hrtime( true );
	wp_remote_post(
		$url . '/chat/completions',
		array(
			'timeout' => $timeout,
			'headers' => array(
				'Authorization' => 'Bearer ' . $key,
				'Content-Type'  => 'application/json',
			),
			'body'    => (string) wp_json_encode(
				array(
					'model'    => 'gpt-4o-mini',
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Summarise this post.',
						),
					),
				)
			),
		)
	);
	return ( hrtime( true ) - $t0 ) / 1e6;
}

/**
 * Forgets breaker and key states, so each run takes the full failover path (an open breaker
 * would skip the failing route and flatter the figure).
 */
function aifo_fo_reset(): void {
	global $wpdb;
	$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_state\\_%'" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a benchmark resetting its own state.
	delete_option( Key_State_Store::OPTION );
	wp_cache_flush();
}

wp_set_current_user( (int) get_user_by( 'login', 'admin' )->ID );
printf( "\nFailover against the fake provider (%s), %d runs each, default policy; p50 in ms\n", $aifo_fo_fake, $aifo_fo_runs );
printf( "  %-34s %10s %12s %10s %10s\n", 'case', 'plugin', 'direct limit', 'over', 'target' );

$aifo_fo_cases = array(
	'503 -> fallback'        => array( 'fo-503', 50.0, static fn() => aifo_fo_direct( $aifo_fo_fake . '/r/fail-503+bench/v1', 'bench-key-0001' ) + aifo_fo_direct( $aifo_fo_fake . '/r/ok+bench/v1', 'bench-key-0001' ) ),
	'hang (1 s) -> fallback' => array( 'fo-hang', 100.0, static fn() => 1000.0 + aifo_fo_direct( $aifo_fo_fake . '/r/ok+bench/v1', 'bench-key-0001' ) ),
	'429 with a spare key'   => array( 'fo-429', 50.0, static fn() => aifo_fo_direct( $aifo_fo_fake . '/v1', 'fk-fail-429-ra2-a1' ) + aifo_fo_direct( $aifo_fo_fake . '/v1', 'fk-ok+spare-a2' ) ),
);
foreach ( $aifo_fo_cases as $aifo_fo_label => $aifo_fo_case ) {
	list( $aifo_fo_feature, $aifo_fo_target, $aifo_fo_limit ) = $aifo_fo_case;
	$aifo_fo_plugin = array();
	$aifo_fo_base   = array();
	$aifo_fo_n      = 'fo-hang' === $aifo_fo_feature ? max( 3, (int) ( $aifo_fo_runs / 4 ) ) : $aifo_fo_runs;
	for ( $aifo_fo_i = 0; $aifo_fo_i <= $aifo_fo_n; $aifo_fo_i++ ) {
		aifo_fo_reset();
		$aifo_fo_t0     = hrtime( true );
		$aifo_fo_result = Plugin::run_feature( $aifo_fo_feature, $aifo_fo_body );
		$aifo_fo_ms     = ( hrtime( true ) - $aifo_fo_t0 ) / 1e6;
		if ( ! $aifo_fo_result->succeeded() ) {
			fwrite( STDERR, "failover bench: {$aifo_fo_feature} did not succeed: " . wp_json_encode( $aifo_fo_result->error ) . "\n" );
			exit( 1 );
		}
		$aifo_fo_direct_ms = $aifo_fo_limit();
		if ( $aifo_fo_i > 0 ) { // The first run warms the connection and the caches.
			$aifo_fo_plugin[] = $aifo_fo_ms;
			$aifo_fo_base[]   = $aifo_fo_direct_ms;
		}
	}
	$aifo_fo_p = aifo_fo_p50( $aifo_fo_plugin );
	$aifo_fo_d = aifo_fo_p50( $aifo_fo_base );
	printf( "  %-34s %10.1f %12.1f %+10.1f %10s\n", $aifo_fo_label, $aifo_fo_p, $aifo_fo_d, $aifo_fo_p - $aifo_fo_d, '<= +' . (int) $aifo_fo_target );
}
printf( "  (direct limit: the same calls made directly, in the same loop; the hang's is its 1 s timeout)\n" );

aifo_fo_reset();
foreach ( $aifo_fo_saved as $aifo_fo_option => $aifo_fo_value ) {
	null === $aifo_fo_value ? delete_option( $aifo_fo_option ) : update_option( $aifo_fo_option, $aifo_fo_value );
}
