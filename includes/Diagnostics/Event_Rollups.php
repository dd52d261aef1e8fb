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
	 * The per-route-and-run rollup table's name (runs per hour, feature and route).
	 */
	public static function route_runs_table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_route_run_rollups';
	}

	/**
	 * The per-run rollup table's definition for dbDelta(): per hour (of the run's first attempt),
	 * feature, workflow, the provider that answered ('' when none did) and whether it was a drill,
	 * the runs, the runs that needed a fallback or key rotation, those served by a fallback, those
	 * that failed, their cost and a histogram of the runs' durations.
	 *
	 * @param string $charset Charset and collation clause.
	 */
	public static function runs_definition( string $charset ): string {
		return 'CREATE TABLE ' . self::runs_table() . " (
  bucket datetime NOT NULL,
  feature varchar(40) NOT NULL DEFAULT '',
  workflow varchar(64) NOT NULL DEFAULT '',
  served_provider varchar(40) NOT NULL DEFAULT '',
  simulated tinyint(1) NOT NULL DEFAULT 0,
  runs int(10) unsigned NOT NULL DEFAULT 0,
  degraded_runs int(10) unsigned NOT NULL DEFAULT 0,
  fallback_runs int(10) unsigned NOT NULL DEFAULT 0,
  failed_runs int(10) unsigned NOT NULL DEFAULT 0,
  cost decimal(18,8) NOT NULL DEFAULT 0,
" . self::histogram_definition() . "  PRIMARY KEY  (bucket,feature,workflow,served_provider,simulated)
) {$charset};";
	}

	/**
	 * The per-route-and-run rollup table's definition for dbDelta(): per hour, feature and route, the
	 * runs that tried the route (sent or skipped), that it served, that left it for another route,
	 * and that skipped it on an open breaker.
	 *
	 * @param string $charset Charset and collation clause.
	 */
	public static function route_runs_definition( string $charset ): string {
		return 'CREATE TABLE ' . self::route_runs_table() . " (
  bucket datetime NOT NULL,
  feature varchar(40) NOT NULL DEFAULT '',
  route varchar(250) NOT NULL DEFAULT '',
  simulated tinyint(1) NOT NULL DEFAULT 0,
  runs int(10) unsigned NOT NULL DEFAULT 0,
  served int(10) unsigned NOT NULL DEFAULT 0,
  fell_back int(10) unsigned NOT NULL DEFAULT 0,
  breaker_skipped int(10) unsigned NOT NULL DEFAULT 0,
  PRIMARY KEY  (bucket,feature,route,simulated)
) {$charset};";
	}

	/**
	 * The histogram columns, one per line.
	 */
	private static function histogram_definition(): string {
		$histogram = '';
		for ( $bucket = 0; $bucket < self::BUCKETS; $bucket++ ) {
			$histogram .= "  l{$bucket} int(10) unsigned NOT NULL DEFAULT 0,\n";
		}
		return $histogram;
	}

	/**
	 * The table's definition for dbDelta(), one field per line: per hour, feature, route, key, error
	 * class and drill flag, the attempts (sent and skipped), their outcomes, cost, the first and last
	 * one's time and a histogram of the sent attempts' latencies.
	 *
	 * @param string $charset Charset and collation clause.
	 */
	public static function definition( string $charset ): string {
		return 'CREATE TABLE ' . self::table() . " (
  bucket datetime NOT NULL,
  feature varchar(40) NOT NULL DEFAULT '',
  route varchar(250) NOT NULL DEFAULT '',
  provider varchar(40) NOT NULL DEFAULT '',
  key_label varchar(60) NOT NULL DEFAULT '',
  key_id varchar(40) NOT NULL DEFAULT '',
  error_class varchar(32) NOT NULL DEFAULT '',
  simulated tinyint(1) NOT NULL DEFAULT 0,
  attempts int(10) unsigned NOT NULL DEFAULT 0,
  requests int(10) unsigned NOT NULL DEFAULT 0,
  skipped int(10) unsigned NOT NULL DEFAULT 0,
  successes int(10) unsigned NOT NULL DEFAULT 0,
  errors int(10) unsigned NOT NULL DEFAULT 0,
  fallbacks int(10) unsigned NOT NULL DEFAULT 0,
  cost decimal(18,8) NOT NULL DEFAULT 0,
  first_at datetime(3) NOT NULL,
  last_at datetime(3) NOT NULL,
" . self::histogram_definition() . "  PRIMARY KEY  (bucket,feature,provider,key_label,key_id,route,error_class,simulated)
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
		$suppressed = $wpdb->suppress_errors( true );
		$hour       = "DATE_FORMAT(%s, '%%Y-%%m-%%d %%H:00:00')";
		$written    = $wpdb->query(
			'INSERT IGNORE INTO ' . self::table() . ' (' . self::columns() . ') '
			. $this->aggregate_sql( sprintf( $hour, 'created_at' ), self::to_mysql( $from ), self::to_mysql( $until ) )
		);
		if ( false !== $written ) {
			$written = $wpdb->query(
				'INSERT IGNORE INTO ' . self::runs_table() . ' (' . self::run_columns() . ') '
				. $this->runs_sql( sprintf( $hour, 'first' ), self::to_mysql( $from ), self::to_mysql( $until ) )
			);
		}
		if ( false !== $written ) {
			$written = $wpdb->query(
				'INSERT IGNORE INTO ' . self::route_runs_table() . ' (bucket, feature, route, simulated, runs, served, fell_back, breaker_skipped) '
				. $this->route_runs_sql( sprintf( $hour, 'first' ), self::to_mysql( $from ), self::to_mysql( $until ) )
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
		foreach ( array( self::table(), self::runs_table(), self::route_runs_table() ) as $table ) {
			$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . $table . ' WHERE bucket < %s', $keep ) );
		}
		return (int) ( ( $until - $from ) / HOUR_IN_SECONDS );
	}

	/**
	 * Aggregates per route and per key over [$since, $now], by attempt (sent, skipped, outcomes,
	 * latency histogram, error classes with their first and last time) and, per route, by run (runs
	 * that tried it, that it served, that fell back from it, that skipped it on an open breaker).
	 *
	 * @param int    $since             Unix time, start of the window.
	 * @param int    $now               Unix time, end of the window.
	 * @param string $bucket            'hour' or 'day': the series' resolution.
	 * @param bool   $include_simulated Count drills too (off by default: they changed nothing real, so
	 *                                  they must not move the figures an operator acts on).
	 * @param string $feature           Only this feature's traffic ('' for all).
	 * @return array{routes: list<array<string, mixed>>, keys: list<array<string, mixed>>, histograms: array<string, list<int>>, series: array<string, list<array<string, mixed>>>, classes: array<string, array<string, int>>, seen: array<string, array<string, array{first: string, last: string}>>, runs: array<string, array{runs: int, served: int, fell_back: int, breaker_skipped: int}>}
	 */
	public function health( int $since, int $now, string $bucket, bool $include_simulated = false, string $feature = '' ): array {
		global $wpdb;
		$this->roll_up( $now, false );
		$format                 = self::format( $bucket );
		$filters                = $this->filters( $include_simulated, $feature );
		list( $rolled, $edges ) = $this->parts( $since, $now );
		$sums                   = '';
		for ( $index = 0; $index < self::BUCKETS; $index++ ) {
			$sums .= ", SUM(l{$index}) AS l{$index}";
		}
		// The rolled-up hours summed by MariaDB twice: per route, key and class (totals, histograms,
		// first / last seen) and per series bucket and route; PHP only adds the few rows that come back.
		// The raw edges are grouped with the latency bucket as one more key, so MariaDB computes a few
		// aggregates per row instead of one per histogram bucket.
		$rows   = (array) $wpdb->get_results(
			"SELECT '' AS b, route, provider, key_label, error_class, SUM(attempts) AS attempts, SUM(requests) AS requests, SUM(skipped) AS skipped, SUM(successes) AS successes, SUM(errors) AS errors, SUM(fallbacks) AS fallbacks, SUM(cost) AS cost, MAX(key_id) AS key_id, MIN(first_at) AS first_at, MAX(last_at) AS last_at{$sums} FROM " . self::table()
			. " WHERE {$rolled}{$filters} GROUP BY route, provider, key_label, error_class",
			ARRAY_A
		);
		$series = (array) $wpdb->get_results(
			"SELECT DATE_FORMAT(bucket, '{$format}') AS b, route, SUM(requests) AS requests, SUM(errors) AS errors, SUM(fallbacks) AS fallbacks FROM " . self::table()
			. " WHERE {$rolled}{$filters} GROUP BY b, route",
			ARRAY_A
		);
		$raw    = (array) $wpdb->get_results(
			"SELECT DATE_FORMAT(created_at, '{$format}') AS b, route, provider, key_label, COALESCE(error_class, '') AS error_class, COUNT(*) AS attempts, SUM(outcome <> 'skipped') AS requests, SUM(outcome = 'skipped') AS skipped, SUM(outcome = 'success') AS successes, SUM(outcome = 'error') AS errors, SUM(decision IN ('fallback', 'skip')) AS fallbacks, SUM(cost) AS cost, MAX(key_id) AS key_id, MIN(created_at) AS first_at, MAX(created_at) AS last_at, "
			. self::latency_bucket_sql( 'latency_ms' ) . ' AS lb FROM ' . Event_Schema::table()
			. " WHERE ({$edges}){$filters} GROUP BY b, route, provider, key_label, error_class, lb",
			ARRAY_A
		);
		foreach ( $raw as $row ) {
			$lb = (int) $row['lb'];
			unset( $row['lb'] );
			for ( $index = 0; $index < self::BUCKETS; $index++ ) {
				$row[ 'l' . $index ] = $index === $lb ? (int) $row['requests'] : 0;
			}
			$rows[] = $row;
		}
		$out         = $this->group( array_values( $rows ), array_values( $series ) );
		$out['runs'] = $this->route_runs( $since, $now, $filters );
		return $out;
	}

	/**
	 * The figures at the top of Diagnostics for [$since, $now]: runs, served by a fallback, failed,
	 * cost, p95 of the runs' durations (from the histogram), attempts (sent, skipped), and the series
	 * of runs by outcome, by the provider that answered, and of attempts by error class.
	 *
	 * @param int    $since             Unix time, start of the window.
	 * @param int    $now               Unix time, end of the window.
	 * @param string $bucket            'hour' or 'day': the series' resolution.
	 * @param bool   $include_simulated Count drills too.
	 * @param string $feature           Only this feature ('' for all).
	 * @param string $workflow          Only runs of this workflow ('' for all).
	 * @return array<string, mixed>
	 */
	public function summary( int $since, int $now, string $bucket, bool $include_simulated = false, string $feature = '', string $workflow = '' ): array {
		global $wpdb;
		$this->roll_up( $now, false );
		$format                 = self::format( $bucket );
		$filters                = $this->filters( $include_simulated, $feature, $workflow );
		list( $rolled, $edges ) = $this->parts( $since, $now );
		$sums                   = '';
		for ( $index = 0; $index < self::BUCKETS; $index++ ) {
			$sums .= ", SUM(l{$index}) AS l{$index}";
		}
		list( $first, $tail ) = $this->rolled_part( $since );
		$runs                 = (array) $wpdb->get_results(
			"SELECT b, served_provider, SUM(runs) AS runs, SUM(degraded_runs) AS degraded_runs, SUM(fallback_runs) AS fallback_runs, SUM(failed_runs) AS failed_runs, SUM(cost) AS cost{$sums} FROM ("
			. "SELECT DATE_FORMAT(bucket, '{$format}') AS b, " . self::run_columns( false ) . ' FROM ' . self::runs_table() . " WHERE {$rolled}"
			. ' UNION ALL ' . $this->runs_sql( "DATE_FORMAT(first, '{$format}')", self::to_mysql( $since ), self::to_mysql( min( $first, $now + 1 ) ) )
			. ' UNION ALL ' . $this->runs_sql( "DATE_FORMAT(first, '{$format}')", self::to_mysql( $tail ), self::to_mysql( $now + 1 ) )
			. ") AS u WHERE 1 = 1{$filters} GROUP BY b, served_provider ORDER BY b",
			ARRAY_A
		);
		// Attempts by class: the error classes' series, and the attempt totals (class '' included).
		$class_filters = $this->filters( $include_simulated, $feature );
		$classes       = '' !== $workflow ? array() : (array) $wpdb->get_results(
			'SELECT b, error_class, SUM(attempts) AS attempts, SUM(requests) AS requests, SUM(skipped) AS skipped FROM ('
			. "SELECT DATE_FORMAT(bucket, '{$format}') AS b, error_class, attempts, requests, skipped FROM " . self::table() . " WHERE {$rolled}{$class_filters}"
			. " UNION ALL SELECT DATE_FORMAT(created_at, '{$format}') AS b, COALESCE(error_class, '') AS error_class, 1, outcome <> 'skipped', outcome = 'skipped' FROM " . Event_Schema::table() . " WHERE ({$edges}){$class_filters}"
			. ') AS u GROUP BY b, error_class ORDER BY b',
			ARRAY_A
		);
		$totals        = array(
			'runs'               => 0,
			'degraded'           => 0,
			'served_by_fallback' => 0,
			'failed'             => 0,
			'cost'               => 0.0,
		);
		$histogram     = array_fill( 0, self::BUCKETS, 0 );
		$series        = array();
		$providers     = array();
		foreach ( $runs as $row ) {
			$b      = (string) $row['b'];
			$point  = $series[ $b ] ?? array(
				'bucket'             => $b,
				'runs'               => 0,
				'served_first'       => 0,
				'served_by_fallback' => 0,
				'failed'             => 0,
			);
			$count  = (int) $row['runs'];
			$failed = (int) $row['failed_runs'];
			$fell   = (int) $row['fallback_runs'];

			$point['runs']                += $count;
			$point['served_by_fallback']  += $fell;
			$point['failed']              += $failed;
			$point['served_first']        += $count - $fell - $failed;
			$series[ $b ]                  = $point;
			$totals['runs']               += $count;
			$totals['degraded']           += (int) $row['degraded_runs'];
			$totals['served_by_fallback'] += $fell;
			$totals['failed']             += $failed;
			$totals['cost']               += (float) $row['cost'];
			if ( $count - $failed > 0 ) {
				$provider                     = (string) $row['served_provider'];
				$providers[ $provider ][ $b ] = ( $providers[ $provider ][ $b ] ?? 0 ) + $count - $failed;
			}
			for ( $index = 0; $index < self::BUCKETS; $index++ ) {
				$histogram[ $index ] += (int) $row[ 'l' . $index ];
			}
		}//end foreach
		$attempts = array(
			'attempts' => 0,
			'sent'     => 0,
			'skipped'  => 0,
		);
		$by_class = array();
		foreach ( $classes as $row ) {
			$attempts['attempts'] += (int) $row['attempts'];
			$attempts['sent']     += (int) $row['requests'];
			$attempts['skipped']  += (int) $row['skipped'];
			if ( '' !== (string) $row['error_class'] ) {
				$by_class[ (string) $row['error_class'] ][ (string) $row['b'] ] = (int) $row['attempts'];
			}
		}
		$as_series      = static function ( array $by ): array {
			$out = array();
			foreach ( $by as $name => $points ) {
				$list = array();
				foreach ( $points as $b => $count ) {
					$list[] = array(
						'bucket' => (string) $b,
						'count'  => (int) $count,
					);
				}
				$out[] = array(
					'name'   => (string) $name,
					'total'  => array_sum( $points ),
					'points' => $list,
				);
			}
			usort( $out, static fn( array $a, array $b ): int => $b['total'] <=> $a['total'] );
			return $out;
		};
		$totals['cost'] = round( $totals['cost'], 6 );
		return $totals + array(
			'p50_latency_ms'   => self::percentile( $histogram, 0.5 ),
			'p95_latency_ms'   => self::percentile( $histogram, 0.95 ),
			'attempts'         => $attempts['attempts'],
			'attempts_sent'    => $attempts['sent'],
			'attempts_skipped' => $attempts['skipped'],
			'series'           => array_values( $series ),
			'by_provider'      => $as_series( $providers ),
			'by_error_class'   => $as_series( $by_class ),
		);
	}

	/**
	 * Runs per route over the window: tried (sent or skipped), served, fell back, skipped on an open breaker.
	 *
	 * @param int    $since   Unix time, start of the window.
	 * @param int    $now     Unix time, end of the window.
	 * @param string $filters SQL filters (filters()).
	 * @return array<string, array{runs: int, served: int, fell_back: int, breaker_skipped: int}>
	 */
	private function route_runs( int $since, int $now, string $filters ): array {
		global $wpdb;
		list( $rolled )       = $this->parts( $since, $now );
		list( $first, $tail ) = $this->rolled_part( $since );
		$rows                 = (array) $wpdb->get_results(
			'SELECT route, SUM(runs) AS runs, SUM(served) AS served, SUM(fell_back) AS fell_back, SUM(breaker_skipped) AS breaker_skipped FROM ('
			. 'SELECT bucket, feature, route, simulated, runs, served, fell_back, breaker_skipped FROM ' . self::route_runs_table() . " WHERE {$rolled}"
			. ' UNION ALL ' . $this->route_runs_sql( "'-'", self::to_mysql( $since ), self::to_mysql( min( $first, $now + 1 ) ) )
			. ' UNION ALL ' . $this->route_runs_sql( "'-'", self::to_mysql( $tail ), self::to_mysql( $now + 1 ) )
			. ") AS u WHERE 1 = 1{$filters} GROUP BY route",
			ARRAY_A
		);
		$out                  = array();
		foreach ( $rows as $row ) {
			$out[ (string) $row['route'] ] = array(
				'runs'            => (int) $row['runs'],
				'served'          => (int) $row['served'],
				'fell_back'       => (int) $row['fell_back'],
				'breaker_skipped' => (int) $row['breaker_skipped'],
			);
		}
		return $out;
	}

	/**
	 * Sums the fine-grained rows per route, per key, per error class and per series bucket.
	 *
	 * @param list<array<string, mixed>> $rows   Rows of b, route, provider, key_label, error_class, attempts, requests, skipped, successes, errors, fallbacks, cost, key_id, first_at, last_at, l0..l63 (b '' for rows that are not series points).
	 * @param list<array<string, mixed>> $series_rows Series points: b, route, requests, errors, fallbacks.
	 * @return array{routes: list<array<string, mixed>>, keys: list<array<string, mixed>>, histograms: array<string, list<int>>, series: array<string, list<array<string, mixed>>>, classes: array<string, array<string, int>>, seen: array<string, array<string, array{first: string, last: string}>>}
	 */
	private function group( array $rows, array $series_rows = array() ): array {
		$totals     = array(
			'route' => array(),
			'key'   => array(),
		);
		$histograms = array();
		$classes    = array();
		$seen       = array();
		$series     = array();
		foreach ( $rows as $row ) {
			$route    = (string) $row['route'];
			$provider = (string) $row['provider'];
			$key      = '' === (string) $row['key_label'] ? null : $provider . ':' . (string) $row['key_label'];
			$subjects = null === $key ? array( 'route' => $route ) : array(
				'route' => $route,
				'key'   => $key,
			);
			$class    = (string) $row['error_class'];
			foreach ( $subjects as $kind => $subject ) {
				$total = $totals[ $kind ][ $subject ] ?? array(
					'subject'   => $subject,
					'attempts'  => 0,
					'requests'  => 0,
					'skipped'   => 0,
					'successes' => 0,
					'errors'    => 0,
					'fallbacks' => 0,
					'cost'      => 0.0,
					'provider'  => $provider,
				);
				if ( 'key' === $kind ) {
					// The key's id, for its breaker (one label is one key; the highest id if it was replaced).
					$total['key_id'] = max( (string) ( $total['key_id'] ?? '' ), (string) $row['key_id'] );
				}
				foreach ( array( 'attempts', 'requests', 'skipped', 'successes', 'errors', 'fallbacks' ) as $count ) {
					$total[ $count ] += (int) $row[ $count ];
				}
				$total['cost']    += (float) $row['cost'];
				$total['provider'] = min( $total['provider'], $provider );

				$totals[ $kind ][ $subject ] = $total;

				$id = $kind . ':' . $subject;
				if ( ! isset( $histograms[ $id ] ) ) {
					$histograms[ $id ] = array_fill( 0, self::BUCKETS, 0 );
				}
				for ( $index = 0; $index < self::BUCKETS; $index++ ) {
					$histograms[ $id ][ $index ] += (int) $row[ 'l' . $index ];
				}
				if ( '' !== $class ) {
					$classes[ $id ][ $class ] = (int) $row['attempts'] + ( $classes[ $id ][ $class ] ?? 0 );
					$was                      = $seen[ $id ][ $class ] ?? array(
						'first' => (string) $row['first_at'],
						'last'  => (string) $row['last_at'],
					);
					$seen[ $id ][ $class ]    = array(
						'first' => min( $was['first'], (string) $row['first_at'] ),
						'last'  => max( $was['last'], (string) $row['last_at'] ),
					);
				}
			}//end foreach
			if ( '' !== (string) $row['b'] ) {
				$series_rows[] = $row;
			}
		}//end foreach
		foreach ( $series_rows as $row ) {
			$route               = (string) $row['route'];
			$point               = $series[ $route ][ (string) $row['b'] ] ?? array(
				'bucket'    => (string) $row['b'],
				'requests'  => 0,
				'failures'  => 0,
				'fallbacks' => 0,
			);
			$point['requests']  += (int) $row['requests'];
			$point['failures']  += (int) $row['errors'];
			$point['fallbacks'] += (int) $row['fallbacks'];

			$series[ $route ][ (string) $row['b'] ] = $point;
		}
		foreach ( $series as $route => $points ) {
			ksort( $points );
			$series[ $route ] = $points;
		}
		$busiest = static function ( array $rows ): array {
			usort( $rows, static fn( array $a, array $b ): int => $b['attempts'] <=> $a['attempts'] );
			return array_slice( $rows, 0, 200 );
		};
		return array(
			'routes'     => $busiest( array_values( $totals['route'] ) ),
			'keys'       => $busiest( array_values( $totals['key'] ) ),
			'histograms' => array_map( 'array_values', $histograms ),
			'series'     => array_map( 'array_values', $series ),
			'classes'    => $classes,
			'seen'       => $seen,
		);
	}

	/**
	 * Runs per feature that started in [$since, $now]: how many, how many needed a fallback or key
	 * rotation (a route skipped on an open breaker is a fallback too), how many were served by a
	 * fallback, how many ended without an answer. Drills (runs with a simulated attempt) are left
	 * out. From the run rollups plus the raw rows of the window's partial edges; a run belongs to
	 * the hour of its first attempt.
	 *
	 * @param int $since Unix time, start of the window.
	 * @param int $now   Unix time, end of the window.
	 * @return list<array{feature: string, runs: int, degraded_runs: int, fallback_runs: int, failed_runs: int}>
	 */
	public function feature_stats( int $since, int $now ): array {
		global $wpdb;
		$this->roll_up( $now, false );
		list( $rolled )       = $this->parts( $since, $now );
		list( $first, $tail ) = $this->rolled_part( $since );
		$rows                 = $wpdb->get_results(
			'SELECT feature, SUM(runs) AS runs, SUM(degraded_runs) AS degraded_runs, SUM(fallback_runs) AS fallback_runs, SUM(failed_runs) AS failed_runs FROM ('
			. 'SELECT bucket, feature, workflow, served_provider, simulated, runs, degraded_runs, fallback_runs, failed_runs, cost FROM ' . self::runs_table() . " WHERE {$rolled}"
			. ' UNION ALL ' . $this->runs_sql( "'-'", self::to_mysql( $since ), self::to_mysql( min( $first, $now + 1 ) ), false )
			. ' UNION ALL ' . $this->runs_sql( "'-'", self::to_mysql( $tail ), self::to_mysql( $now + 1 ), false )
			. ') AS u WHERE simulated = 0 GROUP BY feature',
			ARRAY_A
		);
		return array_values(
			array_map(
				static fn( array $row ) => array(
					'feature'       => (string) $row['feature'],
					'runs'          => (int) $row['runs'],
					'degraded_runs' => (int) $row['degraded_runs'],
					'fallback_runs' => (int) $row['fallback_runs'],
					'failed_runs'   => (int) $row['failed_runs'],
				),
				(array) $rows
			)
		);
	}

	/**
	 * The features, providers, error classes and workflows the log has since $since, for the filter
	 * dropdowns: from the rollups plus the raw rows not rolled up yet, never a scan of the whole log.
	 *
	 * @param int $since Unix time.
	 * @param int $now   Unix time.
	 * @return array{features: list<string>, providers: list<string>, error_classes: list<string>, workflows: list<string>}
	 */
	public function known_values( int $since, int $now ): array {
		global $wpdb;
		list( $rolled, $edges ) = $this->parts( $since, $now );
		$out                    = array();
		foreach ( array(
			'features'      => array( 'feature', self::table() ),
			'providers'     => array( 'provider', self::table() ),
			'error_classes' => array( 'error_class', self::table() ),
			'workflows'     => array( 'workflow', self::runs_table() ),
		) as $name => $source ) {
			list( $column, $table ) = $source;
			$values                 = (array) $wpdb->get_col(
				"SELECT {$column} FROM {$table} WHERE {$rolled} GROUP BY {$column}"
				. " UNION SELECT DISTINCT COALESCE({$column}, '') FROM " . Event_Schema::table() . " WHERE {$edges}"
			);
			$values                 = array_values( array_filter( array_unique( array_map( 'strval', $values ) ), static fn( string $value ): bool => '' !== $value ) );
			sort( $values );
			$out[ $name ] = array_slice( $values, 0, 500 );
		}
		return $out;
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
	 * The histogram bucket of a latency column, or -1 for a skipped attempt (it took no time: it must
	 * not pull the percentiles down).
	 *
	 * @param string $column Column or expression in ms.
	 */
	private static function latency_bucket_sql( string $column ): string {
		return "IF(outcome = 'skipped', -1, LEAST(" . ( self::BUCKETS - 1 ) . ", FLOOR(4 * LOG2(1 + {$column}))))";
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
		return "SELECT bucket, feature, route, provider, key_label, key_id, error_class, simulated, COUNT(*) AS attempts, SUM(outcome <> 'skipped') AS requests, SUM(outcome = 'skipped') AS skipped, SUM(outcome = 'success') AS successes, SUM(outcome = 'error') AS errors, SUM(decision IN ('fallback', 'skip')) AS fallbacks, SUM(cost) AS cost, MIN(created_at) AS first_at, MAX(created_at) AS last_at{$histogram} FROM ("
			. "SELECT {$bucket_sql} AS bucket, feature, route, provider, key_label, key_id, COALESCE(error_class, '') AS error_class, simulated, outcome, decision, cost, created_at, " . self::latency_bucket_sql( 'latency_ms' ) . ' AS lb FROM '
			. Event_Schema::table() . ' WHERE ' . $wpdb->prepare( 'created_at >= %s AND created_at < %s', $from, $until )
			. ') AS e GROUP BY bucket, feature, provider, key_label, key_id, route, error_class, simulated';
	}

	/**
	 * The SELECT that aggregates the runs whose first attempt is in [$from, $until) into run rollup
	 * rows. Attempts of those runs up to 2 minutes later still count (a run lasts 60 s at most).
	 * A run needed a fallback when a step of it moved to the next route (a fallback, or a route
	 * skipped, on an open breaker or by the plan) and was served by a fallback when it then answered;
	 * it was degraded when it needed a fallback or a key rotation.
	 *
	 * @param string $bucket_sql SQL for the row's bucket (over `first`, the run's first attempt).
	 * @param string $from       MySQL datetime, inclusive.
	 * @param string $until      MySQL datetime, exclusive.
	 * @param bool   $histogram  With the duration histogram columns.
	 */
	private function runs_sql( string $bucket_sql, string $from, string $until, bool $histogram = true ): string {
		global $wpdb;
		$buckets = '';
		for ( $index = 0; $index < self::BUCKETS && $histogram; $index++ ) {
			$buckets .= ", SUM(lb = {$index}) AS l{$index}";
		}
		return "SELECT {$bucket_sql} AS bucket, feature, workflow, served_provider, simulated, COUNT(*) AS runs, SUM(degraded) AS degraded_runs, SUM(answered AND moved) AS fallback_runs, SUM(answered = 0) AS failed_runs, SUM(cost) AS cost{$buckets} FROM ("
			. "SELECT feature, MAX(workflow) AS workflow, run_id, MIN(created_at) AS first, MAX(simulated) AS simulated, MAX(outcome = 'success') AS answered, MAX(decision IN ('fallback', 'skip')) AS moved, MAX(decision IN ('fallback', 'skip', 'rotate_key')) AS degraded, MAX(IF(outcome = 'success', provider, '')) AS served_provider, SUM(cost) AS cost, "
			. 'LEAST(' . ( self::BUCKETS - 1 ) . ', FLOOR(4 * LOG2(1 + MAX(start_ms + latency_ms)))) AS lb FROM '
			. Event_Schema::table() . ' WHERE ' . $wpdb->prepare( "created_at >= %s AND created_at < %s + INTERVAL 2 MINUTE AND feature <> ''", $from, $until )
			. ' GROUP BY feature, run_id HAVING ' . $wpdb->prepare( 'first >= %s AND first < %s', $from, $until )
			. ') AS r GROUP BY bucket, feature, workflow, served_provider, simulated';
	}

	/**
	 * The SELECT that aggregates, per route, the runs whose first attempt on it is in [$from, $until):
	 * tried it, served by it, left it for another route (failed or skipped, then moved on), skipped it
	 * on an open breaker.
	 *
	 * @param string $bucket_sql SQL for the row's bucket (over `first`).
	 * @param string $from       MySQL datetime, inclusive.
	 * @param string $until      MySQL datetime, exclusive.
	 */
	private function route_runs_sql( string $bucket_sql, string $from, string $until ): string {
		global $wpdb;
		return "SELECT {$bucket_sql} AS bucket, feature, route, simulated, COUNT(*) AS runs, SUM(served) AS served, SUM(served = 0 AND moved) AS fell_back, SUM(breaker) AS breaker_skipped FROM ("
			. "SELECT feature, route, run_id, MIN(created_at) AS first, MAX(simulated) AS simulated, MAX(outcome = 'success') AS served, MAX(decision IN ('fallback', 'skip')) AS moved, MAX(COALESCE(error_class, '') = 'breaker_open') AS breaker FROM "
			. Event_Schema::table() . ' WHERE ' . $wpdb->prepare( "created_at >= %s AND created_at < %s + INTERVAL 2 MINUTE AND route <> ''", $from, $until )
			. ' GROUP BY feature, route, run_id HAVING ' . $wpdb->prepare( 'first >= %s AND first < %s', $from, $until )
			. ') AS r GROUP BY bucket, feature, route, simulated';
	}

	/**
	 * The attempt rollup columns in table order.
	 */
	private static function columns(): string {
		$columns = 'bucket, feature, route, provider, key_label, key_id, error_class, simulated, attempts, requests, skipped, successes, errors, fallbacks, cost, first_at, last_at';
		for ( $bucket = 0; $bucket < self::BUCKETS; $bucket++ ) {
			$columns .= ", l{$bucket}";
		}
		return $columns;
	}

	/**
	 * The run rollup columns in table order.
	 *
	 * @param bool $with_bucket Start with the bucket column.
	 */
	private static function run_columns( bool $with_bucket = true ): string {
		$columns = ( $with_bucket ? 'bucket, ' : '' ) . 'feature, workflow, served_provider, simulated, runs, degraded_runs, fallback_runs, failed_runs, cost';
		for ( $bucket = 0; $bucket < self::BUCKETS; $bucket++ ) {
			$columns .= ", l{$bucket}";
		}
		return $columns;
	}

	/**
	 * The DATE_FORMAT() pattern of a series bucket.
	 *
	 * @param string $bucket 'hour' or 'day'.
	 */
	private static function format( string $bucket ): string {
		return 'day' === $bucket ? '%Y-%m-%dT00:00:00Z' : '%Y-%m-%dT%H:00:00Z';
	}

	/**
	 * SQL filters, each starting with " AND ".
	 *
	 * @param bool   $include_simulated Keep drills.
	 * @param string $feature           Feature id or ''.
	 * @param string $workflow          Workflow or ''.
	 */
	private function filters( bool $include_simulated, string $feature = '', string $workflow = '' ): string {
		global $wpdb;
		$sql = $include_simulated ? '' : ' AND simulated = 0';
		if ( '' !== $feature ) {
			$sql .= $wpdb->prepare( ' AND feature = %s', $feature );
		}
		if ( '' !== $workflow ) {
			$sql .= $wpdb->prepare( ' AND workflow = %s', $workflow );
		}
		return $sql;
	}

	/**
	 * The WHERE of the rolled-up rows of a window and that of its raw edges.
	 *
	 * @param int $since Unix time, start of the window.
	 * @param int $now   Unix time, end of the window.
	 * @return array{0: string, 1: string}
	 */
	private function parts( int $since, int $now ): array {
		global $wpdb;
		list( $first, $tail ) = $this->rolled_part( $since );
		return array(
			$wpdb->prepare( 'bucket >= %s AND bucket < %s', self::to_mysql( $first ), self::to_mysql( $tail ) ),
			$wpdb->prepare( '(created_at >= %s AND created_at < %s) OR (created_at >= %s AND created_at < %s)', self::to_mysql( $since ), self::to_mysql( min( $first, $now + 1 ) ), self::to_mysql( $tail ), self::to_mysql( $now + 1 ) ),
		);
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
