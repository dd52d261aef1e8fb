<?php
/**
 * Plugin Name: AI Failover rig helpers
 * Description: Copied into the rig's mu-plugins by bin/rig.sh. Never shipped with the plugin.
 *
 * @package AI_Failover
 */

// No MTA on these machines: make wp_mail() report success instead of calling sendmail.
add_filter( 'pre_wp_mail', '__return_true' );

/**
 * Whether a file is one of the plugin's own: below its real path, but not in its development
 * folders, nor in the rig's WordPress, which lives in the plugin's .rig/ folder.
 *
 * @param string $file   Absolute path.
 * @param string $plugin The plugin's real path.
 */
function aifo_rig_is_plugin_file( string $file, string $plugin ): bool {
	return str_starts_with( $file, $plugin . '/' ) && ! preg_match( '#^/(vendor|node_modules|\.rig)/#', substr( $file, strlen( $plugin ) ) );
}

/**
 * Names the plugin's frame in a notice that core raises on the plugin's behalf.
 *
 * A deprecation or _doing_it_wrong() caused by the plugin is raised "in" a core file
 * (wp-includes/functions.php), so the log line alone cannot tell whose it is. When one of the
 * plugin's files is on the call stack, this logs the record itself with "(reached from ai-failover:
 * FILE:LINE)" appended, which bin/check-php-logs.php (npm test) counts as the plugin's. Anything
 * else goes on to PHP's own logging unchanged.
 *
 * @param int    $level   E_* constant.
 * @param string $message Message.
 * @param string $file    File the message is raised in.
 * @param int    $line    Line.
 * @return bool Whether the message was logged here.
 */
function aifo_rig_log_plugin_caused_error( int $level, string $message, string $file = '', int $line = 0 ): bool {
	if ( ! ( error_reporting() & $level ) ) { // phpcs:ignore WordPress.PHP.DevelopmentFunctions.prevent_path_disclosure_error_reporting -- reads the level, sets nothing.
		return false; // Silenced with @, or below the reporting level.
	}
	$plugin = realpath( WP_PLUGIN_DIR . '/ai-failover' );
	if ( false === $plugin || aifo_rig_is_plugin_file( $file, $plugin ) ) {
		return false; // Raised in the plugin's own file: the line already says so.
	}
	// A class declaration's deprecation ("Return type of X should be compatible...") belongs to the
	// file that declares it, whoever happened to autoload it.
	if ( E_DEPRECATED === $level && str_starts_with( $message, 'Return type of ' ) ) {
		return false;
	}
	$kinds = array(
		E_WARNING         => 'Warning',
		E_USER_WARNING    => 'Warning',
		E_NOTICE          => 'Notice',
		E_USER_NOTICE     => 'Notice',
		E_DEPRECATED      => 'Deprecated',
		E_USER_DEPRECATED => 'Deprecated',
	);
	if ( ! isset( $kinds[ $level ] ) ) {
		return false;
	}
	// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- finding the caller is the point.
	foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
		$frame_file = $frame['file'] ?? '';
		if ( aifo_rig_is_plugin_file( $frame_file, $plugin ) ) {
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_error_log -- the rig's PHP log is the destination.
			error_log( sprintf( 'PHP %s:  %s in %s on line %d (reached from ai-failover: %s:%d)', $kinds[ $level ], $message, $file, $line, $frame_file, $frame['line'] ?? 0 ) );
			return true;
		}
	}
	return false;
}
// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_set_error_handler -- a rig-only diagnostic, see above.
set_error_handler( 'aifo_rig_log_plugin_caused_error' );
