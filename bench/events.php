<?php
/**
 * Event log benchmark. Run inside the rig's WordPress: npm run bench:events [-- ROWS]
 *
 * Seeds ROWS rows (default 1,000,000) spread over 30 days into the event table, then prints
 * seed throughput, p50/p95 of the screen's typical queries, the health panel before (raw rows) and
 * after (hourly rollups), the alert summary and the CSV export's peak memory.
 * Targets: a typical filtered page < 50 ms, one run < 10 ms, export memory flat.
 * The seeded rows are removed at the end (they carry the feature id "bench-*"); with
 * BENCH_EVENTS_KEEP=1 they stay, and the next run with the same ROWS reads them again instead of
 * seeding (the seed takes about 70 s), with "now" at the end of the seeded log, so every run reads
 * the same rows.
 *
 * @package AI_Failover
 */

use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Rollups;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Diagnostics\Health_Report;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Memory_State_Store;
use AI_Failover\Engine\System_Clock;
use AI_Failover\Engine\WP_Event_Sink;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\REST\Events_Controller;
use AI_Failover\Schema\Schema_Registry;

$aifo_rows = (int) ( $args[0] ?? 1000000 );
$aifo_repo = new Event_Repository();
( new Event_Schema() )->install();
global $wpdb;

/**
 * The load average, printed beside each figure (the machine is shared).
 */
function aifo_events_load(): string {
	$load = sys_getloadavg();
	return false === $load ? 'load n/a' : vsprintf( 'load %.2f / %.2f / %.2f', $load );
}

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

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQLPlaceholders -- the baseline query.
/**
 * The summary figures without rollups, kept as the baseline: every run of the window from the raw rows
 * (one GROUP BY run_id), counted and its durations sorted in PHP for the percentiles.
 *
 * @param string $since MySQL datetime.
 * @return array<string, float|int>
 */
function aifo_events_summary_raw( string $since ): array {
	global $wpdb;
	$runs      = $wpdb->get_results( $wpdb->prepare( "SELECT run_id, MAX(outcome = 'success') AS answered, MAX(decision IN ('fallback', 'skip')) AS moved, SUM(cost) AS cost, MAX(start_ms + latency_ms) AS ms FROM " . Event_Schema::table() . ' WHERE created_at >= %s AND simulated = 0 GROUP BY run_id', $since ), ARRAY_A );
	$durations = array();
	$out       = array(
		'runs'     => 0,
		'fallback' => 0,
		'failed'   => 0,
		'cost'     => 0.0,
	);
	foreach ( (array) $runs as $run ) {
		++$out['runs'];
		$out['fallback'] += (int) ( $run['answered'] && $run['moved'] );
		$out['failed']   += (int) ! $run['answered'];
		$out['cost']     += (float) $run['cost'];
		$durations[]      = (float) $run['ms'];
	}
	$out['p95'] = $durations ? aifo_events_pct( $durations, 0.95 ) : 0.0;
	return $out;
}

/**
 * The health aggregation of 0.1, kept here as the baseline: aggregates per route or key since $since: counts, rates, latencies, cost, hourly/daily series.
 *
 * @param string $since  MySQL datetime (UTC).
 * @param string $bucket 'hour' or 'day'.
 * @return array{routes: array<int, array<string, mixed>>, keys: array<int, array<string, mixed>>, latencies: array<string, list<float>>, series: array<string, list<array<string, mixed>>>, classes: array<string, array<string, int>>}
 */
