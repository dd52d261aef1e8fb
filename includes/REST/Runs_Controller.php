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
 * With `stream: true` the answer comes as server-sent events instead: `attempt` (one per attempt),
 * `fallback`, `delta` (the text), then `done`, `incomplete` or `failed` with the whole result.
 * WordPress's HTTP API reads a provider's stream whole, so the events are sent when the run ends;
 * the framing lets clients handle streamed and non-streamed runs the same way.
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

	public function register_hooks(): void {
		parent::register_hooks();
		add_filter( 'rest_pre_serve_request', array( $this, 'serve_stream' ), 10, 3 );
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
		$response = rest_ensure_response( $result->to_array() );
		if ( ! empty( $fields['stream'] ) ) {
			$response->header( 'Content-Type', 'text/event-stream; charset=utf-8' );
			$response->header( 'Cache-Control', 'no-cache' );
			$response->header( 'X-Accel-Buffering', 'no' );
		}
		return $response;
	}

	/**
	 * Sends a streamed run's result as server-sent events instead of JSON.
	 *
	 * @param bool              $served  Already served.
	 * @param \WP_HTTP_Response $result  Result.
	 * @param \WP_REST_Request  $request Request.
	 * @return bool
	 */
	public function serve_stream( $served, $result, $request ) {
		if ( $served || ! $result instanceof \WP_HTTP_Response || ! str_starts_with( (string) ( $result->get_headers()['Content-Type'] ?? '' ), 'text/event-stream' ) || ! preg_match( '#^/ai-failover/v1/features/[^/]+/run$#', $request->get_route() ) ) {
			return $served;
		}
		$out = fopen( 'php://output', 'w' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fopen -- streaming to the response.
		if ( false === $out ) {
			return $served;
		}
		$this->write_events( (array) $result->get_data(), $out );
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- closes php://output.
		return true;
	}

	/**
	 * Writes a run result as server-sent events.
	 *
	 * @param array<string, mixed> $result Run_Result::to_array().
	 * @param resource             $stream Output.
	 */
	public function write_events( array $result, $stream ): void {
		$send = static function ( string $event, mixed $data ) use ( $stream ): void {
			fwrite( $stream, 'event: ' . $event . "\n" . 'data: ' . wp_json_encode( $data ) . "\n\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- the response stream.
		};
		foreach ( (array) ( $result['attempts'] ?? array() ) as $attempt ) {
			$send( 'attempt', $attempt );
			if ( 'fallback' === ( $attempt['decision'] ?? '' ) ) {
				$send(
					'fallback',
					array(
						'from'   => $attempt['route'],
						'reason' => $attempt['reason'],
					)
				);
			}
		}
		$text = (string) ( $result['output']['text'] ?? '' );
		if ( '' !== $text ) {
			$send( 'delta', array( 'text' => $text ) );
		}
		$final = array(
			'success'    => 'done',
			'incomplete' => 'incomplete',
		)[ $result['status'] ?? '' ] ?? 'failed';
		$send( $final, $result );
	}
}
