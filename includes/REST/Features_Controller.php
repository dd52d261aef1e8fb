<?php
/**
 * REST: features (named AI workloads and their routes).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Schema\Schema_Registry;

/**
 * CRUD for features. POST creates (no fallbacks unless sent: fail, log, stop), PUT replaces,
 * PATCH changes the top-level fields sent. Every write is validated as a whole.
 *
 * @since 0.1.0
 */
final class Features_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Feature_Repository $features,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_FEATURES );
		$this->rest_base = 'features';
	}

	public function register_routes(): void {
		// GET|POST /ai-failover/v1/features.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/features',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( Feature_Repository::SCHEMA, \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET|PUT|PATCH|DELETE /ai-failover/v1/features/{id}.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/features/(?P<id>[a-z0-9][a-z0-9-]{0,39})',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				array(
					'methods'             => 'PUT',
					'callback'            => array( $this, 'replace_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( Feature_Repository::SCHEMA, \WP_REST_Server::EDITABLE ),
				),
				array(
					'methods'             => 'POST, PATCH',
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( Feature_Repository::SCHEMA, \WP_REST_Server::EDITABLE ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		return $this->collection( array_values( $this->features->all() ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$feature = $this->features->get( $this->path_param( $request, 'id' ) );
		return null === $feature ? $this->missing() : rest_ensure_response( $feature );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		$fields = $this->body_fields( $request, Feature_Repository::SCHEMA );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( null !== $this->features->get( (string) $fields['id'] ) ) {
			return new \WP_Error(
				'aifo_feature_exists',
				__( 'A feature with this id already exists.', 'ai-failover' ),
				array(
					'status' => 409,
					'params' => array(
						'id' => __(
							'Already taken.',
							'ai-failover'
						),
					),
				)
			);
		}
		$saved = $this->features->save( $fields );
		if ( is_wp_error( $saved ) ) {
			return $saved;
		}
		$response = rest_ensure_response( $saved );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( self::ROUTE_NAMESPACE . '/features/' . $saved['id'] ) );
		return $response;
	}

	/**
	 * PUT: the body is the whole feature; what it leaves out takes its default.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function replace_item( $request ) {
		return $this->write( $request, false );
	}

	/**
	 * POST/PATCH: only the top-level fields sent change.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		return $this->write( $request, true );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_item( $request ) {
		$feature = $this->features->get( $this->path_param( $request, 'id' ) );
		if ( null === $feature ) {
			return $this->missing();
		}
		$this->features->delete( $this->path_param( $request, 'id' ) );
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => $feature,
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( Feature_Repository::SCHEMA, 'aifo-feature' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @param bool             $merge   Keep fields not sent.
	 * @return \WP_REST_Response|\WP_Error
	 */
	private function write( \WP_REST_Request $request, bool $merge ) {
		$current = $this->features->get( $this->path_param( $request, 'id' ) );
		if ( null === $current ) {
			return $this->missing();
		}
		$fields = $this->body_fields( $request, Feature_Repository::SCHEMA );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( isset( $fields['id'] ) && $fields['id'] !== $current['id'] ) {
			return new \WP_Error(
				'rest_invalid_param',
				__( 'A feature id cannot change.', 'ai-failover' ),
				array(
					'status' => 400,
					'params' => array(
						'id' => __(
							'A feature id cannot change.',
							'ai-failover'
						),
					),
				)
			);
		}
		$base  = $merge ? $current : array(
			'id'      => $current['id'],
			'label'   => $current['label'],
			'primary' => $current['primary'],
		);
		$saved = $this->features->save( array_merge( $base, $fields, array( 'id' => $current['id'] ) ) );
		return is_wp_error( $saved ) ? $saved : rest_ensure_response( $saved );
	}

	private function missing(): \WP_Error {
		return $this->not_found( 'aifo_feature_not_found', __( 'No feature with this id.', 'ai-failover' ) );
	}
}
