<?php
/**
 * Runs a validated workflow graph.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Post_Writer;
use AI_Failover\Contracts\Step_Engine;

/**
 * The semantics (WORKFLOW-CONTRACT.md, docs/workflows.md):
 *
 * - The main path is the root's children in order. A step is one engine run; it succeeds when the
 *   engine answers and the answer passes the step's rules (else it fails with `validation_failed`).
 * - After a success its On success branch runs (if any), then the path goes on after the step.
 * - After a failure the first On failure branch limited to the error's class runs, else the first
 *   unlimited one. The branch stands in for the step: `{{steps.<step>.output}}` becomes the output
 *   of the last step that succeeded inside the branch ('' if none), and the path goes on. Without a
 *   matching branch the run ends `failed` with the step's typed error: never silently skipped.
 * - A Stop block ends the whole run at once (status `stopped`, outcome from the block). An Output
 *   block sets the run's output (the last one executed wins); without one the output is that of
 *   the last step that succeeded.
 * - Bounds: at most MAX_STEP_EXECUTIONS step runs and MAX_DURATION_MS per workflow run (checked
 *   before each step; a step's engine budget is capped at the time left, see Step_Budget). Exceeding
 *   one fails the run with class `workflow_bounds`. Nesting depth is bounded by Graph_Parser.
 *
 * - A Write to post block writes its source step's output (Post_Writer) with a provenance entry
 *   naming the step record that produced it. A step that failed and that no succeeded step stood in
 *   for writes nothing (recorded as `skipped`); a refused write ends the run `failed` with class
 *   `write_failed`, as a step without a failure branch does.
 *
 * One run at a time per instance: the run's state lives in properties reset by run().
 *
 * @since n.e.x.t
 */
final class Workflow_Runner {

	public const MAX_STEP_EXECUTIONS = 20;
	public const MAX_DURATION_MS     = 120000;
	public const BOUNDS_CLASS        = 'workflow_bounds';

	/** @var list<Step_Record> */
	private array $records = array();

	/** @var array<string, string> `input.*` and `steps.*.output` values. */
	private array $values = array();

	private int $executions = 0;

	private float $cost = 0.0;

	private float $started_ms = 0.0;

	private ?string $output = null;

	private string $last_output = '';

	/** @var array<string, string> Step id => error class to drill. */
	private array $simulate = array();

	private string $workflow = '';

	/** @var (callable(string, array<string, mixed>): void)|null */
	private $observer = null;

	private string $run_id = '';

	private string $title = '';

	private int $user_id = 0;

	/** @var array<string, array{record: Step_Record, failed_class: string|null}> Step id => the record whose answer `steps.<id>.output` holds. */
	private array $served = array();

	/** @var array<string, Step_Node> Step id => step, of the steps that ran. */
	private array $ran = array();

	private Write_Executor $writes;

	public function __construct(
		private readonly Step_Engine $engine,
		private readonly Clock $clock,
		?Post_Writer $writer = null,
	) {
		$this->writes = new Write_Executor( $writer, $clock );
	}

