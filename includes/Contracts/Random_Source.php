<?php
/**
 * Contract for randomness.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * Jitter and weighted choice draw from here, so tests are deterministic.
 *
 * @since 0.1.0
 */
interface Random_Source {

	/**
	 * A number in [0, 1).
	 */
	public function next_float(): float;
}
