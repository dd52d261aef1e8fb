<?php
/**
 * Block editor settings of the workflow post type.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Blocks;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * Turns template mode off while a workflow is edited: a workflow has no front end (not publicly
 * queryable), so the editor's lookup of "the template that displays this post" only answers 404
 * (`/?post_type=aifo_workflow&p=<id>&_wp-find-template=true`, a console error on block themes).
 *
 * @since n.e.x.t
 */
final class Workflow_Editor_Settings implements Registers_Hooks {

	public function register_hooks(): void {
		add_filter( 'block_editor_settings_all', array( $this, 'filter_settings' ), 10, 2 );
	}

	/**
	 * @param array<string, mixed>     $settings Editor settings.
	 * @param \WP_Block_Editor_Context $context  Editor context.
	 * @return array<string, mixed>
	 */
	public function filter_settings( $settings, $context ): array {
		$settings = (array) $settings;
		if ( $context instanceof \WP_Block_Editor_Context && $context->post instanceof \WP_Post && Workflow_Post_Type::POST_TYPE === $context->post->post_type ) {
			$settings['supportsTemplateMode'] = false;
		}
		return $settings;
	}
}
