<?php
/**
 * The event log table.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Creates and migrates {$wpdb->prefix}aifo_events with dbDelta(), tracked by the
 * `aifo_db_version` option. One row per attempt; indexes serve the screen's filters
 * (time range, feature, provider, outcome and error class over time, one run). Version 2 adds
 * {$wpdb->prefix}aifo_rollups and {$wpdb->prefix}aifo_run_rollups, the hourly aggregates the
 * health panel and the alerts read (Event_Rollups); version 4 rebuilds them keyed by feature, with
 * skipped attempts, runs per route and run durations, and adds {$wpdb->prefix}aifo_route_run_rollups;
 * version 5 adds the `hours` key to the three rollups (1 for an hour, 4 or 24 for a block of
 * hours), keeping the rolled-up hours. The rolled-up rows have a version of their own
 * (Event_Rollups::VERSION, in `aifo_rollups_version`): rows built under an older one are dropped and
 * rolled up again from the log.
 *
 * @since 0.1.0
 */
final class Event_Schema implements Registers_Hooks {

	public const VERSION = '5';
	public const OPTION  = 'aifo_db_version';

	public function register_hooks(): void {
		add_action( 'init', array( $this, 'maybe_upgrade' ), 1 );
	}

	/**
	 * The table's name.
	 */
	public static function table(): string {
		global $wpdb;
		return $wpdb->prefix . 'aifo_events';
	}

	/**
	 * Creates or migrates the table when its version is behind. Cheap when current.
	 */
	public function maybe_upgrade(): void {
		if ( get_option( self::OPTION ) === self::VERSION && get_option( Event_Rollups::OPTION_VERSION ) === Event_Rollups::VERSION ) {
			return;
		}
		$this->install();
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
  run_id char(16) NOT NULL,
  attempt smallint(5) unsigned NOT NULL DEFAULT 0,
  created_at datetime(3) NOT NULL,
  feature varchar(40) NOT NULL DEFAULT '',
  workflow varchar(64) NOT NULL DEFAULT '',
  step varchar(64) NOT NULL DEFAULT '',
  route varchar(250) NOT NULL DEFAULT '',
  provider varchar(40) NOT NULL DEFAULT '',
  provider_label varchar(80) NOT NULL DEFAULT '',
  model varchar(200) NOT NULL DEFAULT '',
  key_id varchar(40) NOT NULL DEFAULT '',
  key_label varchar(60) NOT NULL DEFAULT '',
  outcome varchar(12) NOT NULL DEFAULT '',
  error_class varchar(32) DEFAULT NULL,
  http_status smallint(5) unsigned NOT NULL DEFAULT 0,
  provider_code varchar(64) NOT NULL DEFAULT '',
  retry_after decimal(10,3) DEFAULT NULL,
  decision varchar(16) NOT NULL DEFAULT '',
  reason text NOT NULL,
  message varchar(320) NOT NULL DEFAULT '',
  latency_ms decimal(10,1) NOT NULL DEFAULT 0,
  start_ms decimal(10,1) NOT NULL DEFAULT 0,
  tokens_in int(10) unsigned NOT NULL DEFAULT 0,
  tokens_out int(10) unsigned NOT NULL DEFAULT 0,
  cost decimal(14,8) NOT NULL DEFAULT 0,
  simulated tinyint(1) NOT NULL DEFAULT 0,
  caller varchar(16) NOT NULL DEFAULT '',
  user_id bigint(20) unsigned NOT NULL DEFAULT 0,
  prompt_preview text DEFAULT NULL,
  output_preview text DEFAULT NULL,
  PRIMARY KEY  (id),
  KEY created_at (created_at),
  KEY run (run_id,attempt),
  KEY feature_time (feature,created_at),
  KEY provider_time (provider,created_at),
  KEY outcome_time (outcome,created_at),
  KEY class_time (error_class,created_at),
  KEY user_id (user_id)
) {$charset};"
		);
		$installed = (string) get_option( self::OPTION, '' );
		if ( '' !== $installed && version_compare( $installed, '4', '<' ) ) {
			// Version 4 keys the rollups by feature and counts skipped attempts and runs per route: the
			// old rollups cannot be migrated, so they go and are built again from the log.
			$wpdb->query( 'DROP TABLE IF EXISTS ' . Event_Rollups::table() . ', ' . Event_Rollups::runs_table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table names from $wpdb->prefix.
			delete_option( Event_Rollups::OPTION );
			delete_option( Event_Rollups::OPTION_FROM );
			delete_option( Event_Rollups::OPTION_BLOCKS );
		}
		if ( '4' === $installed ) {
			// Version 5: the rows so far are hours; dbDelta() cannot change a primary key.
			foreach ( array(
				Event_Rollups::table()            => 'bucket,feature,provider,key_label,key_id,route,error_class,simulated',
				Event_Rollups::runs_table()       => 'bucket,feature,workflow,served_provider,simulated',
				Event_Rollups::route_runs_table() => 'bucket,feature,route,simulated',
			) as $rollups => $key ) {
				$wpdb->query( "ALTER TABLE {$rollups} ADD COLUMN hours tinyint(3) unsigned NOT NULL DEFAULT 1 FIRST, DROP PRIMARY KEY, ADD PRIMARY KEY (hours,{$key})" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.DirectDatabaseQuery.SchemaChange -- table names from $wpdb->prefix.
			}
			delete_option( Event_Rollups::OPTION_BLOCKS );
		}
		dbDelta( Event_Rollups::definition( $charset ) );
		dbDelta( Event_Rollups::runs_definition( $charset ) );
		dbDelta( Event_Rollups::route_runs_definition( $charset ) );
		$rolled_up = (string) get_option( Event_Rollups::OPTION_VERSION, '' );
		if ( '' !== $installed && version_compare( '' === $rolled_up ? '1' : $rolled_up, Event_Rollups::VERSION, '<' ) ) {
			// Rows rolled up by an older version count wrong (for up to 8 days): built again from the log.
			( new Event_Rollups() )->forget_rolled_up();
		}
		update_option( Event_Rollups::OPTION_VERSION, Event_Rollups::VERSION, true );
		update_option( self::OPTION, self::VERSION, true );
	}

	/**
	 * Drops the table (uninstall).
	 */
	public function drop(): void {
		global $wpdb;
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared -- table name from $wpdb->prefix.
		$wpdb->query( 'DROP TABLE IF EXISTS ' . self::table() . ', ' . Event_Rollups::table() . ', ' . Event_Rollups::runs_table() . ', ' . Event_Rollups::route_runs_table() );
		delete_option( self::OPTION );
		delete_option( Event_Rollups::OPTION );
		delete_option( Event_Rollups::OPTION_FROM );
		delete_option( Event_Rollups::OPTION_BLOCKS );
		delete_option( Event_Rollups::OPTION_VERSION );
	}
}
