<?php
/**
 * Variable scope of a workflow graph.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * A template may use `{{input.<name>}}` for a declared input, `{{steps.<id>.output}}` for a step
 * that has run before it on every path that reaches it, and `{{error.<field>}}` inside an On
 * failure branch. On the main path that means the earlier steps of the same container and of the
 * enclosing containers (a failed step's branch stands in for it, so its output is always set);
 * inside an On success branch also its own step; steps inside a branch are not visible after it,
 * since the branch may not run.
 *
 * @since n.e.x.t
 */
final class Scope_Checker {

	/** @var list<Validation_Error> */
	private array $errors = array();

	/** @var array<string, true> Every step id of the graph, for a precise message. */
	private array $all_steps = array();

	/**
	 * @param list<string> $inputs Declared input names.
	 */
	public function __construct( private readonly array $inputs ) {
	}

	/**
	 * @param list<Step_Node|Stop_Node|Output_Node|Write_Node> $nodes Main path.
	 * @return list<Validation_Error>
	 */
	public function check( array $nodes ): array {
		$this->errors    = array();
		$this->all_steps = array();
		foreach ( ( new Workflow_Graph( array(), $nodes ) )->steps() as $step ) {
			$this->all_steps[ $step->id ] = true;
		}
		$this->walk( $nodes, array(), false, null );
		return $this->errors;
	}

	/**
	 * @param list<Step_Node|Stop_Node|Output_Node|Write_Node> $nodes      Container.
	 * @param list<string>                                     $available  Steps whose output is set here.
	 * @param bool                                             $in_failure Inside an On failure branch.
	 * @param string|null                                      $owner      Step the container belongs to.
	 */
	private function walk( array $nodes, array $available, bool $in_failure, ?string $owner ): void {
		foreach ( $nodes as $node ) {
			if ( $node instanceof Step_Node ) {
				$this->template( $node->prompt, $available, $in_failure, $node->id, Graph_Parser::STEP );
				$this->walk( $node->on_success ?? array(), array_merge( $available, array( $node->id ) ), $in_failure, $node->id );
				foreach ( $node->on_failure as $branch ) {
					$this->walk( $branch->nodes, $available, true, $node->id );
				}
				$available[] = $node->id;
			} elseif ( $node instanceof Write_Node ) {
				// The output written is {{steps.<source>.output}}: in scope where that variable is.
				$source = '' === $node->source ? '' : '{{steps.' . $node->source . '.output}}';
				$this->template( $source . $node->post_id . $node->title, $available, $in_failure, $owner, Graph_Parser::WRITE_POST );
			} elseif ( $node instanceof Stop_Node ) {
				$this->template( $node->message, $available, $in_failure, $owner, Graph_Parser::STOP );
			} else {
				$this->template( $node->value, $available, $in_failure, $owner, Graph_Parser::OUTPUT );
			}
		}
	}

	/**
	 * @param string       $template   Template.
	 * @param list<string> $available  Steps whose output is set.
	 * @param bool         $in_failure Inside an On failure branch.
	 * @param string|null  $step       Step to report on.
	 * @param string       $block      Block to report on.
	 */
	private function template( string $template, array $available, bool $in_failure, ?string $step, string $block ): void {
		foreach ( Template::variables( $template ) as $variable ) {
			$problem = $this->problem( $variable, $available, $in_failure );
			if ( null !== $problem ) {
				$this->errors[] = new Validation_Error( $step, $block, 'undefined_variable', $problem );
			}
		}
	}

	/**
	 * @param string       $variable   Variable, e.g. "steps.draft.output".
	 * @param list<string> $available  Steps whose output is set.
	 * @param bool         $in_failure Inside an On failure branch.
	 */
	private function problem( string $variable, array $available, bool $in_failure ): ?string {
		$parts = explode( '.', $variable );
		if ( 'input' === $parts[0] && 2 === count( $parts ) && in_array( $parts[1], $this->inputs, true ) ) {
			return null;
		}
		if ( 'error' === $parts[0] && 2 === count( $parts ) && in_array( $parts[1], Template::ERROR_FIELDS, true ) ) {
			/* translators: %s: Variable, e.g. {{error.class}}. */
			return $in_failure ? null : sprintf( __( '{{%s}} is only set inside an On failure branch.', 'ai-failover' ), $variable );
		}
		if ( Template::is_post_variable( $variable ) ) {
			// Set by an on-publish trigger; '' on other runs.
			return null;
		}
		if ( 'steps' === $parts[0] && 3 === count( $parts ) && 'output' === $parts[2] && isset( $this->all_steps[ $parts[1] ] ) ) {
			/* translators: %s: Variable, e.g. {{steps.draft.output}}. */
			return in_array( $parts[1], $available, true ) ? null : sprintf( __( '{{%s}} is not set here: that step does not always run before this one.', 'ai-failover' ), $variable );
		}
		/* translators: %s: Variable, e.g. {{input.topic}}. */
		return sprintf( __( '{{%s}} is not defined: use an input of the workflow, a step that runs earlier, or an error field in an On failure branch.', 'ai-failover' ), $variable );
	}
}
