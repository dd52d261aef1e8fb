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
	 * Delay before retry number $retry (1 = first retry).
	 *
	 * @param int           $retry   Retry number, from 1.
	 * @param int           $base_ms Base delay.
	 * @param int           $max_ms  Cap.
	 * @param Random_Source $random  Randomness.
	 */
	public static function delay_ms( int $retry, int $base_ms, int $max_ms, Random_Source $random ): int {
		$ceiling = min( $max_ms, $base_ms * ( 2 ** max( 0, min( 20, $retry - 1 ) ) ) );
		return (int) floor( $random->next_float() * $ceiling );
	}
}
