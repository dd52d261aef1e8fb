<?php
/**
 * REST: plugin-wide settings.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Settings\Settings_Repository;

/**
 * GET and update /ai-failover/v1/settings. The item schema is the generated plugin-settings schema.
 *
 * @since 0.1.0
 */
final class Settings_Controller extends \WP_REST_Controller implements Registers_Hooks {

	private const ROUTE_NAMESPACE = 'ai-failover/v1';

	public function __construct(
		private readonly Settings_Repository $settings,
		private readonly Schema_Registry $schemas
	) {
		$this->namespace = self::ROUTE_NAMESPACE;
		$this->rest_base = 'settings';
	}

	public function register_hooks(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Registers the routes.
	 */
	public function register_routes(): void {
		// GET /ai-failover/v1/settings, POST|PUT|PATCH /ai-failover/v1/settings.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
					'args'                => array( 'context' => $this->get_context_param( array( 'default' => 'edit' ) ) ),
				),
				array(
					'methods'             => \WP_REST_Server::EDITABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'update_item_permissions_check' ),
					'args'                => $this->get_endpoint_args_for_item_schema( \WP_REST_Server::EDITABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function update_item_permissions_check( $request ) {
		return $this->check_permission();
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return $this->prepare_item_for_response( $this->settings->get(), $request );
	}

	/**
	 * Partial update: only the fields sent change. Unknown fields are refused, not ignored, so a
	 * typo never looks like a successful save.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$properties = $this->get_item_schema()['properties'];
		$sent       = array_merge( (array) $request->get_body_params(), (array) $request->get_json_params() );
		$unknown    = array_diff( array_keys( $sent ), array_keys( $properties ), array( 'context', '_locale' ) );
		if ( $unknown ) {
			$params = array();
			foreach ( $unknown as $field ) {
				/* translators: %s: Field name. */
				$params[ $field ] = sprintf( __( '%s is not a setting.', 'ai-failover' ), $field );
			}
			return new \WP_Error(
				'rest_invalid_param',
				/* translators: %s: Comma-separated field names. */
				sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), implode( ', ', $unknown ) ),
				array(
					'status' => 400,
					'params' => $params,
				)
			);
		}

		$changes = array();
		foreach ( array_keys( $properties ) as $field ) {
			$field = (string) $field;
			if ( array_key_exists( $field, $sent ) ) {
				$changes[ $field ] = $request->get_param( $field );
			}
		}
		$saved = $this->settings->update( $changes );
		if ( is_wp_error( $saved ) ) {
			return $saved;
		}
		return $this->prepare_item_for_response( $saved, $request );
	}

	/**
	 * @param array<string, mixed> $item    Settings.
	 * @param \WP_REST_Request     $request Request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $item, $request ) {
		$context = $request['context'] ?? 'edit';
		$data    = $this->filter_response_by_context( $this->add_additional_fields_to_object( $item, $request ), $context );
		return rest_ensure_response( $data );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		if ( $this->schema ) {
			return $this->add_additional_fields_schema( $this->schema );
		}
		$this->schema         = array_merge(
			array(
				'$schema' => 'http://json-schema.org/draft-04/schema#',
				'title'   => 'aifo-settings',
			),
			$this->schemas->get( Settings_Repository::SCHEMA )
		);
		$this->schema['type'] = 'object';
		foreach ( $this->schema['properties'] as $name => $property ) {
			$this->schema['properties'][ $name ]['context'] = array( 'edit' );
		}
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * @return true|\WP_Error
	 */
	private function check_permission() {
		if ( current_user_can( Capabilities::MANAGE_SETTINGS ) ) {
			return true;
		}
		return new \WP_Error(
			'aifo_forbidden',
			__( 'Sorry, you are not allowed to manage AI Failover settings.', 'ai-failover' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}
}