	/**
	 * Runs the graph.
	 *
	 * @param Workflow_Graph                                      $graph    Validated graph.
	 * @param array<string, string>                               $input    Input values by name (validated, defaults applied).
	 * @param int                                                 $workflow Workflow post id.
	 * @param string                                              $title    Workflow title.
	 * @param array<string, string>                               $simulate Step id => error class (administrators' drill).
	 * @param (callable(string, array<string, mixed>): void)|null $observer Gets `run_started` (id, workflow, title, start), then `step_started` and `step_finished` as they happen.
	 * @param array<string, string>                               $context  More template values (`post.title`, ... of an on-publish run).
	 * @param int                                                 $user_id  The user the run runs as (whose capabilities a write needs).
	 */
	public function run( Workflow_Graph $graph, array $input, int $workflow, string $title, array $simulate = array(), ?callable $observer = null, array $context = array(), int $user_id = 0 ): Workflow_Run {
		$this->records     = array();
		$this->values      = array();
		$this->executions  = 0;
		$this->cost        = 0.0;
		$this->started_ms  = $this->clock->now_ms();
		$this->output      = null;
		$this->last_output = '';
		$this->simulate    = $simulate;
		$this->workflow    = (string) $workflow;
		$this->observer    = $observer;
		$this->run_id      = bin2hex( random_bytes( 8 ) );
		$this->title       = $title;
		$this->user_id     = $user_id;
		$this->served      = array();
		$this->ran         = array();
		$this->writes->reset();
		foreach ( $input as $name => $value ) {
			$this->values[ 'input.' . $name ] = $value;
		}
		$this->values += $context;
		$this->notify(
			'run_started',
			array(
				'id'             => $this->run_id,
				'workflow'       => $workflow,
				'workflow_title' => $title,
				'started_at'     => gmdate( 'Y-m-d\TH:i:s\Z', (int) floor( $this->started_ms / 1000 ) ),
			)
		);

		$halt = $this->execute( $graph->nodes, array() );

		$status  = Workflow_Run::SUCCEEDED;
		$outcome = Workflow_Run::SUCCEEDED;
		if ( null !== $halt ) {
			$status  = $halt instanceof Stop_Node ? Workflow_Run::STOPPED : Workflow_Run::FAILED;
			$outcome = $halt instanceof Stop_Node ? $halt->status : Workflow_Run::FAILED;
		}
		return new Workflow_Run(
			$this->run_id,
			$workflow,
			$title,
			$status,
			$outcome,
			$this->output ?? $this->last_output,
			$halt instanceof Stop_Node ? $halt->message : '',
			is_array( $halt ) ? $halt : null,
			gmdate( 'Y-m-d\TH:i:s\Z', (int) floor( $this->started_ms / 1000 ) ),
			max( 0.0, $this->clock->now_ms() - $this->started_ms ),
			$this->cost,
			false,
			array_map( static fn( Step_Record $r ) => $r->to_array(), $this->records ),
			$this->writes->records()
		);
	}

	/**
	 * Runs a container's nodes in order.
	 *
	 * @param list<Step_Node|Stop_Node|Output_Node|Write_Node> $nodes  Nodes.
	 * @param array<string, string>                            $errors `error.*` values of the nearest enclosing failed step.
	 * @return Stop_Node|array<string, mixed>|null A Stop (message rendered), a typed error that ends the run, or null to go on.
	 */
	private function execute( array $nodes, array $errors ): Stop_Node|array|null {
		foreach ( $nodes as $node ) {
			if ( $node instanceof Stop_Node ) {
				return new Stop_Node( $node->status, Template::render( $node->message, $this->values + $errors ) );
			}
			if ( $node instanceof Output_Node ) {
				$this->output = Template::render( $node->value, $this->values + $errors );
				continue;
			}
			if ( $node instanceof Write_Node ) {
				$halt = $this->writes->write( $node, $this->values + $errors, $this->served[ $node->source ] ?? null, $this->ran[ $node->source ] ?? null, (int) $this->workflow, $this->title, $this->run_id, $this->user_id );
				if ( null !== $halt ) {
					return $halt;
				}
				continue;
			}
			$halt = $this->step( $node, $errors );
			if ( null !== $halt ) {
				return $halt;
			}
		}
		return null;
	}

