<?php
/**
 * REST: where the spend budgets and error-rate breakers stand.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Diagnostics\Policy_State_Report;
use AI_Failover\Schema\Schema_Registry;

/**
 * GET /ai-failover/v1/policy-state: each feature's and the site's spend budget for today and this
 * month (spent from the engine's own ledger, limit, downgrade threshold, state, the routes that
 * still run, when it resets) and the error-rate window and breaker of every route a feature with
 * an error-rate breaker uses. For whoever may read the logs, like the rest of Diagnostics; one
 * read of the state table.
 *
 * @since n.e.x.t
 */
final class Policy_State_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Policy_State_Report $report,
	) {
		parent::__construct( $schemas, Capabilities::VIEW_LOGS );
		$this->rest_base = 'policy-state';
	}

	public function register_routes(): void {
		// GET /ai-failover/v1/policy-state.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		return $this->item_schema_from( 'policy-state', 'aifo-policy-state' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_item( $request ) {
		return rest_ensure_response( $this->report->report() );
	}
}
