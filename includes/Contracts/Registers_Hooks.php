<?php
/**
 * Contract for services wired by the composition root.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * A service that adds its actions and filters when the composition root asks, never in its constructor.
 *
 * @since 0.1.0
 */
interface Registers_Hooks {

	/**
	 * Adds this service's actions and filters.
	 */
	public function register_hooks(): void;
}
