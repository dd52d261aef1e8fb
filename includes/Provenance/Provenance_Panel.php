<?php
/**
 * The post editor's provenance panel.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Provenance;

use AI_Failover\Admin\Assets;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * Loads `build/provenance/index.js` (src/provenance) into the block editor of every post type
 * shown in REST except workflows: a document settings panel that says which workflow, step and
 * model wrote what in the post, with a link to the run in Diagnostics.
 *
 * @since n.e.x.t
 */
final class Provenance_Panel implements Registers_Hooks {

	public const HANDLE = 'aifo-provenance';

	public function __construct( private readonly Assets $assets ) {
	}

	public function register_hooks(): void {
		add_action( 'enqueue_block_editor_assets', array( $this, 'enqueue' ) );
	}

	/**
	 * Enqueues the panel in the post editor (not the site editor, not the workflow editor).
	 */
	public function enqueue(): void {
		$screen = function_exists( 'get_current_screen' ) ? get_current_screen() : null;
		if ( ! $screen instanceof \WP_Screen || 'post' !== $screen->base || Workflow_Post_Type::POST_TYPE === $screen->post_type ) {
			return;
		}
		$type = get_post_type_object( $screen->post_type );
		if ( ! $type instanceof \WP_Post_Type || ! $type->show_in_rest ) {
			return;
		}
		$this->assets->enqueue( self::HANDLE, 'provenance/index' );
	}
}
