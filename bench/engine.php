<?php
/**
 * Engine overhead benchmark. Run inside the rig's WordPress: npm run bench:engine
 *
 * Prints p50/p99 of (1) the engine's own cost per attempt with a zero-latency provider, the
 * WordPress event sink (actions) and the real shared state store included, and (2) one REST run
 * request dispatched in-process (WordPress's bootstrap excluded) against the built-in Simulator.
 * Targets: < 0.2 ms per attempt, < 1 ms per REST request.
 *
 * @package AI_Failover
 */

use AI_Failover\Contracts\Key_Pool;
use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Engine\WP_State_Store;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;

$aifo_bench_n = (int) ( $args[0] ?? 2000 );

// The benchmark writes a provider and a feature; what the site had is put back at the end.
$aifo_bench_saved = array();
foreach ( array( 'aifo_providers', 'aifo_features' ) as $aifo_bench_option ) {
	$aifo_bench_saved[ $aifo_bench_option ] = get_option( $aifo_bench_option, null );
}

/**
 * Percentile of a sorted list.
 *
 * @param float[] $sorted Values.
 * @param float   $p      0..1.
 */
function aifo_bench_pct( array $sorted, float $p ): float {
	return $sorted[ (int) min( count( $sorted ) - 1, floor( $p * count( $sorted ) ) ) ];
}

$aifo_bench_caller = new class() implements Route_Caller {
	/** @var list<Chat_Result|Provider_Error> */
	public array $script = array();
	public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error {
		return $this->script ? array_shift( $this->script ) : new Chat_Result( 'ok', 'stop', 10, 5 );
	}
};
$aifo_bench_keys   = new class() implements Key_Pool {
	public function usable( string $provider_id, int $now ): array {
		return array();
	}
	public function cooling_until( string $provider_id, int $now ): ?int {
		return null;
	}
	public function mark_dead( string $provider_id, string $key_id, string $reason, int $now ): void {}
	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void {}
};
$aifo_bench_clock  = new System_Clock();
$aifo_bench_sink   = new WP_Event_Sink();
$aifo_bench_engine = new Chain_Runner( $aifo_bench_caller, $aifo_bench_keys, $aifo_bench_clock, $aifo_bench_clock, $aifo_bench_clock, new Circuit_Breaker( new WP_State_Store(), $aifo_bench_clock, $aifo_bench_sink ), $aifo_bench_sink, new Output_Checks() );
$aifo_bench_local  = new Provider_Config( 'bench-local', 'Local', 'ollama' );
$aifo_bench_policy = Feature_Policy::from_array(
	array(
		'id'        => 'bench',
		'primary'   => array(
			'provider_id' => 'bench-local',
			'model'       => 'a',
		),
		'fallbacks' => array(
			array(
				'provider_id' => 'bench-local',
				'model'       => 'b',
			),
		),
		'triggers'  => array( 'server' => true ),
		'retry'     => array(
			'attempts_per_route' => 2,
			'base_delay_ms'      => 0,
			'max_delay_ms'       => 0,
			'total_budget_ms'    => 60000,
		),
	)
);
$aifo_bench_routes = array( new Route( $aifo_bench_local, 'a' ), new Route( $aifo_bench_local, 'b', 1, 'fallback 1' ) );
$aifo_bench_req    = new Run_Request(
	new Chat_Request(
		array(
			array(
				'role'    => 'user',
				'content' => 'Hello',
			),
		)
	)
);

printf( "AI Failover engine benchmark: %d runs each, PHP %s, WordPress %s, object cache: %s\n", $aifo_bench_n, PHP_VERSION, get_bloginfo( 'version' ), wp_using_ext_object_cache() ? 'persistent' : 'none (options table)' );

