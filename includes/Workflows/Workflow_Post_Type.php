<?php
/**
 * The workflow custom post type.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * `aifo_workflow`: edited in the block editor with only the workflow blocks, listed under the AI
 * Failover menu (Admin_Page adds the entry), never shown to visitors (not public, not queryable, no archive, no search, no
 * feeds), revisions on. Its own capability type, so Capabilities grants it to editors while
 * authors and contributors (who can edit posts) cannot touch workflows.
 *
 * @since n.e.x.t
 */
final class Workflow_Post_Type implements Registers_Hooks {

	public const POST_TYPE = 'aifo_workflow';
	public const REST_BASE = 'aifo-workflows';

	/** Primitive capabilities of the post type (map_meta_cap turns edit_post etc. into these). */
	public const CAPABILITIES = array(
		'edit_aifo_workflows',
		'edit_others_aifo_workflows',
		'edit_private_aifo_workflows',
		'edit_published_aifo_workflows',
		'publish_aifo_workflows',
		'read_private_aifo_workflows',
		'delete_aifo_workflows',
		'delete_others_aifo_workflows',
		'delete_private_aifo_workflows',
		'delete_published_aifo_workflows',
	);

	public function __construct( private readonly Workflow_Run_Repository $runs ) {
	}

	public function register_hooks(): void {
		// Wired on rest_api_init (after init) for a REST request: register now, or its routes are missing.
		if ( did_action( 'init' ) ) {
			$this->register();
		} else {
			add_action( 'init', array( $this, 'register' ) );
		}
		add_filter( 'allowed_block_types_all', array( $this, 'allowed_blocks' ), 10, 2 );
		add_action( 'deleted_post', array( $this, 'delete_runs' ), 10, 2 );
	}

	/**
	 * Registers the post type.
	 */
	public function register(): void {
		register_post_type(
			self::POST_TYPE,
			array(
				'labels'                => array(
					'name'          => __( 'AI workflows', 'ai-failover' ),
					'singular_name' => __( 'AI workflow', 'ai-failover' ),
					'menu_name'     => __( 'Workflows', 'ai-failover' ),
					'all_items'     => __( 'Workflows', 'ai-failover' ),
					'add_new'       => __( 'Add AI workflow', 'ai-failover' ),
					'add_new_item'  => __( 'Add new AI workflow', 'ai-failover' ),
					'edit_item'     => __( 'Edit AI workflow', 'ai-failover' ),
					'not_found'     => __( 'No AI workflows yet. Use "Add AI workflow" above: a workflow chains features step by step, and each step falls back like the feature it runs.', 'ai-failover' ),
				),
				'public'                => false,
				'publicly_queryable'    => false,
				'exclude_from_search'   => true,
				'has_archive'           => false,
				'rewrite'               => false,
				'query_var'             => false,
				'show_ui'               => true,
				'show_in_menu'          => false,
				'show_in_nav_menus'     => false,
				'show_in_admin_bar'     => false,
				'show_in_rest'          => true,
				'rest_base'             => self::REST_BASE,
				'rest_controller_class' => Workflow_Posts_Controller::class,
				'capability_type'       => array( 'aifo_workflow', 'aifo_workflows' ),
				'map_meta_cap'          => true,
				'supports'              => array( 'title', 'editor', 'revisions', 'author' ),
				'template'              => array( array( Graph_Parser::WORKFLOW ) ),
				'template_lock'         => false,
				'delete_with_user'      => false,
			)
		);
	}

	/**
	 * Only the workflow blocks in a workflow; other post types are left as they are.
	 *
	 * @param bool|string[]            $allowed Allowed block types.
	 * @param \WP_Block_Editor_Context $context Editor context.
	 * @return bool|string[]
	 */
	public function allowed_blocks( $allowed, $context ) {
		if ( ! $context instanceof \WP_Block_Editor_Context || ! $context->post instanceof \WP_Post || self::POST_TYPE !== $context->post->post_type ) {
			return $allowed;
		}
		return array( Graph_Parser::WORKFLOW, Graph_Parser::STEP, Graph_Parser::ON_SUCCESS, Graph_Parser::ON_FAILURE, Graph_Parser::STOP, Graph_Parser::OUTPUT, Graph_Parser::WRITE_POST );
	}

	/**
	 * A workflow deleted for good takes its run records with it.
	 *
	 * @param int           $post_id Post id.
	 * @param \WP_Post|null $post    Post (WordPress 5.5+).
	 */
	public function delete_runs( $post_id, $post = null ): void {
		if ( $post instanceof \WP_Post && self::POST_TYPE === $post->post_type ) {
			$this->runs->delete_for_workflow( (int) $post_id );
		}
	}
}
