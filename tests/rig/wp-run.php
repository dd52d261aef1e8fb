<?php
/**
 * Runs a PHP file inside the rig's WordPress, like `wp eval-file` (wp-cli is not available offline).
 *
 * Usage: WP_ROOT=... php wp-run.php FILE [ARGS...]; the file sees $args (the remaining arguments).
 *
 * @package AI_Failover
 */

$aifo_run_file = $argv[1] ?? '';
if ( '' === $aifo_run_file || ! is_readable( $aifo_run_file ) ) {
	fwrite( STDERR, "wp-run: no readable file given\n" );
	exit( 2 );
}
$_SERVER += array(
	'HTTP_HOST'       => '127.0.0.1',
	'SERVER_NAME'     => '127.0.0.1',
	'REQUEST_URI'     => '/',
	'REQUEST_METHOD'  => 'GET',
	'SERVER_PROTOCOL' => 'HTTP/1.1',
);
require getenv( 'WP_ROOT' ) . '/wp-load.php';
$args = array_slice( $argv, 2 ); // The file's documented input.
require $aifo_run_file;
