<?php
/**
 * REST: scheduled drills.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Governance\Drill_Results;
use AI_Failover\Governance\Drill_Schedule;
use AI_Failover\Schema\Schema_Registry;

/**
 * GET /drills: every feature's drill settings, when the next is due, and its kept results (who may
 * read the logs). POST /features/{id}/drills: drills the feature now, keeps and returns the result
 * (who may manage features: a drill calls the fallback routes for real).
 *
 * @since n.e.x.t
 */
final class Drills_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Feature_Repository $features,
		private readonly Drill_Schedule $drills,
		private readonly Drill_Results $results,
	) {
		parent::__construct( $schemas, Capabilities::VIEW_LOGS );
		$this->rest_base = 'drills';
	}

	public function register_routes(): void {
		// GET /ai-failover/v1/drills.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/drills',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// POST /ai-failover/v1/features/{id}/drills.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/features/(?P<id>[a-z0-9][a-z0-9-]{0,39})/drills',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'run_now' ),
					'permission_callback' => array( $this, 'check_manage_permission' ),
				),
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'drill-status', 'aifo-drill-status' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function check_manage_permission( $request ) {
		return current_user_can( Capabilities::MANAGE_FEATURES ) ? true : new \WP_Error(
			'aifo_forbidden',
			__( 'Only administrators can drill a feature.', 'ai-failover' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$results = $this->results->all();
		$items   = array();
		foreach ( $this->features->all() as $id => $feature ) {
			$kept    = $results[ $id ] ?? array();
			$drills  = (array) $feature['drills'];
			$last    = isset( $kept[0]['ran_at'] ) ? (int) strtotime( (string) $kept[0]['ran_at'] ) : null;
			$items[] = array(
				'feature' => (string) $id,
				'label'   => (string) $feature['label'],
				'drills'  => $drills,
				'next_at' => empty( $drills['enabled'] ) ? null : gmdate( 'Y-m-d\TH:i:s\Z', max( time(), null === $last ? time() : $last + ( Drill_Schedule::INTERVALS[ (string) $drills['frequency'] ] ?? 604800 ) ) ),
				'results' => $kept,
			);
		}
		return $this->collection( $items );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function run_now( $request ) {
		$feature = $this->features->get( $this->path_param( $request, 'id' ) );
		if ( null === $feature ) {
			return $this->not_found( 'aifo_feature_not_found', __( 'No feature with this id.', 'ai-failover' ) );
		}
		$result = $this->drills->drill( $feature, 'manual' );
		$this->results->add( $result );
		return rest_ensure_response( $result );
	}
}
