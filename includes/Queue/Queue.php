<?php
/**
 * The durable queue: enqueue, claim, run, retry, fail.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Contracts\Clock;

/**
 * Jobs are claimed with a lease (Job_Repository::claim), at most concurrency() at a time on the
 * site, and run by their type's handler as the user who queued them. A handler that asks for a
 * retry gets one after the provider's Retry-After (else an exponential backoff), as long as the
 * job has attempts left; nothing ever sleeps in a PHP worker: the job gets a `run_after` and the
 * worker moves on. A job out of attempts, or failed for good, is kept as `failed` with its error
 * (the Queue screen's retry now puts it back). A job whose worker died keeps its slot until its
 * lease expires, then another worker takes it over; one that keeps killing workers fails once
 * its attempts are used.
 *
 * @since n.e.x.t
 */
final class Queue {

	/** A claim's lease: longer than a workflow run may take (Workflow_Runner::MAX_DURATION_MS). */
	public const LEASE_MS = 300000;

	public const DEFAULT_CONCURRENCY  = 2;
	public const DEFAULT_MAX_ATTEMPTS = 3;

	/** Backoff without a Retry-After: 30 s, 60 s, 120 s, ... up to an hour. */
	private const BACKOFF_MS     = 30000;
	private const MAX_BACKOFF_MS = 3600000;

	/** A Retry-After is honoured up to six hours. */
	private const MAX_RETRY_AFTER_MS = 21600000;

	/**
	 * @param Job_Repository             $jobs       Storage.
	 * @param Clock                      $clock      Time.
	 * @param Queue_Dispatcher           $dispatcher Wakes workers.
	 * @param array<string, Job_Handler> $handlers   Handler per job type.
	 */
	public function __construct(
		private readonly Job_Repository $jobs,
		private readonly Clock $clock,
		private readonly Queue_Dispatcher $dispatcher,
		private readonly array $handlers,
	) {
	}

	/**
	 * Queues a job and wakes a worker for it.
	 *
	 * @param string                                                                                                          $type    Handler type.
	 * @param string                                                                                                          $source  What queues it: schedule, publish, async, cli.
	 * @param array<string, mixed>                                                                                            $payload Handler input.
	 * @param array{workflow_id?: int, post_id?: int, user_id?: int, delay_ms?: int, dedupe_key?: string, max_attempts?: int} $options Options.
	 * @return int The job id, 0 when its dedupe key was already queued.
	 */
	public function enqueue( string $type, string $source, array $payload, array $options = array() ): int {
		$now = $this->now();
		$at  = $now + max( 0, $options['delay_ms'] ?? 0 );
		$id  = $this->jobs->enqueue(
			array(
				'type'         => $type,
				'source'       => $source,
				'workflow_id'  => $options['workflow_id'] ?? 0,
				'post_id'      => $options['post_id'] ?? 0,
				'user_id'      => $options['user_id'] ?? 0,
				'payload'      => $payload,
				'max_attempts' => $options['max_attempts'] ?? $this->max_attempts(),
				'run_after'    => $at,
				'created_at'   => $now,
				'dedupe_key'   => $options['dedupe_key'] ?? null,
			)
		);
		if ( $id > 0 ) {
			$this->dispatcher->wake( $at, $now );
		}
		return $id;
	}

	/**
	 * Runs due jobs until none is due, the concurrency limit is reached, $max_jobs ran or the time
	 * budget is spent (checked before each claim: a job started just before the end may run up to
	 * a workflow's own bound past it).
	 *
	 * @param int $budget_ms Time budget.
	 * @param int $max_jobs  Jobs at most.
	 * @return list<array{id: int, status: string}> The jobs this worker ran and how each ended.
	 */
	public function process( int $budget_ms, int $max_jobs ): array {
		$deadline = $this->now() + $budget_ms;
		$token    = bin2hex( random_bytes( 16 ) );
		$ran      = array();
		$count    = 0;
		while ( $count < $max_jobs && $this->now() < $deadline ) {
			$job = $this->jobs->claim( $token, $this->now(), self::LEASE_MS, $this->concurrency() );
			if ( null === $job ) {
				break;
			}
			$ran[] = array(
				'id'     => $job->id,
				'status' => $this->run_claimed( $job, $token ),
			);
			++$count;
		}
		$next = $this->jobs->next_due_at();
		if ( null !== $next && $next > $this->now() ) {
			$this->dispatcher->wake( $next, $this->now() );
		}
		return $ran;
	}

