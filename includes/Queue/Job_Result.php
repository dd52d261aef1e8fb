<?php
/**
 * What a job handler reports.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

/**
 * Done (whatever the run's own outcome was), failed for good, or to be retried later (after
 * the provider's Retry-After when it gave one).
 *
 * @since n.e.x.t
 */
final class Job_Result {

	public const DONE   = 'done';
	public const FAILED = 'failed';
	public const RETRY  = 'retry';

	/**
	 * @param string                    $kind        One of the constants.
	 * @param string                    $outcome     The run's status (succeeded, failed, stopped), or ''.
	 * @param string                    $ref         The run id, or ''.
	 * @param array<string, mixed>|null $error       Typed error (`class`, `message`, `retry_after` in seconds, ...).
	 * @param float|null                $retry_after Seconds the provider asked to wait, for RETRY.
	 */
	private function __construct(
		public readonly string $kind,
		public readonly string $outcome,
		public readonly string $ref,
		public readonly ?array $error,
		public readonly ?float $retry_after,
	) {
	}

	/**
	 * @param string                    $outcome The run's status.
	 * @param string                    $ref     The run id.
	 * @param array<string, mixed>|null $error   The run's error, kept with the job.
	 */
	public static function done( string $outcome, string $ref, ?array $error = null ): self {
		return new self( self::DONE, $outcome, $ref, $error, null );
	}

	/**
	 * @param array<string, mixed> $error   Why, kept with the dead job.
	 * @param string               $outcome The run's status, if one ran.
	 * @param string               $ref     The run id, if one ran.
	 */
	public static function failed( array $error, string $outcome = '', string $ref = '' ): self {
		return new self( self::FAILED, $outcome, $ref, $error, null );
	}

	/**
	 * @param array<string, mixed> $error       Why.
	 * @param float|null           $retry_after Seconds to wait (the provider's Retry-After), null for the queue's backoff.
	 * @param string               $outcome     The run's status, if one ran.
	 * @param string               $ref         The run id, if one ran.
	 */
	public static function retry( array $error, ?float $retry_after, string $outcome = '', string $ref = '' ): self {
		return new self( self::RETRY, $outcome, $ref, $error, $retry_after );
	}
}
