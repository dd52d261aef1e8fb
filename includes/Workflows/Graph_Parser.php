<?php
/**
 * Turns a workflow's saved block tree into a validated graph.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Reads the output of parse_blocks() (block attributes carry everything: the blocks save no
 * markup of their own) and lists every problem per step: unknown or misplaced blocks, branches
 * outside a step, invalid or duplicate ids, missing or deleted features, invalid rules,
 * unreachable blocks, nesting beyond the limit and undefined variables (Scope_Checker). A graph
 * is returned only when there is no problem at all, so the runner never sees a broken workflow.
 *
 * Attributes equal to their block.json default are not saved, so the defaults are applied here.
 *
 * @since n.e.x.t
 */
final class Graph_Parser {

	public const WORKFLOW   = 'ai-failover/workflow';
	public const STEP       = 'ai-failover/step';
	public const ON_SUCCESS = 'ai-failover/on-success';
	public const ON_FAILURE = 'ai-failover/on-failure';
	public const STOP       = 'ai-failover/stop';
	public const OUTPUT     = 'ai-failover/output';
	public const WRITE_POST = 'ai-failover/write-post';

	/** Deepest step: a top-level step is depth 1, a step in one of its branches depth 2, ... */
	public const MAX_DEPTH = 3;

	/** Step blocks one workflow may hold (executions per run are bounded separately). */
	public const MAX_STEP_BLOCKS = 50;

	public const NAME_PATTERN = '/^[a-z][a-z0-9_]{0,39}$/D';

	/** @var list<Validation_Error> */
	private array $errors = array();

	/** @var array<string, true> */
	private array $step_ids = array();

	private int $step_blocks = 0;

	/**
	 * @param \Closure(string): bool $feature_exists Whether a feature id exists.
	 * @param list<string>           $error_classes  Classes an On failure branch may be limited to.
	 */
	public function __construct(
		private readonly \Closure $feature_exists,
		private readonly array $error_classes,
	) {
	}

	/**
	 * Parses serialized block content (saved or not).
	 *
	 * @param string $content Post content.
	 */
	public function parse_content( string $content ): Graph_Parse_Result {
		return $this->parse( parse_blocks( $content ) );
	}

	/**
	 * @param array<int|string, array<string, mixed>> $blocks parse_blocks() output.
	 */
	public function parse( array $blocks ): Graph_Parse_Result {
		$this->errors      = array();
		$this->step_ids    = array();
		$this->step_blocks = 0;

		$roots = array();
		foreach ( $blocks as $block ) {
			if ( Parsed_Block::is_blank( $block ) ) {
				continue;
			}
			if ( self::WORKFLOW === ( $block['blockName'] ?? null ) ) {
				$roots[] = $block;
				continue;
			}
			$this->error( null, Parsed_Block::name_of( $block ), 'content_outside_root', __( 'Only the workflow block may be at the top of a workflow.', 'ai-failover' ) );
		}
		if ( ! $roots ) {
			$this->error( null, self::WORKFLOW, 'no_root', __( 'The workflow block is missing.', 'ai-failover' ) );
			return new Graph_Parse_Result( null, $this->errors );
		}
		if ( count( $roots ) > 1 ) {
			$this->error( null, self::WORKFLOW, 'multiple_roots', __( 'A workflow has exactly one workflow block.', 'ai-failover' ) );
		}

		$inputs = $this->inputs( (array) ( $roots[0]['attrs']['inputs'] ?? array() ) );
		$nodes  = $this->nodes( Parsed_Block::inner( $roots[0] ), null, 1 );
		if ( 0 === $this->step_blocks && ! array_filter( $nodes, static fn( $node ) => $node instanceof Output_Node ) ) {
			$this->error( null, self::WORKFLOW, 'empty_workflow', __( 'Add a step (or an output) to the workflow.', 'ai-failover' ) );
		}
		if ( $this->step_blocks > self::MAX_STEP_BLOCKS ) {
			/* translators: %d: Maximum number of steps. */
			$this->error( null, self::WORKFLOW, 'too_many_steps', sprintf( __( 'A workflow holds at most %d steps.', 'ai-failover' ), self::MAX_STEP_BLOCKS ) );
		}
		$names = array_map( static fn( array $input ): string => $input['name'], $inputs );
		foreach ( ( new Scope_Checker( $names ) )->check( $nodes ) as $error ) {
			$this->errors[] = $error;
		}
		return new Graph_Parse_Result( $this->errors ? null : new Workflow_Graph( $inputs, $nodes ), $this->errors );
	}

