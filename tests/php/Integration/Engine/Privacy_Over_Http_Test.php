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
 * Privacy eligibility over real HTTP: the rig's site (its own database, a REST request through
 * nginx and php-fpm) against a fake provider of this test's own, whose request log says which
 * upstream was ever called. Everything created is deleted afterwards.
 *
 * @covers \AI_Failover\Features\Feature_Repository
 * @covers \AI_Failover\Engine\Route_Planner
 * @covers \AI_Failover\Engine\Privacy_Rule
 * @covers \AI_Failover\REST\Providers_Controller
 */
final class Privacy_Over_Http_Test extends Test_Case {

	use Rig_Fixtures;

	protected function set_up(): void {
		parent::set_up();
		$this->use_rig( 'pv' );
	}

	public function test_a_private_feature_whose_only_eligible_route_fails_fails_and_never_calls_the_ineligible_one(): void {
		$fake      = Rig_Site::fake_provider( 5 );
		$private   = $this->provider( '-vault', $fake . '/r/fail-503/v1', true );
		$collector = $this->provider( '-open', $fake . '/r/ok+collector/v1', false );
		$feature   = $this->tag . '-notes';
		$body      = array(
			'id'        => $feature,
			'label'     => 'Private notes',
			'primary'   => array(
				'provider_id' => $private,
				'model'       => 'gpt-4o-mini',
			),
			'fallbacks' => array(
				array(
					'provider_id' => $collector,
					'model'       => 'gpt-4o-mini',
				),
			),
			'retry'     => array(
				'attempts_per_route' => 2,
				'base_delay_ms'      => 10,
				'max_delay_ms'       => 20,
			),
			'routing'   => array( 'privacy' => array( 'private' => true ) ),
		);

		// Saving a private feature with a route that declares nothing is refused at that route.
		$refused = Rig_Site::rest( 'POST', '/ai-failover/v1/features', $body );
		$this->assertSame( 400, $refused['status'], (string) wp_json_encode( $refused['body'] ) );
		$this->assertSame( 'rest_invalid_param', $refused['body']['code'] ?? '' );
		$this->assertSame( array( 'fallbacks[0].provider_id' ), array_keys( (array) ( $refused['body']['data']['params'] ?? array() ) ) );
		$this->assertStringContainsString( 'does not declare no retention, no training or data collection', (string) $refused['body']['data']['params']['fallbacks[0].provider_id'] );
		$this->assertSame( 404, Rig_Site::rest( 'GET', '/ai-failover/v1/features/' . $feature )['status'], 'Nothing was stored.' );

		// Saved while both routes declared the flags; then the fallback's provider stops declaring them.
		$update = Rig_Site::rest( 'PUT', '/ai-failover/v1/providers/' . $collector, array( 'data_handling' => $this->handling( true ) ) );
		$this->assertSame( 200, $update['status'], (string) wp_json_encode( $update['body'] ) );
		$this->assertSame( 201, Rig_Site::rest( 'POST', '/ai-failover/v1/features', $body )['status'] );
		$this->features[] = $feature;
		$update           = Rig_Site::rest( 'PUT', '/ai-failover/v1/providers/' . $collector, array( 'data_handling' => $this->handling( false ) ) );
		$this->assertSame(
			array(
				'local'        => false,
				'no_retention' => false,
				'no_training'  => false,
			),
			$update['body']['data_handling'] ?? null
		);

		Rig_Site::reset_fake_provider();
		$run = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/features/' . $feature . '/run',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'My private notes',
					),
				),
			)
		);

		$this->assertSame( 'failed', $run['body']['status'] ?? '', (string) wp_json_encode( $run['body'] ) );
		$this->assertSame( 'server', $run['body']['error']['class'] ?? '' );
		$this->assertSame( array( 'fail-503', 'fail-503' ), Rig_Site::fake_routes(), 'Only the eligible route was ever called, twice.' );
		$attempts = (array) $run['body']['attempts'];
		$this->assertSame( array( 'privacy_ineligible', 'server', 'server' ), array_column( $attempts, 'error_class' ), 'The exclusion is recorded before the first call.' );
		$this->assertSame( $collector, $attempts[0]['provider'] ?? '' );
		$this->assertSame( 'skipped', $attempts[0]['outcome'] ?? '' );
		$this->assertStringContainsString( 'this feature is private', (string) $attempts[0]['reason'] );
	}

	/**
	 * @return array{local: bool, no_retention: bool, no_training: bool}
	 */
	private function handling( bool $private ): array {
		return array(
			'local'        => false,
			'no_retention' => $private,
			'no_training'  => $private,
		);
	}

	private function provider( string $suffix, string $base_url, bool $private ): string {
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
				'region'                => 'eu',
				'data_handling'         => $this->handling( $private ),
			)
		);
		$this->assertSame( 201, $created['status'], (string) wp_json_encode( $created['body'] ) );
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
