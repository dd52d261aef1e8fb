<?php
/**
 * Plugin Name:       AI Failover
 * Plugin URI:        https://wordpress.org/plugins/ai-failover/
 * Description:       Keeps your site's AI features working when a model, a key or a whole provider fails, and never hides that it happened.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.1
 * Author:            AI Failover contributors
 * License:           GPL-2.0-or-later
 * License URI:       https://www.gnu.org/licenses/gpl-2.0.html
 * Text Domain:       ai-failover
 * Domain Path:       /languages
 *
 * @package AI_Failover
 */

// This file and includes/Requirements.php must parse on any PHP WordPress runs on (5.6+), so that a
// too-old PHP gets an admin notice instead of a parse error. Everything else requires PHP 8.1.

if ( ! defined( 'ABSPATH' ) ) {
	exit;
}

define( 'AIFO_VERSION', '0.1.0' );
define( 'AIFO_PLUGIN_FILE', __FILE__ );
define( 'AIFO_PLUGIN_DIR', __DIR__ );
define( 'AIFO_MIN_PHP', '8.1' );
define( 'AIFO_MIN_WP', '6.1' );

require_once __DIR__ . '/includes/Requirements.php';

$aifo_requirements = new AI_Failover\Requirements( PHP_VERSION, $GLOBALS['wp_version'], AIFO_MIN_PHP, AIFO_MIN_WP );
if ( ! $aifo_requirements->are_met() ) {
	add_action( 'admin_notices', array( $aifo_requirements, 'render_admin_notice' ) );
	add_action( 'network_admin_notices', array( $aifo_requirements, 'render_admin_notice' ) );
	return;
}
unset( $aifo_requirements );

// The plugin runs where Composer never ran: a PSR-4 autoloader for AI_Failover\ => includes/.
spl_autoload_register(
	function ( $class_name ) {
		$prefix = 'AI_Failover\\';
		if ( 0 !== strpos( $class_name, $prefix ) ) {
			return;
		}
		$file = __DIR__ . '/includes/' . str_replace( '\\', '/', substr( $class_name, strlen( $prefix ) ) ) . '.php';
		if ( is_readable( $file ) ) {
			require $file;
		}
	}
);

/**
 * Runs an AI feature through its routes and keys, with fallbacks as configured.
 *
 * Never throws for provider errors: the result says what happened (status, answer, who served
 * it, whether it was degraded, and every attempt).
 *
 * @since 0.1.0
 *
 * @param string               $feature Feature id, such as "post-summary".
 * @param array<string, mixed> $request messages (list of role/content), max_tokens, temperature, stream, validate, background.
 * @return AI_Failover\Engine\Run_Result
 */
function aifo_run( $feature, $request = array() ) {
	return AI_Failover\Plugin::run_feature( (string) $feature, (array) $request );
}

register_activation_hook( __FILE__, array( 'AI_Failover\Plugin', 'activate' ) );
AI_Failover\Plugin::boot();