	/**
	 * The nodes of a container (root or branch), stopping at a Stop block: what follows it is unreachable.
	 *
	 * @param array<int, array<string, mixed>> $blocks Blocks.
	 * @param string|null                      $owner  Step the container belongs to.
	 * @param int                              $depth  Depth of a step placed here.
	 * @return list<Step_Node|Stop_Node|Output_Node|Write_Node>
	 */
	private function nodes( array $blocks, ?string $owner, int $depth ): array {
		$nodes   = array();
		$stopped = false;
		foreach ( $blocks as $block ) {
			if ( Parsed_Block::is_blank( $block ) ) {
				continue;
			}
			$name = Parsed_Block::name_of( $block );
			$node = match ( $name ) {
				self::STEP       => $this->step( $block, $depth ),
				self::STOP       => new Stop_Node( 'succeeded' === ( $block['attrs']['status'] ?? '' ) ? Stop_Node::SUCCEEDED : Stop_Node::FAILED, Parsed_Block::text( $block, 'message' ) ),
				self::OUTPUT     => new Output_Node( Parsed_Block::text( $block, 'value' ) ),
				self::WRITE_POST => $this->write( $block, $owner ),
				default          => null,
			};
			if ( null === $node ) {
				in_array( $name, array( self::ON_SUCCESS, self::ON_FAILURE ), true )
					? $this->error( $owner, $name, 'branch_outside_step', __( 'On success and On failure branches belong inside a step.', 'ai-failover' ) )
					/* translators: %s: Block name. */
					: $this->error( $owner, $name, 'unknown_block', sprintf( __( 'The block "%s" cannot be used in a workflow.', 'ai-failover' ), $name ) );
				continue;
			}
			if ( $stopped ) {
				$this->error( $node instanceof Step_Node ? $node->id : $owner, $name, 'unreachable_step', __( 'This block comes after a Stop block and never runs.', 'ai-failover' ) );
				continue;
			}
			$stopped = $node instanceof Stop_Node;
			$nodes[] = $node;
		}//end foreach
		return $nodes;
	}

