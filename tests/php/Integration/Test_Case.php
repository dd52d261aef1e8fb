<?php
/**
 * Base class for integration tests.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration;

use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Runs each test inside a database transaction that is rolled back afterwards, with the object
 * cache, the current user and the REST server reset: the isolation WP_UnitTestCase gives, without
 * the WordPress test library (not available offline).
 *
 * Tests that run DDL (CREATE/ALTER/DROP TABLE commit implicitly in MariaDB) must undo it themselves.
 */
abstract class Test_Case extends TestCase {

	/** @var array<string, mixed> */
	private array $saved_server = array();

	/** @var array<string, \WP_Hook> */
	private array $saved_hooks = array();

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->suppress_errors = false;
		$wpdb->show_errors     = false;
		$wpdb->query( 'SET autocommit = 0' );
		$wpdb->query( 'START TRANSACTION' );
		wp_cache_flush();
		$this->saved_server = $_SERVER;
		// Hooks added by a test (a service wired twice, a filter) must not leak into the next one.
		$this->saved_hooks = array_map( static fn( $hook ) => clone $hook, $GLOBALS['wp_filter'] );
		wp_set_current_user( 0 );
		$GLOBALS['wp_rest_server'] = null;
	}

	protected function tear_down(): void {
		global $wpdb;
		$wpdb->query( 'ROLLBACK' );
		$wpdb->query( 'SET autocommit = 1' );
		wp_cache_flush();
		wp_set_current_user( 0 );
		$GLOBALS['wp_rest_server'] = null;
		$_SERVER                   = $this->saved_server;
		$GLOBALS['wp_filter']      = $this->saved_hooks;
		$_GET                      = array();
		$_POST                     = array();
		parent::tear_down();
	}

	/**
	 * Creates a user with a role (rolled back with the test) and returns its id.
	 *
	 * @param string $role Role name.
	 */
	protected function create_user( string $role ): int {
		$id = wp_insert_user(
			array(
				'user_login' => 'aifo_' . $role . '_' . wp_generate_password( 6, false ),
				'user_pass'  => wp_generate_password(),
				'user_email' => wp_generate_password( 8, false ) . '@example.org',
				'role'       => $role,
			)
		);
		$this->assertIsInt( $id, 'wp_insert_user failed' );
		return $id;
	}

	/**
	 * Dispatches a REST request in-process through the real REST server.
	 *
	 * @param string               $method HTTP method.
	 * @param string               $route  Route, such as /ai-failover/v1/settings.
	 * @param array<string, mixed> $body   JSON body.
	 */
	protected function rest( string $method, string $route, array $body = array() ): \WP_REST_Response {
		$request = new \WP_REST_Request( $method, $route );
		if ( $body ) {
			$request->set_header( 'content-type', 'application/json' );
			$request->set_body( (string) wp_json_encode( $body ) );
		}
		return rest_get_server()->dispatch( $request );
	}
}
