<?php
/**
 * Hourly rollups of the event log, for the health panel.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Registers_Hooks;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders -- the event log's SQL; table names come from $wpdb->prefix and every value goes through $wpdb->prepare().

/**
 * Reads and writes {$wpdb->prefix}aifo_rollups: per hour, route, key and error class, the counts,
 * the cost and a latency histogram of the event log's attempts; and {$wpdb->prefix}aifo_run_rollups:
 * per hour and feature, the runs, degraded runs and failed runs the alerts compare with thresholds.
 *
 * The rollups are built from the log, not next to it: a run still writes exactly one statement
 * (its event INSERT). When health is read, complete hours not yet rolled up are aggregated with one
 * INSERT IGNORE ... SELECT per table, and the window is answered from the rollups plus
 * the raw rows of its two partial edges (the part of the first hour inside the window, and the
 * recent hours not yet rolled up). An hour is rolled up only 10 minutes after it ended, because a run
 * writes its attempts when it ends (60 s at most) with the time each attempt started. Rolling up the
 * same hour twice (two requests at once) inserts nothing the second time, so no count is doubled.
 *
 * At most a day is rolled up per call: new hours first, then the rolled range grows back a day per
 * call (8 days at most), and an hourly cron job keeps up between reads. So the first read after the
 * upgrade rolls up the last day, and a long backlog is spread out; what is not rolled up is read raw.
 *
 * Percentiles come from the histogram: 4 buckets per doubling (each about 19 % wide), reported as
 * the bucket's geometric middle, within 9 % of the exact value.
 *
 * @since n.e.x.t
 */
final class Event_Rollups implements Registers_Hooks {

	/** Histogram buckets; bucket k holds latencies with floor(4 * log2(1 + ms)) = k (the last one everything above 65 s). */
	public const BUCKETS = 64;

	/** The option holding the end of the rolled-up hours: the first hour not rolled up yet (MySQL datetime, UTC). */
	public const OPTION = 'aifo_rollups_through';

	/** The option holding the first rolled-up hour (MySQL datetime, UTC). */
	public const OPTION_FROM = 'aifo_rollups_from';

	/** Seconds after an hour's end before it is rolled up. */
	private const SETTLE_SECONDS = 600;

	/** How far back the first roll-up reaches (the longest health window, plus a day). */
	private const MAX_BACKFILL_SECONDS = 8 * DAY_IN_SECONDS;

	/** Hours rolled up at most per call, so no one request pays for a long backlog; the rest stays raw until the next call. */
	private const MAX_HOURS_PER_CALL = 24;

	/** The hourly job that keeps the rollups current between health reads. */
	public const HOOK = 'aifo_roll_up_events';

	public function register_hooks(): void {
		add_action( self::HOOK, array( $this, 'roll_up_now' ) );
		add_action( 'init', array( $this, 'schedule' ) );
	}

