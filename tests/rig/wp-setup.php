<?php
/**
 * Installs WordPress into the rig's database without HTTP (there is no wp-cli offline).
 *
 * Usage: [WP_DB_NAME=x] php wp-setup.php WP_ROOT HOST:PORT USER PASS site|test [APP_PASSWORD_FILE]
 *
 * "site" activates the plugin the normal way (activation hook included). "test" leaves it
 * inactive: the PHPUnit integration bootstrap loads it itself, as WordPress's own test library does.
 *
 * @package AI_Failover
 */

// Script globals carry a prefix: a global named like one of WordPress's ($wp, $post...) breaks it.
list( , $aifo_rig_root, $aifo_rig_host, $aifo_rig_user, $aifo_rig_pass, $aifo_rig_mode ) = $argv;
$aifo_rig_app_file = $argv[6] ?? '';

$_SERVER += array(
	'HTTP_HOST'       => $aifo_rig_host,
	'SERVER_NAME'     => '127.0.0.1',
	'REQUEST_URI'     => '/',
	'REQUEST_METHOD'  => 'GET',
	'SERVER_PROTOCOL' => 'HTTP/1.1',
);
define( 'WP_INSTALLING', true );
// No MTA on these machines: wp_install() would try to send the "new site" mail.
$GLOBALS['wp_filter']['pre_wp_mail'][10][] = array(
	'function'      => '__return_true',
	'accepted_args' => 1,
);
require $aifo_rig_root . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

if ( ! is_blog_installed() ) {
	wp_install( 'AI Failover ' . ( 'site' === $aifo_rig_mode ? 'demo' : 'tests' ), $aifo_rig_user, 'admin@example.com', false, '', wp_slash( $aifo_rig_pass ) );
}
$GLOBALS['wp_rewrite']->set_permalink_structure( '/%postname%/' );
$GLOBALS['wp_rewrite']->flush_rules( false );
update_option( 'show_avatars', 0 ); // No gravatar.com requests from the browser.

if ( 'site' === $aifo_rig_mode ) {
	$aifo_rig_result = activate_plugin( 'ai-failover/plugin.php' );
	if ( is_wp_error( $aifo_rig_result ) ) {
		fwrite( STDERR, 'activate_plugin: ' . $aifo_rig_result->get_error_message() . "\n" );
		exit( 1 );
	}
} else {
	deactivate_plugins( 'ai-failover/plugin.php', true );
}

if ( $aifo_rig_app_file ) {
	$aifo_rig_admin = get_user_by( 'login', $aifo_rig_user );
	// One rig password at a time: WordPress checks a request's application password against each of
	// the user's in turn (a phpass hash each, about 1 ms of CPU), so every earlier `up` that left its
	// own would slow every authenticated request of the tests and benchmarks, unlike a real site.
	foreach ( WP_Application_Passwords::get_user_application_passwords( $aifo_rig_admin->ID ) as $aifo_rig_old ) {
		if ( str_starts_with( (string) $aifo_rig_old['name'], 'rig-' ) ) {
			WP_Application_Passwords::delete_application_password( $aifo_rig_admin->ID, $aifo_rig_old['uuid'] );
		}
	}
	$aifo_rig_app = WP_Application_Passwords::create_new_application_password( $aifo_rig_admin->ID, array( 'name' => 'rig-' . microtime( true ) ) );
	if ( is_wp_error( $aifo_rig_app ) ) {
		fwrite( STDERR, $aifo_rig_app->get_error_message() . "\n" );
		exit( 1 );
	}
	file_put_contents( $aifo_rig_app_file, $aifo_rig_app[0] );
}

printf( "WordPress %s installed in database %s (%s)\n", get_bloginfo( 'version' ), DB_NAME, $aifo_rig_mode );
