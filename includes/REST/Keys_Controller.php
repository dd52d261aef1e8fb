<?php
/**
 * REST: a provider's keys (write-only secrets).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Catalog\Model_Catalog;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Secrets\Key_State_Store;
use AI_Failover\Secrets\Key_Vault;

/**
 * Keys go in through POST and never come out: responses show id, label, source, last 4 and state.
 *
 * @since 0.1.0
 */
final class Keys_Controller extends Base_Controller {

	private const ITEM = '/providers/(?P<provider>[a-z0-9][a-z0-9-]{0,39})/keys/(?P<key>[a-z0-9]{1,20})';

	public function __construct(
		Schema_Registry $schemas,
		private readonly Provider_Repository $providers,
		private readonly Key_Vault $keys,
		private readonly Key_State_Store $states,
		private readonly Provider_Client $client,
		private readonly ?Model_Catalog $catalog = null,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_KEYS );
		$this->rest_base = 'keys';
	}

	public function register_routes(): void {
		// GET|POST /ai-failover/v1/providers/{provider}/keys.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/providers/(?P<provider>[a-z0-9][a-z0-9-]{0,39})/keys',
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
					'args'                => $this->args_from( 'provider-key-input', \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET|PATCH|DELETE /ai-failover/v1/providers/{provider}/keys/{key}.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			self::ITEM,
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
					'args'                => $this->args_from( 'provider-key-patch', \WP_REST_Server::EDITABLE ),
				),
				array(
					'methods'             => \WP_REST_Server::DELETABLE,
					'callback'            => array( $this, 'delete_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// POST /ai-failover/v1/providers/{provider}/keys/{key}/test.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			self::ITEM . '/test',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'test_key' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'provider-key-test', \WP_REST_Server::CREATABLE ),
				),
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
		return $this->collection( $this->keys->views( $provider->id, time() ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		$view = $this->keys->view( $provider->id, $this->path_param( $request, 'key' ), time() );
		return null === $view ? $this->missing() : rest_ensure_response( $view );
	}

	/**
	 * Stores a key. The response shows it masked, as every later response will.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		if ( 'simulator' === $provider->protocol() ) {
			return new \WP_Error( 'aifo_keyless_provider', __( 'The Simulator needs no key.', 'ai-failover' ), array( 'status' => 400 ) );
		}
		$fields = $this->body_fields( $request, 'provider-key-input' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		$view     = $this->keys->add( $provider->id, (string) $fields['label'], (string) $fields['secret'] );
		$response = rest_ensure_response( $view );
		$response->set_status( 201 );
		return $response;
	}

	/**
	 * Renames a stored key, or puts a dead/cooling key back in rotation.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		$key_id = $this->path_param( $request, 'key' );
		$view   = $this->keys->view( $provider->id, $key_id, time() );
		if ( null === $view ) {
			return $this->missing();
		}
		$fields = $this->body_fields( $request, 'provider-key-patch' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( isset( $fields['label'] ) ) {
			if ( 'database' !== $view['source'] ) {
				return new \WP_Error(
					'aifo_external_key',
					__( 'Keys from the environment or a constant are named after their variable.', 'ai-failover' ),
					array(
						'status' => 400,
						'params' => array(
							'label' => __(
								'Cannot be changed for this key.',
								'ai-failover'
							),
						),
					)
				);
			}
			$this->keys->relabel( $provider->id, $key_id, (string) $fields['label'] );
		}
		if ( isset( $fields['state'] ) ) {
			$this->states->reactivate( $provider->id, $key_id );
		}
		return rest_ensure_response( $this->keys->view( $provider->id, $key_id, time() ) );
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
		$view = $this->keys->view( $provider->id, $this->path_param( $request, 'key' ), time() );
		if ( null === $view ) {
			return $this->missing();
		}
		if ( 'database' !== $view['source'] ) {
			return new \WP_Error( 'aifo_external_key', __( 'This key comes from the environment or a constant: remove it there.', 'ai-failover' ), array( 'status' => 400 ) );
		}
		$this->keys->delete( $provider->id, $this->path_param( $request, 'key' ) );
		return rest_ensure_response(
			array(
				'deleted'  => true,
				'previous' => $view,
			)
		);
	}

	/**
	 * Test connection: one real, minimal request with this key, either the provider's model list
	 * (`kind` "models": the key is accepted) or a one-token completion (`kind` "completion": the
	 * key can generate, which a key whose provider fails every completion does not show by listing
	 * models), with its latency and cost. Nothing is logged, the key's state is not changed (a
	 * failed test is information, not a verdict), and no answer holds the key: provider errors are
	 * scrubbed by the client and the completion's text is not returned.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function test_key( $request ) {
		$provider = $this->provider( $request );
		if ( is_wp_error( $provider ) ) {
			return $provider;
		}
		$key_id = $this->path_param( $request, 'key' );
		if ( null === $this->keys->view( $provider->id, $key_id, time() ) ) {
			return $this->missing();
		}
		$secret = $this->keys->secret_for_test( $provider->id, $key_id );
		if ( null === $secret ) {
			return new \WP_Error( 'aifo_key_undecryptable', __( 'This key cannot be decrypted with the current secret.', 'ai-failover' ), array( 'status' => 409 ) );
		}
		$fields = $this->body_fields( $request, 'provider-key-test' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		if ( 'completion' === ( $fields['kind'] ?? 'models' ) ) {
			return $this->test_completion( $provider, $secret, (string) ( $fields['model'] ?? '' ) );
		}
		$started = microtime( true );
		$result  = $this->client->list_models( $provider, $secret );
		$ms      = (int) round( ( microtime( true ) - $started ) * 1000 );
		if ( $result instanceof Provider_Error ) {
			return rest_ensure_response(
				array(
					'ok'          => false,
					'kind'        => 'models',
					'duration_ms' => $ms,
					'error'       => $result->to_array(),
				)
			);
		}
		return rest_ensure_response(
			array(
				'ok'          => true,
				'kind'        => 'models',
				'duration_ms' => $ms,
				'model_count' => count( $result ),
			)
		);
	}

	/**
	 * One completion of at most one token, timed, priced from the catalog.
	 *
	 * @param Provider_Config $provider Provider.
	 * @param string          $secret   Key.
	 * @param string          $model    Model id ('' answers 400).
	 * @return \WP_REST_Response|\WP_Error
	 */
	private function test_completion( Provider_Config $provider, string $secret, string $model ) {
		if ( '' === $model ) {
			return new \WP_Error(
				'rest_missing_callback_param',
				__( 'Choose the model to ask for one token.', 'ai-failover' ),
				array(
					'status' => 400,
					'params' => array( 'model' => __( 'Choose the model to ask for one token.', 'ai-failover' ) ),
				)
			);
		}
		$started = microtime( true );
		$result  = $this->client->chat(
			$provider,
			$model,
			$secret,
			new Chat_Request(
				array(
					array(
						'role'    => 'user',
						'content' => 'Reply with the single word OK.',
					),
				),
				1,
				0.0
			),
			array(
				'connect_ms' => 5000,
				'total_ms'   => 20000,
			)
		);
		$ms      = (int) round( ( microtime( true ) - $started ) * 1000 );
		if ( $result instanceof Provider_Error ) {
			return rest_ensure_response(
				array(
					'ok'          => false,
					'kind'        => 'completion',
					'duration_ms' => $ms,
					'error'       => $result->to_array(),
				)
			);
		}
		$entry = null !== $this->catalog ? $this->catalog->get( $provider, $model ) : null;
		$cost  = null === $entry ? 0.0 : ( $result->input_tokens * (float) $entry['input_price_per_mtok'] + $result->output_tokens * (float) $entry['output_price_per_mtok'] ) / 1000000;
		return rest_ensure_response(
			array(
				'ok'            => true,
				'kind'          => 'completion',
				'duration_ms'   => $ms,
				'model'         => $model,
				'input_tokens'  => $result->input_tokens,
				'output_tokens' => $result->output_tokens,
				'cost'          => $cost,
				'priced'        => null !== $entry,
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'provider-key', 'aifo-provider-key' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 */
	private function provider( \WP_REST_Request $request ): Provider_Config|\WP_Error {
		$provider = $this->providers->get( $this->path_param( $request, 'provider' ) );
		return null === $provider ? $this->not_found( 'aifo_provider_not_found', __( 'No provider with this id.', 'ai-failover' ) ) : $provider;
	}

	private function missing(): \WP_Error {
		return $this->not_found( 'aifo_key_not_found', __( 'No key with this id for this provider.', 'ai-failover' ) );
	}
}
