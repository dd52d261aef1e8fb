<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Every route of the plugin against every role: only administrators get through, anonymous
 * visitors get 401, logged-in users without the capability 403, and a refused write changes nothing.
 *
 * @coversNothing
 */
final class Permission_Matrix_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		update_option(
			'aifo_providers',
			array(
				'sim' => array(
					'id'     => 'sim',
					'label'  => 'Sim',
					'preset' => 'simulator',
				),
			)
		);
		update_option(
			'aifo_features',
			array(
				'f1' => array(
					'id'      => 'f1',
					'label'   => 'F1',
					'primary' => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo',
					),
				),
			)
		);
		update_option(
			'aifo_provider_keys',
			array(
				array(
					'id'          => 'kabc',
					'provider_id' => 'sim',
					'label'       => 'k',
					'sealed'      => 'aifo1:00000000:AAAA',
					'last4'       => '',
					'created_at'  => 0,
				),
			)
		);
	}

	/**
	 * @return list<array{string, string, array<string, mixed>}>
	 */
	private function routes(): array {
		return array(
			array( 'GET', '/ai-failover/v1/settings', array() ),
			array( 'POST', '/ai-failover/v1/settings', array( 'log_retention_days' => 5 ) ),
			array( 'GET', '/ai-failover/v1/presets', array() ),
			array( 'GET', '/ai-failover/v1/providers', array() ),
			array(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'     => 'new',
					'label'  => 'New',
					'preset' => 'openai',
				),
			),
			array( 'GET', '/ai-failover/v1/providers/sim', array() ),
			array( 'PATCH', '/ai-failover/v1/providers/sim', array( 'label' => 'Changed' ) ),
			array( 'DELETE', '/ai-failover/v1/providers/sim', array() ),
			array( 'GET', '/ai-failover/v1/providers/sim/keys', array() ),
			array(
				'POST',
				'/ai-failover/v1/providers/sim/keys',
				array(
					'label'  => 'x',
					'secret' => 'sk-0123456789abcdef',
				),
			),
			array( 'GET', '/ai-failover/v1/providers/sim/keys/kabc', array() ),
			array( 'PATCH', '/ai-failover/v1/providers/sim/keys/kabc', array( 'label' => 'y' ) ),
			array( 'DELETE', '/ai-failover/v1/providers/sim/keys/kabc', array() ),
			array( 'POST', '/ai-failover/v1/providers/sim/keys/kabc/test', array() ),
			array( 'GET', '/ai-failover/v1/providers/sim/models', array() ),
			array( 'PUT', '/ai-failover/v1/providers/sim/models', array( 'model' => 'm' ) ),
			array( 'DELETE', '/ai-failover/v1/providers/sim/models?model=m', array() ),
			array( 'GET', '/ai-failover/v1/features', array() ),
			array(
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'      => 'f2',
					'label'   => 'F2',
					'primary' => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo',
					),
				),
			),
			array( 'GET', '/ai-failover/v1/features/f1', array() ),
			array( 'PATCH', '/ai-failover/v1/features/f1', array( 'label' => 'Changed' ) ),
			array( 'PUT', '/ai-failover/v1/features/f1', array( 'label' => 'Changed' ) ),
			array( 'DELETE', '/ai-failover/v1/features/f1', array() ),
		);
	}

	/**
	 * @dataProvider roles
	 */
	public function test_only_administrators_reach_any_route( string $role, int $expected ): void {
		if ( '' !== $role ) {
			wp_set_current_user( $this->create_user( $role ) );
		}
		$before = $this->snapshot();

		foreach ( $this->routes() as list( $method, $route, $body ) ) {
			$request = new \WP_REST_Request( $method, (string) wp_parse_url( $route, PHP_URL_PATH ) );
			parse_str( (string) wp_parse_url( $route, PHP_URL_QUERY ), $query );
			$request->set_query_params( $query );
			if ( $body ) {
				$request->set_header( 'content-type', 'application/json' );
				$request->set_body( (string) wp_json_encode( $body ) );
			}
			$status = rest_get_server()->dispatch( $request )->get_status();

			if ( 0 === $expected ) {
				$this->assertNotContains( $status, array( 401, 403 ), "$method $route as administrator" );
			} else {
				$this->assertSame( $expected, $status, "$method $route as " . ( $role ? $role : 'anonymous' ) );
			}
		}
		if ( 0 !== $expected ) {
			$this->assertSame( $before, $this->snapshot(), 'Refused writes changed nothing.' );
		}
	}

	/**
	 * @return array<string, array{string, int}>
	 */
	public function roles(): array {
		return array(
			'anonymous'     => array( '', 401 ),
			'subscriber'    => array( 'subscriber', 403 ),
			'contributor'   => array( 'contributor', 403 ),
			'author'        => array( 'author', 403 ),
			'editor'        => array( 'editor', 403 ),
			'administrator' => array( 'administrator', 0 ),
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	private function snapshot(): array {
		$snapshot = array();
		foreach ( array( 'aifo_settings', 'aifo_providers', 'aifo_features', 'aifo_provider_keys', 'aifo_key_states', 'aifo_model_catalog' ) as $option ) {
			wp_cache_delete( $option, 'options' );
			$snapshot[ $option ] = get_option( $option, null );
		}
		return $snapshot;
	}
}
