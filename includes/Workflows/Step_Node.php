<?php
/**
 * A step of a validated workflow graph.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * One `ai-failover/step` block: the feature to run, the prompt template, the output rules and the
 * branches that follow its success or failure.
 *
 * @since n.e.x.t
 */
final class Step_Node {

	/**
	 * @param string                                                $id         Step id, unique in the workflow.
	 * @param string                                                $label      Label.
	 * @param string                                                $feature    Feature id.
	 * @param string                                                $prompt     Prompt template.
	 * @param array<string, mixed>                                  $validation Output rules (step attributes schema).
	 * @param list<Step_Node|Stop_Node|Output_Node|Write_Node>|null $on_success Nodes of the On success branch; null without one.
	 * @param list<Failure_Branch>                                  $on_failure On failure branches, in block order.
	 */
	public function __construct(
		public readonly string $id,
		public readonly string $label,
		public readonly string $feature,
		public readonly string $prompt,
		public readonly array $validation,
		public readonly ?array $on_success,
		public readonly array $on_failure,
	) {
	}

	/**
	 * The branch that handles an error class: the first limited to the class, else the first
	 * that takes any error, else none (the run fails with the step's error).
	 *
	 * @param string $error_class Class of the step's error.
	 */
	public function failure_branch_for( string $error_class ): ?Failure_Branch {
		foreach ( $this->on_failure as $branch ) {
			if ( in_array( $error_class, $branch->classes, true ) ) {
				return $branch;
			}
		}
		foreach ( $this->on_failure as $branch ) {
			if ( ! $branch->classes ) {
				return $branch;
			}
		}
		return null;
	}
}
