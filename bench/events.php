<?php
/**
 * Event log benchmark. Run inside the rig's WordPress: npm run bench:events [-- ROWS]
 *
 * Seeds ROWS rows (default 1,000,000) spread over 30 days into the event table, then prints
 * insert throughput, p50/p95 of the screen's typical queries and the CSV export's peak memory.
 * Targets: a typical filtered page < 50 ms, one run < 10 ms, export memory flat.
 * The seeded rows are removed at the end (they carry the feature id "bench-*").
 *
 * @package AI_Failover
 */

use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\REST\Events_Controller;
use AI_Failover\Schema\Schema_Registry;

$aifo_rows = (int) ( $args[0] ?? 1000000 );
$aifo_repo = new Event_Repository();
( new Event_Schema() )->install();
global $wpdb;

/**
 * @param float[] $values Milliseconds.
 * @param float   $p      0..1.
 */
function aifo_events_pct( array $values, float $p ): float {
	sort( $values );
	return $values[ (int) min( count( $values ) - 1, floor( $p * count( $values ) ) ) ];
}

/**
 * Times $fn $n times; returns [p50, p95] in ms.
 *
 * @param callable $fn Work.
 * @param int      $n  Repetitions.
 * @return array{0: float, 1: float}
 */
function aifo_events_time( callable $fn, int $n = 50 ): array {
	$times = array();
	for ( $i = 0; $i < $n; $i++ ) {
		$t0 = hrtime( true );
		$fn( $i );
		$times[] = ( hrtime( true ) - $t0 ) / 1e6;
	}
	return array( aifo_events_pct( $times, 0.5 ), aifo_events_pct( $times, 0.95 ) );
}

$aifo_providers = array( 'openai', 'anthropic', 'gemini', 'groq', 'ollama' );
$aifo_classes   = array( null, null, null, null, null, null, 'rate_limited', 'server', 'timeout', 'auth' );
$aifo_start     = time() - 30 * DAY_IN_SECONDS;
$aifo_t0        = hrtime( true );
$aifo_batch     = array();
$aifo_run_ids   = array();
for ( $aifo_i = 0; $aifo_i < $aifo_rows; $aifo_i++ ) {
	$aifo_class   = $aifo_classes[ $aifo_i % 10 ];
	$aifo_run     = sprintf( '%016x', $aifo_i >> 1 );
	$aifo_batch[] = array(
		'run_id'      => $aifo_run,
		'attempt'     => ( $aifo_i & 1 ) + 1,
		'created_at'  => gmdate( 'Y-m-d H:i:s', $aifo_start + (int) ( $aifo_i * ( 30 * DAY_IN_SECONDS ) / $aifo_rows ) ),
		'feature'     => 'bench-' . ( $aifo_i % 5 ),
		'route'       => $aifo_providers[ $aifo_i % 5 ] . '/model-' . ( $aifo_i % 3 ),
		'provider'    => $aifo_providers[ $aifo_i % 5 ],
		'model'       => 'model-' . ( $aifo_i % 3 ),
		'key_label'   => 'key-' . ( $aifo_i % 4 ),
		'outcome'     => null === $aifo_class ? 'success' : 'error',
		'error_class' => $aifo_class,
		'http_status' => null === $aifo_class ? 200 : 503,
		'decision'    => null === $aifo_class ? 'done' : 'fallback',
		'reason'      => null === $aifo_class ? 'Answered.' : '503 server from X: fell back to Y because the feature allows fallback on server.',
		'latency_ms'  => 100 + ( $aifo_i % 900 ),
		'cost'        => 0.0001,
		'caller'      => 'rest',
	);
	if ( count( $aifo_batch ) === 1000 ) {
		$aifo_repo->insert_many( $aifo_batch );
		$aifo_batch = array();
	}
	if ( 0 === $aifo_i % 250000 ) {
		$aifo_run_ids[] = $aifo_run;
	}
}
$aifo_repo->insert_many( $aifo_batch );
$aifo_seconds = ( hrtime( true ) - $aifo_t0 ) / 1e9;

printf( "AI Failover event log benchmark: %s rows (MariaDB %s, PHP %s)\n", number_format( $aifo_rows ), $wpdb->db_server_info(), PHP_VERSION );
printf( "  insert: %.1f s, %s rows/s (multi-row INSERTs of 1,000)\n", $aifo_seconds, number_format( $aifo_rows / $aifo_seconds ) );

$aifo_day          = gmdate( 'c', time() - DAY_IN_SECONDS );
list( $p50, $p95 ) = aifo_events_time(
	static fn() => $aifo_repo->query(
		array(
			'feature'  => 'bench-2',
			'after'    => $aifo_day,
			'per_page' => 50,
		)
	)
);
printf( "  last 24 h for one feature, page of 50 + total: p50 %.1f ms, p95 %.1f ms (target < 50 ms)\n", $p50, $p95 );
list( $p50, $p95 ) = aifo_events_time(
	static fn() => $aifo_repo->query(
		array(
			'provider' => 'anthropic',
			'outcome'  => 'error',
			'after'    => $aifo_day,
			'per_page' => 50,
		)
	)
);
printf( "  errors of one provider, last 24 h:           p50 %.1f ms, p95 %.1f ms (target < 50 ms)\n", $p50, $p95 );
list( $p50, $p95 ) = aifo_events_time(
	static fn() => $aifo_repo->query(
		array(
			'error_class' => 'rate_limited',
			'per_page'    => 50,
		)
	)
);
printf( "  one error class, all time (30 days):         p50 %.1f ms, p95 %.1f ms\n", $p50, $p95 );
list( $p50, $p95 ) = aifo_events_time( static fn( $i ) => $aifo_repo->run( $aifo_run_ids[ $i % count( $aifo_run_ids ) ] ) );
printf( "  one run:                                     p50 %.2f ms, p95 %.2f ms (target < 10 ms)\n", $p50, $p95 );
list( $p50, $p95 ) = aifo_events_time( static fn() => $aifo_repo->health( gmdate( 'Y-m-d H:i:s', time() - DAY_IN_SECONDS ), 'hour' ), 10 );
printf( "  health, 24 h window:                         p50 %.1f ms, p95 %.1f ms\n", $p50, $p95 );

$aifo_controller = new Events_Controller( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ), $aifo_repo, ( new ReflectionClass( AI_Failover\Diagnostics\Health_Report::class ) )->newInstanceWithoutConstructor() );
foreach ( array(
	'last 24 h' => array( 'after' => $aifo_day ),
	'all rows'  => array(),
) as $aifo_label => $aifo_query ) {
	$aifo_sink = fopen( '/dev/null', 'w' );
	gc_collect_cycles();
	$aifo_before = memory_get_usage();
	memory_reset_peak_usage();
	$aifo_t0    = hrtime( true );
	$aifo_count = $aifo_controller->write_csv( $aifo_query, $aifo_sink );
	printf( "  CSV export, %-9s %9s rows in %5.1f s, peak memory +%.1f MB\n", $aifo_label . ':', number_format( $aifo_count ), ( hrtime( true ) - $aifo_t0 ) / 1e9, ( memory_get_peak_usage() - $aifo_before ) / 1048576 );
	fclose( $aifo_sink );
}

$wpdb->query( 'DELETE FROM ' . Event_Schema::table() . " WHERE feature LIKE 'bench-%'" );
