<?php
/**
 * What Graph_Parser found.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * A graph when the block tree is valid, else the problems (the workflow-validation schema).
 *
 * @since n.e.x.t
 */
final class Graph_Parse_Result {

	/**
	 * @param Workflow_Graph|null    $graph  The graph; null when there is any error.
	 * @param list<Validation_Error> $errors Problems, in document order.
	 */
	public function __construct(
		public readonly ?Workflow_Graph $graph,
		public readonly array $errors,
	) {
	}

	/**
	 * @return array{valid: bool, errors: list<array{step: string|null, block: string, code: string, message: string}>}
	 */
	public function to_array(): array {
		return array(
			'valid'  => null !== $this->graph,
			'errors' => array_map( static fn( Validation_Error $e ) => $e->to_array(), $this->errors ),
		);
	}
}
