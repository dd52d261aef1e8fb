<?php
/**
 * REST: the durable queue (the Queue screen).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\REST;

use AI_Failover\Capabilities;
use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Queue;
use AI_Failover\Queue\Queue_Runner;
use AI_Failover\Schema\Schema_Registry;

/**
 * Administrators only (`aifo_manage_settings`; cookie requests carry the REST nonce as every
 * route does): list jobs by status, read one, retry it now or cancel it, and run due jobs now
 * (a worker in this request, bounded like the WP-Cron one).
 *
 * @since n.e.x.t
 */
final class Queue_Controller extends Base_Controller {

	/** Time budget of a worker started over REST. */
	private const RUN_BUDGET_MS = 10000;

	public function __construct(
		Schema_Registry $schemas,
		private readonly Queue $queue,
		private readonly Job_Repository $jobs,
	) {
		parent::__construct( $schemas, Capabilities::MANAGE_SETTINGS );
		$this->rest_base = 'queue';
	}

	public function register_routes(): void {
		// GET /ai-failover/v1/queue/jobs.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/queue/jobs',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_items' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'queue-job-query', \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// GET|POST /ai-failover/v1/queue/jobs/{id}.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/queue/jobs/(?P<id>[\d]+)',
			array(
				array(
					'methods'             => \WP_REST_Server::READABLE,
					'callback'            => array( $this, 'get_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'update_item' ),
					'permission_callback' => array( $this, 'check_permission' ),
					'args'                => $this->args_from( 'queue-job-action', \WP_REST_Server::CREATABLE ),
				),
				'schema' => array( $this, 'get_public_item_schema' ),
			)
		);
		// POST /ai-failover/v1/queue/run.
		register_rest_route(
			self::ROUTE_NAMESPACE,
			'/queue/run',
			array(
				array(
					'methods'             => \WP_REST_Server::CREATABLE,
					'callback'            => array( $this, 'run' ),
					'permission_callback' => array( $this, 'check_permission' ),
				),
			)
		);
	}

	/**
	 * @return array<string, mixed>
	 */
	public function get_item_schema(): array {
		return $this->item_schema_from( 'queue-job', 'aifo-queue-job' );
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response
	 */
	public function get_items( $request ) {
		$status   = $request->get_param( 'status' );
		$status   = is_string( $status ) && in_array( $status, Job::STATUSES, true ) ? $status : null;
		$workflow = (int) $request->get_param( 'workflow' );
		$per_page = max( 1, min( 100, (int) ( $request->get_param( 'per_page' ) ?? 20 ) ) );
		$page     = max( 1, (int) ( $request->get_param( 'page' ) ?? 1 ) );
		$total    = $this->jobs->count( $status, $workflow );
		$items    = array_map( static fn( Job $job ): array => $job->to_array(), $this->jobs->list( $status, $workflow, $per_page, ( $page - 1 ) * $per_page ) );
		$response = rest_ensure_response( $items );
		$response->header( 'X-WP-Total', (string) $total );
		$response->header( 'X-WP-TotalPages', (string) max( 1, (int) ceil( $total / $per_page ) ) );
		foreach ( $this->jobs->counts() as $name => $count ) {
			$response->header( 'X-AIFO-Count-' . ucfirst( $name ), (string) $count );
		}
		return $response;
	}

	/**
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function get_item( $request ) {
		$job = $this->jobs->find( (int) $this->path_param( $request, 'id' ) );
		return null === $job ? $this->job_not_found() : rest_ensure_response( $job->to_array() );
	}

	/**
	 * Retry now or cancel.
	 *
	 * @param \WP_REST_Request $request Request.
	 * @return \WP_REST_Response|\WP_Error
	 */
	public function update_item( $request ) {
		$fields = $this->body_fields( $request, 'queue-job-action' );
		if ( is_wp_error( $fields ) ) {
			return $fields;
		}
		$id  = (int) $this->path_param( $request, 'id' );
		$job = $this->jobs->find( $id );
		if ( null === $job ) {
			return $this->job_not_found();
		}
		$retry = 'retry' === ( $fields['action'] ?? '' );
		$done  = $retry ? $this->queue->retry_now( $id ) : $this->queue->cancel( $id );
		if ( ! $done ) {
			return new \WP_Error(
				'aifo_job_conflict',
				$retry
					/* translators: %s: Job status. */
					? sprintf( __( 'A %s job cannot be retried: only failed, cancelled or waiting jobs can.', 'ai-failover' ), $job->status )
					/* translators: %s: Job status. */
					: sprintf( __( 'A %s job cannot be cancelled: only queued jobs can.', 'ai-failover' ), $job->status ),
				array(
					'status' => 409,
					'params' => array( 'action' => $job->status ),
				)
			);
		}
		return rest_ensure_response( ( $this->jobs->find( $id ) ?? $job )->to_array() );
	}

	/**
	 * Runs due jobs in this request.
	 *
	 * @return \WP_REST_Response
	 */
	public function run() {
		return rest_ensure_response( array( 'ran' => $this->queue->process( min( self::RUN_BUDGET_MS, Queue_Runner::DEFAULT_BUDGET_MS ), Queue_Runner::MAX_JOBS ) ) );
	}

	private function job_not_found(): \WP_Error {
		return $this->not_found( 'aifo_job_not_found', __( 'There is no such job.', 'ai-failover' ) );
	}
}
