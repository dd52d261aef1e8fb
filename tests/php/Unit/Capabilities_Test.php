<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit;

use AI_Failover\Capabilities;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Capabilities
 */
final class Capabilities_Test extends TestCase {

	protected function tear_down(): void {
		aifo_test_reset_filters();
		parent::tear_down();
	}

	public function test_grants_plugin_capabilities_from_their_base_capability(): void {
		$caps  = new Capabilities();
		$admin = array(
			'manage_options' => true,
			'edit_posts'     => true,
		);

		$this->assertTrue( $caps->grant( $admin, array( Capabilities::MANAGE_SETTINGS ), array() )[ Capabilities::MANAGE_SETTINGS ] );
		$this->assertFalse( $caps->grant( array( 'edit_posts' => true ), array( Capabilities::VIEW_LOGS ), array() )[ Capabilities::VIEW_LOGS ] );
		$this->assertFalse( $caps->grant( array( 'edit_posts' => true ), array( Capabilities::RUN_WORKFLOWS ), array() )[ Capabilities::RUN_WORKFLOWS ] );
		$this->assertTrue( $caps->grant( array( 'edit_others_posts' => true ), array( Capabilities::RUN_WORKFLOWS ), array() )[ Capabilities::RUN_WORKFLOWS ] );
	}

	public function test_workflow_post_capabilities_follow_the_run_workflows_capability(): void {
		$caps   = new Capabilities();
		$editor = array(
			'edit_posts'        => true,
			'edit_others_posts' => true,
		);
		$this->assertTrue( $caps->grant( $editor, array( 'edit_others_aifo_workflows' ), array() )['edit_others_aifo_workflows'] );
		$this->assertFalse( $caps->grant( array( 'edit_posts' => true ), array( 'edit_aifo_workflows' ), array() )['edit_aifo_workflows'] );
		$denied = $caps->grant( $editor + array( Capabilities::RUN_WORKFLOWS => false ), array( 'publish_aifo_workflows' ), array() );
		$this->assertFalse( $denied['publish_aifo_workflows'] );
	}

	public function test_an_explicit_role_entry_wins_over_the_mapping(): void {
		$result = ( new Capabilities() )->grant(
			array(
				'manage_options'          => true,
				Capabilities::MANAGE_KEYS => false,
			),
			array( Capabilities::MANAGE_KEYS ),
			array()
		);
		$this->assertFalse( $result[ Capabilities::MANAGE_KEYS ] );
	}

	public function test_leaves_other_capabilities_alone(): void {
		$result = ( new Capabilities() )->grant( array( 'read' => true ), array( 'edit_posts', 'aifo_unknown' ), array() );
		$this->assertSame( array( 'read' => true ), $result );
	}

	public function test_the_base_capability_is_filterable_and_bad_values_fall_back(): void {
		aifo_test_add_filter(
			'aifo_capability_base',
			static fn( $base, $cap ) => Capabilities::VIEW_LOGS === $cap ? 'edit_others_posts' : ''
		);
		$caps = new Capabilities();

		$this->assertSame( 'edit_others_posts', $caps->base_capability( Capabilities::VIEW_LOGS ) );
		$this->assertSame( 'manage_options', $caps->base_capability( Capabilities::MANAGE_KEYS ), 'An empty filter result keeps the default.' );
		$this->assertTrue( $caps->grant( array( 'edit_others_posts' => true ), array( Capabilities::VIEW_LOGS ), array() )[ Capabilities::VIEW_LOGS ] );
	}

	public function test_wires_the_user_has_cap_filter(): void {
		$caps = new Capabilities();
		$caps->register_hooks();
		$this->assertContains( array( $caps, 'grant' ), $GLOBALS['aifo_test_registered']['user_has_cap'][10] );
	}
}