	/**
	 * Runs a claimed job and ends its claim.
	 *
	 * @param Job    $job   Claimed job.
	 * @param string $token The lease token.
	 * @return string The job's status afterwards (`lost` when the lease was taken over meanwhile).
	 */
	public function run_claimed( Job $job, string $token ): string {
		if ( $job->attempts > $job->max_attempts ) {
			$error = array(
				'class'   => 'lease_expired',
				'message' => __( 'The job\'s worker stopped before it finished, on every attempt.', 'ai-failover' ),
			);
			return $this->end( $job, $token, Job_Result::failed( $error + (array) $job->last_error ) );
		}
		$handler = $this->handlers[ $job->type ] ?? null;
		if ( null === $handler ) {
			return $this->end(
				$job,
				$token,
				Job_Result::failed(
					array(
						'class'   => 'unknown_job_type',
						/* translators: %s: Job type. */
						'message' => sprintf( __( 'No handler for jobs of type "%s".', 'ai-failover' ), $job->type ),
					)
				)
			);
		}
		$user = get_current_user_id();
		wp_set_current_user( $job->user_id );
		try {
			$result = $handler->handle( $job );
		} catch ( \Throwable $error ) {
			$result = Job_Result::retry(
				array(
					'class'   => 'internal_error',
					'message' => $error->getMessage(),
				),
				null
			);
		} finally {
			wp_set_current_user( $user );
		}
		return $this->end( $job, $token, $result );
	}

	/**
	 * One job.
	 *
	 * @param int $id Job.
	 */
	public function find( int $id ): ?Job {
		return $id > 0 ? $this->jobs->find( $id ) : null;
	}

	/**
	 * Cancels a queued job.
	 *
	 * @param int $id Job.
	 */
	public function cancel( int $id ): bool {
		return $this->jobs->cancel( $id, $this->now() );
	}

	/**
	 * Queues a failed, cancelled or deferred job again, due now, with its attempts reset.
	 *
	 * @param int $id Job.
	 */
	public function retry_now( int $id ): bool {
		$done = $this->jobs->retry_now( $id, $this->now() );
		if ( $done ) {
			$this->dispatcher->wake( $this->now(), $this->now() );
		}
		return $done;
	}

	/**
	 * Jobs allowed to run at once on this site.
	 */
	public function concurrency(): int {
		/**
		 * Filters how many queued jobs may run at once on the site (each one is a PHP worker that
		 * holds a database connection and calls providers).
		 *
		 * @since n.e.x.t
		 *
		 * @param int $limit Jobs at once; 2 by default.
		 */
		return max( 1, min( 50, (int) apply_filters( 'aifo_queue_concurrency', self::DEFAULT_CONCURRENCY ) ) );
	}

	/**
	 * Attempts a new job gets.
	 */
	public function max_attempts(): int {
		/**
		 * Filters how many times a queued job is tried before it is kept as failed.
		 *
		 * @since n.e.x.t
		 *
		 * @param int $attempts 3 by default.
		 */
		return max( 1, min( 20, (int) apply_filters( 'aifo_queue_max_attempts', self::DEFAULT_MAX_ATTEMPTS ) ) );
	}

	/**
	 * How long a retry waits: the Retry-After when the provider gave one, else the backoff.
	 *
	 * @param int        $attempts    Attempts so far.
	 * @param float|null $retry_after Seconds.
	 */
	public static function retry_delay_ms( int $attempts, ?float $retry_after ): int {
		if ( null !== $retry_after && $retry_after > 0 ) {
			return (int) min( self::MAX_RETRY_AFTER_MS, max( 1000, (int) ceil( $retry_after * 1000 ) ) );
		}
		return (int) min( self::MAX_BACKOFF_MS, self::BACKOFF_MS * 2 ** max( 0, $attempts - 1 ) );
	}

	/**
	 * @param Job        $job    Job.
	 * @param string     $token  Lease token.
	 * @param Job_Result $result What the handler said.
	 */
	private function end( Job $job, string $token, Job_Result $result ): string {
		$now    = $this->now();
		$status = match ( $result->kind ) {
			Job_Result::DONE  => Job::DONE,
			Job_Result::RETRY => $job->attempts < $job->max_attempts ? Job::QUEUED : Job::FAILED,
			default           => Job::FAILED,
		};
		$run_after = Job::QUEUED === $status ? $now + self::retry_delay_ms( $job->attempts, $result->retry_after ) : 0;
		$kept      = $this->jobs->release( $job->id, $token, $status, $now, $result->outcome, $result->ref, $result->error, $run_after );
		if ( ! $kept ) {
			return 'lost';
		}

		/**
		 * A queued job's attempt ended.
		 *
		 * @since n.e.x.t
		 *
		 * @param array<string, mixed> $job    The job afterwards (queue-job schema).
		 * @param string               $status queued (retry later), done or failed.
		 */
		do_action( 'aifo_queue_job_finished', ( $this->jobs->find( $job->id ) ?? $job )->to_array(), $status );
		return $status;
	}

	private function now(): int {
		return (int) floor( $this->clock->now_ms() );
	}
}
