<?php
/**
 * REST: run a feature.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Engine\Engine_Class;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Outcome;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Schema\Schema_Registry;

/**
 * POST /ai-failover/v1/features/{id}/run: the result (answer plus every attempt) as JSON, with
 * HTTP 200 whatever the run's status ("success", "failed", "incomplete", "deferred"): the request
 * itself worked; the run's outcome is data. Drills (`simulate`) need the feature-management capability.
 *
 * With `stream: true` the answer comes live as server-sent events (see Sse_Stream for the events).
 * The callback only checks the request; the run itself happens in `rest_pre_serve_request`, after
 * WordPress has set its headers and before it would print JSON, so every event can be flushed to
 * the client the moment it happens. Dispatched in-process (rest_do_request(), tests), a streamed
 * run answers with its whole result instead, which serve_stream() can still frame as events.
 *
 * @since 0.1.0
 */
final class Runs_Controller extends Base_Controller {

	/**
	 * The streamed run this HTTP request asked for, until serve_stream() runs it.
	 *
	 * @var array{request: \WP_REST_Request, feature: string, fields: array<string, mixed>, hold: bool}|null
	 */
	private ?array $pending_stream = null;

	/**
	 * Whether this request's response went out as a live stream.
	 *
	 * @var bool
	 */
	private bool $streamed = false;

	public function __construct(
		Schema_Registry $schemas,
		private readonly Feature_Runner $runner,
		private readonly ?Feature_Repository $features = null,
	) {
		parent::__construct( $schemas, Capabilities::RUN_FEATURES );
		$this->rest_base = 'features';
	}