	/**
	 * Schedules the hourly job once.
	 */
	public function schedule(): void {
		if ( ! wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'hourly', self::HOOK );
		}
	}

	/**
	 * The hourly job: catches up on every settled hour.
	 */
	public function roll_up_now(): void {
		$now = time();
		// Each call rolls up at most a day; a long backlog (8 days at most) takes a few.
		for ( $call = 0; $call < 8; $call++ ) {
			if ( 0 === $this->roll_up( $now ) ) {
				break;
			}
		}
	}

	/**
	 * The rollup table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_rollups';
	}

	/**
	 * The per-run rollup table's name (runs per hour and feature, for the alerts).
	 */
	public static function runs_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_run_rollups';
	}

	/**
	 * The per-run rollup table's definition for dbDelta().
	 *
	 * @param string $charset Charset and collation clause.
	 */
	public static function runs_definition( string $charset ): string {
		return 'CREATE TABLE ' . self::runs_table() . " (
  bucket datetime NOT NULL,
  feature varchar(40) NOT NULL DEFAULT '',
  runs int(10) unsigned NOT NULL DEFAULT 0,
  degraded_runs int(10) unsigned NOT NULL DEFAULT 0,
  failed_runs int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (bucket,feature)
) {$charset};";
	}

	/**
	 * The table's definition for dbDelta(), one field per line.
	 *
	 * @param string $charset Charset and collation clause.
	 */
	public static function definition( string $charset ): string {
		$histogram = '';
		for ( $bucket = 0; $bucket < self::BUCKETS; $bucket++ ) {
			$histogram .= "  l{$bucket} int(10) unsigned NOT NULL DEFAULT 0,\n";
		}
		return 'CREATE TABLE ' . self::table() . " (
  bucket datetime NOT NULL,
  route varchar(250) NOT NULL DEFAULT '',
  provider varchar(40) NOT NULL DEFAULT '',
  key_label varchar(60) NOT NULL DEFAULT '',
  key_id varchar(40) NOT NULL DEFAULT '',
  error_class varchar(32) NOT NULL DEFAULT '',
  simulated tinyint(1) NOT NULL DEFAULT 0,
  requests int(10) unsigned NOT NULL DEFAULT 0,
  successes int(10) unsigned NOT NULL DEFAULT 0,
  errors int(10) unsigned NOT NULL DEFAULT 0,
  fallbacks int(10) unsigned NOT NULL DEFAULT 0,
  cost decimal(18,8) NOT NULL DEFAULT 0,
{$histogram}  PRIMARY KEY  (bucket,provider,key_label,key_id,route,error_class,simulated)
) {$charset};";
	}

	/**
	 * Rolls up every complete, settled hour not rolled up yet.
	 *
	 * @param int  $now      Unix time.
	 * @param bool $backfill Also roll up a day further back (the hourly job); readers only roll up new
	 *                       hours, and the last day when nothing is rolled up yet.
	 * @return int Hours rolled up.
	 */
	public function roll_up( int $now, bool $backfill = true ): int {
		global $wpdb;
		$settled = self::hour( $now - self::SETTLE_SECONDS );
		$high    = self::from_mysql( (string) get_option( self::OPTION, '' ) );
		$low     = self::from_mysql( (string) get_option( self::OPTION_FROM, '' ) );
		if ( 0 === $high || 0 === $low || $low > $high ) {
			$low  = $settled;
			$high = $settled;
		}
		if ( $high < $settled ) {
			// New hours first: the most recent day, then the range grows back from there.
			$from = max( $high, $settled - self::MAX_HOURS_PER_CALL * HOUR_IN_SECONDS );
			if ( $from > $high ) {
				$low = $from;
				// Nobody read health for more than a day: the rolled range starts again.
			}
			$until = $settled;
			$high  = $settled;
		} elseif ( ! $backfill && $low < $high ) {
			// Older days are the hourly job's work, not a reader's.
			return 0;
		} else {
			$oldest = $wpdb->get_var( 'SELECT MIN(created_at) FROM ' . Event_Schema::table() );
			$floor  = null === $oldest ? $low : max( self::hour( self::from_mysql( (string) $oldest ) ), self::hour( $now - self::MAX_BACKFILL_SECONDS ) );
			if ( $low <= $floor ) {
				return 0;
			}
			$from  = max( $floor, $low - self::MAX_HOURS_PER_CALL * HOUR_IN_SECONDS );
			$until = $low;
			$low   = $from;
		}//end if
		$columns    = self::columns();
		$suppressed = $wpdb->suppress_errors( true );
		$written    = $wpdb->query(
			'INSERT IGNORE INTO ' . self::table() . " ({$columns}) "
			. $this->aggregate_sql( "DATE_FORMAT(created_at, '%Y-%m-%d %H:00:00')", self::to_mysql( $from ), self::to_mysql( $until ) )
		);
		if ( false !== $written ) {
			$written = $wpdb->query(
				'INSERT IGNORE INTO ' . self::runs_table() . ' (bucket, feature, runs, degraded_runs, failed_runs) '
				. $this->runs_sql( "DATE_FORMAT(first, '%Y-%m-%d %H:00:00')", self::to_mysql( $from ), self::to_mysql( $until ) )
			);
		}
		$wpdb->suppress_errors( $suppressed );
		if ( false === $written ) {
			return 0;
		}
		update_option( self::OPTION, self::to_mysql( $high ), false );
		update_option( self::OPTION_FROM, self::to_mysql( $low ), false );
		// Rollups of hours the retention job already removed from the log go with them.
		$oldest = $wpdb->get_var( 'SELECT MIN(created_at) FROM ' . Event_Schema::table() );
		$keep   = null === $oldest ? self::to_mysql( $low ) : self::to_mysql( self::hour( self::from_mysql( (string) $oldest ) ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . self::table() . ' WHERE bucket < %s', $keep ) );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . self::runs_table() . ' WHERE bucket < %s', $keep ) );
		return (int) ( ( $until - $from ) / HOUR_IN_SECONDS );
	}

	/**
	 * Aggregates per route and per key over [$since, $now]: the same shape as the raw aggregation,
	 * with a histogram per subject instead of the raw latencies.
	 *
	 * @param int    $since  Unix time, start of the window.
	 * @param int    $now    Unix time, end of the window.
	 * @param string $bucket            'hour' or 'day': the series' resolution.
	 * @param bool   $include_simulated Count drills too (off by default: they changed nothing real, so
	 *                                  they must not move the figures an operator acts on).
	 * @return array{routes: list<array<string, mixed>>, keys: list<array<string, mixed>>, histograms: array<string, list<int>>, series: array<string, list<array<string, mixed>>>, classes: array<string, array<string, int>>}
	 */
	public function health( int $since, int $now, string $bucket, bool $include_simulated = false ): array {
		global $wpdb;
		$this->roll_up( $now, false );
		list( $first, $tail ) = $this->rolled_part( $since );
		$format               = 'day' === $bucket ? '%Y-%m-%dT00:00:00Z' : '%Y-%m-%dT%H:00:00Z';
		$simulated            = $include_simulated ? '' : ' AND simulated = 0';
		$histogram            = '';
		for ( $index = 0; $index < self::BUCKETS; $index++ ) {
			$histogram .= ", l{$index}";
		}
		// The rolled-up hours as stored (PHP sums them); the raw edges grouped with the latency bucket
		// as one more key, so MariaDB computes a few aggregates per row instead of one per histogram bucket.
		$rows = array_map(
			'array_values',
			(array) $wpdb->get_results(
				"SELECT DATE_FORMAT(bucket, '{$format}') AS b, route, provider, key_label, error_class, requests, successes, errors, fallbacks, cost, key_id{$histogram} FROM " . self::table()
				. ' WHERE ' . $wpdb->prepare( 'bucket >= %s AND bucket < %s', self::to_mysql( $first ), self::to_mysql( $tail ) ) . $simulated,
				ARRAY_A
			)
		);
		$raw  = (array) $wpdb->get_results(
			"SELECT DATE_FORMAT(created_at, '{$format}') AS b, route, provider, key_label, COALESCE(error_class, '') AS error_class, COUNT(*) AS requests, SUM(outcome = 'success') AS successes, SUM(outcome = 'error') AS errors, SUM(decision = 'fallback') AS fallbacks, SUM(cost) AS cost, MAX(key_id) AS key_id, LEAST(" . ( self::BUCKETS - 1 ) . ', FLOOR(4 * LOG2(1 + latency_ms))) AS lb FROM ' . Event_Schema::table()
			. ' WHERE ' . $wpdb->prepare( "((created_at >= %s AND created_at < %s) OR (created_at >= %s AND created_at < %s)) AND outcome <> 'skipped'", self::to_mysql( $since ), self::to_mysql( min( $first, $now + 1 ) ), self::to_mysql( $tail ), self::to_mysql( $now + 1 ) ) . $simulated
			. ' GROUP BY b, route, provider, key_label, error_class, lb',
			ARRAY_A
		);
		foreach ( $raw as $row ) {
			$row                      = array_values( (array) $row );
			$counts                   = array_fill( 0, self::BUCKETS, 0 );
			$counts[ (int) $row[11] ] = (int) $row[5];
			$rows[]                   = array_merge( array_slice( $row, 0, 11 ), $counts );
		}
		usort( $rows, static fn( array $a, array $b ): int => strcmp( (string) $a[0], (string) $b[0] ) );
		return $this->group( $rows );
	}

	/**
	 * Sums the fine-grained rows per route, per key, per error class and per series bucket.
	 *
	 * @param array<int, mixed> $rows Rows of b, route, provider, key_label, error_class, requests, successes, errors, fallbacks, cost, key_id, l0..l63.
	 * @return array{routes: list<array<string, mixed>>, keys: list<array<string, mixed>>, histograms: array<string, list<int>>, series: array<string, list<array<string, mixed>>>, classes: array<string, array<string, int>>}
	 */
	private function group( array $rows ): array {
		$totals     = array(
			'route' => array(),
			'key'   => array(),
		);
		$histograms = array();
		$classes    = array();
		$series     = array();
		foreach ( $rows as $row ) {
			$row       = array_values( (array) $row );
			$route     = (string) $row[1];
			$provider  = (string) $row[2];
			$key       = '' === (string) $row[3] ? null : $provider . ':' . (string) $row[3];
			$counts    = array_slice( $row, 11, self::BUCKETS );
			$subjects  = null === $key ? array( 'route' => $route ) : array(
				'route' => $route,
				'key'   => $key,
			);
			$requests  = (int) $row[5];
			$failures  = (int) $row[7];
			$fallbacks = (int) $row[8];
			foreach ( $subjects as $kind => $subject ) {
				$total = $totals[ $kind ][ $subject ] ?? array(
					'subject'   => $subject,
					'requests'  => 0,
					'successes' => 0,
					'errors'    => 0,
					'fallbacks' => 0,
					'cost'      => 0.0,
					'provider'  => $provider,
				);
				if ( 'key' === $kind ) {
					// The key's id, for its breaker (one label is one key; the highest id if it was replaced).
					$total['key_id'] = max( (string) ( $total['key_id'] ?? '' ), (string) $row[10] );
				}
				$total['requests']  += $requests;
				$total['successes'] += (int) $row[6];
				$total['errors']    += $failures;
				$total['fallbacks'] += $fallbacks;
				$total['cost']      += (float) $row[9];
				$total['provider']   = min( $total['provider'], $provider );

				$totals[ $kind ][ $subject ] = $total;

				$key = $kind . ':' . $subject;
				if ( ! isset( $histograms[ $key ] ) ) {
					$histograms[ $key ] = array_fill( 0, self::BUCKETS, 0 );
				}
				foreach ( $counts as $index => $count ) {
					if ( $count > 0 ) {
						$histograms[ $key ][ $index ] += (int) $count;
					}
				}
				if ( '' !== (string) $row[4] ) {
					$classes[ $kind . ':' . $subject ][ (string) $row[4] ] = $requests + ( $classes[ $kind . ':' . $subject ][ (string) $row[4] ] ?? 0 );
				}
			}//end foreach
			$point               = $series[ $route ][ (string) $row[0] ] ?? array(
				'bucket'    => (string) $row[0],
				'requests'  => 0,
				'failures'  => 0,
				'fallbacks' => 0,
			);
			$point['requests']  += $requests;
			$point['failures']  += $failures;
			$point['fallbacks'] += $fallbacks;

			$series[ $route ][ (string) $row[0] ] = $point;
		}//end foreach
		$busiest = static function ( array $rows ): array {
			usort( $rows, static fn( array $a, array $b ): int => $b['requests'] <=> $a['requests'] );
			return array_slice( $rows, 0, 200 );
		};
		return array(
			'routes'     => $busiest( array_values( $totals['route'] ) ),
			'keys'       => $busiest( array_values( $totals['key'] ) ),
			'histograms' => array_map( 'array_values', $histograms ),
			'series'     => array_map( 'array_values', $series ),
			'classes'    => $classes,
		);
	}

	/**
	 * Runs per feature that started in [$since, $now]: how many, how many needed a fallback or key
	 * rotation, how many ended without an answer. Runs that include a drill (a simulated attempt) are
	 * left out. From the run rollups plus the raw rows of the window's partial edges; a run belongs to
	 * the hour of its first attempt.
	 *
	 * @param int $since Unix time, start of the window.
	 * @param int $now   Unix time, end of the window.
	 * @return list<array{feature: string, runs: int, degraded_runs: int, failed_runs: int}>
	 */
	public function feature_stats( int $since, int $now ): array {
		global $wpdb;
		$this->roll_up( $now, false );
		list( $first, $tail ) = $this->rolled_part( $since );
		$rows                 = $wpdb->get_results(
			'SELECT feature, SUM(runs) AS runs, SUM(degraded_runs) AS degraded_runs, SUM(failed_runs) AS failed_runs FROM ('
			. 'SELECT bucket, feature, runs, degraded_runs, failed_runs FROM ' . self::runs_table() . ' WHERE ' . $wpdb->prepare( 'bucket >= %s AND bucket < %s', self::to_mysql( $first ), self::to_mysql( $tail ) )
			. ' UNION ALL ' . $this->runs_sql( "'-'", self::to_mysql( $since ), self::to_mysql( min( $first, $now + 1 ) ) )
			. ' UNION ALL ' . $this->runs_sql( "'-'", self::to_mysql( $tail ), self::to_mysql( $now + 1 ) )
			. ') AS u GROUP BY feature',
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

	/**
	 * The latency at quantile $p of a histogram: the middle of its bucket, in ms.
	 *
	 * @param list<int> $counts Counts per bucket.
	 * @param float     $p      0..1.
	 */
	public static function percentile( array $counts, float $p ): float {
		$total = array_sum( $counts );
		if ( $total <= 0 ) {
			return 0.0;
		}
		// The same rank as the nearest-rank percentile over the sorted values.
		$rank = (int) min( $total - 1, floor( $p * $total ) );
		$seen = 0;
		foreach ( $counts as $bucket => $count ) {
			$seen += $count;
			if ( $seen > $rank ) {
				return round( 2 ** ( ( $bucket + 0.5 ) / 4 ) - 1, 1 );
			}
		}
		return 0.0;
	}

	/**
	 * The SELECT that aggregates raw events of [$from, $until) into rollup rows.
	 *
	 * @param string $bucket_sql SQL for the row's bucket.
	 * @param string $from       MySQL datetime, inclusive.
	 * @param string $until      MySQL datetime, exclusive.
	 */
	private function aggregate_sql( string $bucket_sql, string $from, string $until ): string {
		global $wpdb;
		$histogram = '';
		for ( $index = 0; $index < self::BUCKETS; $index++ ) {
			$histogram .= ", SUM(lb = {$index}) AS l{$index}";
		}
		// The bucket index is computed once per row in the inner SELECT, not once per histogram column.
		return "SELECT bucket, route, provider, key_label, key_id, error_class, simulated, COUNT(*) AS requests, SUM(outcome = 'success') AS successes, SUM(outcome = 'error') AS errors, SUM(decision = 'fallback') AS fallbacks, SUM(cost) AS cost{$histogram} FROM ("
			. "SELECT {$bucket_sql} AS bucket, route, provider, key_label, key_id, COALESCE(error_class, '') AS error_class, simulated, outcome, decision, cost, LEAST(" . ( self::BUCKETS - 1 ) . ', FLOOR(4 * LOG2(1 + latency_ms))) AS lb FROM '
			. Event_Schema::table() . ' WHERE ' . $wpdb->prepare( "created_at >= %s AND created_at < %s AND outcome <> 'skipped'", $from, $until )
			. ') AS e GROUP BY bucket, provider, key_label, key_id, route, error_class, simulated';
	}

	/**
	 * The SELECT that aggregates the runs whose first attempt is in [$from, $until) per feature.
	 * Attempts of those runs up to 2 minutes later still count (a run lasts 60 s at most).
	 *
	 * @param string $bucket_sql SQL for the row's bucket (over `first`, the run's first attempt).
	 * @param string $from       MySQL datetime, inclusive.
	 * @param string $until      MySQL datetime, exclusive.
	 */
	private function runs_sql( string $bucket_sql, string $from, string $until ): string {
		global $wpdb;
		return "SELECT {$bucket_sql} AS bucket, feature, COUNT(*) AS runs, SUM(degraded) AS degraded_runs, SUM(answered = 0) AS failed_runs FROM ("
			. "SELECT feature, run_id, MIN(created_at) AS first, MAX(decision IN ('fallback', 'rotate_key')) AS degraded, MAX(outcome = 'success') AS answered FROM "
			. Event_Schema::table() . ' WHERE ' . $wpdb->prepare( "created_at >= %s AND created_at < %s + INTERVAL 2 MINUTE AND feature <> ''", $from, $until )
			. ' GROUP BY feature, run_id HAVING MAX(simulated) = 0 AND ' . $wpdb->prepare( 'first >= %s AND first < %s', $from, $until )
			. ') AS r GROUP BY bucket, feature';
	}

	/**
	 * The rollup columns in table order.
	 */
	private static function columns(): string {
		$columns = 'bucket, route, provider, key_label, key_id, error_class, simulated, requests, successes, errors, fallbacks, cost';
		for ( $bucket = 0; $bucket < self::BUCKETS; $bucket++ ) {
			$columns .= ", l{$bucket}";
		}
		return $columns;
	}

	/**
	 * The rolled-up part of a window starting at $since: [start, end). Before it, from $since, and
	 * after it, to the window's end, the window is read raw.
	 *
	 * @param int $since Unix time, start of the window.
	 * @return array{0: int, 1: int}
	 */
	private function rolled_part( int $since ): array {
		$low   = self::from_mysql( (string) get_option( self::OPTION_FROM, '' ) );
		$high  = self::from_mysql( (string) get_option( self::OPTION, '' ) );
		$start = max( self::hour( $since - 1 ) + HOUR_IN_SECONDS, $low );
		return array( $start, max( $start, $high ) );
	}

	/**
	 * The start of the hour $time is in.
	 *
	 * @param int $time Unix time.
	 */
	private static function hour( int $time ): int {
		return intdiv( $time, HOUR_IN_SECONDS ) * HOUR_IN_SECONDS;
	}

	/**
	 * @param int $time Unix time.
	 */
	private static function to_mysql( int $time ): string {
		return gmdate( 'Y-m-d H:i:s', $time );
	}

	/**
	 * @param string $datetime MySQL datetime (UTC), or '' for none.
	 */
	private static function from_mysql( string $datetime ): int {
		$time = '' === $datetime ? false : strtotime( $datetime . ' UTC' );
		return false === $time ? 0 : $time;
	}
}
// phpcs:enable