foreach ( array(
	'one attempt (success)'                  => 0,
	'three attempts (503, 503, fallback ok)' => 2,
) as $aifo_bench_label => $aifo_bench_failures ) {
	$aifo_bench_per_attempt = array();
	for ( $aifo_bench_i = 0; $aifo_bench_i < $aifo_bench_n + 50; $aifo_bench_i++ ) {
		$aifo_bench_caller->script = array_fill( 0, $aifo_bench_failures, new Provider_Error( Error_Class::Server, 503, 'x', 'down' ) );
		$aifo_bench_t0             = hrtime( true );
		$aifo_bench_result         = $aifo_bench_engine->run( $aifo_bench_policy, $aifo_bench_routes, $aifo_bench_req );
		$aifo_bench_ms             = ( hrtime( true ) - $aifo_bench_t0 ) / 1e6;
		if ( $aifo_bench_i >= 50 ) { // Warm-up excluded.
			$aifo_bench_per_attempt[] = $aifo_bench_ms / count( $aifo_bench_result->attempts );
		}
		// Keep the breaker closed between runs: each run measures the same path.
		( new AI_Failover\Diagnostics\State_Repository() )->forget( 'bench-local' );
	}
	sort( $aifo_bench_per_attempt );
	printf( "  engine, %-40s per attempt: p50 %.3f ms, p99 %.3f ms (target < 0.2 ms)\n", $aifo_bench_label, aifo_bench_pct( $aifo_bench_per_attempt, 0.5 ), aifo_bench_pct( $aifo_bench_per_attempt, 0.99 ) );
}

// REST: one run request dispatched in-process against the keyless Simulator.
update_option(
	'aifo_providers',
	array(
		'bench-sim' => array(
			'id'     => 'bench-sim',
			'label'  => 'Bench',
			'preset' => 'simulator',
		),
	) + (array) get_option(
		'aifo_providers',
		array()
	)
);
update_option(
	'aifo_features',
	array(
		'bench' => array(
			'id'      => 'bench',
			'label'   => 'Bench',
			'primary' => array(
				'provider_id' => 'bench-sim',
				'model'       => 'sim-echo',
			),
		),
	) + (array) get_option( 'aifo_features', array() )
);
wp_set_current_user( (int) get_user_by( 'login', 'admin' )->ID );
$aifo_bench_rest = array();
$aifo_bench_base = array();
for ( $aifo_bench_i = 0; $aifo_bench_i < $aifo_bench_n + 50; $aifo_bench_i++ ) {
	$aifo_bench_request = new WP_REST_Request( 'POST', '/ai-failover/v1/features/bench/run' );
	$aifo_bench_request->set_header( 'content-type', 'application/json' );
	$aifo_bench_request->set_body( '{"messages":[{"role":"user","content":"Summarise this post."}]}' );
	$aifo_bench_t0       = hrtime( true );
	$aifo_bench_response = rest_do_request( $aifo_bench_request );
	$aifo_bench_ms       = ( hrtime( true ) - $aifo_bench_t0 ) / 1e6;
	$aifo_bench_t1       = hrtime( true );
	rest_do_request( new WP_REST_Request( 'GET', '/ai-failover/v1/settings' ) );
	$aifo_bench_base_ms = ( hrtime( true ) - $aifo_bench_t1 ) / 1e6;
	if ( 200 !== $aifo_bench_response->get_status() ) {
		fwrite( STDERR, 'REST run failed: ' . wp_json_encode( $aifo_bench_response->get_data() ) . "\n" );
		exit( 1 );
	}
	if ( $aifo_bench_i >= 50 ) {
		$aifo_bench_rest[] = $aifo_bench_ms;
		$aifo_bench_base[] = $aifo_bench_base_ms;
	}
}
sort( $aifo_bench_rest );
sort( $aifo_bench_base );
printf( "  REST POST /features/{id}/run (Simulator, in-process): p50 %.3f ms, p99 %.3f ms (target < 1 ms)\n", aifo_bench_pct( $aifo_bench_rest, 0.5 ), aifo_bench_pct( $aifo_bench_rest, 0.99 ) );
printf( "  for scale, REST GET /settings in the same process:    p50 %.3f ms, p99 %.3f ms\n", aifo_bench_pct( $aifo_bench_base, 0.5 ), aifo_bench_pct( $aifo_bench_base, 0.99 ) );
printf( "  peak memory: %.1f MB\n", memory_get_peak_usage( true ) / 1048576 );
foreach ( $aifo_bench_saved as $aifo_bench_option => $aifo_bench_value ) {
	null === $aifo_bench_value ? delete_option( $aifo_bench_option ) : update_option( $aifo_bench_option, $aifo_bench_value );
}