	public function register_hooks(): void {
		parent::register_hooks();
		add_filter( 'rest_pre_serve_request', array( $this, 'serve_stream' ), 10, 3 );
		// WordPress 6.1 sends its no-cache headers after rest_pre_serve_request: a stream sends
		// them itself, before its first byte, and this keeps WordPress from sending them too late.
		add_filter( 'rest_send_nocache_headers', array( $this, 'send_nocache_headers' ), PHP_INT_MAX );
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
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * The run result's schema (generated from zod's RunResultSchema).
	 *
	 * @return array<string, mixed>
	 */
	public function get_item_schema() {
		return $this->item_schema_from( 'run-result', 'aifo-run-result' );
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
		$pattern = Output_Checks::pattern_problem( $fields['validate']['regex'] ?? null );
		if ( null !== $pattern ) {
			// Before the first attempt: a broken pattern must not cost a provider call.
			return new \WP_Error(
				'rest_invalid_param',
				/* translators: %s: Parameter name. */
				sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), 'validate' ),
				array(
					'status' => 400,
					'params' => array( 'validate' => $pattern ),
				)
			);
		}
		$feature = $this->path_param( $request, 'id' );
		$fields  = array( 'caller' => 'rest' ) + $fields;
		if ( ! empty( $fields['stream'] ) && null !== $this->features && self::is_served_request( $request ) ) {
			$stored = $this->features->get( $feature );
			if ( null === $stored ) {
				/* translators: %s: Feature id. */
				return $this->not_found( 'aifo_feature_not_found', sprintf( __( 'There is no AI feature "%s".', 'ai-failover' ), $feature ) );
			}
			if ( null !== $this->runner->access_refusal( $feature ) ) {
				// Refused before the stream starts: a JSON 403, logged by the (refused) run.
				return $this->refused( $feature, $this->runner->run( $feature, array( 'stream' => false ) + $fields ) );
			}
			$this->pending_stream = array(
				'request' => $request,
				'feature' => $feature,
				'fields'  => $fields,
				// The feature's stored quality rules hold a streamed answer as the request's own do.
				'hold'    => ! empty( $fields['validate'] ) || array() !== Feature_Policy::quality( $stored['routing']['quality'] ?? null ),
			);
			return self::with_stream_headers( new \WP_REST_Response( null, 200 ) );
		}

		$result = $this->runner->run( $feature, $fields );
		if ( 'unknown_feature' === ( $result->error['class'] ?? '' ) ) {
			return $this->not_found( 'aifo_feature_not_found', (string) $result->error['message'] );
		}
		if ( Engine_Class::Access_Denied->value === ( $result->error['class'] ?? '' ) ) {
			return $this->refused( $feature, $result );
		}
		$response = rest_ensure_response( $result->to_array() );
		return ! empty( $fields['stream'] ) ? self::with_stream_headers( $response ) : $response;
	}

	/**
	 * The 403 of a run the feature's access rule refused: `aifo_access_denied`, the sentence,
	 * which check refused it (`reason`: role, ip or server) and the run id of its log entry.
	 *
	 * @param string     $feature Feature id.
	 * @param Run_Result $result  The refused run.
	 */
	private function refused( string $feature, Run_Result $result ): \WP_Error {
		return new \WP_Error(
			'aifo_access_denied',
			(string) ( $result->error['message'] ?? '' ),
			array(
				'status' => 403,
				'reason' => $this->runner->access_refusal( $feature )['code'] ?? '',
				'run_id' => $result->run_id,
			)
		);
	}

	/**
	 * Serves a streamed run: runs it now, writing each event to the client as it happens.
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
		$pending              = $this->pending_stream;
		$this->pending_stream = null;
		$this->streamed       = true;
		self::start_stream();
		if ( null !== $pending && $pending['request'] === $request ) {
			$this->run_live( $pending['feature'], $pending['fields'], $out, $pending['hold'] );
		} else {
			$this->write_events( (array) $result->get_data(), $out );
		}
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- closes php://output.
		return true;
	}

	/**
	 * Runs a feature with its events going to the client as they happen.
	 *
	 * @param string               $feature Feature id.
	 * @param array<string, mixed> $fields  Run request.
	 * @param resource             $out     php://output.
	 * @param bool                 $hold    Whether the answer is checked before it goes out (held until it passed).
	 * @throws \Throwable What the run threw, once the stream has ended with a `failed` event.
	 */
	private function run_live( string $feature, array $fields, $out, bool $hold ): void {
		$events = new Sse_Stream( $out, $hold );
		try {
			$run = $this->runner->run( $feature, array( 'listener' => $events ) + $fields );
		} catch ( \Throwable $error ) {
			// The status line is long gone: end the stream coherently, then let PHP report the bug.
			$events->finish(
				array(
					'status' => 'failed',
					'error'  => array(
						'class'   => 'internal_error',
						'message' => __( 'The run stopped on an internal error.', 'ai-failover' ),
					),
				)
			);
			throw $error;
		}
		$events->finish( $run->to_array() );
	}

	/**
	 * Keeps WordPress from sending no-cache headers after a stream has started (they went out
	 * with the stream's first byte).
	 *
	 * @param bool $send Whether WordPress sends them.
	 * @return bool
	 */
	public function send_nocache_headers( $send ) {
		return ! $this->streamed && (bool) $send;
	}

	/**
	 * Writes a finished run's result as the same events a live stream sends, in the same order.
	 *
	 * @param array<string, mixed> $result Run_Result::to_array().
	 * @param resource             $stream Output.
	 */
	public function write_events( array $result, $stream ): void {
		$events   = new Sse_Stream( $stream );
		$text     = (string) ( $result['output']['text'] ?? '' );
		$attempts = array_values( (array) ( $result['attempts'] ?? array() ) );
		foreach ( $attempts as $index => $attempt ) {
			$answered = in_array( $attempt['outcome'] ?? '', array( Outcome::Success->value, Outcome::Incomplete->value ), true );
			if ( $answered && '' !== $text ) {
				$events->on_delta( $text );
				$text = '';
			}
			$events->on_event( 'attempt', (array) $attempt );
			if ( 'fallback' === ( $attempt['decision'] ?? '' ) ) {
				$events->on_event(
					'fallback',
					array(
						'from'   => $attempt['route'] ?? '',
						'to'     => $attempts[ $index + 1 ]['route'] ?? '',
						'reason' => $attempt['reason'] ?? '',
					)
				);
			}
		}
		$events->finish( $result );
	}

	/**
	 * Headers, then nothing between the events and the client: no PHP output buffer left, the
	 * web server told not to buffer (X-Accel-Buffering, also sent by the response), and the run
	 * kept going if the client leaves so that it is still logged. Also the workflow runs route's.
	 */
	public static function start_stream(): void {
		if ( ! headers_sent() ) {
			foreach ( wp_get_nocache_headers() as $name => $value ) {
				if ( '' === $value ) {
					header_remove( $name );
				} else {
					header( $name . ': ' . $value );
				}
			}
			header( 'Content-Type: text/event-stream; charset=utf-8' );
			header( 'Cache-Control: no-cache' );
			header( 'X-Accel-Buffering: no' );
		}
		ignore_user_abort( true );
		while ( ob_get_level() > 0 ) {
			$buffer = ob_get_status();
			if ( ! ( (int) ( $buffer['flags'] ?? 0 ) & PHP_OUTPUT_HANDLER_REMOVABLE ) || ! ob_end_flush() ) {
				break;
			}
		}
		// PHP sends the headers with the first byte of body: a comment line (which every SSE client
		// ignores) gets them to the client now, before the first attempt has even been sent.
		echo ": ai-failover run\n\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- a constant SSE comment.
		flush();
	}

	/**
	 * Whether the request is the one WordPress is serving over HTTP right now (not one dispatched
	 * in-process with rest_do_request()): only that one can be answered live. An `_envelope`
	 * request wants its headers in a JSON body, so it gets the whole result instead.
	 *
	 * @param \WP_REST_Request $request Request.
	 */
	private static function is_served_request( \WP_REST_Request $request ): bool {
		$wp = $GLOBALS['wp'] ?? null;
		return defined( 'REST_REQUEST' ) && REST_REQUEST && $wp instanceof \WP && isset( $wp->query_vars['rest_route'] )
			&& untrailingslashit( (string) $wp->query_vars['rest_route'] ) === $request->get_route()
			&& null === $request->get_param( '_envelope' );
	}

	/**
	 * @param \WP_REST_Response $response Response.
	 */
	private static function with_stream_headers( \WP_REST_Response $response ): \WP_REST_Response {
		$response->header( 'Content-Type', 'text/event-stream; charset=utf-8' );
		$response->header( 'Cache-Control', 'no-cache' );
		$response->header( 'X-Accel-Buffering', 'no' );
		return $response;
	}

	/**
	 * Writes one server-sent event (also used by the workflow runs route).
	 *
	 * @param resource $stream Output.
	 * @param string   $event  Event name.
	 * @param mixed    $data   JSON-encoded as the event's data.
	 */
	public static function send_event( $stream, string $event, mixed $data ): void {
		fwrite( $stream, 'event: ' . $event . "\n" . 'data: ' . wp_json_encode( $data ) . "\n\n" ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fwrite -- the response stream.
	}
}
