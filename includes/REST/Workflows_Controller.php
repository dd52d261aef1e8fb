<?php
/**
 * REST: validate and run workflows, read their runs.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Queue\Queue;
use AI_Failover\Queue\Workflow_Job_Handler;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Service;

/**
 * Routes of WORKFLOW-CONTRACT.md. Whoever may run workflows (editors and administrators) may
 * validate, run and read the runs of a workflow they may edit; drills (`simulate`) need the
 * feature-management capability. A run answers 200 whatever its status (the run's outcome is
 * data), 400 `aifo_workflow_invalid` with the errors per step when the graph is invalid.
 *
 * With `stream: true` the run is sent as server-sent events while it runs: `step_started`
 * `{ step, label }`, `step_finished` (a step record), then `done` (the whole run).
 *
 * @since n.e.x.t
 */
final class Workflows_Controller extends Base_Controller {

	/**
	 * A validated streamed run waiting for rest_pre_serve_request.
	 *
	 * @var array{post: \WP_Post, prepared: array{graph: \AI_Failover\Workflows\Workflow_Graph, values: array<string, string>, drills: array<string, string>}}|null
	 */
	private ?array $stream = null;

	/** @var bool Whether this request's stream has begun (its headers are out). */
	private bool $streamed = false;

	public function __construct(
		Schema_Registry $schemas,
		private readonly Workflow_Service $workflows,
		private readonly ?Queue $queue = null,
	) {
		parent::__construct( $schemas, Capabilities::RUN_WORKFLOWS );
		$this->rest_base = 'workflows';
	}

	public function register_hooks(): void {
		parent::register_hooks();
		// After WordPress's CORS headers (priority 10): headers set once the stream began would warn.
		add_filter( 'rest_pre_serve_request', array( $this, 'serve_stream' ), 20, 3 );
		// WordPress 6.1 sends its no-cache headers after rest_pre_serve_request: the stream sent them.
		add_filter( 'rest_send_nocache_headers', array( $this, 'send_nocache_headers' ), PHP_INT_MAX );
	}

