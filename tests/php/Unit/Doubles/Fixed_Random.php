<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Random_Source;

/**
 * Returns the given numbers in turn, then the last one forever.
 */
final class Fixed_Random implements Random_Source {

	/** @param list<float> $values Values in [0, 1). */
	public function __construct( private array $values = array( 0.5 ) ) {
	}

	public function next_float(): float {
		return count( $this->values ) > 1 ? (float) array_shift( $this->values ) : (float) $this->values[0];
	}
}
