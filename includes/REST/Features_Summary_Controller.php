<?php
/**
 * REST: the read-only view of features editors pick from.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Schema\Schema_Registry;

/**
 * GET /ai-failover/v1/features-summary: id, label, primary and fallback routes and the fallback
 * triggers of every feature, for whoever may run workflows. No keys, no provider settings, no
 * policy details: editors see the chain a step will use, administrators change it elsewhere.
 *
 * @since n.e.x.t
 */
final class Features_Summary_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Feature_Repository $features,
	) {
		parent::__construct( $schemas, Capabilities::RUN_WORKFLOWS );
		$this->rest_base = 'features-summary';
	}

	public function register_routes(): void {
		// GET /ai-failover/v1/features-summary.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/' . $this->rest_base,
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
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
		return $this->item_schema_from( 'feature-summary', 'aifo-feature-summary' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$items = array();
		foreach ( $this->features->all() as $feature ) {
			$items[] = self::summary( $feature );
		}
		return $this->collection( $items );
	}

	/**
	 * @param array<string, mixed> $feature Stored feature.
	 * @return array{id: string, label: string, primary: string, fallbacks: list<string>, triggers: list<string>}
	 */
	public static function summary( array $feature ): array {
		$route     = static fn( mixed $r ): string => is_array( $r ) && isset( $r['provider_id'], $r['model'] ) ? $r['provider_id'] . '/' . $r['model'] : '';
		$fallbacks = array_values( array_filter( array_map( $route, (array) ( $feature['fallbacks'] ?? array() ) ) ) );
		return array(
			'id'        => (string) ( $feature['id'] ?? '' ),
			'label'     => (string) ( $feature['label'] ?? '' ),
			'primary'   => $route( $feature['primary'] ?? null ),
			'fallbacks' => $fallbacks,
			'triggers'  => array_keys( array_filter( (array) ( $feature['triggers'] ?? array() ) ) ),
		);
	}
}
