<?php
/**
 * Shared REST plumbing.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Schema\Schema_Registry;

/**
 * What every AI Failover controller does the same way: one capability per controller checked in
 * the permission callbacks, schemas and args from the generated JSON Schemas, refusal of unknown
 * fields, and collections with X-WP-Total.
 *
 * @since 0.1.0
 */
abstract class Base_Controller extends \WP_REST_Controller implements Registers_Hooks {

	protected const ROUTE_NAMESPACE = 'ai-failover/v1';

	/**
	 * Largest request body any route accepts. Every field has its own bound, but a run's 100
	 * messages of 100 000 characters each add up to 10 MB, more than any model's context window:
	 * refused here rather than sent upstream.
	 *
	 * @since n.e.x.t
	 */
	public const MAX_BODY_BYTES = 4 * 1048576;

	/**
	 * @param Schema_Registry $schemas    Generated schemas.
	 * @param string          $capability Capability required by every route of the controller.
	 */
	public function __construct(
		protected readonly Schema_Registry $schemas,
		private readonly string $capability,
	) {
		$this->namespace = self::ROUTE_NAMESPACE;
	}

	public function register_hooks(): void {
		add_action( 'rest_api_init', array( $this, 'register_routes' ) );
	}

	/**
	 * Permission callback shared by every route of the controller.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function check_permission( $request ) {
		if ( current_user_can( $this->capability ) ) {
			return true;
		}
		return new \WP_Error(
			'aifo_forbidden',
			__( 'Sorry, you are not allowed to do that in AI Failover.', 'ai-failover' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	/**
	 * Endpoint args from a generated input schema.
	 *
	 * @param string $schema_name Schema.
	 * @param string $method      WP_REST_Server::CREATABLE or EDITABLE.
	 * @return array<string, array<string, mixed>>
	 */
	protected function args_from( string $schema_name, string $method ): array {
		return rest_get_endpoint_args_for_schema( $this->schemas->get( $schema_name ), $method );
	}

	/**
	 * An item schema for responses, from a generated output schema.
	 *
	 * @param string $schema_name Schema.
	 * @param string $title       Schema title.
	 * @return array<string, mixed>
	 */
	protected function item_schema_from( string $schema_name, string $title ): array {
		if ( ! $this->schema ) {
			$this->schema = array(
				'$schema' => 'http://json-schema.org/draft-04/schema#',
				'title'   => $title,
			) + $this->schemas->get( $schema_name );
			foreach ( array_keys( $this->schema['properties'] ) as $name ) {
				$this->schema['properties'][ $name ]['context'] = array( 'view', 'edit' );
			}
		}
		return $this->add_additional_fields_schema( $this->schema );
	}

	/**
	 * The body's fields, or a 400 naming any field the schema does not know, or the largest
	 * field of a body over MAX_BODY_BYTES.
	 *
	 * @param \WP_REST_Request $request     Request.
	 * @param string           $schema_name Input schema.
	 * @return array<string, mixed>|\WP_Error
	 */
	protected function body_fields( \WP_REST_Request $request, string $schema_name ): array|\WP_Error {
		$known   = array_keys( $this->schemas->get( $schema_name )['properties'] ?? array() );
		$sent    = array_merge( (array) $request->get_body_params(), (array) $request->get_json_params() );
		$unknown = array_diff( array_keys( $sent ), $known, array( 'context', '_locale', '_method' ) );
		if ( $unknown ) {
			$params = array();
			foreach ( $unknown as $field ) {
				/* translators: %s: Field name. */
				$params[ $field ] = sprintf( __( '%s is not a known field.', 'ai-failover' ), $field );
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
		$too_large = $this->too_large( $request, $sent );
		if ( null !== $too_large ) {
			return $too_large;
		}
		$fields = array();
		foreach ( $known as $field ) {
			if ( array_key_exists( $field, $sent ) ) {
				$fields[ $field ] = $request->get_param( $field );
			}
		}
		return $fields;
	}

	/**
	 * A 400 naming the largest field when the body is over the limit, else null.
	 *
	 * @param \WP_REST_Request     $request Request.
	 * @param array<string, mixed> $sent    Decoded body fields.
	 */
	private function too_large( \WP_REST_Request $request, array $sent ): ?\WP_Error {
		/**
		 * Filters the largest request body, in bytes, an AI Failover route accepts.
		 *
		 * @since n.e.x.t
		 *
		 * @param int $max_bytes Bytes; 4 MB by default.
		 */
		$max_bytes = (int) apply_filters( 'aifo_max_request_bytes', self::MAX_BODY_BYTES );
		if ( strlen( (string) $request->get_body() ) <= $max_bytes || ! $sent ) {
			return null;
		}
		$sizes = array_map( static fn( $value ): int => strlen( (string) wp_json_encode( $value ) ), $sent );
		arsort( $sizes );
		$field = (string) array_key_first( $sizes );
		return new \WP_Error(
			'rest_invalid_param',
			/* translators: %s: Field name. */
			sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), $field ),
			array(
				'status' => 400,
				/* translators: 1: Field name, 2: Size such as "4 MB". */
				'params' => array( $field => sprintf( __( '%1$s makes the request larger than %2$s.', 'ai-failover' ), $field, size_format( $max_bytes ) ) ),
			)
		);
	}

	/**
	 * A path parameter. The body may carry a field of the same name ("id"), and WordPress gives
	 * the body precedence in $request['id'], so path parameters are always read from the URL.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @param string           $name    Parameter.
	 */
	protected function path_param( \WP_REST_Request $request, string $name ): string {
		return (string) ( $request->get_url_params()[ $name ] ?? '' );
	}

	/**
	 * A collection response with X-WP-Total and X-WP-TotalPages.
	 *
	 * @param list<mixed> $items Prepared items.
	 */
	protected function collection( array $items ): \WP_REST_Response {
		$response = rest_ensure_response( $items );
		$response->header( 'X-WP-Total', (string) count( $items ) );
		$response->header( 'X-WP-TotalPages', '1' );
		return $response;
	}

	/**
	 * A 404 for a missing item.
	 *
	 * @param string $code    Error code.
	 * @param string $message Message.
	 */
	protected function not_found( string $code, string $message ): \WP_Error {
		return new \WP_Error( $code, $message, array( 'status' => 404 ) );
	}
}
