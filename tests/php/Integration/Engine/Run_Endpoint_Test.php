<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Secrets\Secret_Box;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The engine's main paths end to end: REST in the real WordPress, the WordPress HTTP API, and the
 * fake provider, whose request log proves what was (and was not) contacted.
 *
 * @covers \AI_Failover\REST\Runs_Controller
 * @covers \AI_Failover\Engine\Feature_Runner
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\WP_State_Store
 */
final class Run_Endpoint_Test extends Test_Case {

	private string $fake = '';
	private int $since   = 0;

	protected function set_up(): void {
		parent::set_up();
		$this->fake = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		$log        = wp_remote_get( $this->fake . '/__requests', array( 'timeout' => 2 ) );
		if ( is_wp_error( $log ) ) {
			$this->fail( 'The fake provider is not running at ' . $this->fake . ' (npm test starts it).' );
		}
		$entries     = json_decode( wp_remote_retrieve_body( $log ), true );
		$this->since = $entries ? (int) end( $entries )['seq'] : 0;
		foreach ( array( 'aifo_providers', 'aifo_features', Key_Vault::OPTION, Key_State_Store::OPTION ) as $option ) {
			delete_option( $option );
		}
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . \AI_Failover\Diagnostics\State_Schema::table() );
		wp_set_current_user( $this->create_user( 'administrator' ) );
	}

	/**
	 * @param string       $id    Provider id.
	 * @param string       $route Fake route for every request ('' = decided by key).
	 * @param string       $preset Preset.
	 * @param list<string> $keys  Keys to store.
	 */
	private function provider( string $id, string $route, string $preset = 'openai', array $keys = array( 'fk-ok-0000' ) ): void {
		$suffix = 'openai' === $preset ? '/v1' : '';
		$this->assertSame(
			201,
			$this->rest(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => $id,
					'label'                 => ucfirst( $id ),
					'preset'                => $preset,
					'base_url'              => $this->fake . ( '' !== $route ? '/r/' . $route : '' ) . $suffix,
					'allow_private_network' => true,
				)
			)->get_status()
		);
		$vault = new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
		foreach ( $keys as $index => $key ) {
			$vault->add( $id, 'key-' . chr( 65 + $index ), $key );
		}
	}

	/**
	 * @param array<string, mixed> $extra Feature fields.
	 */
	private function feature( string $primary, array $fallbacks, array $extra = array() ): void {
		$response = $this->rest(
			'POST',
			'/ai-failover/v1/features',
			array_replace_recursive(
				array(
					'id'        => 'summary',
					'label'     => 'Summary',
					'primary'   => array(
						'provider_id' => $primary,
						'model'       => 'gpt-4o-mini',
					),
					'fallbacks' => array_map(
						static fn( $p ) => array(
							'provider_id' => $p,
							'model'       => 'gpt-4o-mini',
						),
						$fallbacks
					),
					'retry'     => array(
						'attempts_per_route' => 2,
						'base_delay_ms'      => 10,
						'max_delay_ms'       => 20,
						'total_budget_ms'    => 20000,
					),
					'timeouts'  => array(
						'connect_ms'    => 1000,
						'first_byte_ms' => 2000,
						'total_ms'      => 2000,
					),
				),
				$extra
			)
		);
		$this->assertSame( 201, $response->get_status(), wp_json_encode( $response->get_data() ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function run_feature( array $extra = array() ): array {
		$response = $this->rest(
			'POST',
			'/ai-failover/v1/features/summary/run',
			$extra + array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Summarise the post.',
					),
				),
			)
		);
		$this->assertSame( 200, $response->get_status(), wp_json_encode( $response->get_data() ) );
		return $response->get_data();
	}

	/**
	 * Routes the fake provider saw since the test began.
	 *
	 * @return list<string>
	 */
	private function contacted(): array {
		$log = json_decode( wp_remote_retrieve_body( wp_remote_get( $this->fake . '/__requests?since=' . $this->since ) ), true );
		return array_map( static fn( $e ) => (string) $e['route'], (array) $log );
	}

	public function test_a_custom_openai_compatible_provider_sends_its_key_on_runs(): void {
		// The model routes to a 401 when no key arrives; the key routes to "ok" when it does.
		$this->provider( 'azure', '', 'custom', array( 'fk-ok+custom-k1' ) );
		$this->feature(
			'azure',
			array(),
			array(
				'primary' => array(
					'provider_id' => 'azure',
					'model'       => 'fail-401',
				),
			)
		);

		$result = $this->run_feature();

		$this->assertSame( 'success', $result['status'], (string) wp_json_encode( $result['attempts'] ) );
		$this->assertSame( 'key-A', $result['served_by']['key_label'] );
		$this->assertSame( array( 'ok+custom' ), $this->contacted(), 'The provider saw the key (route chosen by key, not by model).' );
	}

	public function test_a_503_falls_back_and_the_fallback_serves(): void {
		$this->provider( 'primary', 'fail-503+primary' );
		$this->provider( 'backup', 'ok+backup' );
		$this->feature( 'primary', array( 'backup' ) );

		$result = $this->run_feature();

		$this->assertSame( 'success', $result['status'] );
		$this->assertSame( 'backup', $result['served_by']['provider_id'] );
		$this->assertTrue( $result['degraded'] );
		$this->assertSame( array( 'fail-503+primary', 'fail-503+primary', 'ok+backup' ), $this->contacted() );
		$this->assertSame( array( 'retry', 'fallback', 'done' ), array_column( $result['attempts'], 'decision' ) );
		$this->assertStringContainsString( 'because the feature allows fallback on server', $result['attempts'][1]['reason'] );
		$this->assertStringContainsString( 'route=ok', $result['output']['text'] );
	}

	public function test_a_429_rests_only_its_key_and_the_spare_key_answers_at_once(): void {
		$this->provider( 'openai', '', 'openai', array( 'fk-fail-429-ra2-0001', 'fk-ok-0002' ) );
		$this->feature( 'openai', array() );

		$result = $this->run_feature();

		$this->assertSame( 'success', $result['status'] );
		$this->assertSame( 'key-B', $result['served_by']['key_label'] );
		$this->assertSame( 'rotate_key', $result['attempts'][0]['decision'] );
		$this->assertSame( 2.0, (float) $result['attempts'][0]['retry_after'] );
		$this->assertStringContainsString( 'tried at once', $result['attempts'][0]['reason'] );
		$this->assertTrue( $result['degraded'] );
		$views = ( new Key_Vault( Secret_Box::from_site(), new Key_State_Store() ) )->views( 'openai', time() );
		$this->assertSame( array( 'cooling', 'active' ), array_column( $views, 'state' ), 'Key A rests for the 2 s it was asked to; key B is untouched.' );
	}

	public function test_an_invalid_validation_pattern_is_refused_before_any_provider_call(): void {
		$this->provider( 'openai', 'ok+regex' );
		$this->feature( 'openai', array() );

		$response = $this->rest(
			'POST',
			'/ai-failover/v1/features/summary/run',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Summarise the post.',
					),
				),
				'validate' => array( 'regex' => '(unclosed' ),
			)
		);

		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'rest_invalid_param', $response->get_data()['code'] );
		$this->assertStringContainsString( 'validate.regex', $response->get_data()['data']['params']['validate'] );
		$this->assertSame( array(), $this->contacted(), 'Nothing was sent (or paid for).' );
	}

	public function test_a_400_is_tried_once_and_never_falls_back(): void {
		$this->provider( 'primary', 'fail-400+primary' );
		$this->provider( 'backup', 'ok+backup' );
		$this->feature( 'primary', array( 'backup' ) );

		$result = $this->run_feature();

		$this->assertSame( 'failed', $result['status'] );
		$this->assertSame( array( 'fail-400+primary' ), $this->contacted() );
		$this->assertSame( 'invalid_request', $result['error']['class'] );
	}

	public function test_a_401_on_key_a_moves_to_key_b_of_the_same_provider_never_to_another(): void {
		$this->provider( 'openai', '', 'openai', array( 'fk-fail-401-0001', 'fk-ok-0002' ) );
		$this->provider( 'backup', 'ok+backup' );
		$this->feature( 'openai', array( 'backup' ) );

		$result = $this->run_feature();

		$this->assertSame( 'openai', $result['served_by']['provider_id'] );
		$this->assertSame( 'key-B', $result['served_by']['key_label'] );
		$this->assertNotContains( 'ok+backup', $this->contacted() );
		$keys = $this->rest( 'GET', '/ai-failover/v1/providers/openai/keys' )->get_data();
		$this->assertSame( 'dead', $keys[0]['state'], 'Key A is out of rotation, with its reason.' );
		$this->assertStringContainsString( '401', (string) $keys[0]['state_reason'] );

		delete_option( 'aifo_provider_keys' );
		$this->provider_keys_only( 'openai', array( 'fk-fail-401-0003' ) );
		$failed = $this->run_feature();
		$this->assertSame( 'keys_exhausted', $failed['error']['class'] );
		$this->assertNotContains( 'ok+backup', $this->contacted(), 'Even with every key rejected, no other provider.' );
	}

	public function test_a_hang_times_out_and_falls_back(): void {
		$this->provider( 'primary', 'hang+primary' );
		$this->provider( 'backup', 'ok+backup' );
		$this->feature( 'primary', array( 'backup' ), array( 'retry' => array( 'attempts_per_route' => 1 ) ) );

		$started = microtime( true );
		$result  = $this->run_feature();

		$this->assertSame( 'success', $result['status'] );
		$this->assertSame( 'timeout', $result['attempts'][0]['error_class'] );
		$this->assertLessThan( 6.0, microtime( true ) - $started );
	}

	public function test_an_open_breaker_means_the_primary_is_not_contacted_at_all(): void {
		$this->provider( 'primary', 'fail-500+primary' );
		$this->provider( 'backup', 'ok+backup' );
		$this->feature( 'primary', array( 'backup' ), array( 'retry' => array( 'attempts_per_route' => 3 ) ) );

		$this->run_feature(); // 3 failures.
		$this->run_feature(); // 6: past the default threshold of 5, the breaker opens.
		$before = count( array_keys( $this->contacted(), 'fail-500+primary', true ) );
		$third  = $this->run_feature();

		$this->assertSame( $before, count( array_keys( $this->contacted(), 'fail-500+primary', true ) ), 'The fake provider saw no new request for the primary.' );
		$this->assertSame( 'breaker_open', $third['attempts'][0]['error_class'] );
		$this->assertSame( 'success', $third['status'] );
	}

	public function test_a_drill_and_its_permissions(): void {
		$this->provider( 'primary', 'ok+primary' );
		$this->provider( 'backup', 'ok+backup' );
		$this->feature( 'primary', array( 'backup' ), array( 'retry' => array( 'attempts_per_route' => 1 ) ) );

		$drill = $this->run_feature(
			array(
				'simulate' => array(
					array(
						'route'       => 'primary/gpt-4o-mini',
						'error_class' => 'server',
					),
				),
			)
		);
		$this->assertTrue( $drill['attempts'][0]['simulated'] );
		$this->assertSame( 'backup', $drill['served_by']['provider_id'] );
		$this->assertSame( array( 'ok+backup' ), $this->contacted(), 'A simulated attempt makes no request.' );

		wp_set_current_user( $this->create_user( 'editor' ) );
		$this->assertSame(
			200,
			$this->rest(
				'POST',
				'/ai-failover/v1/features/summary/run',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi',
						),
					),
				)
			)->get_status(),
			'Editors may run features.'
		);
		$this->assertSame(
			403,
			$this->rest(
				'POST',
				'/ai-failover/v1/features/summary/run',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi',
						),
					),
					'simulate' => array(
						array(
							'route'       => 'primary/gpt-4o-mini',
							'error_class' => 'server',
						),
					),
				)
			)->get_status(),
			'Only administrators drill.'
		);
		wp_set_current_user( $this->create_user( 'author' ) );
		$this->assertSame(
			403,
			$this->rest(
				'POST',
				'/ai-failover/v1/features/summary/run',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi',
						),
					),
				)
			)->get_status()
		);
	}

	public function test_bad_run_requests_name_the_field(): void {
		$this->provider( 'primary', 'ok+primary' );
		$this->feature( 'primary', array() );

		$this->assertSame( 400, $this->rest( 'POST', '/ai-failover/v1/features/summary/run', array( 'messages' => array() ) )->get_status() );
		$bad = $this->rest(
			'POST',
			'/ai-failover/v1/features/summary/run',
			array(
				'messages'    => array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
				'temperature' => 3,
			)
		);
		$this->assertSame( 400, $bad->get_status() );
		$this->assertArrayHasKey( 'temperature', $bad->get_data()['data']['params'] );
		$this->assertSame(
			404,
			$this->rest(
				'POST',
				'/ai-failover/v1/features/nope/run',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'Hi',
						),
					),
				)
			)->get_status()
		);
		$this->assertSame( array(), $this->contacted() );
	}

	public function test_aifo_run_php_entry_point_and_the_demo_feature_with_no_key(): void {
		do_action( 'aifo_seed_demo' );

		$result = aifo_run(
			'demo-summary',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Summarise the demo post.',
					),
				),
			)
		);

		$this->assertTrue( $result->succeeded() );
		$this->assertTrue( $result->degraded );
		$this->assertSame( 'sim-echo', $result->served_by['model'] );
		$this->assertSame( 'sim-unavailable', $result->attempts[0]->model );
		$this->assertSame( 'The main AI model is unavailable; a backup model wrote this.', $result->to_array()['degraded_notice'] );
		$this->assertSame(
			'unknown_feature',
			aifo_run(
				'nope',
				array(
					'messages' => array(
						array(
							'role'    => 'user',
							'content' => 'x',
						),
					),
				)
			)->error['class']
		);
	}

	/**
	 * @param list<string> $keys Keys.
	 */
	private function provider_keys_only( string $id, array $keys ): void {
		$vault = new Key_Vault( Secret_Box::from_site(), new Key_State_Store() );
		foreach ( $keys as $key ) {
			$vault->add( $id, 'key-X', $key );
		}
	}
}
