<?php
/**
 * Runs a deferred engine run from the queue.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Error_Class;

/**
 * Jobs of type `feature_run`: a background engine run (REST `background: true`, aifo_run() with
 * `background`) whose wait (a Retry-After) did not fit its time budget. The job keeps the
 * request (messages and options, never a stream listener or a drill) and runs it again as a
 * background run of the feature as it is then. Deferred again (a new Retry-After), or failed on a
 * transient class, it is retried after that wait while it has attempts; an answer (or any other
 * failure) is final, and the job names the run that gave it. Its events name the queue as their
 * caller, with the caller that first asked after it (`queue:rest`, `queue:php`), so the log tells
 * a run the queue made from the request that deferred it.
 *
 * @since n.e.x.t
 */
final class Feature_Job_Handler implements Job_Handler {

	public const TYPE   = 'feature_run';
	public const SOURCE = 'deferred';

	/** The request fields a job keeps: what the engine needs to run it again. */
	private const KEPT = array( 'messages', 'max_tokens', 'temperature', 'validate', 'caller', 'workflow', 'step' );

	/** The caller of a queued run: `queue:` and the original caller. */
	public const CALLER_PREFIX = 'queue:';

	/** The event log's caller column holds this many characters. */
	private const CALLER_MAX = 16;

	public function __construct( private readonly Feature_Runner $runner ) {
	}

	/**
	 * The caller a queued run logs: the queue, then who first asked (`queue:rest`).
	 *
	 * @param string $original The caller of the request that was deferred.
	 */
	public static function queued_caller( string $original ): string {
		$original = str_starts_with( $original, self::CALLER_PREFIX ) ? substr( $original, strlen( self::CALLER_PREFIX ) ) : $original;
		return substr( self::CALLER_PREFIX . ( '' === $original ? 'php' : $original ), 0, self::CALLER_MAX );
	}

	/**
	 * Queues a deferred run, due after the wait it was deferred for. Called only when a run was
	 * deferred, as the user who asked for it (the job runs as them).
	 *
	 * @param Queue                $queue      Queue.
	 * @param string               $feature_id Feature.
	 * @param array<string, mixed> $request    The run request.
	 * @param Run_Result           $result     The deferred result.
	 * @return int Job id (0 when it could not be stored).
	 */
	public static function enqueue( Queue $queue, string $feature_id, array $request, Run_Result $result ): int {
		$retry_after = $result->error['retry_after'] ?? null;
		return $queue->enqueue(
			self::TYPE,
			self::SOURCE,
			array(
				'feature' => $feature_id,
				'request' => array_intersect_key( $request, array_flip( self::KEPT ) ),
				'run_id'  => $result->run_id,
			),
			array(
				'user_id'  => get_current_user_id(),
				'delay_ms' => Queue::retry_delay_ms( 1, is_numeric( $retry_after ) ? (float) $retry_after : null ),
			)
		);
	}

	public function handle( Job $job ): Job_Result {
		$feature     = (string) ( $job->payload['feature'] ?? '' );
		$request     = is_array( $job->payload['request'] ?? null ) ? $job->payload['request'] : array();
		$result      = $this->runner->run(
			$feature,
			array(
				'background' => true,
				'stream'     => false,
				'queued_job' => $job->id,
				'caller'     => self::queued_caller( (string) ( $request['caller'] ?? 'php' ) ),
			) + $request
		);
		$error       = $result->error;
		$retry_after = is_numeric( $error['retry_after'] ?? null ) ? (float) $error['retry_after'] : null;
		if ( Run_Result::DEFERRED === $result->status && null !== $error ) {
			return Job_Result::retry( $error, $retry_after, $result->status, $result->run_id );
		}
		if ( Run_Result::FAILED !== $result->status || null === $error ) {
			return Job_Result::done( $result->status, $result->run_id );
		}
		if ( 'unknown_feature' === ( $error['class'] ?? '' ) ) {
			return Job_Result::failed( $error, $result->status, $result->run_id );
		}
		$class = Error_Class::tryFrom( (string) ( $error['class'] ?? '' ) );
		if ( null !== $class && $class->is_transient() ) {
			return Job_Result::retry( $error, $retry_after, $result->status, $result->run_id );
		}
		return Job_Result::done( $result->status, $result->run_id, $error );
	}
}
