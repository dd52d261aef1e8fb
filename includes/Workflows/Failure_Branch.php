<?php
/**
 * An On failure branch of a step.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * What runs when its step fails with one of `classes` (any class when empty).
 *
 * @since n.e.x.t
 */
final class Failure_Branch {

	/**
	 * @param list<string>                                     $classes Error classes handled; empty = any.
	 * @param list<Step_Node|Stop_Node|Output_Node|Write_Node> $nodes   Nodes, in order.
	 */
	public function __construct(
		public readonly array $classes,
		public readonly array $nodes,
	) {
	}
}