function aifo_events_health_raw( string $since, string $bucket ): array {
	global $wpdb;
	$table  = Event_Schema::table();
	$format = 'day' === $bucket ? '%Y-%m-%dT00:00:00Z' : '%Y-%m-%dT%H:00:00Z';
	$out    = array(
		'routes'    => array(),
		'keys'      => array(),
		'latencies' => array(),
		'series'    => array(),
		'classes'   => array(),
	);
	$sums   = "COUNT(*) AS requests, SUM(outcome = 'success') AS successes, SUM(outcome = 'error') AS errors, SUM(decision = 'fallback') AS fallbacks, SUM(cost) AS cost, MIN(provider) AS provider";
	$base   = "FROM {$table} WHERE created_at >= %s AND outcome <> 'skipped'";

	$out['routes'] = (array) $wpdb->get_results( $wpdb->prepare( "SELECT route AS subject, {$sums} {$base} GROUP BY route ORDER BY requests DESC LIMIT 200", $since ), ARRAY_A );
	$out['keys']   = (array) $wpdb->get_results( $wpdb->prepare( "SELECT CONCAT(provider, ':', key_label) AS subject, {$sums} {$base} AND key_label <> '' GROUP BY provider, key_label ORDER BY requests DESC LIMIT 200", $since ), ARRAY_A );
	foreach ( (array) $wpdb->get_results( $wpdb->prepare( "SELECT route, CONCAT(provider, ':', key_label) AS k, error_class, COUNT(*) AS n {$base} AND error_class IS NOT NULL GROUP BY route, k, error_class", $since ), ARRAY_A ) as $row ) {
		$out['classes'][ 'route:' . $row['route'] ][ $row['error_class'] ] = (int) $row['n'] + ( $out['classes'][ 'route:' . $row['route'] ][ $row['error_class'] ] ?? 0 );
		$out['classes'][ 'key:' . $row['k'] ][ $row['error_class'] ]       = (int) $row['n'] + ( $out['classes'][ 'key:' . $row['k'] ][ $row['error_class'] ] ?? 0 );
	}
	foreach ( (array) $wpdb->get_results( $wpdb->prepare( "SELECT route, DATE_FORMAT(created_at, %s) AS bucket, COUNT(*) AS requests, SUM(outcome = 'error') AS failures, SUM(decision = 'fallback') AS fallbacks {$base} GROUP BY route, bucket ORDER BY bucket ASC", $format, $since ), ARRAY_A ) as $row ) {
		$out['series'][ $row['route'] ][] = array(
			'bucket'    => (string) $row['bucket'],
			'requests'  => (int) $row['requests'],
			'failures'  => (int) $row['failures'],
			'fallbacks' => (int) $row['fallbacks'],
		);
	}
	// Latency percentiles: the latencies per route, capped, sorted in PHP (MariaDB has no PERCENTILE_CONT aggregate).
	foreach ( (array) $wpdb->get_results( $wpdb->prepare( "SELECT route, CONCAT(provider, ':', key_label) AS k, latency_ms {$base} ORDER BY id DESC LIMIT 50000", $since ), ARRAY_A ) as $row ) {
		$out['latencies'][ 'route:' . $row['route'] ][] = (float) $row['latency_ms'];
		$out['latencies'][ 'key:' . $row['k'] ][]       = (float) $row['latency_ms'];
	}
	return $out;
}

/**
 * The alert summary of 0.1, kept here as the baseline: runs per feature since $since: how many, how many needed a fallback or key rotation, how
 * many ended without an answer. Runs that include a drill (a simulated attempt) are left out.
 *
 * @param string $since MySQL datetime (UTC).
 * @return list<array{feature: string, runs: int, degraded_runs: int, failed_runs: int}>
 */
function aifo_events_feature_stats_raw( string $since ): array {
	global $wpdb;
	$table = Event_Schema::table();
	$rows  = $wpdb->get_results(
		$wpdb->prepare(
			"SELECT feature, COUNT(*) AS runs, SUM(degraded) AS degraded_runs, SUM(answered = 0) AS failed_runs FROM (
				SELECT feature, run_id, MAX(decision IN ('fallback', 'rotate_key')) AS degraded, MAX(outcome = 'success') AS answered
				FROM {$table} WHERE created_at >= %s AND feature <> '' GROUP BY feature, run_id HAVING MAX(simulated) = 0
			) AS runs GROUP BY feature",
			$since
		),
		ARRAY_A
	);
	return array_values(
		array_map(
			static fn( array $row ) => array(
				'feature'       => (string) $row['feature'],
				'runs'          => (int) $row['runs'],
				'degraded_runs' => (int) $row['degraded_runs'],
				'failed_runs'   => (int) $row['failed_runs'],
			),
			(array) $rows
		)
	);
}
// phpcs:enable