	/**
	 * Runs one step and the branch its result selects.
	 *
	 * @param Step_Node             $step   Step.
	 * @param array<string, string> $errors Enclosing `error.*` values.
	 * @return Stop_Node|array<string, mixed>|null
	 */
	private function step( Step_Node $step, array $errors ): Stop_Node|array|null {
		$bounds = $this->bounds_problem();
		if ( null !== $bounds ) {
			return $bounds;
		}
		$this->notify(
			'step_started',
			array(
				'step'  => $step->id,
				'label' => $step->label,
			)
		);
		++$this->executions;
		$this->ran[ $step->id ] = $step;
		$result                 = $this->engine->run_step(
			$step->feature,
			array(
				'messages'               => array(
					array(
						'role'    => 'user',
						'content' => Template::render( $step->prompt, $this->values + $errors ),
					),
				),
				'validate'               => Output_Rules::for_engine( $step->validation ),
				'caller'                 => 'workflow',
				'workflow'               => $this->workflow,
				'step'                   => $step->id,
				Step_Budget::REQUEST_KEY => (int) floor( self::MAX_DURATION_MS - ( $this->clock->now_ms() - $this->started_ms ) ),
			),
			$this->simulate[ $step->id ] ?? null
		);

		$error = null;
		if ( ! $result->succeeded() ) {
			$error = Step_Record::typed_error( $result );
		} else {
			$problem = Output_Rules::problem( $result->text, $step->validation );
			if ( null !== $problem ) {
				$error = Step_Record::typed_error( $result, Output_Rules::VALIDATION_FAILED, $problem );
			}
		}

		if ( null === $error ) {
			$record                    = new Step_Record( $step, Step_Record::SUCCEEDED, null === $step->on_success ? null : 'success', $result->text, null, $result );
			$this->served[ $step->id ] = array(
				'record'       => $record,
				'failed_class' => null,
			);
			$this->record( $record );
			$this->values[ 'steps.' . $step->id . '.output' ] = $result->text;
			$this->last_output                                = $result->text;
			return null === $step->on_success ? null : $this->execute( $step->on_success, $errors );
		}

		$branch = $step->failure_branch_for( (string) $error['class'] );
		$this->record( new Step_Record( $step, Step_Record::FAILED, null === $branch ? null : 'failure', '', $error, $result ) );
		if ( null === $branch ) {
			return $error;
		}
		$mark = count( $this->records );
		$halt = $this->execute( $branch->nodes, Step_Record::error_variables( $error ) );

		// The branch stands in for the failed step: its last succeeded step's output becomes the step's.
		$stand_in = '';
		unset( $this->served[ $step->id ] );
		foreach ( array_slice( $this->records, $mark ) as $record ) {
			if ( Step_Record::SUCCEEDED === $record->status ) {
				$stand_in                  = $record->output;
				$this->served[ $step->id ] = array(
					'record'       => $record,
					'failed_class' => (string) $error['class'],
				);
			}
		}
		$this->values[ 'steps.' . $step->id . '.output' ] = $stand_in;
		return $halt;
	}

	/**
	 * The typed error of an exceeded bound, or null.
	 *
	 * @return array<string, mixed>|null
	 */
	private function bounds_problem(): ?array {
		$message = null;
		if ( $this->executions >= self::MAX_STEP_EXECUTIONS ) {
			/* translators: %d: Maximum number of step runs. */
			$message = sprintf( __( 'The workflow stopped: it may run %d steps at most.', 'ai-failover' ), self::MAX_STEP_EXECUTIONS );
		} elseif ( $this->clock->now_ms() - $this->started_ms > self::MAX_DURATION_MS ) {
			/* translators: %d: Maximum duration in seconds. */
			$message = sprintf( __( 'The workflow stopped: it may run %d seconds at most.', 'ai-failover' ), (int) ( self::MAX_DURATION_MS / 1000 ) );
		}
		if ( null === $message ) {
			return null;
		}
		return array(
			'class'       => self::BOUNDS_CLASS,
			'status'      => 0,
			'provider'    => '',
			'model'       => '',
			'message'     => $message,
			'attempts'    => 0,
			'retry_after' => null,
		);
	}

	/**
	 * @param Step_Record $record Finished step.
	 */
	private function record( Step_Record $record ): void {
		$this->records[] = $record;
		$this->cost     += $record->result->cost ?? 0.0;
		$this->notify( 'step_finished', $record->to_array() );
	}

	/**
	 * @param string               $event Event.
	 * @param array<string, mixed> $data  Data.
	 */
	private function notify( string $event, array $data ): void {
		if ( null !== $this->observer ) {
			( $this->observer )( $event, $data );
		}
	}
}
