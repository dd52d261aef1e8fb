<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Demo;

use AI_Failover\Demo\Demo_Seeder;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Plugin;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Demo\Demo_Seeder
 */
final class Demo_Seeder_Test extends Test_Case {

	private function seeder(): Demo_Seeder {
		$providers = new Provider_Repository();
		return new Demo_Seeder( $providers, new Feature_Repository( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ), $providers ) );
	}

	public function test_seeds_a_keyless_simulator_and_a_feature_whose_primary_fails_over_once_only(): void {
		delete_option( 'aifo_providers' );
		delete_option( 'aifo_features' );
		// Only this seeder: the wired ones (the workflow demo seeder too) report lines of their own.
		remove_all_actions( 'aifo_seed_demo' );
		remove_all_filters( 'aifo_demo_seeded' );
		$seeder = $this->seeder();
		$seeder->register_hooks();

		do_action( 'aifo_seed_demo' );
		$first = apply_filters( 'aifo_demo_seeded', array() );

		$simulator = ( new Provider_Repository() )->get( 'simulator' );
		$this->assertNotNull( $simulator );
		$this->assertFalse( $simulator->requires_key() );
		$feature = get_option( 'aifo_features' )['demo-summary'];
		$this->assertSame( 'sim-unavailable', $feature['primary']['model'] );
		$this->assertSame( 'sim-echo', $feature['fallbacks'][0]['model'] );
		$this->assertTrue( $feature['triggers']['server'], 'The 503 of the primary is allowed to fall back.' );
		$this->assertCount( 2, $first );

		update_option( 'aifo_features', array( 'demo-summary' => array( 'label' => 'Edited by the admin' ) + $feature ) );
		$again = $this->seeder();
		$again->seed();
		$this->assertSame( array(), $again->report( array() ), 'A second run changes nothing.' );
		$this->assertSame( 'Edited by the admin', get_option( 'aifo_features' )['demo-summary']['label'] );
	}

	public function test_activation_creates_the_built_in_simulator(): void {
		delete_option( 'aifo_providers' );
		Plugin::activate();
		$this->assertSame( 'simulator', ( new Provider_Repository() )->get( 'simulator' )?->preset );
	}
}