$aifo_keep = '1' === getenv( 'BENCH_EVENTS_KEEP' );
// The end of the seeded log of an earlier kept run, when it has the same number of rows.
$aifo_kept = $aifo_keep ? get_option( 'aifo_bench_events_seed' ) : false;
// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark fixture check.
$aifo_reuse = is_array( $aifo_kept ) && (int) ( $aifo_kept['rows'] ?? 0 ) === $aifo_rows && $aifo_rows === (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Event_Schema::table() . " WHERE feature LIKE 'bench-%'" );
if ( ! $aifo_reuse ) {
	$wpdb->query( 'DELETE FROM ' . Event_Schema::table() . " WHERE feature LIKE 'bench-%'" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark reset.
	delete_option( 'aifo_bench_events_seed' );
}
$aifo_providers = array( 'openai', 'anthropic', 'gemini', 'groq', 'ollama' );
$aifo_classes   = array( null, null, null, null, null, null, 'rate_limited', 'server', 'timeout', 'auth' );
$aifo_start     = $aifo_reuse ? (int) $aifo_kept['end'] - 30 * DAY_IN_SECONDS : time() - 30 * DAY_IN_SECONDS;
$aifo_t0        = hrtime( true );
$aifo_run_ids   = array();
$aifo_seq       = (bool) $wpdb->get_var( "SELECT COUNT(*) FROM information_schema.ENGINES WHERE ENGINE = 'SEQUENCE' AND SUPPORT IN ('YES', 'DEFAULT')" );
if ( $aifo_reuse ) {
	foreach ( array( 0, 250000, 500000, 750000 ) as $aifo_i ) {
		if ( $aifo_i < $aifo_rows ) {
			$aifo_run_ids[] = sprintf( '%016x', $aifo_i >> 1 );
		}
	}
} elseif ( $aifo_seq ) {
	// MariaDB's SEQUENCE engine: the same rows as the PHP loop below, generated by the server in one statement.
	$aifo_span = 30 * DAY_IN_SECONDS;
	// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark seeding; all values are integers computed here.
	$wpdb->query(
		'INSERT INTO ' . Event_Schema::table() . " (run_id, attempt, created_at, feature, route, provider, model, key_label, outcome, error_class, http_status, decision, reason, latency_ms, cost, caller)
		SELECT LPAD(HEX(seq >> 1), 16, '0'), (seq & 1) + 1, FROM_UNIXTIME({$aifo_start} + FLOOR(seq * {$aifo_span} / {$aifo_rows})), CONCAT('bench-', seq % 5),
			CONCAT(ELT(seq % 5 + 1, 'openai', 'anthropic', 'gemini', 'groq', 'ollama'), '/model-', seq % 3), ELT(seq % 5 + 1, 'openai', 'anthropic', 'gemini', 'groq', 'ollama'),
			CONCAT('model-', seq % 3), CONCAT('key-', seq % 4), IF(seq % 10 < 6, 'success', 'error'), ELT(seq % 10 + 1, NULL, NULL, NULL, NULL, NULL, NULL, 'rate_limited', 'server', 'timeout', 'auth'),
			IF(seq % 10 < 6, 200, 503), IF(seq % 10 < 6, 'done', 'fallback'), IF(seq % 10 < 6, 'Answered.', '503 server from X: fell back to Y because the feature allows fallback on server.'),
			100 + seq % 900, 0.0001, 'rest'
		FROM seq_0_to_" . ( $aifo_rows - 1 )
	);
	foreach ( array( 0, 250000, 500000, 750000 ) as $aifo_i ) {
		if ( $aifo_i < $aifo_rows ) {
			$aifo_run_ids[] = sprintf( '%016x', $aifo_i >> 1 );
		}
	}
} else {
	$aifo_batch = array();
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
}
$aifo_seconds = ( hrtime( true ) - $aifo_t0 ) / 1e9;

printf( "AI Failover event log benchmark: %s rows (MariaDB %s, PHP %s)\n", number_format( $aifo_rows ), $wpdb->db_server_info(), PHP_VERSION );
if ( $aifo_reuse ) {
	printf( "  seed: kept from an earlier run (BENCH_EVENTS_KEEP=1), log ending %s\n", gmdate( 'Y-m-d H:i:s', $aifo_start + 30 * DAY_IN_SECONDS ) );
} else {
	printf( "  seed: %.1f s, %s rows/s (%s)\n", $aifo_seconds, number_format( $aifo_rows / $aifo_seconds ), $aifo_seq ? 'one INSERT ... SELECT from the SEQUENCE engine' : 'multi-row INSERTs of 1,000' );
}
if ( $aifo_keep ) {
	update_option(
		'aifo_bench_events_seed',
		array(
			'rows' => $aifo_rows,
			'end'  => $aifo_start + 30 * DAY_IN_SECONDS,
		),
		false
	);
}
// "Now" for every figure: the end of the seeded log, so a kept log reads the same rows on every run.
$aifo_now = $aifo_start + 30 * DAY_IN_SECONDS;

$aifo_day          = gmdate( 'c', $aifo_now - DAY_IN_SECONDS );
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
// Health: before = the raw aggregation of 0.1 (every query over the window's rows, latencies sorted in PHP);
// after = Health_Report over the rollups (hours, and 4-hour and day blocks of them) plus the raw rows of the window's edges.
delete_option( Event_Rollups::OPTION );
delete_option( Event_Rollups::OPTION_FROM );
delete_option( Event_Rollups::OPTION_BLOCKS );
$wpdb->query( 'DELETE FROM ' . Event_Rollups::table() );
$wpdb->query( 'DELETE FROM ' . Event_Rollups::route_runs_table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark reset.
$wpdb->query( 'DELETE FROM ' . Event_Rollups::runs_table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark reset.
$wpdb->query( 'DELETE FROM ' . Event_Rollups::route_runs_table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark reset.
$aifo_health = new Health_Report( new Event_Rollups(), new Circuit_Breaker( new Memory_State_Store(), new System_Clock(), new WP_Event_Sink() ), new Key_Vault( Secret_Box::from_site(), new Key_State_Store() ), new Provider_Repository() );
list( $p50 ) = aifo_events_time( static fn() => $aifo_health->rows( '24h', $aifo_now ), 1 );
printf( "  health, first read after the upgrade (rolls up the last day): %.0f ms\n", $p50 );
// As roll_up_now() does, at the bench's "now".
list( $p50 ) = aifo_events_time(
	static function () use ( $aifo_now ): void {
		$rollups = new Event_Rollups();
		for ( $call = 0; $call < 8; $call++ ) {
			if ( 0 === $rollups->roll_up( $aifo_now ) ) {
				break;
			}
		}
	},
	1
);
printf( "  the hourly job catching up on the other 7 days once (hours, then their 4-hour and day blocks): %.0f ms\n", $p50 );
// The first read of each hour rolls up the hour that just settled (and the blocks it completes): its cost, once.
$aifo_last = (string) get_option( Event_Rollups::OPTION );
update_option( Event_Rollups::OPTION, gmdate( 'Y-m-d H:i:s', strtotime( $aifo_last . ' UTC' ) - HOUR_IN_SECONDS ), false );
foreach ( array( Event_Rollups::table(), Event_Rollups::runs_table() ) as $aifo_table ) {
	$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . $aifo_table . ' WHERE hours = 1 AND bucket >= %s', gmdate( 'Y-m-d H:i:s', strtotime( $aifo_last . ' UTC' ) - HOUR_IN_SECONDS ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark reset.
}
$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Event_Rollups::route_runs_table() . ' WHERE bucket >= %s', gmdate( 'Y-m-d H:i:s', strtotime( $aifo_last . ' UTC' ) - HOUR_IN_SECONDS ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- benchmark reset.
list( $p50 ) = aifo_events_time( static fn() => $aifo_health->rows( '24h', $aifo_now ), 1 );
printf( "  health, 24h, the first read of an hour (rolls up the hour that settled): %.0f ms (%s)\n", $p50, aifo_events_load() );
foreach ( array(
	'24h' => DAY_IN_SECONDS,
	'7d'  => 7 * DAY_IN_SECONDS,
) as $aifo_window => $aifo_window_seconds ) {
	list( $b50, $b95 ) = aifo_events_time( static fn() => aifo_events_health_raw( gmdate( 'Y-m-d H:i:s', $aifo_now - $aifo_window_seconds ), '7d' === $aifo_window ? 'day' : 'hour' ), '7d' === $aifo_window ? 3 : 10 );
	// Interleaved, 20 each: a read that sums the rolled-up hours (as every read did before their sums
	// were kept: a new roll-up generation is counted first), and a read of the kept sums.
	$aifo_cold = array();
	$aifo_warm = array();
	for ( $aifo_i = 0; $aifo_i < 20; $aifo_i++ ) {
		update_option( Event_Rollups::OPTION_GENERATION, (int) get_option( Event_Rollups::OPTION_GENERATION, 0 ) + 1, false );
		$aifo_cold[] = aifo_events_time( static fn() => $aifo_health->rows( $aifo_window, $aifo_now ), 1 )[0];
		$aifo_warm[] = aifo_events_time( static fn() => $aifo_health->rows( $aifo_window, $aifo_now ), 1 )[0];
	}
	printf(
		"  health, %-3s window: before (raw rows) p50 %6.1f ms, p95 %6.1f ms; rollups summed on each read p50 %5.1f ms, p95 %5.1f ms; after (kept sums + raw edges) p50 %5.1f ms, p95 %5.1f ms (target < 50 ms) (%s)\n",
		$aifo_window,
		$b50,
		$b95,
		aifo_events_pct( $aifo_cold, 0.5 ),
		aifo_events_pct( $aifo_cold, 0.95 ),
		aifo_events_pct( $aifo_warm, 0.5 ),
		aifo_events_pct( $aifo_warm, 0.95 ),
		aifo_events_load()
	);
}
// Summary figures (runs, served by fallback, failed, cost, p95 per run, the chart's series): before =
// one pass over the window's raw rows grouped per run, durations sorted in PHP; after = the rollups.
foreach ( array(
	'24h' => DAY_IN_SECONDS,
	'7d'  => 7 * DAY_IN_SECONDS,
) as $aifo_window => $aifo_window_seconds ) {
	list( $b50, $b95 ) = aifo_events_time( static fn() => aifo_events_summary_raw( gmdate( 'Y-m-d H:i:s', $aifo_now - $aifo_window_seconds ) ), '7d' === $aifo_window ? 3 : 5 );

	$aifo_cold = array();
	$aifo_warm = array();
	for ( $aifo_i = 0; $aifo_i < 20; $aifo_i++ ) {
		update_option( Event_Rollups::OPTION_GENERATION, (int) get_option( Event_Rollups::OPTION_GENERATION, 0 ) + 1, false );
		$aifo_cold[] = aifo_events_time( static fn() => $aifo_health->summary( $aifo_window, $aifo_now, false, '', '', array() ), 1 )[0];
		$aifo_warm[] = aifo_events_time( static fn() => $aifo_health->summary( $aifo_window, $aifo_now, false, '', '', array() ), 1 )[0];
	}
	printf(
		"  summary, %-3s window: before (raw rows) p50 %6.1f ms, p95 %6.1f ms; rollups summed on each read p50 %5.1f ms, p95 %5.1f ms; after (kept sums + raw edges) p50 %5.1f ms, p95 %5.1f ms (target < 50 ms) (%s)\n",
		$aifo_window,
		$b50,
		$b95,
		aifo_events_pct( $aifo_cold, 0.5 ),
		aifo_events_pct( $aifo_cold, 0.95 ),
		aifo_events_pct( $aifo_warm, 0.5 ),
		aifo_events_pct( $aifo_warm, 0.95 ),
		aifo_events_load()
	);
}
list( $p50, $p95 ) = aifo_events_time( static fn() => $aifo_health->summary( '24h', $aifo_now, false, 'bench-2', '', array() ), 20 );
printf( "  summary, 24h window, one feature (kept sums + raw edges): p50 %5.1f ms, p95 %5.1f ms (target < 50 ms) (%s)\n", $p50, $p95, aifo_events_load() );
$aifo_rollups = new Event_Rollups();
foreach ( array( 60, 1440 ) as $aifo_minutes ) {
	list( $b50, $b95 ) = aifo_events_time( static fn() => aifo_events_feature_stats_raw( gmdate( 'Y-m-d H:i:s', $aifo_now - $aifo_minutes * MINUTE_IN_SECONDS ) ), 5 );
	list( $p50, $p95 ) = aifo_events_time( static fn() => $aifo_rollups->feature_stats( $aifo_now - $aifo_minutes * MINUTE_IN_SECONDS, $aifo_now ), 20 );
	printf( "  alert summary (runs per feature), last %4d min: before (raw rows) p50 %6.1f ms, p95 %6.1f ms; after (rollups) p50 %5.1f ms, p95 %5.1f ms (target < 50 ms) (%s)\n", $aifo_minutes, $b50, $b95, $p50, $p95, aifo_events_load() );
}

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

if ( ! $aifo_keep ) {
	$wpdb->query( 'DELETE FROM ' . Event_Schema::table() . " WHERE feature LIKE 'bench-%'" );
}
$wpdb->query( 'DELETE FROM ' . Event_Rollups::table() );
$wpdb->query( 'DELETE FROM ' . Event_Rollups::runs_table() );
delete_option( Event_Rollups::OPTION );
delete_option( Event_Rollups::OPTION_FROM );
delete_option( Event_Rollups::OPTION_BLOCKS );
$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_health\\_rolled\\_%'" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- benchmark reset: the health panel's kept sums.