	public function register_routes(): void {
		// POST /ai-failover/v1/workflows/validate.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/workflows/validate',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'validate' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'workflow-validate-request', \WP_REST_Server::CREATABLE ),
				),
			)
		);
		// GET|POST /ai-failover/v1/workflows/{id}/runs.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/workflows/(?P<id>[\d]+)/runs',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'get_items_permissions_check' ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'create_item' ),
					'permission_callback' => array( $this, 'create_item_permissions_check' ),
					'args'                => $this->args_from( 'workflow-run-request', \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET /ai-failover/v1/workflow-runs/{run_id}.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/workflow-runs/(?P<run_id>[a-f0-9]{16})',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'get_item_permissions_check' ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		return $this->item_schema_from( 'workflow-run', 'aifo-workflow-run' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_items_permissions_check( $request ) {
		return $this->can_use_workflow( (int) $this->path_param( $request, 'id' ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function create_item_permissions_check( $request ) {
		$allowed = $this->can_use_workflow( (int) $this->path_param( $request, 'id' ) );
		if ( true === $allowed && ! empty( $request->get_param( 'simulate' ) ) && ! current_user_can( Capabilities::MANAGE_FEATURES ) ) {
			return new \WP_Error(
				'aifo_forbidden',
				__( 'Only administrators can simulate failures.', 'ai-failover' ),
				array(
					'status' => rest_authorization_required_code(),
					'params' => array( 'simulate' => __( 'Not allowed for your role.', 'ai-failover' ) ),
				)
			);
		}
		return $allowed;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return true|\WP_Error
	 */
	public function get_item_permissions_check( $request ) {
		$allowed = $this->check_permission( $request );
		if ( true !== $allowed ) {
			return $allowed;
		}
		$run = $this->workflows->find_run( $this->path_param( $request, 'run_id' ) );
		return null === $run ? true : $this->can_use_workflow( $run->workflow );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function validate( $request ) {
		$fields = $this->body_fields( $request, 'workflow-validate-request' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		return rest_ensure_response( $this->workflows->validate( (string) $fields['content'] )->to_array() );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function create_item( $request ) {
		$fields = $this->body_fields( $request, 'workflow-run-request' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		$post = $this->workflows->workflow( (int) $this->path_param( $request, 'id' ) );
		if ( null === $post ) {
			return $this->workflow_not_found();
		}
		$input    = (array) ( $fields['input'] ?? array() );
		$simulate = array_values( (array) ( $fields['simulate'] ?? array() ) );
		if ( ! empty( $fields['async'] ) ) {
			return $this->enqueue( $post, $input, $fields );
		}
		if ( ! empty( $fields['stream'] ) && empty( $fields['dry_run'] ) ) {
			$prepared = $this->workflows->prepare( $post, $input, $simulate );
			if ( is_wp_error( $prepared ) ) {
				return $prepared;
			}
			$this->stream = array(
				'post'     => $post,
				'prepared' => $prepared,
			);
			$response     = new \WP_REST_Response( null, 200 );
			$response->header( 'Content-Type', 'text/event-stream; charset=utf-8' );
			$response->header( 'Cache-Control', 'no-cache' );
			$response->header( 'X-Accel-Buffering', 'no' );
			return $response;
		}
		$run = $this->workflows->run( $post, $input, ! empty( $fields['dry_run'] ), $simulate );
		return is_wp_error( $run ) ? $run : rest_ensure_response( $run->to_array() );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_items( $request ) {
		$id = (int) $this->path_param( $request, 'id' );
		if ( null === $this->workflows->workflow( $id ) ) {
			return $this->workflow_not_found();
		}
		return $this->collection( array_map( static fn( Workflow_Run $run ) => $run->to_array(), $this->workflows->latest_runs( $id ) ) );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$run = $this->workflows->find_run( $this->path_param( $request, 'run_id' ) );
		if ( null === $run ) {
			return $this->not_found( 'aifo_workflow_run_not_found', __( 'There is no such workflow run.', 'ai-failover' ) );
		}
		return rest_ensure_response( $run->to_array() );
	}

	/**
	 * `async: true`: validates the graph and the input now (a 400 names the problem), then queues
	 * the run and answers 202 with the job; the run is listed with the workflow's runs once done.
	 *
	 * @param \WP_Post             $post   Workflow.
	 * @param array<string, mixed> $input  Input values.
	 * @param array<string, mixed> $fields Request fields.
	 * @return \WP_REST_Response|\WP_Error
	 */
	private function enqueue( \WP_Post $post, array $input, array $fields ) {
		foreach ( array( 'stream', 'dry_run', 'simulate' ) as $other ) {
			if ( ! empty( $fields[ $other ] ) ) {
				return new \WP_Error(
					'rest_invalid_param',
					/* translators: %s: Parameter name. */
					sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), 'async' ),
					array(
						'status' => 400,
						/* translators: %s: The other parameter (stream, dry_run, simulate). */
						'params' => array( 'async' => sprintf( __( 'A queued run cannot also use %s.', 'ai-failover' ), $other ) ),
					)
				);
			}
		}
		$prepared = $this->workflows->prepare( $post, $input );
		if ( is_wp_error( $prepared ) ) {
			return $prepared;
		}
		$id  = null === $this->queue ? 0 : $this->queue->enqueue(
			Workflow_Job_Handler::TYPE,
			'async',
			array( 'input' => $input ),
			array(
				'workflow_id' => $post->ID,
				'user_id'     => get_current_user_id(),
			)
		);
		$job = null === $this->queue ? null : $this->queue->find( $id );
		if ( null === $job ) {
			return new \WP_Error( 'aifo_queue_unavailable', __( 'The run could not be queued.', 'ai-failover' ), array( 'status' => 500 ) );
		}
		$response = rest_ensure_response( $job->to_array() );
		$response->set_status( 202 );
		$response->header( 'Location', rest_url( self::ROUTE_NAMESPACE . '/queue/jobs/' . $id ) );
		return $response;
	}

	/**
	 * Runs a validated streamed run, sending each step's events as it happens.
	 *
	 * @param bool              $served  Already served.
	 * @param \WP_HTTP_Response $result  Result.
	 * @param \WP_REST_Request  $request Request.
	 * @return bool
	 */
	public function serve_stream( $served, $result, $request ) {
		if ( $served || null === $this->stream || ! preg_match( '#^/ai-failover/v1/workflows/\d+/runs$#', $request->get_route() ) ) {
			return $served;
		}
		$out = fopen( 'php://output', 'w' ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_fopen -- streaming to the response.
		if ( false === $out ) {
			return $served;
		}
		// Headers (no-cache included) before the first byte, no output buffer, the run kept going
		// when the tab closes: as a feature run's stream.
		$this->streamed = true;
		Runs_Controller::start_stream();
		$send = static function ( string $event, array $data ) use ( $out ): void {
			Runs_Controller::send_event( $out, $event, $data );
			fflush( $out );
			flush();
		};
		$run  = $this->workflows->execute( $this->stream['post'], $this->stream['prepared'], $send );
		$send( 'done', $run->to_array() );
		fclose( $out ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_read_fclose -- closes php://output.
		$this->stream = null;
		return true;
	}

	/**
	 * Keeps WordPress from sending no-cache headers after a stream has started.
	 *
	 * @param bool $send Whether WordPress sends them.
	 * @return bool
	 */
	public function send_nocache_headers( $send ) {
		return ! $this->streamed && (bool) $send;
	}

	/**
	 * Whether the current user may run (and read the runs of) a workflow.
	 *
	 * @param int $workflow_id Workflow post id.
	 * @return true|\WP_Error
	 */
	private function can_use_workflow( int $workflow_id ) {
		if ( current_user_can( Capabilities::RUN_WORKFLOWS ) && ( null === $this->workflows->workflow( $workflow_id ) || current_user_can( 'edit_post', $workflow_id ) ) ) {
			return true;
		}
		return new \WP_Error(
			'aifo_forbidden',
			__( 'Sorry, you are not allowed to run this workflow.', 'ai-failover' ),
			array( 'status' => rest_authorization_required_code() )
		);
	}

	private function workflow_not_found(): \WP_Error {
		return $this->not_found( 'aifo_workflow_not_found', __( 'There is no such workflow.', 'ai-failover' ) );
	}
}
