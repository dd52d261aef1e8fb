<?php
/**
 * REST: the audit log of policy changes.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Governance\Audit_Repository;
use AI_Failover\Schema\Schema_Registry;

/**
 * GET /audit: who changed which provider, key, feature or setting, when, and the object before
 * and after (never a secret), newest first, paged with X-WP-Total. Administrators only (the
 * settings capability); cookie requests need the REST nonce, as every route of WordPress does.
 *
 * @since n.e.x.t
 */
final class Audit_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Audit_Repository $audit,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_SETTINGS );
		$this->rest_base = 'audit';
	}

	public function register_routes(): void {
		// GET /ai-failover/v1/audit.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/audit',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'audit-query', \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'audit-entry', 'aifo-audit-entry' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$per_page = (int) ( $request['per_page'] ?? 50 );
		$page     = $this->audit->page( (string) ( $request['object_type'] ?? '' ), (int) ( $request['page'] ?? 1 ), $per_page );
		$response = rest_ensure_response( $page['items'] );
		$response->header( 'X-WP-Total', (string) $page['total'] );
		$response->header( 'X-WP-TotalPages', (string) max( 1, (int) ceil( $page['total'] / max( 1, $per_page ) ) ) );
		return $response;
	}
}