	/**
	 * @param array<string, mixed> $block Step block.
	 * @param int                  $depth Depth.
	 */
	private function step( array $block, int $depth ): Step_Node {
		$attrs = (array) ( $block['attrs'] ?? array() );
		$id    = is_string( $attrs['stepId'] ?? null ) ? $attrs['stepId'] : '';
		$ref   = '' === $id ? null : $id;
		++$this->step_blocks;
		if ( ! preg_match( self::NAME_PATTERN, $id ) ) {
			$this->error( $ref, self::STEP, 'invalid_step_id', __( 'A step id starts with a lowercase letter and has only lowercase letters, digits and underscores (40 at most).', 'ai-failover' ) );
		} elseif ( isset( $this->step_ids[ $id ] ) ) {
			/* translators: %s: Step id. */
			$this->error( $ref, self::STEP, 'duplicate_step_id', sprintf( __( 'Another step already has the id "%s".', 'ai-failover' ), $id ) );
		}
		$this->step_ids[ $id ] = true;
		if ( $depth > self::MAX_DEPTH ) {
			/* translators: %d: Maximum depth. */
			$this->error( $ref, self::STEP, 'nesting_too_deep', sprintf( __( 'Steps can be nested %d levels deep at most.', 'ai-failover' ), self::MAX_DEPTH ) );
		}
		$feature = Parsed_Block::text( $block, 'feature' );
		if ( '' === $feature ) {
			$this->error( $ref, self::STEP, 'missing_feature', __( 'Pick the AI feature this step runs.', 'ai-failover' ) );
		} elseif ( ! ( $this->feature_exists )( $feature ) ) {
			/* translators: %s: Feature id. */
			$this->error( $ref, self::STEP, 'unknown_feature', sprintf( __( 'The AI feature "%s" does not exist (any more).', 'ai-failover' ), $feature ) );
		}
		if ( '' === trim( Parsed_Block::text( $block, 'prompt' ) ) ) {
			$this->error( $ref, self::STEP, 'empty_prompt', __( 'Write the prompt this step sends.', 'ai-failover' ) );
		}
		$rules = is_array( $attrs['validation'] ?? null ) ? $attrs['validation'] : array();
		foreach ( Output_Rules::rule_problems( $rules ) as $problem ) {
			$this->error( $ref, self::STEP, 'invalid_rule', $problem );
		}

		$success  = null;
		$failures = array();
		$covered  = array();
		$catchall = false;
		foreach ( Parsed_Block::inner( $block ) as $child ) {
			if ( Parsed_Block::is_blank( $child ) ) {
				continue;
			}
			$name = Parsed_Block::name_of( $child );
			if ( self::ON_SUCCESS === $name ) {
				if ( null !== $success ) {
					$this->error( $ref, $name, 'duplicate_success_branch', __( 'A step has at most one On success branch.', 'ai-failover' ) );
				}
				$success = $this->nodes( Parsed_Block::inner( $child ), $ref, $depth + 1 );
			} elseif ( self::ON_FAILURE === $name ) {
				$classes = $this->classes( $child, $ref );
				$new     = array_diff( $classes, $covered );
				// Limited branches are tried before the unlimited one, so only a second unlimited
				// branch, or a limited one whose classes earlier branches all take, can never run.
				if ( ( ! $classes && $catchall ) || ( $classes && ! $new ) ) {
					$this->error( $ref, $name, 'unreachable_step', __( 'An earlier On failure branch already handles these errors, so this one never runs.', 'ai-failover' ) );
				}
				$catchall   = $catchall || ! $classes;
				$covered    = array_merge( $covered, $classes );
				$failures[] = new Failure_Branch( $classes, $this->nodes( Parsed_Block::inner( $child ), $ref, $depth + 1 ) );
			} elseif ( in_array( $name, array( self::STEP, self::STOP, self::OUTPUT, self::WRITE_POST ), true ) ) {
				$this->error( $ref, $name, 'misplaced_block', __( 'Inside a step, put blocks in its On success or On failure branch.', 'ai-failover' ) );
			} else {
				/* translators: %s: Block name. */
				$this->error( $ref, $name, 'unknown_block', sprintf( __( 'The block "%s" cannot be used in a workflow.', 'ai-failover' ), $name ) );
			}//end if
		}//end foreach

		return new Step_Node( $id, Parsed_Block::text( $block, 'label' ), $feature, Parsed_Block::text( $block, 'prompt' ), $rules, $success, $failures );
	}

