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

/*
 * Query and file counter for tests (tests/php/Integration/REST/Run_Cost_Http_Test.php): a request with
 * `X-Aifo-Rig-Count: <id>` has every database query that AI Failover's code issues (its own SQL and the
 * core calls it makes, such as get_option() of an uncached option) counted as a read (SELECT) or a
 * write, and the plugin files it loaded listed; the counts go to uploads/aifo-rig/count-<id>.json at
 * the very end of the request, after the event log's shutdown flush.
 */
// phpcs:disable WordPress.Security.ValidatedSanitizedInput -- rig-only: the id is matched against a fixed pattern.
if ( isset( $_SERVER['HTTP_X_AIFO_RIG_COUNT'] ) && preg_match( '/^[a-z0-9-]{1,40}$/', (string) $_SERVER['HTTP_X_AIFO_RIG_COUNT'] ) ) {
	$GLOBALS['aifo_rig_count'] = array(
		'id'      => (string) $_SERVER['HTTP_X_AIFO_RIG_COUNT'],
		'reads'   => array(),
		'writes'  => array(),
		'queries' => 0,
	);
	// phpcs:enable
	add_filter(
		'query',
		static function ( $query ) {
			$plugin = realpath( WP_PLUGIN_DIR . '/ai-failover' );
			++$GLOBALS['aifo_rig_count']['queries'];
			// phpcs:ignore WordPress.PHP.DevelopmentFunctions.error_log_debug_backtrace -- whose query it is, is the point.
			foreach ( debug_backtrace( DEBUG_BACKTRACE_IGNORE_ARGS ) as $frame ) {
				if ( false !== $plugin && aifo_rig_is_plugin_file( (string) ( $frame['file'] ?? '' ), $plugin ) ) {
					$kind                                 = preg_match( '/^\s*(SELECT|SHOW)\b/i', (string) $query ) ? 'reads' : 'writes';
					$GLOBALS['aifo_rig_count'][ $kind ][] = substr( (string) preg_replace( '/\s+/', ' ', (string) $query ), 0, 400 );
					break;
				}
			}
			return $query;
		},
		PHP_INT_MAX
	);
	add_action(
		'shutdown',
		static function (): void {
			$plugin = realpath( WP_PLUGIN_DIR . '/ai-failover' );
			$files  = array();
			foreach ( get_included_files() as $file ) {
				$real = (string) realpath( $file );
				if ( false !== $plugin && aifo_rig_is_plugin_file( $real, $plugin ) ) {
					$files[] = substr( $real, strlen( $plugin ) + 1 );
				}
			}
			$dir = WP_CONTENT_DIR . '/uploads/aifo-rig';
			wp_mkdir_p( $dir );
			// phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- rig-only output for a test.
			file_put_contents( $dir . '/count-' . $GLOBALS['aifo_rig_count']['id'] . '.json', (string) wp_json_encode( array( 'files' => $files ) + $GLOBALS['aifo_rig_count'] ) );
		},
		PHP_INT_MAX
	);
}
