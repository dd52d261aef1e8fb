<?php
/**
 * REST: run a feature.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Schema\Schema_Registry;

/**
 * POST /ai-failover/v1/features/{id}/run: the result (answer plus every attempt) as JSON, with
 * HTTP 200 whatever the run's status ("success", "failed", "incomplete", "deferred"): the request
 * itself worked; the run's outcome is data. Drills (`simulate`) need the feature-management capability.
 *
 * @since 0.1.0
 */
final class Runs_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Feature_Runner $runner,
	) {
		parent::__construct( $schemas, Capabilities::RUN_FEATURES );
		$this->rest_base = 'features';
	}

	public function register_routes(): void {
		// POST /ai-failover/v1/features/{id}/run.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/features/(?P<id>[a-z0-9][a-z0-9-]{0,39})/run',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'run' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'run-request', \WP_REST_Server::CREATABLE ),
				),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function run( $request ) {
		$fields = $this->body_fields( $request, 'run-request' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( ! empty( $fields['simulate'] ) && ! current_user_can( Capabilities::MANAGE_FEATURES ) ) {
			return new \WP_Error(
				'aifo_forbidden',
				__( 'Only administrators can simulate failures.', 'ai-failover' ),
				array(
					'status' => rest_authorization_required_code(),
					'params' => array( 'simulate' => __( 'Not allowed for your role.', 'ai-failover' ) ),
				)
			);
		}
		$result = $this->runner->run( $this->path_param( $request, 'id' ), array( 'caller' => 'rest' ) + $fields );
		if ( 'unknown_feature' === ( $result->error['class'] ?? '' ) ) {
			return $this->not_found( 'aifo_feature_not_found', (string) $result->error['message'] );
		}
		return rest_ensure_response( $result->to_array() );
	}
}