	/**
	 * A Write to post block. Whether its source step is in scope is Scope_Checker's part; whether the
	 * user may write to the post is only known when it runs (Content_Writer).
	 *
	 * @param array<string, mixed> $block Write to post block.
	 * @param string|null          $owner Step the container belongs to.
	 */
	private function write( array $block, ?string $owner ): Write_Node {
		$action = Parsed_Block::text( $block, 'action' );
		$action = '' === $action ? Write_Node::UPDATE_POST : $action;
		$field  = Parsed_Block::text( $block, 'field' );
		$field  = '' === $field ? 'content' : $field;
		$type   = Parsed_Block::text( $block, 'postType' );
		$type   = '' === $type ? 'post' : $type;
		$node   = new Write_Node( $action, Parsed_Block::text( $block, 'source' ), $field, Parsed_Block::text( $block, 'postId' ), Parsed_Block::text( $block, 'metaKey' ), $type, Parsed_Block::text( $block, 'title' ) );

		$problems = array();
		if ( ! in_array( $action, Write_Node::ACTIONS, true ) ) {
			/* translators: %s: Action. */
			$problems[] = sprintf( __( 'There is no write action "%s".', 'ai-failover' ), $action );
		}
		if ( '' === $node->source ) {
			$problems[] = __( 'Pick the step whose output is written.', 'ai-failover' );
		}
		if ( Write_Node::SET_META !== $action && ! in_array( $field, Write_Node::FIELDS, true ) ) {
			$problems[] = __( 'Write the output into the title, the content or the excerpt.', 'ai-failover' );
		}
		if ( Write_Node::CREATE_DRAFT !== $action && '' === trim( $node->post_id ) ) {
			$problems[] = __( 'Say which post is written to: its id, or a variable such as {{input.post_id}}.', 'ai-failover' );
		}
		if ( Write_Node::SET_META === $action && ! preg_match( Write_Node::META_KEY_PATTERN, $node->meta_key ) ) {
			$problems[] = __( 'A meta key has letters, digits and _ : . - only, and cannot be one of AI Failover\'s own (_aifo_...).', 'ai-failover' );
		}
		if ( Write_Node::CREATE_DRAFT === $action && ! preg_match( Write_Node::POST_TYPE_PATTERN, $type ) ) {
			$problems[] = __( 'A post type has lowercase letters, digits, _ and - only (20 at most).', 'ai-failover' );
		}
		foreach ( $problems as $problem ) {
			$this->error( $owner, self::WRITE_POST, 'invalid_write', $problem );
		}
		return $node;
	}

	/**
	 * @param array<string, mixed> $block On failure block.
	 * @param string|null          $ref   Step.
	 * @return list<string>
	 */
	private function classes( array $block, ?string $ref ): array {
		$classes = array();
		foreach ( (array) ( $block['attrs']['errorClasses'] ?? array() ) as $class ) {
			if ( is_string( $class ) && in_array( $class, $this->error_classes, true ) ) {
				$classes[] = $class;
				continue;
			}
			/* translators: %s: Error class. */
			$this->error( $ref, self::ON_FAILURE, 'unknown_error_class', sprintf( __( 'There is no error class "%s".', 'ai-failover' ), is_scalar( $class ) ? (string) $class : '?' ) );
		}
		return array_values( array_unique( $classes ) );
	}

	/**
	 * @param array<int|string, mixed> $raw Root block's inputs attribute.
	 * @return list<array{name: string, label: string, type: string, required: bool, default: string}>
	 */
	private function inputs( array $raw ): array {
		$inputs = array();
		foreach ( $raw as $input ) {
			$name = is_array( $input ) && is_string( $input['name'] ?? null ) ? $input['name'] : '';
			$type = is_array( $input ) ? (string) ( $input['type'] ?? 'text' ) : '';
			if ( ! preg_match( self::NAME_PATTERN, $name ) || ! in_array( $type, array( 'text', 'long_text', 'number', 'boolean' ), true ) ) {
				$this->error( null, self::WORKFLOW, 'invalid_input', __( 'An input needs a name (lowercase letter first, then lowercase letters, digits, underscores) and a type.', 'ai-failover' ) );
				continue;
			}
			if ( isset( $inputs[ $name ] ) ) {
				/* translators: %s: Input name. */
				$this->error( null, self::WORKFLOW, 'duplicate_input', sprintf( __( 'Two inputs are named "%s".', 'ai-failover' ), $name ) );
				continue;
			}
			$inputs[ $name ] = array(
				'name'     => $name,
				'label'    => is_string( $input['label'] ?? null ) ? $input['label'] : $name,
				'type'     => $type,
				'required' => ! empty( $input['required'] ),
				'default'  => is_scalar( $input['default'] ?? null ) ? (string) $input['default'] : '',
			);
		}
		return array_values( $inputs );
	}

	/**
	 * @param string|null $step    Step.
	 * @param string      $block   Block name.
	 * @param string      $code    Code.
	 * @param string      $message Message.
	 */
	private function error( ?string $step, string $block, string $code, string $message ): void {
		$this->errors[] = new Validation_Error( $step, $block, $code, $message );
	}
}
