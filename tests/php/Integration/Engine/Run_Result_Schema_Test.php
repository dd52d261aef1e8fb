<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Plugin;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The most important payload under the schema contract: real Run_Result::to_array() output, for
 * every kind of run, validated by WordPress's validator against the JSON Schema generated from
 * zod's RunResultSchema (the one the admin parses responses with). Drift on either side fails.
 *
 * @covers \AI_Failover\Engine\Run_Result
 * @covers \AI_Failover\Engine\Attempt
 * @covers \AI_Failover\REST\Runs_Controller
 */
final class Run_Result_Schema_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_state\\_%'" );
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
	}

	/**
	 * @param string       $primary   Primary model.
	 * @param list<string> $fallbacks Fallback models.
	 */
	private function feature( string $primary, array $fallbacks = array() ): void {
		update_option(
			'aifo_features',
			array(
				'f' => array(
					'id'        => 'f',
					'label'     => 'F',
					'primary'   => array(
						'provider_id' => 'sim',
						'model'       => $primary,
					),
					'fallbacks' => array_map(
						static fn( string $m ) => array(
							'provider_id' => 'sim',
							'model'       => $m,
						),
						$fallbacks
					),
					'triggers'  => array( 'server' => true ),
					'retry'     => array(
						'attempts_per_route' => 2,
						'base_delay_ms'      => 0,
						'max_delay_ms'       => 0,
						'total_budget_ms'    => 3000,
					),
					'timeouts'  => array( 'total_ms' => 1000 ),
				),
			)
		);
	}

	/**
	 * @return array<string, array{string, list<string>, array<string, mixed>, string}>
	 */
	public function runs(): array {
		return array(
			'success'                  => array( 'sim-echo', array(), array(), 'success' ),
			'fallback'                 => array( 'sim-unavailable', array( 'sim-echo' ), array(), 'success' ),
			'failed'                   => array( 'sim-server-error', array(), array(), 'failed' ),
			'rejected key, keyless'    => array( 'sim-auth', array( 'sim-echo' ), array(), 'failed' ),
			'validation failed'        => array( 'sim-echo', array(), array( 'validate' => array( 'min_length' => 5000 ) ), 'failed' ),
			'incomplete stream'        => array( 'sim-stream-cut', array( 'sim-echo' ), array( 'stream' => true ), 'incomplete' ),
			'drill'                    => array(
				'sim-echo',
				array( 'sim-echo-2' ),
				array(
					'simulate' => array(
						array(
							'route'       => 'sim/sim-echo',
							'error_class' => 'server',
						),
					),
				),
				'success',
			),
			'deferred background wait' => array( 'sim-rate-limited', array(), array( 'background' => true ), 'deferred' ),
		);
	}

	/**
	 * @dataProvider runs
	 *
	 * @param string               $primary   Primary model.
	 * @param list<string>         $fallbacks Fallback models.
	 * @param array<string, mixed> $extra     Request fields.
	 * @param string               $status    Expected status.
	 */
	public function test_real_run_results_match_the_generated_schema( string $primary, array $fallbacks, array $extra, string $status ): void {
		$this->feature( $primary, $fallbacks );
		if ( 'deferred' === $status ) {
			add_filter(
				'aifo_feature_policy',
				static function ( array $feature ): array {
					$feature['retry']['total_budget_ms'] = 1000;
					return $feature;
				}
			);
		}
		$result = Plugin::run_feature(
			'f',
			$extra + array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
			)
		)->to_array();

		$this->assertSame( $status, $result['status'], (string) wp_json_encode( $result['error'] ) );
		$this->assertValid( $result );
	}

	public function test_a_refused_run_matches_the_schema_too(): void {
		$this->assertValid( Plugin::run_feature( 'missing', array( 'messages' => array() ) )->to_array() );
	}

	public function test_the_run_route_declares_the_schema(): void {
		$server = rest_get_server();
		$route  = '/ai-failover/v1/features/(?P<id>[a-z0-9][a-z0-9-]{0,39})/run';
		$this->assertArrayHasKey( $route, $server->get_routes() );
		$schema = $server->get_route_options( $route )['schema'] ?? null;
		$this->assertIsCallable( $schema );
		$this->assertSame( 'aifo-run-result', $schema()['title'] );
	}

	/**
	 * @param array<string, mixed> $result Run_Result::to_array().
	 */
	private function assertValid( array $result ): void {
		$schema = ( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) )->get( 'run-result' );
		$valid  = rest_validate_value_from_schema( json_decode( (string) wp_json_encode( $result ), true ), $schema, 'run-result' );
		$this->assertTrue( $valid, is_wp_error( $valid ) ? $valid->get_error_message() : '' );
	}
}
