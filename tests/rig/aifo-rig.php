<?php
/**
 * Plugin Name: AI Failover rig helpers
 * Description: Copied into the rig's mu-plugins by bin/rig.sh. Never shipped with the plugin.
 *
 * @package AI_Failover
 */

// No MTA on these machines: make wp_mail() report success instead of calling sendmail.
add_filter( 'pre_wp_mail', '__return_true' );
