<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Blocks;

use AI_Failover\Blocks\Block_Registrar;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * @covers \AI_Failover\Blocks\Block_Registrar
 */
final class Block_Registrar_Test extends Test_Case {

	public function test_the_workflow_block_is_registered_from_its_built_metadata(): void {
		$block = \WP_Block_Type_Registry::get_instance()->get_registered( 'ai-failover/workflow' );

		$this->assertInstanceOf( \WP_Block_Type::class, $block, 'Registered on init by the plugin.' );
		$this->assertSame( 3, $block->api_version );
		$this->assertSame( 'AI workflow', $block->title );
		$handles = $block->editor_script_handles;
		$this->assertNotEmpty( $handles );
		$this->assertTrue( wp_script_is( $handles[0], 'registered' ), 'The editor script from block.json is registered.' );
		$this->assertStringContainsString( '/build/workflow/index.js', wp_scripts()->registered[ $handles[0] ]->src );
	}

	public function test_a_first_registration_reports_the_blocks_it_registered(): void {
		$blocks = array( 'ai-failover/on-failure', 'ai-failover/on-success', 'ai-failover/output', 'ai-failover/step', 'ai-failover/stop', 'ai-failover/workflow', 'ai-failover/write-post' );
		foreach ( $blocks as $name ) {
			unregister_block_type( $name );
		}

		$names = ( new Block_Registrar( AIFO_PLUGIN_DIR . '/build' ) )->register_blocks();

		sort( $names );
		$this->assertSame( $blocks, $names, 'The six workflow blocks, one build folder each.' );
		foreach ( $blocks as $name ) {
			$this->assertTrue( \WP_Block_Type_Registry::get_instance()->is_registered( $name ) );
		}
	}

	public function test_registering_twice_is_reported_not_fatal(): void {
		$this->setExpectedIncorrectUsage();
		$names = ( new Block_Registrar( AIFO_PLUGIN_DIR . '/build' ) )->register_blocks();
		$this->assertSame( array(), $names, 'Already registered blocks are not registered again.' );
	}

	public function test_an_empty_build_registers_nothing(): void {
		$this->assertSame( array(), ( new Block_Registrar( sys_get_temp_dir() . '/aifo-no-build' ) )->register_blocks() );
	}

	/**
	 * WP_UnitTestCase's helper, reduced: swallow the _doing_it_wrong notice a duplicate registration raises.
	 */
	private function setExpectedIncorrectUsage(): void {
		add_filter( 'doing_it_wrong_trigger_error', '__return_false' );
	}

	protected function tear_down(): void {
		remove_filter( 'doing_it_wrong_trigger_error', '__return_false' );
		parent::tear_down();
	}
}
