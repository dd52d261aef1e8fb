<?php
/**
 * Removes everything the plugin stored, when an administrator deletes it.
 *
 * @package AI_Failover
 */

if ( ! defined( 'WP_UNINSTALL_PLUGIN' ) ) {
	exit;
}

/**
 * Deletes the plugin's data on the current site. Every option the plugin creates is listed here.
 *
 * @return void
 */
function aifo_uninstall_site() {
	global $wpdb;
	$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'aifo_events' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- removing the plugin's own table.
	$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'aifo_state' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- circuit breakers and key states.
	$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'aifo_rollups, ' . $wpdb->prefix . 'aifo_run_rollups, ' . $wpdb->prefix . 'aifo_route_run_rollups' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the event log's hourly rollups.
	$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'aifo_workflow_runs' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- removing the plugin's own table.
	$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'aifo_jobs' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the queue's jobs.
	$wpdb->query( 'DROP TABLE IF EXISTS ' . $wpdb->prefix . 'aifo_audit' ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the audit log of policy changes.
	wp_clear_scheduled_hook( 'aifo_purge_events' );
	wp_clear_scheduled_hook( 'aifo_roll_up_events' );
	wp_clear_scheduled_hook( 'aifo_check_alerts' );
	wp_clear_scheduled_hook( 'aifo_queue_run' );
	wp_clear_scheduled_hook( 'aifo_queue_run', array( 'wake' ) );
	wp_clear_scheduled_hook( 'aifo_run_scheduled_drills' );
	foreach ( array( 'aifo_db_version', 'aifo_rollups_through', 'aifo_rollups_from', 'aifo_rollups_blocks', 'aifo_rollups_generation', 'aifo_rollups_version', 'aifo_state_db_version', 'aifo_alert_state', 'aifo_settings', 'aifo_providers', 'aifo_provider_keys', 'aifo_key_states', 'aifo_features', 'aifo_model_catalog', 'aifo_workflow_runs_db_version', 'aifo_jobs_db_version', 'aifo_trigger_index', 'aifo_audit_db_version', 'aifo_drill_results' ) as $aifo_option ) {
		delete_option( $aifo_option );
	}
	// When each user last opened Diagnostics (the first-run checklist's last step), a per-site user option.
	delete_metadata( 'user', 0, $wpdb->get_blog_prefix() . 'aifo_diagnostics_seen_at', '', true );
	// Engine state of 0.1 (circuit breakers, probe claims), if the upgrade never ran: options named aifo_state_<hash>.
	$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_state\\_%'" ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery
	// The health panel's kept sums of rolled-up hours (Event_Rollups::CACHE_OPTION), one per window and filter.
	foreach ( (array) $wpdb->get_col( "SELECT option_name FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_health\\_rolled\\_%'" ) as $aifo_option ) { // phpcs:ignore WordPress.DB.DirectDatabaseQuery
		delete_option( (string) $aifo_option );
	}
}

if ( is_multisite() ) {
	foreach ( get_sites( array( 'fields' => 'ids' ) ) as $aifo_site_id ) {
		switch_to_blog( $aifo_site_id );
		aifo_uninstall_site();
		restore_current_blog();
	}
} else {
	aifo_uninstall_site();
}
