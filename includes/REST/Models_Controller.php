<?php
/**
 * REST: a provider's models (catalog entries and discovered ids).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_Vault;

/**
 * GET lists what the catalog knows merged with what the provider's list-models endpoint says
 * (cached for 12 hours in a transient; ?refresh=true asks again). PUT edits a catalog entry;
 * DELETE drops an edit. Any model id may still be typed by hand into a route.
 *
 * @since 0.1.0
 */
final class Models_Controller extends Base_Controller {

	private const CACHE_TTL = 12 * 3600;

	public function __construct(
		Schema_Registry $schemas,
		private readonly Provider_Repository $providers,
		private readonly Key_Vault $keys,
		private readonly Model_Catalog $catalog,
		private readonly Provider_Client $client,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_KEYS );
		$this->rest_base = 'models';
	}

	public function register_routes(): void {
		// GET|PUT|DELETE /ai-failover/v1/providers/{provider}/models.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/providers/(?P<provider>[a-z0-9][a-z0-9-]{0,39})/models',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => array(
						'refresh' => array(
							'type'        => 'boolean',
							'default'     => false,
							'description' => __( 'Ask the provider again instead of using the cached list.', 'ai-failover' ),
						),
					),
				),
				array(
					'methods'             => 'PUT',
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'catalog-entry', \WP_REST_Server::CREATABLE ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => array(
						'model' => array(
							'type'     => 'string',
							'required' => true,
						),
					),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		$discovered = $this->discover( $provider, (bool) $request['refresh'] );
		$items      = array();
		foreach ( $this->catalog->entries( $provider ) as $model => $entry ) {
			$items[ $model ] = $entry + array( 'source' => in_array( $model, $discovered['models'], true ) ? 'both' : 'catalog' );
		}
		foreach ( $discovered['models'] as $model ) {
			if ( ! isset( $items[ $model ] ) ) {
				$items[ $model ] = array(
					'model'                 => $model,
					'capabilities'          => array(),
					'input_price_per_mtok'  => 0.0,
					'output_price_per_mtok' => 0.0,
					'context_window'        => 0,
					'source'                => 'discovered',
					'edited'                => false,
				);
			}
		}
		ksort( $items );
		$response = $this->collection( array_values( $items ) );
		if ( null !== $discovered['error'] ) {
			// Discovery failing is not the request failing: the catalog still answers.
			$response->header( 'X-AIFO-Discovery-Error', $discovered['error'] );
		}
		return $response;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		$fields = $this->body_fields( $request, 'catalog-entry' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		return rest_ensure_response( $this->catalog->upsert( $provider->id, $fields ) + array( 'source' => 'catalog' ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function delete_item( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		if ( ! $this->catalog->remove( $provider->id, (string) $request['model'] ) ) {
			return $this->not_found( 'aifo_model_not_edited', __( 'This model has no edited catalog entry.', 'ai-failover' ) );
		}
		return rest_ensure_response( array( 'deleted' => true ) );
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'model-list-item', 'aifo-model' );
	}

	/**
	 * Model ids from the provider, cached.
	 *
	 * @param Provider_Config $provider Provider.
	 * @param bool            $refresh  Skip the cache.
	 * @return array{models: list<string>, error: string|null}
	 */
	private function discover( Provider_Config $provider, bool $refresh ): array {
		$cache_key = 'aifo_models_' . md5( $provider->id . '|' . $provider->effective_base_url() );
		$cached    = $refresh ? false : get_transient( $cache_key );
		if ( is_array( $cached ) ) {
			return array(
				'models' => array_values( array_map( 'strval', $cached ) ),
				'error'  => null,
			);
		}
		$keys = $this->keys->resolve( $provider->id, time() );
		if ( $provider->requires_key() && ! $keys ) {
			return array(
				'models' => array(),
				'error'  => 'no usable key',
			);
		}
		$result = $this->client->list_models( $provider, $keys ? $keys[0]->secret() : '' );
		if ( $result instanceof Provider_Error ) {
			return array(
				'models' => array(),
				'error'  => $result->class->value . ( $result->http_status ? ' (HTTP ' . $result->http_status . ')' : '' ),
			);
		}
		set_transient( $cache_key, $result, self::CACHE_TTL );
		return array(
			'models' => $result,
			'error'  => null,
		);
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	private function provider( \WP_REST_Request $request ): Provider_Config|\WP_Error {
		$provider = $this->providers->get( $this->path_param( $request, 'provider' ) );
		return null === $provider ? $this->not_found( 'aifo_provider_not_found', __( 'No provider with this id.', 'ai-failover' ) ) : $provider;
	}
}
