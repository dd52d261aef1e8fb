<?php
/**
 * Storage of the durable queue.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * One table, `{prefix}aifo_jobs` (dbDelta, versioned), and all of its SQL.
 *
 * Claims are atomic without transactions (the tests run inside one, and WP-Cron workers share
 * nothing but the database): a queued job is taken by one conditional UPDATE that also puts it
 * in a concurrency slot. `slot` has a UNIQUE key and runs from 1 to the site's limit, so two
 * workers that race for the last free slot cannot both get it: the second UPDATE fails on the key
 * and that worker tries the next slot or gives up. A running job whose lease expired (its worker
 * died) is taken over by another conditional UPDATE on `lease_until`, keeping its slot. Finishing
 * is conditional on the lease token, so a worker that lost its lease cannot overwrite the new
 * holder's result. Schedules insert with a `dedupe_key` (UNIQUE) so one slot of a schedule is queued
 * once however many workers notice it.
 *
 * @since n.e.x.t
 */
final class Job_Repository implements Registers_Hooks {

	public const VERSION = '1';
	public const OPTION  = 'aifo_jobs_db_version';

	/** Columns every read selects. */
	private const COLUMNS = 'id, type, status, source, workflow_id, post_id, user_id, payload, attempts, max_attempts, run_after, lease_token, lease_until, created_at, started_at, finished_at, outcome, result_ref, last_error';

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'maybe_upgrade' ), 1 );
	}

	/**
	 * The table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_jobs';
	}

	/**
	 * Creates or migrates the table when its version is behind. Cheap when current.
	 */
	public function maybe_upgrade(): void {
		if ( get_option( self::OPTION ) !== self::VERSION ) {
			$this->install();
		}
	}

	/**
	 * Runs dbDelta() with the current definition.
	 */
	public function install(): void {
		global $wpdb;
		require_once ABSPATH . 'wp-admin/includes/upgrade.php';
		$table   = self::table();
		$charset = $wpdb->get_charset_collate();
		// dbDelta wants two spaces after PRIMARY KEY and one field per line.
		dbDelta(
			"CREATE TABLE {$table} (
  id bigint(20) unsigned NOT NULL AUTO_INCREMENT,
  type varchar(40) NOT NULL DEFAULT '',
  status varchar(16) NOT NULL DEFAULT 'queued',
  source varchar(16) NOT NULL DEFAULT '',
  workflow_id bigint(20) unsigned NOT NULL DEFAULT 0,
  post_id bigint(20) unsigned NOT NULL DEFAULT 0,
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  payload longtext NOT NULL,
  dedupe_key varchar(191) DEFAULT NULL,
  attempts smallint(5) unsigned NOT NULL DEFAULT 0,
  max_attempts smallint(5) unsigned NOT NULL DEFAULT 3,
  run_after bigint(20) unsigned NOT NULL DEFAULT 0,
  slot smallint(5) unsigned DEFAULT NULL,
  lease_token varchar(32) NOT NULL DEFAULT '',
  lease_until bigint(20) unsigned NOT NULL DEFAULT 0,
  created_at bigint(20) unsigned NOT NULL DEFAULT 0,
  started_at bigint(20) unsigned NOT NULL DEFAULT 0,
  finished_at bigint(20) unsigned NOT NULL DEFAULT 0,
  outcome varchar(16) NOT NULL DEFAULT '',
  result_ref varchar(32) NOT NULL DEFAULT '',
  last_error text,
  PRIMARY KEY  (id),
  UNIQUE KEY slot (slot),
  UNIQUE KEY dedupe_key (dedupe_key),
  KEY status_run_after (status,run_after),
  KEY status_lease (status,lease_until),
  KEY workflow_created (workflow_id,created_at)
) {$charset};"
		);
		update_option( self::OPTION, self::VERSION, true );
	}

	/**
	 * Queues a job.
	 *
	 * @param array{type: string, source: string, workflow_id?: int, post_id?: int, user_id?: int, payload?: array<string, mixed>, max_attempts?: int, run_after: int, created_at: int, dedupe_key?: string|null} $job Fields.
	 * @return int The new job's id; 0 when a job with the same dedupe key exists (or the insert failed).
	 */
	public function enqueue( array $job ): int {
		global $wpdb;
		$dedupe = $job['dedupe_key'] ?? null;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- the plugin's own table, name from $wpdb->prefix; INSERT IGNORE is the atomic dedupe; values passed as one array.
		$inserted = $wpdb->query(
			$wpdb->prepare(
				'INSERT IGNORE INTO ' . self::table() . ' (type, status, source, workflow_id, post_id, user_id, payload, dedupe_key, max_attempts, run_after, created_at, last_error)'
				. ' VALUES (%s, %s, %s, %d, %d, %d, %s, ' . ( null === $dedupe ? 'NULL' : '%s' ) . ', %d, %d, %d, NULL)',
				array_merge(
					array(
						$job['type'],
						Job::QUEUED,
						$job['source'],
						$job['workflow_id'] ?? 0,
						$job['post_id'] ?? 0,
						$job['user_id'] ?? 0,
						(string) wp_json_encode( $job['payload'] ?? array() ),
					),
					null === $dedupe ? array() : array( $dedupe ),
					array( max( 1, $job['max_attempts'] ?? 3 ), $job['run_after'], $job['created_at'] )
				)
			)
		);
		// phpcs:enable
		return 1 === $inserted ? (int) $wpdb->insert_id : 0;
	}

	/**
	 * Claims one due job for a worker: a running job whose lease expired first (its worker died),
	 * else the oldest due queued job, if a concurrency slot is free.
	 *
	 * @param string $token    The worker's lease token.
	 * @param int    $now      Unix ms.
	 * @param int    $lease_ms How long the claim holds.
	 * @param int    $limit    Jobs allowed to run at once on the site.
	 */
	public function claim( string $token, int $now, int $lease_ms, int $limit ): ?Job {
		global $wpdb;
		$table = self::table();
		$until = $now + $lease_ms;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix; claims must not be cached.
		$expired = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE status = %s AND lease_until < %d ORDER BY lease_until, id LIMIT 5", Job::RUNNING, $now ) );
		foreach ( $expired as $id ) {
			$taken = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET lease_token = %s, lease_until = %d, attempts = attempts + 1, started_at = %d WHERE id = %d AND status = %s AND lease_until < %d", $token, $until, $now, $id, Job::RUNNING, $now ) );
			if ( 1 === $taken ) {
				return $this->find( (int) $id );
			}
		}
		$due = $wpdb->get_col( $wpdb->prepare( "SELECT id FROM {$table} WHERE status = %s AND run_after <= %d ORDER BY run_after, id LIMIT 10", Job::QUEUED, $now ) );
		if ( ! $due ) {
			return null;
		}
		$used = array_map( 'intval', $wpdb->get_col( "SELECT slot FROM {$table} WHERE slot IS NOT NULL" ) );
		$free = array_values( array_diff( range( 1, max( 1, $limit ) ), $used ) );
		foreach ( $due as $id ) {
			foreach ( $free as $index => $slot ) {
				// A lost race for the slot is a duplicate-key error, expected: keep it out of the logs.
				$suppressed = $wpdb->suppress_errors( true );
				$taken      = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = %s, slot = %d, lease_token = %s, lease_until = %d, attempts = attempts + 1, started_at = %d WHERE id = %d AND status = %s AND run_after <= %d", Job::RUNNING, $slot, $token, $until, $now, $id, Job::QUEUED, $now ) );
				$wpdb->suppress_errors( $suppressed );
				if ( false === $taken ) {
					unset( $free[ $index ] );
					// Another worker took this slot first.
					continue;
				}
				if ( 1 === $taken ) {
					return $this->find( (int) $id );
				}
				break;
				// Another worker took this job: try the next one.
			}
			if ( ! $free ) {
				return null;
				// Every slot is busy: the concurrency limit is reached.
			}
		}//end foreach
		// phpcs:enable
		return null;
	}

	/**
	 * Ends a claim: `done`, `failed` for good, or back to `queued` for a retry after $run_after.
	 * Only the holder of the lease can do it.
	 *
	 * @param int                       $id        Job.
	 * @param string                    $token     The worker's lease token.
	 * @param string                    $status    Job::DONE, Job::FAILED or Job::QUEUED.
	 * @param int                       $now       Unix ms.
	 * @param string                    $outcome   The run's status, or ''.
	 * @param string                    $ref       The run id, or ''.
	 * @param array<string, mixed>|null $error     Typed error, or null.
	 * @param int                       $run_after For Job::QUEUED: not before then.
	 * @return bool Whether the lease was still this worker's.
	 */
	public function release( int $id, string $token, string $status, int $now, string $outcome, string $ref, ?array $error, int $run_after = 0 ): bool {
		global $wpdb;
		$table = self::table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$done = $wpdb->query(
			$wpdb->prepare(
				"UPDATE {$table} SET status = %s, slot = NULL, lease_token = '', lease_until = 0, finished_at = %d, outcome = %s, result_ref = %s, last_error = %s, run_after = %d WHERE id = %d AND status = %s AND lease_token = %s",
				$status,
				Job::QUEUED === $status ? 0 : $now,
				$outcome,
				$ref,
				null === $error ? '' : (string) wp_json_encode( $error ),
				Job::QUEUED === $status ? $run_after : 0,
				$id,
				Job::RUNNING,
				$token
			)
		);
		// phpcs:enable
		return 1 === $done;
	}

	/**
	 * Cancels a queued job (a running one cannot be stopped from outside).
	 *
	 * @param int $id  Job.
	 * @param int $now Unix ms.
	 */
	public function cancel( int $id, int $now ): bool {
		global $wpdb;
		$table = self::table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$done = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = %s, finished_at = %d WHERE id = %d AND status = %s", Job::CANCELLED, $now, $id, Job::QUEUED ) );
		// phpcs:enable
		return 1 === $done;
	}

	/**
	 * Queues a failed or cancelled job again, or a deferred one at once, with its attempts reset.
	 *
	 * @param int $id  Job.
	 * @param int $now Unix ms.
	 */
	public function retry_now( int $id, int $now ): bool {
		global $wpdb;
		$table = self::table();
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$done = $wpdb->query( $wpdb->prepare( "UPDATE {$table} SET status = %s, attempts = 0, run_after = %d, finished_at = 0 WHERE id = %d AND status IN (%s, %s, %s)", Job::QUEUED, $now, $id, Job::FAILED, Job::CANCELLED, Job::QUEUED ) );
		// phpcs:enable
		return 1 === $done;
	}

	/**
	 * One job.
	 *
	 * @param int $id Job.
	 */
	public function find( int $id ): ?Job {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix; job state must not be cached.
		$row = $wpdb->get_row( $wpdb->prepare( 'SELECT ' . self::COLUMNS . ' FROM ' . self::table() . ' WHERE id = %d', $id ), ARRAY_A );
		// phpcs:enable
		return is_array( $row ) ? Job::from_row( $row ) : null;
	}

	/**
	 * Jobs, newest first.
	 *
	 * @param string|null $status   Only this status.
	 * @param int         $workflow Only this workflow (0 = any).
	 * @param int         $limit    Page size.
	 * @param int         $offset   Offset.
	 * @return list<Job>
	 */
	public function list( ?string $status, int $workflow, int $limit, int $offset = 0 ): array {
		global $wpdb;
		list( $where, $args ) = self::filters( $status, $workflow );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- the plugin's own table, name from $wpdb->prefix; $where is built from fixed fragments, its values passed as one array.
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT ' . self::COLUMNS . ' FROM ' . self::table() . " WHERE {$where} ORDER BY id DESC LIMIT %d OFFSET %d", array_merge( $args, array( $limit, $offset ) ) ), ARRAY_A );
		// phpcs:enable
		return array_values( array_map( array( Job::class, 'from_row' ), is_array( $rows ) ? $rows : array() ) );
	}

	/**
	 * How many jobs list() would page through.
	 *
	 * @param string|null $status   Only this status.
	 * @param int         $workflow Only this workflow (0 = any).
	 */
	public function count( ?string $status, int $workflow ): int {
		global $wpdb;
		list( $where, $args ) = self::filters( $status, $workflow );
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- the plugin's own table, name from $wpdb->prefix; $where is built from fixed fragments, its values passed as one array.
		$sql   = 'SELECT COUNT(*) FROM ' . self::table() . " WHERE {$where}";
		$count = $wpdb->get_var( $args ? $wpdb->prepare( $sql, $args ) : $sql );
		// phpcs:enable
		return (int) $count;
	}

	/**
	 * Jobs per status.
	 *
	 * @return array<string, int>
	 */
	public function counts(): array {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$rows = $wpdb->get_results( 'SELECT status, COUNT(*) AS n FROM ' . self::table() . ' GROUP BY status', ARRAY_A );
		// phpcs:enable
		$counts = array_fill_keys( Job::STATUSES, 0 );
		foreach ( is_array( $rows ) ? $rows : array() as $row ) {
			$counts[ (string) $row['status'] ] = (int) $row['n'];
		}
		return $counts;
	}

	/**
	 * The outcomes of a workflow's latest finished jobs from one source, newest first: `failed`
	 * for a job that failed for good or whose run failed, else the run's status.
	 *
	 * @param int    $workflow Workflow post id.
	 * @param string $source   Source (`schedule`).
	 * @param int    $limit    How many.
	 * @return list<string>
	 */
	public function latest_outcomes( int $workflow, string $source, int $limit ): array {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$rows = $wpdb->get_col( $wpdb->prepare( 'SELECT IF(status = %s, %s, outcome) FROM ' . self::table() . ' WHERE workflow_id = %d AND source = %s AND status IN (%s, %s) ORDER BY finished_at DESC, id DESC LIMIT %d', Job::FAILED, Job::FAILED, $workflow, $source, Job::DONE, Job::FAILED, $limit ) );
		// phpcs:enable
		return array_values( array_map( 'strval', $rows ) );
	}

	/**
	 * Workflows that have finished jobs from a source (for the alert check).
	 *
	 * @param string $source Source.
	 * @param int    $since  Finished after this Unix ms.
	 * @return list<int>
	 */
	public function workflows_with_jobs( string $source, int $since ): array {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$ids = $wpdb->get_col( $wpdb->prepare( 'SELECT DISTINCT workflow_id FROM ' . self::table() . ' WHERE source = %s AND finished_at >= %d AND workflow_id > 0', $source, $since ) );
		// phpcs:enable
		return array_values( array_map( 'intval', $ids ) );
	}

	/**
	 * How many jobs a post triggered are still queued or running (the provenance panel polls while
	 * there are). Reads the `status_run_after` index: only unfinished jobs are scanned.
	 *
	 * @param int $post_id Post that triggered them.
	 */
	public function pending_for_post( int $post_id ): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$count = $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . self::table() . ' WHERE status IN (%s, %s) AND post_id = %d', Job::QUEUED, Job::RUNNING, $post_id ) );
		// phpcs:enable
		return (int) $count;
	}

	/**
	 * The earliest time a queued job becomes due, or null when none is queued.
	 */
	public function next_due_at(): ?int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$at = $wpdb->get_var( $wpdb->prepare( 'SELECT MIN(run_after) FROM ' . self::table() . ' WHERE status = %s', Job::QUEUED ) );
		// phpcs:enable
		return null === $at ? null : (int) $at;
	}

	/**
	 * Deletes up to $limit finished jobs (done, failed, cancelled) older than a time (retention).
	 *
	 * @param int $before Unix ms.
	 * @param int $limit  Batch size.
	 */
	public function delete_finished_before( int $before, int $limit ): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$deleted = $wpdb->query( $wpdb->prepare( 'DELETE FROM ' . self::table() . ' WHERE status IN (%s, %s, %s) AND finished_at > 0 AND finished_at < %d ORDER BY id LIMIT %d', Job::DONE, Job::FAILED, Job::CANCELLED, $before, $limit ) );
		// phpcs:enable
		return (int) $deleted;
	}

	/**
	 * Deletes a workflow's queued jobs (the workflow was deleted for good).
	 *
	 * @param int $workflow Workflow post id.
	 */
	public function delete_for_workflow( int $workflow ): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
		$deleted = $wpdb->delete( self::table(), array( 'workflow_id' => $workflow ), array( '%d' ) );
		// phpcs:enable
		return (int) $deleted;
	}

	/**
	 * Drops the table (uninstall).
	 */
	public function drop(): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table name from $wpdb->prefix.
		$wpdb->query( 'DROP TABLE IF EXISTS ' . self::table() );
		delete_option( self::OPTION );
	}

	/**
	 * A WHERE clause of fixed fragments and its values.
	 *
	 * @param string|null $status   Status.
	 * @param int         $workflow Workflow.
	 * @return array{0: string, 1: list<int|string>}
	 */
	private static function filters( ?string $status, int $workflow ): array {
		$where = array( '1 = 1' );
		$args  = array();
		if ( null !== $status ) {
			$where[] = 'status = %s';
			$args[]  = $status;
		}
		if ( $workflow > 0 ) {
			$where[] = 'workflow_id = %d';
			$args[]  = $workflow;
		}
		return array( implode( ' AND ', $where ), $args );
	}
}
