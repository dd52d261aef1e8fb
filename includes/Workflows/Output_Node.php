<?php
/**
 * An Output block.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Sets the run's output (the last one executed wins).
 *
 * @since n.e.x.t
 */
final class Output_Node {

	/**
	 * @param string $value Value template.
	 */
	public function __construct( public readonly string $value ) {
	}
}
