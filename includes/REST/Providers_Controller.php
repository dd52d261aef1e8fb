<?php
/**
 * REST: providers and presets.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Http\Destination_Guard;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Presets;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_Destination_Rule;
use AI_Failover\Secrets\Key_Vault;

/**
 * CRUD for providers. Responses never carry keys; a provider used by a feature cannot be deleted.
 *
 * @since 0.1.0
 */
final class Providers_Controller extends Base_Controller {

	public function __construct(
		Schema_Registry $schemas,
		private readonly Provider_Repository $providers,
		private readonly Key_Vault $keys,
		private readonly Feature_Repository $features,
		private readonly Model_Catalog $catalog,
		private readonly Destination_Guard $destinations,
		private readonly Key_Destination_Rule $key_destinations,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_KEYS );
		$this->rest_base = 'providers';
	}

	public function register_routes(): void {
		// GET|POST /ai-failover/v1/providers.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/providers',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => array(),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'provider-input', \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET|PUT|PATCH|DELETE /ai-failover/v1/providers/{id}.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/providers/(?P<id>[a-z0-9][a-z0-9-]{0,39})',
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
					'args'                => $this->args_from( 'provider-input', \WP_REST_Server::EDITABLE ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET /ai-failover/v1/presets.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/presets',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_presets' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$items = array();
		foreach ( $this->providers->all() as $provider ) {
			$items[] = $this->prepare_response_for_collection( $this->prepare_item_for_response( $provider, $request ) );
		}
		return $this->collection( $items );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$provider = $this->providers->get( $this->path_param( $request, 'id' ) );
		return null === $provider ? $this->missing() : $this->prepare_item_for_response( $provider, $request );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		$fields = $this->body_fields( $request, 'provider-input' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( null !== $this->providers->get( (string) $fields['id'] ) ) {
			return new \WP_Error(
				'aifo_provider_exists',
				__( 'A provider with this id already exists.', 'ai-failover' ),
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
		$provider = Provider_Config::from_array( $fields );
		$saved    = $this->key_destinations->create_problem( $provider ) ?? $this->store( $provider );
		if ( is_wp_error( $saved ) ) {
			return $saved;
		}
		$response = $this->prepare_item_for_response( $saved, $request );
		$response->set_status( 201 );
		$response->header( 'Location', rest_url( self::ROUTE_NAMESPACE . '/providers/' . $saved->id ) );
		return $response;
	}

	/**
	 * Updates the fields sent; the id cannot change. A change of where keys go needs
	 * confirm_key_reset and deletes the stored keys (Key_Destination_Rule).
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$current = $this->providers->get( $this->path_param( $request, 'id' ) );
		if ( null === $current ) {
			return $this->missing();
		}
		$fields = $this->body_fields( $request, 'provider-input' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( isset( $fields['id'] ) && $fields['id'] !== $current->id ) {
			return new \WP_Error(
				'rest_invalid_param',
				__( 'A provider id cannot change.', 'ai-failover' ),
				array(
					'status' => 400,
					'params' => array(
						'id' => __(
							'A provider id cannot change.',
							'ai-failover'
						),
					),
				)
			);
		}
		$next      = Provider_Config::from_array( array_merge( $current->to_array(), $fields, array( 'id' => $current->id ) ) );
		$confirmed = (bool) ( $fields[ Key_Destination_Rule::CONFIRM_FIELD ] ?? false );
		$saved     = $this->key_destinations->update_problem( $current, $next, $confirmed ) ?? $this->store( $next );
		if ( is_wp_error( $saved ) ) {
			return $saved;
		}
		$this->key_destinations->apply( $current, $saved );
		return $this->prepare_item_for_response( $saved, $request );
	}

	/**
	 * Deletes a provider, its keys and its catalog edits, unless a feature uses it.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_item( $request ) {
		$provider = $this->providers->get( $this->path_param( $request, 'id' ) );
		if ( null === $provider ) {
			return $this->missing();
		}
		$users = $this->features->using_provider( $provider->id );
		if ( $users ) {
			return new \WP_Error(
				'aifo_provider_in_use',
				/* translators: %s: Comma-separated feature ids. */
				sprintf( __( 'This provider is used by these features: %s. Remove it from their routes first.', 'ai-failover' ), implode( ', ', $users ) ),
				array(
					'status'   => 409,
					'features' => $users,
				)
			);
		}
		$previous = $this->prepare_item_for_response( $provider, $request );
		$this->providers->delete( $provider->id );
		$this->keys->delete_provider( $provider->id );
		$this->catalog->forget_provider( $provider->id );
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => $previous->get_data(),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_presets( $request ) {
		$presets = array();
		foreach ( Provider_Presets::all() as $id => $preset ) {
			$presets[] = array( 'id' => $id ) + $preset;
		}
		return $this->collection( $presets );
	}

	/**
	 * @param Provider_Config  $item    Provider.
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function prepare_item_for_response( $item, $request ) {
		$data     = array(
			'id'                    => $item->id,
			'label'                 => $item->label,
			'preset'                => $item->preset,
			'protocol'              => $item->protocol(),
			'base_url'              => $item->effective_base_url(),
			'custom_base_url'       => '' !== $item->base_url,
			'allow_private_network' => $item->allow_private_network,
			'enabled'               => $item->enabled,
			'requires_key'          => $item->requires_key(),
			'is_local'              => $item->is_local(),
			'region'                => $item->region,
			'data_handling'         => $item->data_handling,
			'api_family'            => $item->family(),
			'key_count'             => $this->keys->count( $item->id ),
		);
		$response = rest_ensure_response( $this->filter_response_by_context( $data, $request['context'] ?? 'view' ) );
		$response->add_link( 'keys', rest_url( self::ROUTE_NAMESPACE . '/providers/' . $item->id . '/keys' ), array( 'embeddable' => false ) );
		return $response;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'provider', 'aifo-provider' );
	}

	/**
	 * Checks what the schema cannot, then saves.
	 *
	 * @param Provider_Config $provider Provider.
	 */
	private function store( Provider_Config $provider ): Provider_Config|\WP_Error {
		if ( 'custom' === $provider->preset && '' === $provider->base_url ) {
			return new \WP_Error(
				'rest_invalid_param',
				__( 'A custom provider needs a base URL.', 'ai-failover' ),
				array(
					'status' => 400,
					'params' => array(
						'base_url' => __(
							'A custom provider needs a base URL.',
							'ai-failover'
						),
					),
				)
			);
		}
		$problem = $this->destinations->problem_at_save( $provider->effective_base_url(), $provider->allow_private_network );
		if ( null !== $problem ) {
			return new \WP_Error(
				'rest_invalid_param',
				$problem,
				array(
					'status' => 400,
					'params' => array( 'base_url' => $problem ),
				)
			);
		}
		$this->providers->save( $provider );
		return $provider;
	}

	private function missing(): \WP_Error {
		return $this->not_found( 'aifo_provider_not_found', __( 'No provider with this id.', 'ai-failover' ) );
	}
}
