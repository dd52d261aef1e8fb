<?php
/**
 * Retry delays.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Random_Source;

/**
 * Exponential backoff with full jitter: a random delay in [0, min(max, base * 2^(n-1))], so
 * workers that failed together do not retry together.
 *
 * @since 0.1.0
 */
final class Backoff {

	/**
	 * Ceiling of a retry's backoff while a fallback route is ready. Long enough to step over a
	 * blip (another worker, a load balancer's next backend), short enough that a user whose
	 * fallback is healthy hardly waits: the full backoff is for routes that have no fallback.
	 */
	public const FALLBACK_READY_CAP_MS = 25;

	/**
	 * Delay before retry number $retry (1 = first retry).
	 *
	 * @param int           $retry   Retry number, from 1.
	 * @param int           $base_ms Base delay.
	 * @param int           $max_ms  Cap.
	 * @param Random_Source $random  Randomness.
	 * @param bool          $fallback_ready Whether a fallback route is ready to take the request.
	 */
	public static function delay_ms( int $retry, int $base_ms, int $max_ms, Random_Source $random, bool $fallback_ready = false ): int {
		$ceiling = min( $max_ms, $base_ms * ( 2 ** max( 0, min( 20, $retry - 1 ) ) ) );
		if ( $fallback_ready ) {
			$ceiling = min( $ceiling, self::FALLBACK_READY_CAP_MS );
		}
		return (int) floor( $random->next_float() * $ceiling );
	}
}
