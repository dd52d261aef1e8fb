<?php
/**
 * Runs stored workflows: load, validate, run, record.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * What the REST routes, the demo seed (and later schedules and the command line) call: it refuses
 * an invalid graph or input with a WP_Error carrying a 400, runs the rest, and stores the record.
 *
 * @since n.e.x.t
 */
final class Workflow_Service {

	/** Trigger of a run started by hand (the editor, REST, the demo seed). */
	public const MANUAL = array(
		'type'    => 'manual',
		'job_id'  => 0,
		'post_id' => 0,
	);

	/**
	 * How many workflow runs this PHP process is inside (a step's write may save a post meanwhile).
	 *
	 * @var int
	 */
	private static int $depth = 0;

	public function __construct(
		private readonly Graph_Parser $parser,
		private readonly Workflow_Runner $runner,
		private readonly Workflow_Run_Repository $runs,
	) {
	}

	/**
	 * A workflow post, or null when the id is not a workflow.
	 *
	 * @param int $id Post id.
	 */
	public function workflow( int $id ): ?\WP_Post {
		$post = get_post( $id );
		return $post instanceof \WP_Post && Workflow_Post_Type::POST_TYPE === $post->post_type && 'trash' !== $post->post_status ? $post : null;
	}

	/**
	 * @param string $content Serialized blocks.
	 */
	public function validate( string $content ): Graph_Parse_Result {
		return $this->parser->parse_content( $content );
	}

	/**
	 * Runs a workflow (or only validates it, for a dry run) and stores the record of a real run.
	 *
	 * @param \WP_Post                                            $post     Workflow.
	 * @param array<string, mixed>                                $input    Input values by name.
	 * @param bool                                                $dry_run  Validate only.
	 * @param list<array{step: string, error_class: string}>      $simulate Drills.
	 * @param (callable(string, array<string, mixed>): void)|null $observer Step events as they happen.
	 * @param int|null                                            $run_as   The user whose capabilities writes need (run_as_user()).
	 */
	public function run( \WP_Post $post, array $input, bool $dry_run = false, array $simulate = array(), ?callable $observer = null, ?int $run_as = null ): Workflow_Run|\WP_Error {
		$prepared = $this->prepare( $post, $input, $simulate );
		if ( $prepared instanceof \WP_Error ) {
			return $prepared;
		}
		return $dry_run ? $this->dry_run( $post, $prepared['graph'] ) : $this->execute( $post, $prepared, $observer, self::MANUAL, array(), $run_as );
	}

	/**
	 * The user a run runs as: the one given, else the current user (a manual run), else the
	 * workflow's author (a queued or scheduled run, where nobody is logged in).
	 *
	 * @param \WP_Post $post   Workflow.
	 * @param int|null $run_as User given by the caller.
	 */
	public static function run_as_user( \WP_Post $post, ?int $run_as = null ): int {
		if ( null !== $run_as ) {
			return $run_as;
		}
		$current = get_current_user_id();
		return $current > 0 ? $current : (int) $post->post_author;
	}

	/**
	 * Everything a run needs, checked: a valid graph, the input values, the drills by step.
	 * A 400 WP_Error otherwise (`aifo_workflow_invalid` with `errors` for the graph).
	 *
	 * @param \WP_Post                                       $post     Workflow.
	 * @param array<string, mixed>                           $input    Input values by name.
	 * @param list<array{step: string, error_class: string}> $simulate Drills.
	 * @return array{graph: Workflow_Graph, values: array<string, string>, drills: array<string, string>}|\WP_Error
	 */
	public function prepare( \WP_Post $post, array $input, array $simulate = array() ): array|\WP_Error {
		$parsed = $this->parser->parse_content( $post->post_content );
		if ( null === $parsed->graph ) {
			return new \WP_Error(
				'aifo_workflow_invalid',
				/* translators: %s: The first problem found. */
				sprintf( __( 'The workflow cannot run: %s', 'ai-failover' ), $parsed->errors[0]->message ?? '' ),
				array(
					'status' => 400,
					'errors' => $parsed->to_array()['errors'],
				)
			);
		}
		$graph  = $parsed->graph;
		$values = $this->input_values( $graph, $input );
		if ( $values instanceof \WP_Error ) {
			return $values;
		}
		$steps  = array_map( static fn( Step_Node $step ): string => $step->id, $graph->steps() );
		$drills = array();
		foreach ( $simulate as $drill ) {
			if ( ! in_array( $drill['step'], $steps, true ) ) {
				/* translators: %s: Step id. */
				return self::invalid_param( 'simulate', sprintf( __( 'There is no step "%s".', 'ai-failover' ), $drill['step'] ) );
			}
			$drills[ $drill['step'] ] = $drill['error_class'];
		}
		return array(
			'graph'  => $graph,
			'values' => $values,
			'drills' => $drills,
		);
	}

