<?php
/**
 * Fails when the rig's PHP logs hold an error, warning, notice or deprecation that points at the plugin.
 *
 *   php bin/check-php-logs.php PLUGIN_DIR LOG_FILE...   exit 1 and print the records when any is found
 *
 * npm test runs it once per WordPress version, over WordPress's debug log (command-line runs:
 * PHPUnit, the rig's setup) and php-fpm's error log (every web request: REST, wp-admin, the
 * editor). A record points at the plugin when any of its lines names a file of the plugin (by its
 * real path or below plugins/ai-failover/), outside vendor/, node_modules/ and the rig's .rig/
 * folder: the file the message is "in", a frame of a fatal error's stack trace, or the frame the
 * rig's mu-plugin (tests/rig/aifo-rig.php) adds to a notice raised in core on the plugin's behalf.
 * A database error counts when its "made by" call list names one of the plugin's classes.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tools;

/**
 * The records (one per entry, stack traces and other continuation lines included) of a PHP error log.
 *
 * @return list<string>
 */
function log_records( string $log ): array {
	$records = array();
	foreach ( preg_split( '/\R/', $log ) ?: array() as $line ) {
		if ( '' === trim( $line ) ) {
			continue;
		}
		// Every entry starts with "[01-Dec-2026 07:51:13 UTC]"; stack-trace lines do not.
		if ( array() === $records || preg_match( '/^\[\d{2}-\w{3}-\d{4} [\d:]{8}/', $line ) ) {
			$records[] = $line;
		} else {
			$records[ count( $records ) - 1 ] .= "\n" . $line;
		}
	}
	return $records;
}

/**
 * Whether a record is one this check is about: a PHP diagnostic or a database error.
 */
function is_problem( string $record ): bool {
	return 1 === preg_match( '/\] (PHP (Fatal error|Parse error|Recoverable fatal error|Warning|Notice|Deprecated|Strict Standards)|WordPress database error)\b/', $record );
}

/**
 * Whether a record names a file of the plugin in PLUGIN_DIR, or (database errors) one of its classes.
 */
function points_at_plugin( string $record, string $plugin_dir ): bool {
	$plugin_dir = rtrim( $plugin_dir, '/' );
	$roots      = array( preg_quote( $plugin_dir, '#' ), '[^\s:(]*/wp-content/plugins/ai-failover' );
	$path       = '#(' . implode( '|', $roots ) . ')/(?!(vendor|node_modules|\.rig)/)[^\s:]+\.php#';
	if ( preg_match( $path, $record ) ) {
		return true;
	}
	return str_contains( $record, 'WordPress database error' ) && str_contains( $record, 'AI_Failover\\' );
}

/**
 * The records of a log that point at the plugin.
 *
 * @return list<string>
 */
function plugin_problems( string $log, string $plugin_dir ): array {
	return array_values(
		array_filter(
			log_records( $log ),
			static fn ( string $record ): bool => is_problem( $record ) && points_at_plugin( $record, $plugin_dir )
		)
	);
}

// Run only when executed, so tests can include the functions above.
if ( PHP_SAPI === 'cli' && isset( $argv[0] ) && realpath( $argv[0] ) === __FILE__ ) {
	if ( count( $argv ) < 3 ) {
		fwrite( STDERR, "usage: php bin/check-php-logs.php PLUGIN_DIR LOG_FILE...\n" );
		exit( 2 );
	}
	$plugin_dir = (string) realpath( $argv[1] );
	$found      = 0;
	$read       = array();
	foreach ( array_slice( $argv, 2 ) as $file ) {
		if ( ! is_readable( $file ) ) {
			continue; // A log that was never written: nothing went wrong there.
		}
		$read[] = basename( $file );
		foreach ( plugin_problems( (string) file_get_contents( $file ), $plugin_dir ) as $record ) {
			++$found;
			echo $file, ":\n  ", str_replace( "\n", "\n  ", $record ), "\n";
		}
	}
	if ( $found > 0 ) {
		printf( "PHP logs: %d record(s) from the plugin in %s\n", $found, implode( ', ', $read ) );
		exit( 1 );
	}
	printf( "PHP logs: nothing from the plugin in %s\n", implode( ', ', $read ) ?: 'no log (none written)' );
}
