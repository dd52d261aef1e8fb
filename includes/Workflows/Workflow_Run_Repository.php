<?php
/**
 * Storage of workflow run records.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * One table, `{prefix}aifo_workflow_runs`, one row per run: the columns runs are looked up and
 * listed by (workflow, started_at, status, user) plus the whole record as JSON. A table rather
 * than post meta because runs are append-only and listed newest first per workflow (an indexed
 * range read instead of unserializing a growing meta array), are purged by age without touching
 * posts or their revisions, and the next issue's schedules and queue need to find runs by status.
 * All of the table's SQL is in this class.
 *
 * @since n.e.x.t
 */
final class Workflow_Run_Repository implements Registers_Hooks {

	public const VERSION = '1';
	public const OPTION  = 'aifo_workflow_runs_db_version';

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'maybe_upgrade' ), 1 );
	}

	/**
	 * The table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_workflow_runs';
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
  id char(16) NOT NULL,
  workflow_id bigint(20) unsigned NOT NULL,
  status varchar(16) NOT NULL DEFAULT '',
  outcome varchar(16) NOT NULL DEFAULT '',
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  started_at datetime NOT NULL,
  duration_ms decimal(10,1) NOT NULL DEFAULT 0,
  cost decimal(14,8) NOT NULL DEFAULT 0,
  record longtext NOT NULL,
  PRIMARY KEY  (id),
  KEY workflow_started (workflow_id,started_at),
  KEY status_started (status,started_at)
) {$charset};"
		);
		update_option( self::OPTION, self::VERSION, true );
	}

	/**
	 * Stores a finished run.
	 *
	 * @param Workflow_Run $run     Run.
	 * @param int          $user_id Who ran it.
	 */
	public function insert( Workflow_Run $run, int $user_id ): bool {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- the plugin's own table; nothing to cache on insert.
		$written = $wpdb->insert(
			self::table(),
			array(
				'id'          => $run->id,
				'workflow_id' => $run->workflow,
				'status'      => $run->status,
				'outcome'     => $run->outcome,
				'user_id'     => $user_id,
				'started_at'  => gmdate( 'Y-m-d H:i:s', (int) strtotime( $run->started_at ) ),
				'duration_ms' => round( $run->duration_ms, 1 ),
				'cost'        => $run->cost,
				'record'      => (string) wp_json_encode( $run->to_array() ),
			),
			array( '%s', '%d', '%s', '%s', '%d', '%s', '%f', '%f', '%s' )
		);
		// phpcs:enable
		return false !== $written;
	}

	/**
	 * One run.
	 *
	 * @param string $id Run id.
	 */
	public function find( string $id ): ?Workflow_Run {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$record = $wpdb->get_var( $wpdb->prepare( 'SELECT record FROM ' . self::table() . ' WHERE id = %s', $id ) );
		// phpcs:enable
		return is_string( $record ) ? self::decode( $record ) : null;
	}

	/**
	 * A workflow's latest runs, newest first.
	 *
	 * @param int $workflow_id Workflow post id.
	 * @param int $limit       How many.
	 * @return list<Workflow_Run>
	 */
	public function latest( int $workflow_id, int $limit = 20 ): array {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$records = $wpdb->get_col( $wpdb->prepare( 'SELECT record FROM ' . self::table() . ' WHERE workflow_id = %d ORDER BY started_at DESC, id DESC LIMIT %d', $workflow_id, $limit ) );
		// phpcs:enable
		$runs = array();
		foreach ( $records as $record ) {
			$run = self::decode( (string) $record );
			if ( null !== $run ) {
				$runs[] = $run;
			}
		}
		return $runs;
	}

	/**
	 * For a page of workflows, in one query: each one's latest run (id, status, start) and how
	 * many runs started since a time and how many of those succeeded (outcome, so a Stop block
	 * that ends a run as succeeded counts). Workflows without runs are missing from the answer.
	 *
	 * @param list<int> $workflow_ids Workflow post ids.
	 * @param string    $since        MySQL datetime, UTC.
	 * @return array<int, array{last_id: string, last_status: string, last_started_at: string, recent: int, recent_succeeded: int}>
	 */
	public function summaries( array $workflow_ids, string $since ): array {
		global $wpdb;
		$ids = array_values( array_unique( array_filter( array_map( 'intval', $workflow_ids ), static fn( int $id ): bool => $id > 0 ) ) );
		if ( ! $ids ) {
			return array();
		}
		$in = implode( ', ', array_fill( 0, count( $ids ), '%d' ) );
		// The latest run is the first of the group ordered newest first (id, status and start are
		// fixed-width enough for GROUP_CONCAT's 1024 bytes to keep the first element whole).
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders.UnfinishedPrepare, WordPress.DB.PreparedSQLPlaceholders.ReplacementsWrongNumber -- the plugin's own table, name from $wpdb->prefix; one %d per id.
		$rows = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT workflow_id,'
				. " SUBSTRING_INDEX( GROUP_CONCAT( CONCAT( id, '|', status, '|', started_at ) ORDER BY started_at DESC, id DESC SEPARATOR ',' ), ',', 1 ) AS latest,"
				. ' SUM( started_at >= %s ) AS recent,'
				. " SUM( started_at >= %s AND outcome = 'succeeded' ) AS recent_succeeded"
				. ' FROM ' . self::table() . " WHERE workflow_id IN ( {$in} ) GROUP BY workflow_id",
				array_merge( array( $since, $since ), $ids )
			),
			ARRAY_A
		);
		// phpcs:enable
		$summaries = array();
		foreach ( (array) $rows as $row ) {
			$latest                                 = explode( '|', (string) ( $row['latest'] ?? '' ), 3 );
			$summaries[ (int) $row['workflow_id'] ] = array(
				'last_id'          => $latest[0],
				'last_status'      => $latest[1] ?? '',
				'last_started_at'  => $latest[2] ?? '',
				'recent'           => (int) $row['recent'],
				'recent_succeeded' => (int) $row['recent_succeeded'],
			);
		}
		return $summaries;
	}

	/**
	 * Deletes a workflow's runs (the workflow was deleted for good).
	 *
	 * @param int $workflow_id Workflow post id.
	 */
	public function delete_for_workflow( int $workflow_id ): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery -- the plugin's own table.
		$deleted = $wpdb->delete( self::table(), array( 'workflow_id' => $workflow_id ), array( '%d' ) );
		// phpcs:enable
		return (int) $deleted;
	}

	/**
	 * Deletes up to $limit runs that started before a time (retention).
	 *
	 * @param string $before MySQL datetime, UTC.
	 * @param int    $limit  Batch size.
	 * @return int Rows deleted.
	 */
	public function delete_older_than( string $before, int $limit ): int {
		global $wpdb;
		// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- the plugin's own table, name from $wpdb->prefix.
		$deleted = $wpdb->query( $wpdb->prepare( 'DELETE FROM ' . self::table() . ' WHERE started_at < %s ORDER BY started_at LIMIT %d', $before, $limit ) );
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
	 * @param string $record JSON column.
	 */
	private static function decode( string $record ): ?Workflow_Run {
		$data = json_decode( $record, true );
		return is_array( $data ) ? Workflow_Run::from_array( $data ) : null;
	}
}