	/**
	 * Runs a prepared workflow, stores its record and fires the lifecycle actions.
	 *
	 * @param \WP_Post                                                                                   $post     Workflow.
	 * @param array{graph: Workflow_Graph, values: array<string, string>, drills: array<string, string>} $prepared prepare() output.
	 * @param (callable(string, array<string, mixed>): void)|null                                        $observer Step events as they happen (`step_started`, `step_finished`).
	 * @param array{type: string, job_id: int, post_id: int}                                             $trigger  What started the run (the queue passes its job).
	 * @param array<string, string>                                                                      $context  More template values (`post.title`, ...).
	 * @param int|null                                                                                   $run_as   The user whose capabilities writes need (run_as_user()).
	 */
	public function execute( \WP_Post $post, array $prepared, ?callable $observer = null, array $trigger = self::MANUAL, array $context = array(), ?int $run_as = null ): Workflow_Run {
		$user    = self::run_as_user( $post, $run_as );
		$started = array();
		$relay   = static function ( string $event, array $data ) use ( $observer, $trigger, &$started ): void {
			if ( 'run_started' === $event ) {
				$started = $data + array( 'trigger' => $trigger );

				/**
				 * A workflow run started (before its first step).
				 *
				 * @since n.e.x.t
				 *
				 * @param array{id: string, workflow: int, workflow_title: string, started_at: string, trigger: array{type: string, job_id: int, post_id: int}} $run The run so far.
				 */
				self::fire( 'aifo_workflow_run_started', $started );
				return;
			}
			if ( 'step_finished' === $event ) {
				/**
				 * A step of a workflow run finished (succeeded or failed; before its branch runs).
				 *
				 * @since n.e.x.t
				 *
				 * @param array<string, mixed> $step The step record (workflow-run schema's steps[]).
				 * @param array<string, mixed> $run  The run so far, as aifo_workflow_run_started got it.
				 */
				self::fire( 'aifo_workflow_step_finished', $data, $started );
			}
			if ( null !== $observer ) {
				$observer( $event, $data );
			}
		};
		++self::$depth;
		try {
			$run = $this->runner->run( $prepared['graph'], $prepared['values'], $post->ID, $post->post_title, $prepared['drills'], $relay, $context, $user );
			$this->runs->insert( $run, $user );

			/**
			 * A workflow run finished and was stored.
			 *
			 * @since n.e.x.t
			 *
			 * @param array<string, mixed> $run The run (workflow-run schema) plus `trigger` {type: manual|schedule|publish|async|cli, job_id, post_id}.
			 */
			self::fire( 'aifo_workflow_run_finished', $run->to_array() + array( 'trigger' => $trigger ) );
		} finally {
			--self::$depth;
		}
		return $run;
	}

