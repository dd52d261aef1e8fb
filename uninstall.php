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
	foreach ( array( 'aifo_settings', 'aifo_providers', 'aifo_provider_keys', 'aifo_key_states', 'aifo_features', 'aifo_model_catalog' ) as $aifo_option ) {
		delete_option( $aifo_option );
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
