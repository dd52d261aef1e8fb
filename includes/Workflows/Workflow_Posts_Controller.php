<?php
/**
 * REST: /wp/v2/aifo-workflows, for the people who build workflows only.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Core's posts controller lets anyone read published posts of any `show_in_rest` type, so a
 * published workflow (its title, author, prompts in context=edit for the people allowed) would be
 * listed to visitors. Reading workflows here needs the post type's edit capability, like writing:
 * 401 for visitors, 403 for authors and subscribers. WordPress instantiates this class itself
 * (`rest_controller_class`), so it takes no dependencies.
 *
 * @since n.e.x.t
 */
final class Workflow_Posts_Controller extends \WP_REST_Posts_Controller {

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return $this->may_read() ?? parent::get_items_permissions_check( $request );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return bool|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return $this->may_read() ?? parent::get_item_permissions_check( $request );
	}

	/**
	 * Null when the user may build workflows (core's own checks follow), else the refusal.
	 */
	private function may_read(): ?\WP_Error {
		$type = get_post_type_object( $this->post_type );
		if ( $type instanceof \WP_Post_Type && current_user_can( $type->cap->edit_posts ) ) {
			return null;
		}
		return new \WP_Error(
			'rest_forbidden',
			__( 'Sorry, you are not allowed to see AI workflows.', 'ai-failover' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
