<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Catalog;

use AI_Failover\Tests\Integration\Rest_Over_Http;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * A custom provider's models have no seeded price, so its runs cost $0 and the cost ceiling and
 * "prefer lower cost" cannot see them, until an admin enters the price in its catalog: over real
 * HTTP against the rig and the fake provider.
 *
 * @covers \AI_Failover\Catalog\Model_Catalog
 * @covers \AI_Failover\REST\Models_Controller
 * @covers \AI_Failover\Engine\Feature_Runner
 */
final class Custom_Provider_Price_Http_Test extends Test_Case {
	use Rest_Over_Http;

	private const PROVIDER = 'catalog-price-http';
	private const CHEAP    = 'catalog-price-cheap';
	private const FEATURE  = 'catalog-price-http';
	private const MODEL    = 'ok-priced';

	private string $fake = '';

	protected function set_up(): void {
		parent::set_up();
		$this->require_site();
		$this->fake = (string) getenv( 'FAKE_PROVIDER_URL' );
		if ( '' === $this->fake ) {
			$this->markTestSkipped( 'FAKE_PROVIDER_URL is not set.' );
		}
		$this->remove_fixtures();
		foreach ( array( self::PROVIDER, self::CHEAP ) as $id ) {
			$created = $this->http(
				'POST',
				'/ai-failover/v1/providers',
				array(
					'id'                    => $id,
					'label'                 => 'Priced ' . $id,
					'preset'                => 'custom',
					'base_url'              => $this->fake . '/r/ok/v1',
					'allow_private_network' => true,
				)
			);
			$this->assertSame( 201, $created['status'], $created['raw'] );
			$key = $this->http(
				'POST',
				'/ai-failover/v1/providers/' . $id . '/keys',
				array(
					'label'  => 'one',
					'secret' => 'fk-ok-catalog-price-0123456789',
				)
			);
			$this->assertSame( 201, $key['status'], $key['raw'] );
		}
	}

	protected function tear_down(): void {
		$this->remove_fixtures();
		parent::tear_down();
	}

	public function test_a_price_entered_for_a_custom_provider_is_what_its_runs_cost(): void {
		$this->feature( array() );
		$free = $this->run_feature();
		$this->assertSame( 'success', $free['status'] );
		$this->assertGreaterThan( 0, $free['output']['usage']['output_tokens'] );
		$this->assertSame( 0.0, (float) $free['output']['estimated_cost'], 'No price known: $0.' );

		$saved = $this->http(
			'PUT',
			$this->models( self::PROVIDER ),
			array(
				'model'                 => self::MODEL,
				'input_price_per_mtok'  => 1000,
				'output_price_per_mtok' => 3000,
				'context_window'        => 32000,
				'capabilities'          => array( 'tools' ),
			)
		);
		$this->assertSame( 200, $saved['status'], $saved['raw'] );
		$this->assertTrue( $saved['body']['edited'] );

		$priced = $this->run_feature();
		$usage  = $priced['output']['usage'];
		$cost   = ( $usage['input_tokens'] * 1000 + $usage['output_tokens'] * 3000 ) / 1000000;
		$this->assertEqualsWithDelta( $cost, (float) $priced['output']['estimated_cost'], 1e-9 );
		$run = $this->http( 'GET', '/ai-failover/v1/runs/' . $priced['run_id'] );
		$this->assertEqualsWithDelta( $cost, array_sum( array_column( $run['body']['attempts'], 'cost' ) ), 1e-9, 'The logged attempt has the cost too.' );

		$removed = $this->http( 'DELETE', $this->models( self::PROVIDER ) . '?model=' . self::MODEL );
		$this->assertSame( 200, $removed['status'], $removed['raw'] );
		$this->assertSame( 0.0, (float) $this->run_feature()['output']['estimated_cost'], 'Removed: unknown again.' );
	}

	public function test_prefer_lower_cost_uses_the_entered_prices(): void {
		foreach ( array(
			self::PROVIDER => 5000,
			self::CHEAP    => 1,
		) as $provider => $price ) {
			$saved = $this->http(
				'PUT',
				$this->models( $provider ),
				array(
					'model'                 => self::MODEL,
					'input_price_per_mtok'  => $price,
					'output_price_per_mtok' => $price,
				)
			);
			$this->assertSame( 200, $saved['status'], $saved['raw'] );
		}

		$this->feature(
			array(
				'fallbacks'         => array(
					array(
						'provider_id' => self::CHEAP,
						'model'       => self::MODEL,
					),
				),
				'prefer_lower_cost' => true,
			)
		);
		$cheaper_first = $this->run_feature();
		$this->assertSame( self::CHEAP, $cheaper_first['served_by']['provider_id'], 'prefer lower cost puts the cheaper route first' );
	}

	/**
	 * Creates the feature on the expensive provider's model, with extra fields.
	 *
	 * @param array<string, mixed> $extra Fields.
	 */
	private function feature( array $extra ): void {
		$created = $this->http(
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'      => self::FEATURE,
				'label'   => 'Priced',
				'primary' => array(
					'provider_id' => self::PROVIDER,
					'model'       => self::MODEL,
				),
			) + $extra
		);
		$this->assertSame( 201, $created['status'], $created['raw'] );
	}

	/**
	 * @return array<string, mixed> Run result.
	 */
	private function run_feature(): array {
		$run = $this->http(
			'POST',
			'/ai-failover/v1/features/' . self::FEATURE . '/run',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'What does it cost?',
					),
				),
			)
		);
		$this->assertSame( 200, $run['status'], $run['raw'] );
		return $run['body'];
	}

	private function models( string $provider ): string {
		return '/ai-failover/v1/providers/' . $provider . '/models';
	}

	private function remove_fixtures(): void {
		$this->http( 'DELETE', '/ai-failover/v1/features/' . self::FEATURE );
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::PROVIDER );
		$this->http( 'DELETE', '/ai-failover/v1/providers/' . self::CHEAP );
	}
}