	/**
	 * Fires a lifecycle action; a listener that throws is reported, never ends the run.
	 *
	 * @param non-empty-string $hook    Action.
	 * @param mixed            ...$args Arguments.
	 */
	private static function fire( string $hook, mixed ...$args ): void {
		try {
			do_action( $hook, ...$args ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- every caller passes an aifo_workflow_* literal.
		} catch ( \Throwable $error ) {
			_doing_it_wrong( esc_html( $hook ), esc_html( 'A listener threw: ' . $error->getMessage() ), 'n.e.x.t' );
		}
	}

	/**
	 * Whether this PHP process is inside a workflow run (the on-publish trigger's loop guard: a
	 * post saved by a workflow's own step never queues another run).
	 */
	public static function running(): bool {
		return self::$depth > 0;
	}

	/**
	 * A stored run.
	 *
	 * @param string $id Run id.
	 */
	public function find_run( string $id ): ?Workflow_Run {
		return $this->runs->find( $id );
	}

	/**
	 * A workflow's latest runs, newest first.
	 *
	 * @param int $workflow_id Workflow.
	 * @return list<Workflow_Run>
	 */
	public function latest_runs( int $workflow_id ): array {
		return $this->runs->latest( $workflow_id, 20 );
	}

	/**
	 * The inputs as template values: declared names only, defaults applied, types checked.
	 *
	 * @param Workflow_Graph       $graph Graph.
	 * @param array<string, mixed> $input Sent values.
	 * @return array<string, string>|\WP_Error
	 */
	private function input_values( Workflow_Graph $graph, array $input ): array|\WP_Error {
		$declared = array_column( $graph->inputs, null, 'name' );
		foreach ( array_keys( $input ) as $name ) {
			if ( ! isset( $declared[ $name ] ) ) {
				/* translators: %s: Input name. */
				return self::invalid_param( 'input', sprintf( __( 'The workflow has no input "%s".', 'ai-failover' ), $name ) );
			}
		}
		$values = array();
		foreach ( $graph->inputs as $spec ) {
			$value = $input[ $spec['name'] ] ?? $spec['default'];
			if ( 'boolean' === $spec['type'] ) {
				$value = in_array( $value, array( true, 1, '1', 'true' ), true ) ? 'true' : ( in_array( $value, array( false, 0, '0', 'false', '' ), true ) ? 'false' : null );
			} elseif ( 'number' === $spec['type'] && '' !== $value ) {
				$value = is_numeric( $value ) ? (string) ( 0 + $value ) : null;
			} else {
				$value = is_scalar( $value ) ? (string) $value : null;
			}
			if ( null === $value ) {
				/* translators: 1: Input label, 2: Type. */
				return self::invalid_param( 'input', sprintf( __( '%1$s must be a %2$s.', 'ai-failover' ), $spec['label'], $spec['type'] ) );
			}
			if ( $spec['required'] && '' === trim( $value ) ) {
				/* translators: %s: Input label. */
				return self::invalid_param( 'input', sprintf( __( '%s is required.', 'ai-failover' ), $spec['label'] ) );
			}
			$values[ $spec['name'] ] = $value;
		}
		return $values;
	}

	/**
	 * A dry run's answer: the graph is valid, every step listed as skipped, nothing ran or stored.
	 *
	 * @param \WP_Post       $post  Workflow.
	 * @param Workflow_Graph $graph Graph.
	 */
	private function dry_run( \WP_Post $post, Workflow_Graph $graph ): Workflow_Run {
		$steps = array();
		foreach ( $graph->steps() as $step ) {
			$steps[] = ( new Step_Record( $step, Step_Record::SKIPPED, null, '', null, null ) )->to_array();
		}
		return new Workflow_Run( bin2hex( random_bytes( 8 ) ), $post->ID, $post->post_title, Workflow_Run::SUCCEEDED, Workflow_Run::SUCCEEDED, '', '', null, gmdate( 'Y-m-d\TH:i:s\Z' ), 0.0, 0.0, true, $steps );
	}

	/**
	 * @param string $param   Parameter.
	 * @param string $message Message.
	 */
	private static function invalid_param( string $param, string $message ): \WP_Error {
		return new \WP_Error(
			'rest_invalid_param',
			/* translators: %s: Parameter name. */
			sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), $param ),
			array(
				'status' => 400,
				'params' => array( $param => $message ),
			)
		);
	}
}
