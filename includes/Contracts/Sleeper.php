<?php
/**
 * Contract for waiting.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * Blocks for a while; a test double advances a fake clock instead.
 *
 * @since 0.1.0
 */
interface Sleeper {

	/**
	 * Waits.
	 *
	 * @param int $ms Milliseconds.
	 */
	public function sleep_ms( int $ms ): void;
}
