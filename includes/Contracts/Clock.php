<?php
/**
 * Contract for reading time.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * Milliseconds, so the engine's bounds are testable with a fake clock.
 *
 * @since 0.1.0
 */
interface Clock {

	/**
	 * Current time in milliseconds (Unix epoch; fractional allowed).
	 */
	public function now_ms(): float;
}
