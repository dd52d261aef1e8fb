<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Governance;

use AI_Failover\Governance\Audit_Trail;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * What one option change becomes in the audit log: an entry per object created, changed or
 * deleted, with the fields that changed, and nothing secret.
 *
 * @covers \AI_Failover\Governance\Audit_Trail
 */
final class Audit_Trail_Test extends TestCase {

	public function test_one_entry_per_feature_created_changed_or_deleted_with_the_fields_that_changed(): void {
		$before = array(
			'a' => array(
				'id'    => 'a',
				'label' => 'A',
			),
			'b' => array(
				'id'    => 'b',
				'label' => 'B',
			),
		);
		$after  = array(
			'a' => array(
				'id'    => 'a',
				'label' => 'A2',
			),
			'c' => array(
				'id'    => 'c',
				'label' => 'C',
			),
		);

		$changes = Audit_Trail::changes( 'aifo_features', $before, $after );

		$this->assertSame( array( 'updated a', 'deleted b', 'created c' ), array_map( static fn( array $c ): string => $c['action'] . ' ' . $c['object_id'], $changes ) );
		$this->assertSame( array( 'label' ), $changes[0]['fields'] );
		$this->assertNull( $changes[1]['after'] );
		$this->assertNull( $changes[2]['before'] );
		$this->assertSame( array(), Audit_Trail::changes( 'aifo_features', $before, $before ), 'No change, no entry.' );
		$this->assertSame( array(), Audit_Trail::changes( 'blogname', 'x', 'y' ), 'Only the policy options.' );
	}

	public function test_a_key_is_recorded_as_metadata_only_and_urls_lose_their_secrets(): void {
		$key = array(
			'id'          => 'k1',
			'provider_id' => 'openai',
			'label'       => 'prod',
			'sealed'      => 'c2VhbGVkLXNlY3JldC1ieXRlcw==',
			'last4'       => 'wxyz',
			'created_at'  => 1,
		);

		$changes = Audit_Trail::changes( 'aifo_provider_keys', array(), array( $key ) );

		$this->assertSame(
			array(
				'provider_id' => 'openai',
				'id'          => 'k1',
				'label'       => 'prod',
				'source'      => 'stored',
				'last4'       => 'wxyz',
			),
			$changes[0]['after']
		);
		$settings = Audit_Trail::changes( 'aifo_settings', array( 'alert_webhook_url' => '' ), array( 'alert_webhook_url' => 'https://user:pw@hooks.example.com/services/T0/B0/TOKENabcd?sig=zz' ) );
		$this->assertSame( 'https://hooks.example.com/…g=zz', $settings[0]['after']['alert_webhook_url'] );
		$this->assertSame( 'site', $settings[0]['object_id'] );
	}
}
