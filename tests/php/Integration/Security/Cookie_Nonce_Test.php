<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * A logged-in administrator's browser cookies alone never write: every write route of the REST
 * index, called with the login cookies and no nonce, is refused as if anonymous (401), with a
 * wrong nonce is refused with 403 rest_cookie_invalid_nonce, and nothing changed. With the real
 * nonce the same cookies get through, so the refusals are the nonce's doing.
 *
 * @coversNothing
 */
final class Cookie_Nonce_Test extends Test_Case {

	private const PROVIDER = 'security-nonce';

	public static function tear_down_after_class(): void {
		if ( Site::available() ) {
			Site::admin( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		}
		parent::tear_down_after_class();
	}

	protected function set_up(): void {
		parent::set_up();
		if ( ! Site::available() ) {
			$this->markTestSkipped( 'WP_BASE_URL / WP_APP_PASSWORD not set: source .rig/<name>/env.sh.' );
		}
		Site::admin( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		$this->assertSame(
			201,
			Site::admin(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'     => self::PROVIDER,
					'label'  => 'Nonce',
					'preset' => 'simulator',
				)
			)['status']
		);
	}

	public function test_cookie_writes_without_a_valid_nonce_are_refused_on_every_write_route(): void {
		$before   = $this->stored_state();
		$failures = array();
		$writes   = $this->write_routes();
		$this->assertGreaterThan( 10, count( $writes ), 'The REST index lists the write routes.' );

		foreach ( $writes as list( $method, $path, $body ) ) {
			$none = Site::as_logged_in( 'administrator', $method, '/wp-json' . $path, $body );
			if ( 401 !== $none['status'] ) {
				$failures[] = "$method $path without a nonce: {$none['status']} {$none['raw']}";
			}
			$wrong = Site::as_logged_in( 'administrator', $method, '/wp-json' . $path, $body, array( 'X-WP-Nonce' => 'badc0ffee0' ) );
			if ( 403 !== $wrong['status'] || 'rest_cookie_invalid_nonce' !== ( $wrong['body']['code'] ?? '' ) ) {
				$failures[] = "$method $path with a wrong nonce: {$wrong['status']} {$wrong['raw']}";
			}
		}

		$this->assertSame( array(), $failures );
		$this->assertSame( $before, $this->stored_state(), 'Nothing changed.' );
	}

	public function test_the_same_cookies_with_the_real_nonce_do_write(): void {
		$nonce   = Site::rest_nonce( 'administrator' );
		$changed = Site::as_logged_in( 'administrator', 'PATCH', '/wp-json/ai-failover/v1/providers/' . self::PROVIDER, '{"label":"With nonce"}', array( 'X-WP-Nonce' => $nonce ) );

		$this->assertSame( 200, $changed['status'], $changed['raw'] );
		$this->assertSame( 'With nonce', Site::admin( 'GET', '/ai-failover/v1/providers/' . self::PROVIDER )['body']['label'] );
	}

	/**
	 * Every non-GET method of every route in the plugin's REST index, placeholders filled, with
	 * the body of its Expected_Access row (one that passes validation, so only the nonce refuses).
	 *
	 * @return list<array{string, string, string|null}>
	 */
	private function write_routes(): array {
		$fill  = array(
			'providers/{id}'  => 'providers/' . self::PROVIDER,
			'features/{id}'   => 'features/none',
			'workflows/{id}'  => 'workflows/0',
			'queue/jobs/{id}' => 'queue/jobs/999999',
			'{provider}'      => self::PROVIDER,
			'{key}'           => 'none',
			'{run_id}'        => '0123456789abcdef',
		);
		$out   = array();
		$index = Site::admin( 'GET', '/ai-failover/v1' )['body'];
		foreach ( (array) $index['routes'] as $pattern => $route ) {
			$named = (string) preg_replace( '/\(\?P<(\w+)>[^)]*\)/', '{$1}', (string) $pattern );
			foreach ( (array) $route['endpoints'] as $endpoint ) {
				foreach ( array_diff( (array) $endpoint['methods'], array( 'GET' ) ) as $method ) {
					$row  = Expected_Access::ROUTES[ $method . ' ' . $named ] ?? array();
					$path = strtr( $named, $fill );
					if ( preg_match( '/\{\w+\}/', $path, $left ) ) {
						$this->fail( "No value for {$left[0]} in $named: add one to " . self::class . '::write_routes().' );
					}
					$out[] = array( (string) $method, $path, isset( $row[1] ) ? (string) wp_json_encode( $row[1] ) : null );
				}
			}
		}
		return $out;
	}

	/**
	 * @return array<string, mixed>
	 */
	private function stored_state(): array {
		$state = array();
		foreach ( array( '/settings', '/providers', '/features' ) as $route ) {
			$state[ $route ] = Site::admin( 'GET', '/ai-failover/v1' . $route )['body'];
		}
		return $state;
	}
}
