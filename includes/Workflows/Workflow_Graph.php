<?php
/**
 * A validated workflow.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * The declared inputs and the main path (the root's children, in order). Only Graph_Parser
 * builds one, and only from a block tree without errors.
 *
 * @since n.e.x.t
 */
final class Workflow_Graph {

	/**
	 * @param list<array{name: string, label: string, type: string, required: bool, default: string}> $inputs Declared inputs.
	 * @param list<Step_Node|Stop_Node|Output_Node|Write_Node>                                        $nodes  Main path.
	 */
	public function __construct(
		public readonly array $inputs,
		public readonly array $nodes,
	) {
	}

	/**
	 * Every step, depth first in block order (for dry runs and summaries).
	 *
	 * @return list<Step_Node>
	 */
	public function steps(): array {
		$steps = array();
		$walk  = static function ( array $nodes ) use ( &$walk, &$steps ): void {
			foreach ( $nodes as $node ) {
				if ( $node instanceof Step_Node ) {
					$steps[] = $node;
					$walk( $node->on_success ?? array() );
					foreach ( $node->on_failure as $branch ) {
						$walk( $branch->nodes );
					}
				}
			}
		};
		$walk( $this->nodes );
		return $steps;
	}
}
