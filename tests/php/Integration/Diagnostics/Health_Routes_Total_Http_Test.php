<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Diagnostics\Event_Repository;
use AI_Failover\Diagnostics\Event_Rollups;
use AI_Failover\Diagnostics\Event_Schema;
use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * GET /health over real HTTP lists only the busiest routes (200) and says how many there were in
 * all and how many it left out, in headers, so its body stays a list of rows.
 *
 * @covers \AI_Failover\REST\Events_Controller
 * @covers \AI_Failover\Diagnostics\Health_Report
 * @covers \AI_Failover\Diagnostics\Event_Rollups
 */
final class Health_Routes_Total_Http_Test extends Test_Case {

	use Rest_Over_Http;

	/** Routes with traffic: more than the panel lists. */
	private const ROUTES = Event_Rollups::MAX_ROUTES + 5;

	/** The feature the seeded attempts belong to, new per test, so other traffic does not count. */
	private string $feature = '';

	protected function set_up(): void {
		parent::set_up();
		$this->require_site();
		$this->feature = 'routes-' . strtolower( wp_generate_password( 8, false ) );
		$rows          = array();
		// Minutes old: the window's raw trailing edge, nothing to roll up. Route i has 1 + i % 3 attempts.
		for ( $route = 0; $route < self::ROUTES; $route++ ) {
			for ( $attempt = 0; $attempt <= $route % 3; $attempt++ ) {
				$rows[] = array(
					'run_id'     => substr( md5( $this->feature . $route . '-' . $attempt ), 0, 16 ),
					'attempt'    => 1,
					'created_at' => gmdate( 'Y-m-d H:i:s', time() - 5 * MINUTE_IN_SECONDS ),
					'feature'    => $this->feature,
					'provider'   => 'p',
					'route'      => 'p/model-' . $route,
					'model'      => 'model-' . $route,
					'outcome'    => 'success',
					'decision'   => 'done',
					'reason'     => '',
					'latency_ms' => 100,
				);
			}
		}
		$this->on_site( fn() => $this->assertTrue( ( new Event_Repository() )->insert_many( $rows ), 'The attempts are in the site\'s log.' ) );
	}

	protected function tear_down(): void {
		$feature = $this->feature;
		$this->on_site( static fn() => $GLOBALS['wpdb']->delete( Event_Schema::table(), array( 'feature' => $feature ) ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- the rig site's log: this test's rows.
		parent::tear_down();
	}

	public function test_health_lists_the_busiest_routes_and_says_how_many_it_left_out(): void {
		$response = $this->http( 'GET', '/ai-failover/v1/health?window=24h&feature=' . $this->feature );
		$this->assertSame( 200, $response['status'], $response['raw'] );
		$this->assertTrue( is_array( $response['body'] ) && array_is_list( $response['body'] ), 'The body stays a list of rows.' );
		$routes = array_values( array_filter( $response['body'], static fn( array $row ): bool => 'route' === $row['kind'] ) );
		$this->assertCount( Event_Rollups::MAX_ROUTES, $routes );
		$this->assertSame( (string) self::ROUTES, $response['headers']['x-aifo-routes-total'] ?? null, 'Every route of the window is counted.' );
		$this->assertSame( '5', $response['headers']['x-aifo-routes-omitted'] ?? null, 'Those left out are counted.' );
		// The busiest are listed: every route with two or three attempts, those left out had one.
		$busy = count( array_filter( range( 0, self::ROUTES - 1 ), static fn( int $route ): bool => 0 !== $route % 3 ) );
		$this->assertCount( $busy, array_filter( $routes, static fn( array $row ): bool => $row['attempts'] > 1 ) );
	}

	public function test_a_window_with_fewer_routes_leaves_none_out(): void {
		$response = $this->http( 'GET', '/ai-failover/v1/health?window=24h&feature=no-traffic-here' );
		$this->assertSame( 200, $response['status'], $response['raw'] );
		$this->assertSame( array( '0', '0' ), array( $response['headers']['x-aifo-routes-total'] ?? null, $response['headers']['x-aifo-routes-omitted'] ?? null ) );
	}

	/**
	 * Runs $work against the site's database (the rig serves `wordpress`; the tests own `wordpress_test`).
	 *
	 * @template T
	 * @param callable(): T $work What to do there.
	 * @return T
	 */
	private function on_site( callable $work ): mixed {
		global $wpdb, $table_prefix;
		$tests = $wpdb;
		$site  = new \wpdb( DB_USER, DB_PASSWORD, getenv( 'WP_SITE_DB_NAME' ) ?: 'wordpress', DB_HOST ); // phpcs:ignore WordPress.WP.CapitalPDangit -- the rig's database name.
		$site->set_prefix( $table_prefix );
		$wpdb = $site; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- write the other database through the same code paths, then put the tests' back.
		wp_cache_flush();
		try {
			return $work();
		} finally {
			$wpdb = $tests; // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited
			$site->close();
			wp_cache_flush();
		}
	}
}
