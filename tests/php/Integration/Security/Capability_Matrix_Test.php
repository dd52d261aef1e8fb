<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Every REST route and method of the plugin, as the REST index lists them, and every admin page
 * of the plugin, as the admin menu lists them, against anonymous, subscriber, contributor, author,
 * editor and administrator, over real HTTP: a role below the route's least role gets 401
 * (anonymous) or 403, a role at or above it gets through, and the refused writes changed nothing.
 *
 * A new route or page fails here until it has a row in ROUTES or PAGES.
 *
 * @coversNothing
 */
final class Capability_Matrix_Test extends Test_Case {

	private const PROVIDER = Expected_Access::PROVIDER;
	private const FEATURE  = Expected_Access::FEATURE;

	/** @var array<string, string> Placeholder => value; empty until set_up() made the fixtures. */
	private static array $fixture = array();

	/** @var list<int> Workflow posts set_up() made. */
	private static array $workflows = array();

	/** @var list<string> */
	private static array $index_routes = array();

	/** @var list<string> */
	private static array $menu_pages = array();

	public static function tear_down_after_class(): void {
		if ( Site::available() ) {
			Site::forget_users();
			self::remove_fixtures();
		}
		self::$fixture      = array();
		self::$index_routes = array();
		self::$menu_pages   = array();
		parent::tear_down_after_class();
	}

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
		if ( self::$fixture ) {
			return; // Only the administrator's writes change them, and that test asks for new ones.
		}
		self::remove_fixtures();
		$this->assertSame(
			201,
			Site::admin(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => self::PROVIDER,
					'label'                 => 'Matrix',
					'preset'                => 'openai',
					'base_url'              => (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:9' ) . '/v1',
					'allow_private_network' => true,
				)
			)['status']
		);
		$key = Site::admin(
			'POST',
			'/ai-failover/v1/providers/' . self::PROVIDER . '/keys',
			array(
				'label'  => 'matrix',
				'secret' => 'sk-matrix-fixture-0123456789',
			)
		);
		$this->assertSame( 201, $key['status'], $key['raw'] );
		$this->assertSame(
			201,
			Site::admin(
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => self::FEATURE,
					'label'   => 'Matrix',
					'primary' => array(
						'provider_id' => self::PROVIDER,
						'model'       => 'gpt-4o-mini',
					),
				)
			)['status']
		);
		$workflow = Site::admin(
			'POST',
			'/wp/v2/aifo-workflows',
			array(
				'title'   => 'Security matrix',
				'status'  => 'publish',
				'content' => Expected_Access::WORKFLOW,
			)
		);
		$this->assertSame( 201, $workflow['status'], $workflow['raw'] );
		self::$workflows[] = (int) $workflow['body']['id'];
		self::$fixture     = array(
			'providers/{id}'  => 'providers/' . self::PROVIDER,
			'features/{id}'   => 'features/' . self::FEATURE,
			'workflows/{id}'  => 'workflows/' . $workflow['body']['id'],
			'queue/jobs/{id}' => 'queue/jobs/999999',
			'{provider}'      => self::PROVIDER,
			'{key}'           => (string) $key['body']['id'],
			'{run_id}'        => '0123456789abcdef',
		);
	}

	public function test_every_route_of_the_rest_index_has_a_row_and_every_row_a_route(): void {
		$listed = $this->routes_of_the_index();

		$this->assertSame( array(), array_values( array_diff( $listed, array_keys( Expected_Access::ROUTES ) ) ), 'These routes are not in ' . Expected_Access::class . '::ROUTES: add a row with the least role that may call each (and a body that passes validation).' );
		$this->assertSame( array(), array_values( array_diff( array_keys( Expected_Access::ROUTES ), $listed ) ), 'These rows of ROUTES name a route the REST index no longer lists.' );
	}

	/**
	 * @dataProvider roles
	 */
	public function test_each_role_reaches_exactly_the_routes_its_capabilities_allow( string $role ): void {
		$before   = $this->stored_state();
		$failures = array();
		$calls    = array();
		foreach ( $this->in_calling_order( $this->routes_of_the_index() ) as $route_method ) {
			if ( isset( Expected_Access::ROUTES[ $route_method ] ) ) { // A missing row is reported by the test above.
				list( $method, $route ) = explode( ' ', $route_method, 2 );
				$row                    = Expected_Access::ROUTES[ $route_method ];
				$calls[ $route_method ] = array( $method, $this->fill( $route ), isset( $row[1] ) ? (string) wp_json_encode( $row[1] ) : null );
			}
		}
		// Refused calls change nothing and may go in parallel; allowed ones go in order, deletes last.
		$refused   = array_filter( $calls, fn( string $route_method ): bool => $this->rank( $role ) < $this->rank( Expected_Access::ROUTES[ $route_method ][0] ), ARRAY_FILTER_USE_KEY );
		$responses = array_combine( array_keys( $refused ), Site::many( $role, array_values( $refused ) ) );
		foreach ( array_diff_key( $calls, $refused ) as $route_method => list( $method, $path, $body ) ) {
			$responses[ $route_method ] = Site::rest( $role, $method, $path, $body );
		}

		foreach ( $responses as $route_method => $response ) {
			$allowed = ! isset( $refused[ $route_method ] );
			$got     = $response['status'];
			if ( $allowed && ( in_array( $got, array( 401, 403 ), true ) || $got >= 500 ) ) {
				$failures[] = "$route_method: $got, expected to get through: " . substr( $response['raw'], 0, 200 );
			} elseif ( ! $allowed && ( '' === $role ? 401 : 403 ) !== $got ) {
				$failures[] = "$route_method: $got, expected " . ( '' === $role ? 401 : 403 ) . ': ' . substr( $response['raw'], 0, 200 );
			}
		}
		if ( 'administrator' === $role || 'editor' === $role ) {
			self::$fixture = array(); // Their writes went through: the next test makes new fixtures.
		}

		$this->assertSame( array(), $failures, 'As ' . ( '' === $role ? 'anonymous' : $role ) );
		if ( 'administrator' !== $role && 'editor' !== $role ) {
			$this->assertSame( $before, $this->stored_state(), 'A refused write changed nothing.' );
		}
	}

	/**
	 * @dataProvider roles
	 */
	public function test_each_role_opens_exactly_the_admin_pages_its_capabilities_allow( string $role ): void {
		$pages = $this->pages_of_the_admin_menu();
		$this->assertSame( array(), array_values( array_diff( $pages, array_keys( Expected_Access::PAGES ) ) ), 'These admin pages are not in ' . Expected_Access::class . '::PAGES: add a row with the least role that may open each.' );

		foreach ( Expected_Access::PAGES as $page => $least ) {
			$response = Site::as_logged_in( $role, 'GET', '/wp-admin/admin.php?page=' . $page );
			if ( '' === $role ) {
				$this->assertSame( 302, $response['status'], "$page as anonymous" );
				$this->assertStringContainsString( 'wp-login.php', $response['headers']['location'] ?? '', "$page as anonymous" );
			} elseif ( $this->rank( $role ) >= $this->rank( $least ) ) {
				$this->assertSame( 200, $response['status'], "$page as $role" );
				$this->assertStringContainsString( 'id="wpbody"', $response['raw'], "$page as $role" );
			} else {
				$this->assertSame( 403, $response['status'], "$page as $role" );
				$this->assertStringNotContainsString( 'aifo', strtolower( (string) preg_replace( '/<head.*<\/head>/s', '', $response['raw'] ) ), "$page as $role shows nothing of the plugin" );
			}
		}
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function roles(): array {
		$roles = array();
		foreach ( Site::ROLES as $role ) {
			$roles[ '' === $role ? 'anonymous' : $role ] = array( $role );
		}
		return $roles;
	}

	/**
	 * "METHOD /route" for every endpoint of the plugin's REST index, placeholders named.
	 *
	 * @return list<string>
	 */
	private function routes_of_the_index(): array {
		if ( self::$index_routes ) {
			return self::$index_routes;
		}
		$index = Site::admin( 'GET', '/ai-failover/v1' );
		$this->assertSame( 200, $index['status'], $index['raw'] );
		$out = array();
		foreach ( (array) $index['body']['routes'] as $pattern => $route ) {
			$named = (string) preg_replace( '/\(\?P<(\w+)>[^)]*\)/', '{$1}', (string) $pattern );
			foreach ( (array) $route['endpoints'] as $endpoint ) {
				foreach ( (array) $endpoint['methods'] as $method ) {
					$out[] = $method . ' ' . $named;
				}
			}
		}
		self::$index_routes = array_values( array_unique( $out ) );
		return self::$index_routes;
	}

	/**
	 * Reads first, deletes last, so the administrator's writes do not pull the fixtures away.
	 *
	 * @param list<string> $routes Routes.
	 * @return list<string>
	 */
	private function in_calling_order( array $routes ): array {
		$order = array(
			'GET'    => 0,
			'POST'   => 1,
			'PUT'    => 1,
			'PATCH'  => 1,
			'DELETE' => 2,
		);
		usort(
			$routes,
			static function ( string $a, string $b ) use ( $order ): int {
				$by_method = ( $order[ strtok( $a, ' ' ) ] ?? 1 ) <=> ( $order[ strtok( $b, ' ' ) ] ?? 1 );
				// Deeper routes first among deletes: a key before its provider.
				return 0 !== $by_method ? $by_method : substr_count( $b, '/' ) <=> substr_count( $a, '/' );
			}
		);
		return $routes;
	}

	/**
	 * The plugin's pages linked from the administrator's admin menu.
	 *
	 * @return list<string>
	 */
	private function pages_of_the_admin_menu(): array {
		if ( self::$menu_pages ) {
			return self::$menu_pages;
		}
		$dashboard = Site::as_logged_in( 'administrator', 'GET', '/wp-admin/index.php' );
		$this->assertSame( 200, $dashboard['status'] );
		preg_match_all( '/admin\.php\?page=(ai-failover[a-z0-9_-]*)/', $dashboard['raw'], $matches );
		self::$menu_pages = array_values( array_unique( $matches[1] ) );
		return self::$menu_pages;
	}

	private function fill( string $route ): string {
		$filled = strtr( $route, self::$fixture );
		if ( preg_match( '/\{\w+\}/', $filled, $left ) ) {
			$this->fail( "No fixture value for {$left[0]} in $route: add one to " . self::class . '::set_up().' );
		}
		return $filled;
	}

	private function rank( string $role ): int {
		return (int) array_search( $role, Site::ROLES, true );
	}

	/**
	 * What a refused write could have changed, read by the administrator.
	 *
	 * @return array<string, mixed>
	 */
	private function stored_state(): array {
		$routes = array( '/settings', '/providers', '/features', '/providers/' . self::PROVIDER . '/keys', '/providers/' . self::PROVIDER . '/models' );
		$reads  = array_map( static fn( string $route ): array => array( 'GET', '/ai-failover/v1' . $route, null ), $routes );
		return array_combine( $routes, array_column( Site::admin_many( $reads ), 'raw' ) );
	}

	private static function remove_fixtures(): void {
		foreach ( self::$workflows as $workflow ) {
			Site::admin( 'DELETE', '/wp/v2/aifo-workflows/' . $workflow . '?force=true' );
		}
		self::$workflows = array();
		foreach ( array( self::FEATURE, self::FEATURE . '-new' ) as $feature ) {
			Site::admin( 'DELETE', '/ai-failover/v1/features/' . $feature );
		}
		foreach ( array( self::PROVIDER, self::PROVIDER . '-new' ) as $provider ) {
			Site::admin( 'DELETE', '/ai-failover/v1/providers/' . $provider );
		}
	}
}
