<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Blocks;

use AI_Failover\Blocks\Workflow_Editor_Settings;
use AI_Failover\Blocks\Workflow_Patterns;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Tests\Unit\Workflows\Graph_Parser_Test;

/**
 * @covers \AI_Failover\Blocks\Workflow_Patterns
 * @covers \AI_Failover\Blocks\Workflow_Editor_Settings
 */
final class Workflow_Patterns_Test extends Test_Case {

	public function test_the_three_patterns_are_registered_for_workflows_only(): void {
		$registry = \WP_Block_Patterns_Registry::get_instance();
		foreach ( array_keys( ( new Workflow_Patterns() )->patterns() ) as $name ) {
			$pattern = $registry->get_registered( $name );
			$this->assertIsArray( $pattern, "$name is registered on init." );
			$this->assertSame( array( 'aifo_workflow' ), $pattern['postTypes'] );
			$this->assertSame( array( Workflow_Patterns::CATEGORY ), $pattern['categories'] );
		}
		$this->assertTrue( \WP_Block_Pattern_Categories_Registry::get_instance()->is_registered( Workflow_Patterns::CATEGORY ) );
	}

	/**
	 * Inside a root that declares `text`, each pattern is a valid workflow once its features are
	 * chosen: the only problems are the empty features, one per step.
	 */
	public function test_each_pattern_is_a_valid_workflow_but_for_its_features(): void {
		$parser = Graph_Parser_Test::parser();
		foreach ( ( new Workflow_Patterns() )->patterns() as $name => $pattern ) {
			$content = sprintf(
				'<!-- wp:ai-failover/workflow {"inputs":[{"name":"text","label":"Text","type":"long_text","required":true,"default":""}]} -->%s<!-- /wp:ai-failover/workflow -->',
				serialize_blocks( $pattern['blocks'] )
			);
			$codes   = array_map( static fn( $error ) => $error->code, $parser->parse_content( $content )->errors );
			$this->assertSame( array( 'missing_feature', 'missing_feature' ), $codes, $name );

			$chosen = (string) preg_replace( '/("stepId":"[a-z_]+")/', '$1,"feature":"fast"', $content );
			$result = $parser->parse_content( $chosen );
			$this->assertSame( array(), $result->to_array()['errors'], $name );
			$this->assertNotNull( $result->graph, $name );
		}
	}

	public function test_the_workflow_editor_has_no_template_mode(): void {
		$settings = new Workflow_Editor_Settings();
		$workflow = new \WP_Block_Editor_Context( array( 'post' => new \WP_Post( (object) array( 'post_type' => 'aifo_workflow' ) ) ) );
		$post     = new \WP_Block_Editor_Context( array( 'post' => new \WP_Post( (object) array( 'post_type' => 'post' ) ) ) );

		$this->assertFalse( $settings->filter_settings( array( 'supportsTemplateMode' => true ), $workflow )['supportsTemplateMode'] );
		$this->assertTrue( $settings->filter_settings( array( 'supportsTemplateMode' => true ), $post )['supportsTemplateMode'] );

		$settings->register_hooks();
		$this->assertSame( 10, has_filter( 'block_editor_settings_all', array( $settings, 'filter_settings' ) ) );
	}
}
