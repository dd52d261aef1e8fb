<?php
/**
 * One job of the durable queue.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

/**
 * A row of `{prefix}aifo_jobs`, as the runner and the Queue screen see it. Times are Unix
 * milliseconds (0 = not yet), so leases and the order of concurrent workers can be compared.
 *
 * @since n.e.x.t
 */
final class Job {

	public const QUEUED    = 'queued';
	public const RUNNING   = 'running';
	public const DONE      = 'done';
	public const FAILED    = 'failed';
	public const CANCELLED = 'cancelled';

	public const STATUSES = array( self::QUEUED, self::RUNNING, self::DONE, self::FAILED, self::CANCELLED );

	/**
	 * @param int                       $id           Row id.
	 * @param string                    $type         Handler type (`workflow_run`, `feature_run`).
	 * @param string                    $status       One of the constants.
	 * @param string                    $source       What queued it: `schedule`, `publish`, `async`, `cli`, `deferred`.
	 * @param int                       $workflow_id  Workflow post id (0 when none).
	 * @param int                       $post_id      The post that triggered it (on-publish), else 0.
	 * @param int                       $user_id      Who queued it (the run runs as this user; 0 = nobody).
	 * @param array<string, mixed>      $payload      Handler input.
	 * @param int                       $attempts     Times it was claimed.
	 * @param int                       $max_attempts Claims allowed before it is failed for good.
	 * @param int                       $run_after    Not before this time (a deferral, a Retry-After).
	 * @param string                    $lease_token  The current claim ('' when none).
	 * @param int                       $lease_until  The claim expires then.
	 * @param int                       $created_at   Queued at.
	 * @param int                       $started_at   Last claimed at.
	 * @param int                       $finished_at  Finished at (done, failed, cancelled).
	 * @param string                    $outcome      The run's status when it finished (succeeded, failed, stopped), else ''.
	 * @param string                    $result_ref   The workflow run id it produced, else ''.
	 * @param array<string, mixed>|null $last_error   The last failure: typed error (`class`, `message`, `retry_after`, ...).
	 */
	public function __construct(
		public readonly int $id,
		public readonly string $type,
		public readonly string $status,
		public readonly string $source,
		public readonly int $workflow_id,
		public readonly int $post_id,
		public readonly int $user_id,
		public readonly array $payload,
		public readonly int $attempts,
		public readonly int $max_attempts,
		public readonly int $run_after,
		public readonly string $lease_token,
		public readonly int $lease_until,
		public readonly int $created_at,
		public readonly int $started_at,
		public readonly int $finished_at,
		public readonly string $outcome,
		public readonly string $result_ref,
		public readonly ?array $last_error,
	) {
	}

	/**
	 * From a database row.
	 *
	 * @param array<string, mixed> $row Row.
	 */
	public static function from_row( array $row ): self {
		$payload = json_decode( (string) ( $row['payload'] ?? '' ), true );
		$error   = json_decode( (string) ( $row['last_error'] ?? '' ), true );
		return new self(
			(int) $row['id'],
			(string) $row['type'],
			(string) $row['status'],
			(string) $row['source'],
			(int) $row['workflow_id'],
			(int) $row['post_id'],
			(int) $row['user_id'],
			is_array( $payload ) ? $payload : array(),
			(int) $row['attempts'],
			(int) $row['max_attempts'],
			(int) $row['run_after'],
			(string) $row['lease_token'],
			(int) $row['lease_until'],
			(int) $row['created_at'],
			(int) $row['started_at'],
			(int) $row['finished_at'],
			(string) $row['outcome'],
			(string) $row['result_ref'],
			is_array( $error ) ? $error : null
		);
	}

	/**
	 * The queue-job schema's shape (REST, CLI). Times as ISO 8601 UTC, null when not yet.
	 *
	 * @return array<string, mixed>
	 */
	public function to_array(): array {
		return array(
			'id'           => $this->id,
			'type'         => $this->type,
			'status'       => $this->status,
			'source'       => $this->source,
			'workflow'     => $this->workflow_id,
			'feature'      => Feature_Job_Handler::TYPE === $this->type ? (string) ( $this->payload['feature'] ?? '' ) : '',
			'post'         => $this->post_id,
			'attempts'     => $this->attempts,
			'max_attempts' => $this->max_attempts,
			'run_after'    => self::iso( $this->run_after ),
			'created_at'   => self::iso( $this->created_at ),
			'started_at'   => self::iso( $this->started_at ),
			'finished_at'  => self::iso( $this->finished_at ),
			'outcome'      => $this->outcome,
			'run_id'       => $this->result_ref,
			'error'        => null === $this->last_error ? null : array(
				'class'       => (string) ( $this->last_error['class'] ?? '' ),
				'message'     => (string) ( $this->last_error['message'] ?? '' ),
				'retry_after' => is_numeric( $this->last_error['retry_after'] ?? null ) ? (float) $this->last_error['retry_after'] : null,
			),
		);
	}

	/**
	 * @param int $ms Unix milliseconds.
	 */
	private static function iso( int $ms ): ?string {
		return $ms > 0 ? gmdate( 'Y-m-d\TH:i:s\Z', intdiv( $ms, 1000 ) ) : null;
	}
}
