<?php
/**
 * PHPUnit bootstrap for both suites.
 *
 * `--testsuite unit` loads no WordPress: tests/php/stubs/ provides the few WordPress functions the
 * pure code calls. `--testsuite integration` loads the rig's WordPress against its `wordpress_test`
 * database (see bin/rig.sh; WP_ROOT and WP_TESTS_DB_NAME come from .rig/test/env.sh) and loads this
 * plugin on muplugins_loaded, the way WordPress's own test library does. wp-phpunit is not in the
 * Packagist copy these machines reach, so Integration\Test_Case supplies the isolation it would.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

require dirname( __DIR__, 2 ) . '/vendor/autoload.php';

$aifo_suite = getenv( 'AIFO_TEST_SUITE' ) ?: '';
foreach ( (array) ( $GLOBALS['argv'] ?? array() ) as $aifo_index => $aifo_arg ) {
	if ( '--testsuite' === $aifo_arg ) {
		$aifo_suite = (string) ( $GLOBALS['argv'][ $aifo_index + 1 ] ?? '' );
	} elseif ( str_starts_with( (string) $aifo_arg, '--testsuite=' ) ) {
		$aifo_suite = substr( (string) $aifo_arg, 12 );
	}
}

if ( 'unit' === $aifo_suite ) {
	require __DIR__ . '/stubs/wordpress.php';
	return;
}

// Without .rig/test/env.sh sourced: the version the test rig started last (bin/rig.sh writes its name).
$aifo_rig_dir = dirname( __DIR__, 2 ) . '/.rig/test';
$aifo_current = is_readable( $aifo_rig_dir . '/current' ) ? trim( (string) file_get_contents( $aifo_rig_dir . '/current' ) ) : 'debian-6.1';
$aifo_wp_root = getenv( 'WP_ROOT' ) ?: $aifo_rig_dir . '/' . $aifo_current . '/wp';
if ( ! is_readable( $aifo_wp_root . '/wp-load.php' ) ) {
	fwrite( STDERR, "Integration suite: no WordPress at {$aifo_wp_root}. Start the rig first: RIG_NAME=test bash bin/rig.sh up, then source .rig/test/env.sh\n" );
	exit( 1 );
}

putenv( 'WP_DB_NAME=' . ( getenv( 'WP_TESTS_DB_NAME' ) ?: 'wordpress_test' ) );
$_SERVER += array(
	'HTTP_HOST'       => '127.0.0.1',
	'SERVER_NAME'     => '127.0.0.1',
	'REQUEST_URI'     => '/',
	'REQUEST_METHOD'  => 'GET',
	'SERVER_PROTOCOL' => 'HTTP/1.1',
);
define( 'WP_USE_THEMES', false );
define( 'AIFO_RUNNING_TESTS', true );
$GLOBALS['wp_filter']['muplugins_loaded'][10][] = array(
	'function'      => static function () use ( $aifo_wp_root ) {
		// Loaded through the rig's plugins/ symlink, as WordPress loads it, so plugin_basename() and plugins_url() behave.
		$plugin_file = $aifo_wp_root . '/wp-content/plugins/ai-failover/plugin.php';
		wp_register_plugin_realpath( $plugin_file );
		require $plugin_file;
	},
	'accepted_args' => 0,
);
$GLOBALS['wp_filter']['pre_wp_mail'][10][]      = array(
	'function'      => '__return_true',
	'accepted_args' => 1,
);
require $aifo_wp_root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/admin.php';
// The test database never runs the activation hook: create the plugin's tables as activation would.
( new AI_Failover\Diagnostics\Event_Schema() )->install();
( new AI_Failover\Diagnostics\State_Schema( new AI_Failover\Diagnostics\State_Repository() ) )->install();
( new AI_Failover\Workflows\Workflow_Run_Repository() )->install();
( new AI_Failover\Queue\Job_Repository() )->install();
