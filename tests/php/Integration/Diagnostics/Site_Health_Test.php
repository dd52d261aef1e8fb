<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Diagnostics;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Diagnostics\Site_Health
 */
final class Site_Health_Test extends Test_Case {

	/**
	 * @return array<string, mixed>
	 */
	private function run_test( string $name ): array {
		$tests = apply_filters(
			'site_status_tests',
			array(
				'direct' => array(),
				'async'  => array(),
			)
		);
		$this->assertArrayHasKey( 'aifo_' . $name, $tests['direct'] );
		return call_user_func( $tests['direct'][ 'aifo_' . $name ]['test'] );
	}

	public function test_reports_what_needs_attention_and_is_good_otherwise(): void {
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
				'solo' => array(
					'id'      => 'solo',
					'label'   => 'Solo <feature>',
					'primary' => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo',
					),
				),
			)
		);
		delete_option( 'aifo_provider_keys' );

		$this->assertSame( 'good', $this->run_test( 'providers' )['status'] );
		$fallbacks = $this->run_test( 'fallbacks' );
		$this->assertSame( 'recommended', $fallbacks['status'] );
		$this->assertStringContainsString( 'Solo &lt;feature&gt;', $fallbacks['description'] );
		$this->assertSame( 'good', $this->run_test( 'breakers' )['status'] );
		$this->assertSame( 'good', $this->run_test( 'event_log' )['status'] );

		update_option(
			'aifo_providers',
			get_option( 'aifo_providers' ) + array(
				'oa' => array(
					'id'     => 'oa',
					'label'  => 'OpenAI',
					'preset' => 'openai',
				),
			)
		);
		$this->assertSame( 'critical', $this->run_test( 'providers' )['status'], 'A provider that needs a key has none.' );
	}
}
