<?php
/**
 * The real clock, sleeper and randomness.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Random_Source;
use AI_Failover\Contracts\Sleeper;

/**
 * The production clock, sleeper and randomness: microtime(), usleep() and random_int(), behind the engine's interfaces.
 *
 * @since 0.1.0
 */
final class System_Clock implements Clock, Sleeper, Random_Source {

	public function now_ms(): float {
		return microtime( true ) * 1000;
	}

	public function sleep_ms( int $ms ): void {
		if ( $ms > 0 ) {
			usleep( $ms * 1000 );
		}
	}

	public function next_float(): float {
		return random_int( 0, PHP_INT_MAX - 1 ) / PHP_INT_MAX;
	}
}
