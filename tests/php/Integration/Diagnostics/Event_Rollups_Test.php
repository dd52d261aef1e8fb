<?php
/**
 * Event rollups.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Rollups;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The health and alert aggregates from hourly rollups plus the raw edges equal the aggregates over the raw rows.
 *
 * @covers \AI_Failover\Diagnostics\Event_Rollups
 */
final class Event_Rollups_Test extends Test_Case {

	private const NOW = 1795000000 + 1234; // Mid-hour, so the window's first hour is partial.

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test fixture, rolled back.
		$wpdb->query( 'DELETE FROM ' . $wpdb->prefix . 'aifo_events' );
		$wpdb->query( 'DELETE FROM ' . Event_Rollups::table() );
		$wpdb->query( 'DELETE FROM ' . Event_Rollups::runs_table() );
		$wpdb->query( 'DELETE FROM ' . Event_Rollups::route_runs_table() );
		// phpcs:enable
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
		delete_option( Event_Rollups::OPTION_BLOCKS );
		$rows = array();
		// One attempt every 5 minutes over 30 hours: inside and outside the 24 h window, settled and recent hours.
		for ( $minute = 0; $minute < 30 * 60; $minute += 5 ) {
			$index  = intdiv( $minute, 5 );
			$failed = 0 === $index % 4;
			$rows[] = array(
				'run_id'      => sprintf( '%016x', $index ),
				'attempt'     => 1,
				'created_at'  => gmdate( 'Y-m-d H:i:s', self::NOW - $minute * 60 ),
				'feature'     => 'f',
				'route'       => 0 === $index % 2 ? 'a/m' : 'b/m',
				'provider'    => 0 === $index % 2 ? 'a' : 'b',
				'model'       => 'm',
				'key_label'   => 'k' . ( $index % 3 ),
				'outcome'     => $failed ? 'error' : 'success',
				'error_class' => $failed ? 'server' : null,
				'decision'    => $failed ? 'fallback' : 'done',
				'reason'      => '',
				'latency_ms'  => 100 + $index,
				'cost'        => 0.5,
			);
		}
		( new Event_Repository() )->insert_many( $rows );
	}

	/**
	 * The window's aggregates, exact, from the raw rows.
	 *
	 * @return array<string, array{requests: int, errors: int, fallbacks: int}>
	 */
	private function raw_counts(): array {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the reference aggregation.
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT route, COUNT(*) AS requests, SUM(outcome = 'error') AS errors, SUM(decision = 'fallback') AS fallbacks FROM {$wpdb->prefix}aifo_events WHERE created_at >= %s GROUP BY route", gmdate( 'Y-m-d H:i:s', self::NOW - DAY_IN_SECONDS ) ), ARRAY_A );
		$out  = array();
		foreach ( (array) $rows as $row ) {
			$out[ (string) $row['route'] ] = array(
				'requests'  => (int) $row['requests'],
				'errors'    => (int) $row['errors'],
				'fallbacks' => (int) $row['fallbacks'],
			);
		}
		return $out;
	}

	/**
	 * @param array<string, mixed> $health Event_Rollups::health().
	 * @return array<string, array{requests: int, errors: int, fallbacks: int}>
	 */
	private static function counts( array $health ): array {
		$out = array();
		foreach ( $health['routes'] as $row ) {
			$out[ (string) $row['subject'] ] = array(
				'requests'  => (int) $row['requests'],
				'errors'    => (int) $row['errors'],
				'fallbacks' => (int) $row['fallbacks'],
			);
		}
		ksort( $out );
		return $out;
	}

	public function test_rolled_up_hours_plus_raw_edges_count_every_row_of_the_window_once(): void {
		$rollups  = new Event_Rollups();
		$expected = $this->raw_counts();
		ksort( $expected );

		$this->assertSame( $expected, self::counts( $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' ) ), 'Before any roll-up (it happens inside health()).' );
		$this->assertNotSame( '', (string) get_option( Event_Rollups::OPTION, '' ), 'health() rolled up a day of settled hours.' );
		$this->assertSame( 6, $rollups->roll_up( self::NOW ), 'The next call rolls up the other 6 complete hours (of 30; the current one is not complete).' );
		$this->assertSame( 0, $rollups->roll_up( self::NOW ), 'Nothing left to roll up.' );
		$this->assertSame( $expected, self::counts( $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' ) ), 'From the rollups.' );

		// Two requests rolling up the same hours (the option read before the other wrote it) insert nothing twice.
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
		$this->assertGreaterThan( 0, $rollups->roll_up( self::NOW ) );
		$this->assertSame( $expected, self::counts( $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' ) ), 'A second roll-up of the same hours doubles nothing.' );
	}

	public function test_the_alert_summary_counts_each_run_of_the_window_once_before_and_after_the_roll_up(): void {
		$rollups  = new Event_Rollups();
		$raw      = $this->raw_counts();
		$expected = array(
			array(
				'feature'       => 'f',
				'runs'          => $raw['a/m']['requests'] + $raw['b/m']['requests'],
				'degraded_runs' => $raw['a/m']['fallbacks'] + $raw['b/m']['fallbacks'],
				// Every run that fell back had no route left to answer it.
				'fallback_runs' => 0,
				'failed_runs'   => $raw['a/m']['errors'] + $raw['b/m']['errors'],
			),
		);

		$this->assertSame( $expected, $rollups->feature_stats( self::NOW - DAY_IN_SECONDS, self::NOW ), 'Part rolled up (one day per call), part raw.' );
		$rollups->roll_up( self::NOW );
		$this->assertSame( $expected, $rollups->feature_stats( self::NOW - DAY_IN_SECONDS, self::NOW ), 'All settled hours rolled up.' );
		$this->assertSame( array(), $rollups->feature_stats( self::NOW + HOUR_IN_SECONDS, self::NOW + 2 * HOUR_IN_SECONDS ), 'A window without runs.' );
	}

	public function test_breaker_skips_count_as_fallbacks_by_run_the_same_raw_and_rolled_up(): void {
		$this->insert_incident( self::NOW - 5 * HOUR_IN_SECONDS );
		$rollups = new Event_Rollups();
		$check   = function ( string $when ) use ( $rollups ): void {
			$health = $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour', false, 'incident' );
			$this->assertSame(
				array(
					'runs'            => 13,
					'served'          => 0,
					'fell_back'       => 13,
					'breaker_skipped' => 10,
				),
				$health['runs']['p/m'],
				$when . ': the primary by run.'
			);
			$this->assertSame( 13, $health['runs']['b/m']['served'], $when );
			$routes = array_column( $health['routes'], null, 'subject' );
			$this->assertSame( array( 16, 6, 10 ), array( $routes['p/m']['attempts'], $routes['p/m']['requests'], $routes['p/m']['skipped'] ), $when . ': the primary by attempt (all, sent, skipped).' );
			$this->assertEqualsCanonicalizing(
				array(
					'server'       => 6,
					'breaker_open' => 10,
				),
				$health['classes']['route:p/m'],
				$when
			);
			$this->assertSame( gmdate( 'Y-m-d H:i:s', self::NOW - 5 * HOUR_IN_SECONDS ) . '.000', $health['seen']['route:p/m']['server']['first'], $when . ': first seen.' );
			$this->assertSame( gmdate( 'Y-m-d H:i:s', self::NOW - 5 * HOUR_IN_SECONDS + 12 * 60 ) . '.000', $health['seen']['route:p/m']['breaker_open']['last'], $when . ': last seen.' );

			$summary = $rollups->summary( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour', false, 'incident' );
			$this->assertSame( array( 13, 13, 13, 0 ), array( $summary['runs'], $summary['degraded'], $summary['served_by_fallback'], $summary['failed'] ), $when . ': summary by run.' );
			$this->assertSame( 14, $rollups->summary( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour', true, 'incident' )['runs'], $when . ': the drill, asked for.' );
			$this->assertSame( array( 'b' ), array_column( $summary['by_provider'], 'name' ) );
			$this->assertSame( 13, $summary['by_provider'][0]['total'] );
			// Durations 300 ms (sent twice, then the fallback) and 100 ms: p95 within one histogram bucket.
			$this->assertEqualsWithDelta( 300, $summary['p95_latency_ms'], 300 * 0.1, $when );

			$stats = array_column( $rollups->feature_stats( self::NOW - DAY_IN_SECONDS, self::NOW ), null, 'feature' );
			$this->assertSame( 13, $stats['incident']['fallback_runs'], $when . ': the alerts\' counts.' );
			$this->assertSame( 13, $stats['incident']['degraded_runs'], $when );
		};
		$check( 'Raw' );
		while ( $rollups->roll_up( self::NOW ) > 0 ) {
			continue;
		}
		$check( 'Rolled up' );
	}

	/**
	 * The incident of issue 12: a primary p/m answering 503 (two attempts per route), a fallback b/m,
	 * 13 runs a minute apart; after three runs the breaker is open and the rest skip p/m. Plus a drill.
	 *
	 * @param int $start Unix time of the first run.
	 */
	private function insert_incident( int $start ): void {
		$rows = array();
		$base = array(
			'feature' => 'incident',
			'model'   => 'm',
			'reason'  => '',
			'cost'    => 0.001,
		);
		for ( $run = 0; $run <= 13; $run++ ) {
			$id   = sprintf( 'ab%014x', $run );
			$at   = gmdate( 'Y-m-d H:i:s', $start + $run * 60 );
			$sim  = 13 === $run ? 1 : 0;
			$skip = $run >= 3 && 13 !== $run;
			$list = $skip ? array(
				array( 'p/m', 'p', 'skipped', 'breaker_open', 'skip', 0, 0 ),
				array( 'b/m', 'b', 'success', null, 'done', 100, 0 ),
			) : array(
				array( 'p/m', 'p', 'error', 'server', 'retry', 100, 0 ),
				array( 'p/m', 'p', 'error', 'server', 'fallback', 100, 100 ),
				array( 'b/m', 'b', 'success', null, 'done', 100, 200 ),
			);
			foreach ( $list as $index => $attempt ) {
				$rows[] = $base + array(
					'run_id'      => $id,
					'attempt'     => $index + 1,
					'created_at'  => $at,
					'route'       => $attempt[0],
					'provider'    => $attempt[1],
					'key_label'   => 'skipped' === $attempt[2] ? '' : 'k',
					'outcome'     => $attempt[2],
					'error_class' => $attempt[3],
					'decision'    => $attempt[4],
					'latency_ms'  => $attempt[5],
					'start_ms'    => $attempt[6],
					'simulated'   => $sim,
				);
			}
		}//end for
		( new Event_Repository() )->insert_many( $rows );
	}

	/**
	 * A run belongs to the hour of its first attempt. Three runs cross an hour boundary (first
	 * attempt 10 s before it, a retry and the fallback after it): at the window's first rolled-up
	 * hour (raw leading edge before it), between two rolled-up hours, and at the last one (raw
	 * trailing edge after it). Each counts once, raw and rolled up, by run and per route.
	 */
	public function test_a_run_across_an_hour_boundary_counts_once_at_the_window_edges_and_inside(): void {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixture and the reference aggregation over the raw rows.
		$wpdb->query( 'DELETE FROM ' . $wpdb->prefix . 'aifo_events' );
		$since  = self::NOW - DAY_IN_SECONDS;
		$first  = intdiv( $since, HOUR_IN_SECONDS ) * HOUR_IN_SECONDS + HOUR_IN_SECONDS;
		$inside = $first + 5 * HOUR_IN_SECONDS;
		// The last hour rolled up once the hour NOW is in has settled (NOW is 27 minutes into it).
		$last = intdiv( self::NOW, HOUR_IN_SECONDS ) * HOUR_IN_SECONDS;
		$rows = array();
		foreach ( array( $first, $inside, $last ) as $index => $boundary ) {
			$run = array(
				'run_id'   => sprintf( 'cb%014x', $index ),
				'feature'  => 'crossing',
				'model'    => 'm',
				'reason'   => '',
				'cost'     => 0.01,
				'provider' => 'a',
				'route'    => 'a/m',
			);
			foreach ( array(
				array( -10, 'a', 'error', 'server', 'retry' ),
				array( 5, 'a', 'error', 'server', 'fallback' ),
				array( 8, 'b', 'success', null, 'done' ),
			) as $attempt => $spec ) {
				$rows[] = array(
					'attempt'     => $attempt + 1,
					'created_at'  => gmdate( 'Y-m-d H:i:s', $boundary + $spec[0] ),
					'provider'    => $spec[1],
					'route'       => $spec[1] . '/m',
					'key_label'   => 'k',
					'outcome'     => $spec[2],
					'error_class' => $spec[3],
					'decision'    => $spec[4],
					'latency_ms'  => 100,
				) + $run;
			}
		}//end foreach
		( new Event_Repository() )->insert_many( $rows );
		$window = $wpdb->prepare( 'created_at >= %s AND created_at < %s', gmdate( 'Y-m-d H:i:s', $since ), gmdate( 'Y-m-d H:i:s', self::NOW + 1 ) );
		// The reference: runs whose first attempt is in the window, and per route the runs that tried it.
		$runs      = (int) $wpdb->get_var( "SELECT COUNT(*) FROM (SELECT run_id FROM {$wpdb->prefix}aifo_events GROUP BY run_id HAVING MIN(created_at) >= " . $wpdb->prepare( '%s', gmdate( 'Y-m-d H:i:s', $since ) ) . ') AS r' );
		$per_route = array_map( 'intval', array_column( (array) $wpdb->get_results( "SELECT route, COUNT(DISTINCT run_id) AS n FROM {$wpdb->prefix}aifo_events WHERE {$window} GROUP BY route", ARRAY_A ), 'n', 'route' ) );
		// phpcs:enable
		$this->assertSame( 3, $runs, 'The fixture: three runs, all inside the window.' );

		$rollups = new Event_Rollups();
		$check   = function ( string $when ) use ( $rollups, $since, $runs, $per_route ): void {
			$summary = $rollups->summary( $since, self::NOW, 'hour', false, 'crossing' );
			$this->assertSame( array( $runs, $runs, 0 ), array( $summary['runs'], $summary['served_by_fallback'], $summary['failed'] ), $when . ': summary runs, served by a fallback, failed.' );
			$this->assertSame( $runs, array_sum( array_column( $summary['series'], 'runs' ) ), $when . ': the runs series adds up.' );
			$stats = array_column( $rollups->feature_stats( $since, self::NOW ), null, 'feature' );
			$this->assertSame( array( $runs, $runs ), array( $stats['crossing']['runs'], $stats['crossing']['fallback_runs'] ), $when . ': the alerts\' runs and fallback runs.' );
			$health = $rollups->health( $since, self::NOW, 'hour', false, 'crossing' );
			$this->assertSame(
				array(
					'a/m' => array( $per_route['a/m'], 0, $per_route['a/m'] ),
					'b/m' => array( $per_route['b/m'], $per_route['b/m'], 0 ),
				),
				array_map( static fn( array $route ): array => array( $route['runs'], $route['served'], $route['fell_back'] ), array_intersect_key( $health['runs'], $per_route ) ),
				$when . ': runs per route (tried, served, fell back).'
			);
		};
		$check( 'The first read (rolls up the last day at once)' );
		// The hourly job, an hour at a time: every hour boundary is also one between two roll-ups.
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test fixture, rolled back.
		foreach ( array( Event_Rollups::table(), Event_Rollups::runs_table(), Event_Rollups::route_runs_table() ) as $table ) {
			$wpdb->query( 'DELETE FROM ' . $table );
		}
		// phpcs:enable
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
		delete_option( Event_Rollups::OPTION_BLOCKS );
		for ( $time = $first + 15 * MINUTE_IN_SECONDS; $time <= self::NOW; $time += HOUR_IN_SECONDS ) {
			$this->assertSame( 1, $rollups->roll_up( $time ), 'One hour per call.' );
		}
		$check( 'Rolled up an hour at a time' );
	}

	public function test_the_rolled_up_sums_are_read_again_until_a_roll_up_changes_them(): void {
		global $wpdb;
		$rollups = new Event_Rollups();
		$first   = $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		$summary = $rollups->summary( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		$queries = array();
		$record  = static function ( string $query ) use ( &$queries ): string {
			$queries[] = $query;
			return $query;
		};
		add_filter( 'query', $record );
		$again         = $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		$summary_again = $rollups->summary( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		remove_filter( 'query', $record );
		$this->assertSame( $first, $again );
		$this->assertSame( $summary, $summary_again );
		$this->assertSame( array(), array_values( array_filter( $queries, static fn( string $query ): bool => str_contains( $query, Event_Rollups::table() ) || str_contains( $query, Event_Rollups::runs_table() ) || str_contains( $query, Event_Rollups::route_runs_table() ) ) ), 'The second reads sum no rollups: only the raw edges are read.' );
		$this->assertNotEmpty( $queries, 'The raw edges are read again.' );

		// An attempt in an hour rolled up already, and its hours rolled up again: the kept sums go.
		( new Event_Repository() )->insert_many(
			array(
				array(
					'run_id'     => 'ff00000000000001',
					'attempt'    => 1,
					'created_at' => gmdate( 'Y-m-d H:i:s', self::NOW - 5 * HOUR_IN_SECONDS ),
					'feature'    => 'f',
					'route'      => 'a/m',
					'provider'   => 'a',
					'model'      => 'm',
					'key_label'  => 'k0',
					'outcome'    => 'success',
					'decision'   => 'done',
					'reason'     => '',
					'latency_ms' => 100,
				),
			)
		);
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- test fixture, rolled back.
		foreach ( array( Event_Rollups::table(), Event_Rollups::runs_table(), Event_Rollups::route_runs_table() ) as $table ) {
			$wpdb->query( 'DELETE FROM ' . $table );
		}
		// phpcs:enable
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
		delete_option( Event_Rollups::OPTION_BLOCKS );
		$expected = $this->raw_counts();
		ksort( $expected );
		$this->assertSame( $expected, self::counts( $rollups->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' ) ), 'Rolled up again: the new attempt counts.' );
		$after = $rollups->summary( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		$this->assertSame( array( $summary['runs'] + 1, $summary['attempts'] + 1 ), array( $after['runs'], $after['attempts'] ), 'And in the summary: one more run and attempt.' );
	}

	public function test_classes_series_keys_and_percentiles(): void {
		$health = ( new Event_Rollups() )->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		$raw    = $this->raw_counts();

		$this->assertSame( array( 'server' => $raw['a/m']['errors'] ), $health['classes']['route:a/m'] );
		$this->assertSame( $raw['a/m']['requests'], array_sum( array_column( $health['series']['a/m'], 'requests' ) ) );
		$this->assertCount( 6, $health['keys'], 'Two providers times three keys.' );
		// Latencies 100..387 ms over the window: the median is about 243 ms; the histogram is within 9 %.
		$p50 = Event_Rollups::percentile( $health['histograms']['route:a/m'], 0.5 );
		$this->assertEqualsWithDelta( 243, $p50, 243 * 0.09 );
		$this->assertSame( 0.0, Event_Rollups::percentile( array(), 0.5 ) );
	}

	public function test_rollups_of_hours_the_log_no_longer_has_are_removed(): void {
		global $wpdb;
		$rollups = new Event_Rollups();
		$rollups->roll_up( self::NOW );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- the retention job's effect, then the check.
		$wpdb->query( $wpdb->prepare( "DELETE FROM {$wpdb->prefix}aifo_events WHERE created_at < %s", gmdate( 'Y-m-d H:i:s', self::NOW - 20 * HOUR_IN_SECONDS ) ) );
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
		$rollups->roll_up( self::NOW );
		$oldest = (string) $wpdb->get_var( 'SELECT MIN(bucket) FROM ' . Event_Rollups::table() );
		// phpcs:enable
		$this->assertGreaterThanOrEqual( gmdate( 'Y-m-d H:00:00', self::NOW - 20 * HOUR_IN_SECONDS ), $oldest );
	}

	public function test_a_7_day_window_from_day_and_4_hour_blocks_equals_the_raw_log(): void {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared -- fixture and the reference aggregation over the raw rows.
		$wpdb->query( 'DELETE FROM ' . $wpdb->prefix . 'aifo_events' );
		$rows  = array();
		$start = intdiv( self::NOW, HOUR_IN_SECONDS ) * HOUR_IN_SECONDS - 8 * DAY_IN_SECONDS;
		// 8 runs an hour over 8 days (none crossing an hour): a third fail on a/m and are served by b/m 3 s later.
		$count = 8 * ( intdiv( self::NOW, HOUR_IN_SECONDS ) * HOUR_IN_SECONDS - $start ) / HOUR_IN_SECONDS;
		for ( $index = 0; $index < $count; $index++ ) {
			$time   = $start + intdiv( $index, 8 ) * HOUR_IN_SECONDS + ( 1 + 7 * ( $index % 8 ) ) * 60;
			$failed = 0 === $index % 3;
			$row    = array(
				'run_id'      => sprintf( '%016x', 100000 + $index ),
				'attempt'     => 1,
				'created_at'  => gmdate( 'Y-m-d H:i:s', $time ),
				'feature'     => 0 === $index % 5 ? 'g' : 'f',
				'route'       => 'a/m',
				'provider'    => 'a',
				'model'       => 'm',
				'key_label'   => 'k' . ( $index % 2 ),
				'outcome'     => $failed ? 'error' : 'success',
				'error_class' => $failed ? ( 0 === $index % 2 ? 'server' : 'timeout' ) : null,
				'decision'    => $failed ? 'fallback' : 'done',
				'reason'      => '',
				'latency_ms'  => 50 + ( $index * 37 ) % 900,
				'cost'        => 0.25,
			);
			$rows[] = $row;
			if ( $failed ) {
				$rows[] = array(
					'attempt'     => 2,
					'created_at'  => gmdate( 'Y-m-d H:i:s', $time + 3 ),
					'route'       => 'b/m',
					'provider'    => 'b',
					'outcome'     => 'success',
					'error_class' => null,
					'decision'    => 'done',
					'latency_ms'  => 120 + $index % 50,
					'start_ms'    => 3000,
				) + $row;
			}
		}//end for
		( new Event_Repository() )->insert_many( $rows );
		$rollups = new Event_Rollups();
		for ( $call = 0; $call < 10; $call++ ) {
			// The hourly job catching up on 8 days, a day per call.
			$rollups->roll_up( self::NOW );
		}
		$since = self::NOW - 7 * DAY_IN_SECONDS;
		$this->assertGreaterThan( 0, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Event_Rollups::table() . ' WHERE hours = 24' ), 'Day blocks were built.' );
		$this->assertGreaterThan( 0, (int) $wpdb->get_var( 'SELECT COUNT(*) FROM ' . Event_Rollups::runs_table() . ' WHERE hours = 4' ), '4-hour blocks were built.' );

		$window = $wpdb->prepare( 'created_at >= %s AND created_at < %s', gmdate( 'Y-m-d H:i:s', $since ), gmdate( 'Y-m-d H:i:s', self::NOW + 1 ) );
		$health = $rollups->health( $since, self::NOW, 'day' );
		$routes = array_column( $health['routes'], null, 'subject' );
		foreach ( (array) $wpdb->get_results( "SELECT route, COUNT(*) AS attempts, SUM(outcome = 'error') AS errors, SUM(cost) AS cost FROM {$wpdb->prefix}aifo_events WHERE {$window} GROUP BY route", ARRAY_A ) as $row ) {
			$route = (string) $row['route'];
			$this->assertSame( array( (int) $row['attempts'], (int) $row['errors'], round( (float) $row['cost'], 6 ) ), array( $routes[ $route ]['attempts'], $routes[ $route ]['errors'], round( $routes[ $route ]['cost'], 6 ) ), $route );
			$histogram = array_fill( 0, Event_Rollups::BUCKETS, 0 );
			foreach ( (array) $wpdb->get_results( $wpdb->prepare( "SELECT LEAST(63, FLOOR(4 * LOG2(1 + latency_ms))) AS lb, COUNT(*) AS n FROM {$wpdb->prefix}aifo_events WHERE {$window} AND route = %s GROUP BY lb", $route ), ARRAY_A ) as $bucket ) {
				$histogram[ (int) $bucket['lb'] ] = (int) $bucket['n'];
			}
			$this->assertSame( $histogram, $health['histograms'][ 'route:' . $route ], $route . ': the latency histogram, bucket by bucket.' );
			$this->assertSame( (int) $row['attempts'], $health['runs'][ $route ]['runs'], $route . ': one attempt per run and route.' );
		}
		foreach ( (array) $wpdb->get_results( "SELECT error_class, COUNT(*) AS n, MIN(created_at) AS first, MAX(created_at) AS last FROM {$wpdb->prefix}aifo_events WHERE {$window} AND error_class IS NOT NULL GROUP BY error_class", ARRAY_A ) as $row ) {
			$class = (string) $row['error_class'];
			$this->assertSame( (int) $row['n'], $health['classes']['route:a/m'][ $class ], $class );
			$this->assertSame( array( (string) $row['first'], (string) $row['last'] ), array( $health['seen']['route:a/m'][ $class ]['first'], $health['seen']['route:a/m'][ $class ]['last'] ), $class . ': first and last seen.' );
		}
		$this->assertSame( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}aifo_events WHERE {$window} AND route = 'a/m'" ), array_sum( array_column( $health['series']['a/m'], 'requests' ) ), 'The daily series adds up.' );

		$runs      = (array) $wpdb->get_results( "SELECT run_id, MAX(outcome = 'success') AS answered, MAX(decision = 'fallback') AS moved, SUM(cost) AS cost, LEAST(63, FLOOR(4 * LOG2(1 + MAX(start_ms + latency_ms)))) AS lb FROM {$wpdb->prefix}aifo_events WHERE {$window} GROUP BY run_id", ARRAY_A );
		$durations = array_fill( 0, Event_Rollups::BUCKETS, 0 );
		foreach ( $runs as $run ) {
			++$durations[ (int) $run['lb'] ];
		}
		$summary = $rollups->summary( $since, self::NOW, 'day' );
		$this->assertSame(
			array( count( $runs ), count( array_filter( $runs, static fn( array $run ): bool => (bool) $run['moved'] ) ), round( array_sum( array_map( 'floatval', array_column( $runs, 'cost' ) ) ), 6 ), Event_Rollups::percentile( $durations, 0.95 ) ),
			array( $summary['runs'], $summary['served_by_fallback'], $summary['cost'], $summary['p95_latency_ms'] ),
			'Summary by run: runs, served by a fallback, cost, p95 of the durations.'
		);
		$this->assertSame( count( $runs ), array_sum( array_column( $summary['series'], 'runs' ) ) );
		$this->assertSame( (int) $wpdb->get_var( "SELECT COUNT(*) FROM {$wpdb->prefix}aifo_events WHERE {$window}" ), $summary['attempts'] );
		$stats = array_column( $rollups->feature_stats( $since, self::NOW ), 'runs', 'feature' );
		$this->assertSame( count( $runs ), $stats['f'] + $stats['g'], 'The alerts\' runs per feature.' );
		// phpcs:enable
	}

	/**
	 * Rollups built before a run across an hour boundary counted once hold that run in both hours
	 * (the second hour's roll-up took its later attempts for a run of its own), for up to 8 days. The
	 * upgrade drops them, and the kept sums, so the next read builds them again from the log.
	 */
	public function test_the_upgrade_rebuilds_rollups_that_counted_a_run_across_an_hour_boundary_twice(): void {
		global $wpdb;
		$since = self::NOW - DAY_IN_SECONDS;
		// An hour boundary inside a 4-hour block, so its block holds both hours.
		$boundary = intdiv( self::NOW, HOUR_IN_SECONDS ) * HOUR_IN_SECONDS - 6 * HOUR_IN_SECONDS;
		$rows     = array();
		foreach ( array( array( -10, 'a', 'error', 'server', 'fallback' ), array( 8, 'b', 'success', null, 'done' ) ) as $attempt => $spec ) {
			$rows[] = array(
				'run_id'      => 'stale00000000001',
				'attempt'     => $attempt + 1,
				'created_at'  => gmdate( 'Y-m-d H:i:s', $boundary + $spec[0] ),
				'feature'     => 'stale',
				'provider'    => $spec[1],
				'route'       => $spec[1] . '/m',
				'model'       => 'm',
				'key_label'   => 'k',
				'outcome'     => $spec[2],
				'error_class' => $spec[3],
				'decision'    => $spec[4],
				'reason'      => '',
				'latency_ms'  => 100,
			);
		}
		( new Event_Repository() )->insert_many( $rows );
		$rollups = new Event_Rollups();
		$read    = static function () use ( $rollups, $since ): array {
			$summary = $rollups->summary( $since, self::NOW, 'hour', false, 'stale' );
			$health  = $rollups->health( $since, self::NOW, 'hour', false, 'stale' );
			return array( $summary['runs'], $summary['served_by_fallback'], array_column( $health['runs'], 'runs' ) );
		};
		$this->assertSame( array( 1, 1, array( 1, 1 ) ), $read(), 'The fixture: one run, through both routes.' );

		// What the old roll-up left: the run again in the hour after the boundary, in its block too.
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the old rollups' rows, rolled back.
		$hour   = gmdate( 'Y-m-d H:i:s', $boundary - HOUR_IN_SECONDS );
		$counts = array(
			Event_Rollups::runs_table()       => array( 'runs', 'degraded_runs', 'fallback_runs', 'failed_runs' ),
			Event_Rollups::route_runs_table() => array( 'runs', 'served', 'fell_back', 'breaker_skipped' ),
		);
		foreach ( $counts as $table => $columns ) {
			$all    = array_map( 'strval', (array) $wpdb->get_col( 'DESC ' . $table ) );
			$select = str_replace( '`bucket`', '`bucket` + INTERVAL 1 HOUR', '`' . implode( '`, `', $all ) . '`' );
			$this->assertGreaterThan( 0, (int) $wpdb->query( $wpdb->prepare( "INSERT INTO {$table} SELECT {$select} FROM {$table} WHERE hours = 1 AND feature = 'stale' AND bucket = %s", $hour ) ), 'The run\'s hour is rolled up.' );
			$doubled = implode( ', ', array_map( static fn( string $column ): string => "{$column} = {$column} * 2", $columns ) );
			$wpdb->query( $wpdb->prepare( "UPDATE {$table} SET {$doubled} WHERE hours > 1 AND feature = 'stale' AND bucket <= %s AND bucket + INTERVAL hours HOUR > %s", $hour, gmdate( 'Y-m-d H:i:s', $boundary ) ) );
		}
		// phpcs:enable
		update_option( Event_Rollups::OPTION_GENERATION, (int) get_option( Event_Rollups::OPTION_GENERATION, 0 ) + 1, false );
		$this->assertSame( array( 2, 2, array( 2, 2 ) ), $read(), 'The old rollups count the run twice (and keep those sums).' );

		// The site as the old code left it, then the upgrade a request runs on init.
		update_option( Event_Schema::OPTION, '5' );
		delete_option( Event_Rollups::OPTION_VERSION );
		( new Event_Schema() )->maybe_upgrade();

		$this->assertSame( Event_Rollups::VERSION, get_option( Event_Rollups::OPTION_VERSION ) );
		$this->assertSame( array( 1, 1, array( 1, 1 ) ), $read(), 'Rebuilt from the log: the run counts once.' );
		$this->assertSame( array( 1, 1, array( 1, 1 ) ), $read(), 'And again from the sums kept after the rebuild.' );
	}

	public function test_health_lists_as_many_routes_as_the_filter_allows_and_counts_them_all(): void {
		$cap = static fn(): int => 1;
		add_filter( 'aifo_health_max_routes', $cap );
		try {
			$health = ( new Event_Rollups() )->health( self::NOW - DAY_IN_SECONDS, self::NOW, 'hour' );
		} finally {
			remove_filter( 'aifo_health_max_routes', $cap );
		}
		$this->assertCount( 1, $health['routes'] );
		$this->assertSame( count( $this->raw_counts() ), $health['routes_total'], 'Every route of the window is counted.' );
		$this->assertSame( 2, $health['routes_total'] );
	}
}
