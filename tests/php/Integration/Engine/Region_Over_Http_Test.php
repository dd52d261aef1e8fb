<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Tests\Integration\REST\Rig_Fixtures;
use AI_Failover\Tests\Integration\REST\Rig_Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Regions over real HTTP: the rig's site against a fake provider of this test's own, whose
 * request log says which upstream each run called. The region's breakers are opened by real
 * failing runs, not written by hand. Everything created is deleted afterwards.
 *
 * @covers \AI_Failover\Features\Feature_Repository
 * @covers \AI_Failover\Engine\Region_Outage
 * @covers \AI_Failover\Engine\Region_Rule
 * @covers \AI_Failover\Engine\Chain_Runner
 */
final class Region_Over_Http_Test extends Test_Case {

	use Rig_Fixtures;

	protected function set_up(): void {
		parent::set_up();
		$this->use_rig( 'rg' );
	}

	public function test_a_region_whose_routes_all_fail_is_skipped_as_a_whole_and_a_required_region_is_enforced_at_save(): void {
		$fake = Rig_Site::fake_provider( 5 );
		$eu1  = $this->provider( '-eu1', $fake . '/r/fail-503+eu1/v1', 'eu' );
		$eu2  = $this->provider( '-eu2', $fake . '/r/fail-503+eu2/v1', 'eu' );
		$us   = $this->provider( '-us', $fake . '/r/ok+us/v1', 'us' );
		$body = array(
			'id'        => $this->tag . '-geo',
			'label'     => 'Geo',
			'primary'   => $this->route( $eu1 ),
			'fallbacks' => array( $this->route( $eu2 ), $this->route( $us ) ),
			'retry'     => array(
				'attempts_per_route' => 1,
				'base_delay_ms'      => 10,
				'max_delay_ms'       => 20,
			),
			'routing'   => array( 'regions' => array( 'require' => array( 'eu' ) ) ),
		);

		$refused = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $body );
		$this->assertSame( 400, $refused['status'], (string) wp_json_encode( $refused['body'] ) );
		$this->assertSame( array( 'fallbacks[1].provider_id' ), array_keys( (array) ( $refused['body']['data']['params'] ?? array() ) ) );
		$this->assertStringContainsString( 'serves from us, and this feature only uses routes in eu', (string) $refused['body']['data']['params']['fallbacks[1].provider_id'] );

		$body['routing']['regions'] = array( 'prefer' => array( 'eu' ) );
		$this->assertSame( 201, Rig_Site::rest( 'POST', '/ai-failover/v1/features', $body )['status'] );
		$this->features[] = $body['id'];

		// Five runs: both eu routes fail each time (5 in a row opens a breaker), us answers.
		for ( $i = 0; $i < 5; $i++ ) {
			$run = $this->run_feature( $body['id'] );
			$this->assertSame( array( 'server', 'server', null ), array_column( (array) $run['attempts'], 'error_class' ), (string) wp_json_encode( $run ) );
		}
		Rig_Site::reset_fake_provider();

		$run = $this->run_feature( $body['id'] );
		$this->assertSame( 'success', $run['status'] ?? '', (string) wp_json_encode( $run ) );
		$this->assertSame( array( 'ok+us' ), Rig_Site::fake_routes(), 'The region that is down got no request.' );
		$attempts = (array) $run['attempts'];
		$this->assertSame( array( 'region_outage', 'region_outage', null ), array_column( $attempts, 'error_class' ) );
		$this->assertSame( array( $eu1, $eu2, $us ), array_column( $attempts, 'provider' ) );
		$this->assertSame( 'skipped', $attempts[0]['outcome'] );
		$this->assertStringContainsString( 'region eu is down (the circuit breakers of all 2 of this feature\'s routes there are open), so the region is skipped as a whole; moving on to ' . $us . '/gpt-4o-mini in region us.', (string) $attempts[0]['reason'] );
	}

	/**
	 * @return array<string, mixed>
	 */
	private function run_feature( string $feature ): array {
		$run = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/features/' . $feature . '/run',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hello',
					),
				),
			)
		);
		$this->assertSame( 200, $run['status'], (string) wp_json_encode( $run['body'] ) );
		return (array) $run['body'];
	}

	/**
	 * @return array{provider_id: string, model: string}
	 */
	private function route( string $provider ): array {
		return array(
			'provider_id' => $provider,
			'model'       => 'gpt-4o-mini',
		);
	}

	private function provider( string $suffix, string $base_url, string $region ): string {
		$id      = $this->tag . $suffix;
		$created = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => $id,
				'label'                 => $id,
				'preset'                => 'openai',
				'base_url'              => $base_url,
				'allow_private_network' => true,
				'region'                => $region,
			)
		);
		$this->assertSame( 201, $created['status'], (string) wp_json_encode( $created['body'] ) );
		$this->assertSame( $region, $created['body']['region'] ?? null );
		$this->providers[] = $id;
		$key               = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers/' . $id . '/keys',
			array(
				'label'  => 'a',
				'secret' => 'fk-any-' . wp_generate_password( 12, false ),
			)
		);
		$this->assertSame( 201, $key['status'], (string) wp_json_encode( $key['body'] ) );
		return $id;
	}
}
