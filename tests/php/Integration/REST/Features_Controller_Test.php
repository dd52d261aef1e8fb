<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\REST\Features_Controller
 * @covers \AI_Failover\Features\Feature_Repository
 */
final class Features_Controller_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		wp_set_current_user( $this->create_user( 'administrator' ) );
		update_option(
			'aifo_providers',
			array(
				'sim'    => array(
					'id'     => 'sim',
					'label'  => 'Sim',
					'preset' => 'simulator',
				),
				'openai' => array(
					'id'     => 'openai',
					'label'  => 'OpenAI',
					'preset' => 'openai',
				),
			)
		);
		delete_option( 'aifo_features' );
	}

	/**
	 * @param array<string, mixed> $extra Fields.
	 * @return array<string, mixed>
	 */
	private function feature( array $extra = array() ): array {
		return $extra + array(
			'id'      => 'post-summary',
			'label'   => 'Post summary',
			'primary' => array(
				'provider_id' => 'sim',
				'model'       => 'sim-echo',
			),
		);
	}

	public function test_a_new_feature_has_no_fallbacks_and_safe_defaults(): void {
		$response = $this->rest( 'POST', '/ai-failover/v1/features', $this->feature() );

		$this->assertSame( 201, $response->get_status() );
		$feature = $response->get_data();
		$this->assertSame( array(), $feature['fallbacks'], 'No silent failover: nothing to fall back to until an admin adds it.' );
		$this->assertSame( 2, $feature['retry']['attempts_per_route'] );
		$this->assertLessThanOrEqual( $feature['retry']['total_budget_ms'], $feature['timeouts']['total_ms'], 'The defaults satisfy the cross-field rules.' );
		$this->assertTrue( $feature['triggers']['server'] );
		$this->assertFalse( $feature['triggers']['rate_limited'], '429 falls back only when the admin allows it.' );
		foreach ( array( 'invalid_request', 'auth', 'payment', 'forbidden', 'unsupported_capability' ) as $locked ) {
			$this->assertFalse( $feature['triggers'][ $locked ] );
		}
		$this->assertSame( 'manual', $feature['strategy'] );
		$this->assertSame( $feature, $this->rest( 'GET', '/ai-failover/v1/features/post-summary' )->get_data() );
	}

	/**
	 * @dataProvider invalid_features
	 *
	 * @param array<string, mixed> $extra Fields that break the feature.
	 * @param string               $field The field the error must name.
	 */
	public function test_invalid_features_are_refused_naming_the_field( array $extra, string $field ): void {
		$response = $this->rest( 'POST', '/ai-failover/v1/features', $this->feature( $extra ) );

		$this->assertSame( 400, $response->get_status(), wp_json_encode( $response->get_data() ) );
		$this->assertArrayHasKey( $field, $response->get_data()['data']['params'] );
		$this->assertSame( 404, $this->rest( 'GET', '/ai-failover/v1/features/post-summary' )->get_status(), 'Nothing was saved.' );
	}

	/**
	 * @return array<string, array{array<string, mixed>, string}>
	 */
	public function invalid_features(): array {
		$route = static fn( string $provider, string $model ) => array(
			'provider_id' => $provider,
			'model'       => $model,
		);
		return array(
			'unknown provider in a fallback' => array( array( 'fallbacks' => array( $route( 'nope', 'x' ) ) ), 'fallbacks[0].provider_id' ),
			'fallback repeats the primary'   => array( array( 'fallbacks' => array( $route( 'sim', 'sim-echo' ) ) ), 'fallbacks[0]' ),
			'a route twice among fallbacks'  => array( array( 'fallbacks' => array( $route( 'openai', 'gpt-4o' ), $route( 'openai', 'gpt-4o' ) ) ), 'fallbacks[1]' ),
			'six fallbacks'                  => array( array( 'fallbacks' => array_map( static fn( $i ) => $route( 'openai', "m$i" ), range( 1, 6 ) ) ), 'fallbacks' ),
			'four attempts per route'        => array( array( 'retry' => array( 'attempts_per_route' => 4 ) ), 'retry' ),
			'a budget over 60 s'             => array( array( 'retry' => array( 'total_budget_ms' => 61000 ) ), 'retry' ),
			'auth can never fall back'       => array( array( 'triggers' => array( 'auth' => true ) ), 'triggers' ),
			'invalid_request never either'   => array( array( 'triggers' => array( 'invalid_request' => true ) ), 'triggers' ),
			'max delay below base delay'     => array(
				array(
					'retry' => array(
						'base_delay_ms' => 2000,
						'max_delay_ms'  => 1000,
					),
				),
				'retry.max_delay_ms',
			),
			'attempt longer than budget'     => array(
				array(
					'retry'    => array( 'total_budget_ms' => 10000 ),
					'timeouts' => array( 'total_ms' => 20000 ),
				),
				'timeouts.total_ms',
			),
			'unknown capability'             => array( array( 'requires' => array( 'telepathy' ) ), 'requires' ),
			'unknown top-level field'        => array( array( 'fallback' => array() ), 'fallback' ),
		);
	}

	public function test_a_locked_trigger_is_explained_not_listed_as_an_empty_enum(): void {
		$response = $this->rest( 'POST', '/ai-failover/v1/features', $this->feature( array( 'triggers' => array( 'auth' => true ) ) ) );

		$this->assertSame( 'triggers[auth] can never be turned on.', $response->get_data()['data']['params']['triggers'] );
		$this->assertSame( 'triggers[auth] can never be turned on.', $response->get_data()['data']['params']['triggers.auth'], 'Also under its dotted path.' );

		$nested = $this->rest( 'POST', '/ai-failover/v1/features', $this->feature( array( 'retry' => array( 'attempts_per_route' => 9 ) ) ) )->get_data()['data']['params'];
		$this->assertArrayHasKey( 'retry', $nested );
		$this->assertStringStartsWith( 'retry[attempts_per_route]', $nested['retry.attempts_per_route'] );
	}

	public function test_patch_changes_only_what_is_sent_and_put_resets_the_rest(): void {
		$this->rest( 'POST', '/ai-failover/v1/features', $this->feature( array( 'degraded_notice' => 'Backup answer.' ) ) );

		$patched = $this->rest(
			'PATCH',
			'/ai-failover/v1/features/post-summary',
			array(
				'fallbacks' => array(
					array(
						'provider_id' => 'openai',
						'model'       => 'gpt-4o-mini',
					),
				),
			)
		)->get_data();
		$this->assertSame( 'Backup answer.', $patched['degraded_notice'] );
		$this->assertSame( 'gpt-4o-mini', $patched['fallbacks'][0]['model'] );
		$this->assertSame( 1, $patched['fallbacks'][0]['weight'] );

		$replaced = $this->rest( 'PUT', '/ai-failover/v1/features/post-summary', array( 'label' => 'Summary v2' ) )->get_data();
		$this->assertSame( 'Summary v2', $replaced['label'] );
		$this->assertSame( '', $replaced['degraded_notice'], 'PUT is a whole replacement.' );
		$this->assertSame( array(), $replaced['fallbacks'] );
	}

	public function test_delete_and_collection(): void {
		$this->rest( 'POST', '/ai-failover/v1/features', $this->feature() );
		$this->rest( 'POST', '/ai-failover/v1/features', $this->feature( array( 'id' => 'alt-text' ) ) );

		$this->assertSame( '2', $this->rest( 'GET', '/ai-failover/v1/features' )->get_headers()['X-WP-Total'] );
		$this->assertSame( 409, $this->rest( 'POST', '/ai-failover/v1/features', $this->feature() )->get_status() );
		$this->assertTrue( $this->rest( 'DELETE', '/ai-failover/v1/features/alt-text' )->get_data()['deleted'] );
		$this->assertSame( 404, $this->rest( 'DELETE', '/ai-failover/v1/features/alt-text' )->get_status() );
	}
}
