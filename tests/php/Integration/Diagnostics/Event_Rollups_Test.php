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
		// phpcs:enable
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
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
				'failed_runs'   => $raw['a/m']['errors'] + $raw['b/m']['errors'],
			),
		);

		$this->assertSame( $expected, $rollups->feature_stats( self::NOW - DAY_IN_SECONDS, self::NOW ), 'Part rolled up (one day per call), part raw.' );
		$rollups->roll_up( self::NOW );
		$this->assertSame( $expected, $rollups->feature_stats( self::NOW - DAY_IN_SECONDS, self::NOW ), 'All settled hours rolled up.' );
		$this->assertSame( array(), $rollups->feature_stats( self::NOW + HOUR_IN_SECONDS, self::NOW + 2 * HOUR_IN_SECONDS ), 'A window without runs.' );
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
}
