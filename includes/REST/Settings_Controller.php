<?php
/**
 * REST: plugin-wide settings.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Http\Destination_Guard;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Settings\Settings_Repository;

/**
 * GET and update /ai-failover/v1/settings. The item schema is the generated plugin-settings schema.
 *
 * @since 0.1.0
 */
final class Settings_Controller extends Base_Controller {

	public function __construct(
		private readonly Settings_Repository $settings,
		Schema_Registry $schemas,
		private readonly Destination_Guard $destinations,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_SETTINGS );
		$this->rest_base = 'settings';
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		// GET /ai-failover/v1/settings, POST|PUT|PATCH /ai-failover/v1/settings.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/settings',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( Settings_Repository::SCHEMA, \WP_REST_Server::EDITABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return rest_ensure_response( $this->settings->get() );
	}

	/**
	 * Partial update: only the fields sent change. Unknown fields are refused, not ignored, so a
	 * typo never looks like a successful save.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$changes = $this->body_fields( $request, Settings_Repository::SCHEMA );
		if ( is_wp_error( $changes ) ) {
			return $changes;
		}
		// The webhook is called by the server: the URL policy of provider base URLs, no private network.
		$webhook = (string) ( $changes['alert_webhook_url'] ?? '' );
		$problem = '' !== $webhook ? $this->destinations->problem_at_save( $webhook, false ) : null;
		if ( null !== $problem ) {
			return new \WP_Error(
				'rest_invalid_param',
				$problem,
				array(
					'status' => 400,
					'params' => array( 'alert_webhook_url' => $problem ),
				)
			);
		}
		$saved = $this->settings->update( $changes );
		return is_wp_error( $saved ) ? $saved : rest_ensure_response( $saved );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( Settings_Repository::SCHEMA, 'aifo-settings' );
	}
}
