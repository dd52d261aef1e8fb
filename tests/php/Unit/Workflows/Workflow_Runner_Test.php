<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Workflows;

use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Scripted_Step_Engine;
use AI_Failover\Workflows\Workflow_Graph;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Runner;
use PHPUnit\Framework\TestCase;

/**
 * The runner's semantics, branch combination by branch combination, on a scripted engine.
 *
 * @covers \AI_Failover\Workflows\Workflow_Runner
 * @covers \AI_Failover\Workflows\Step_Record
 * @covers \AI_Failover\Workflows\Template
 */
final class Workflow_Runner_Test extends TestCase {

	private Fake_Clock $clock;

	protected function setUp(): void {
		parent::setUp();
		$this->clock = new Fake_Clock();
	}

	/**
	 * @param list<array<string, mixed>> $children Root children.
	 * @param list<array<string, mixed>> $inputs   Inputs.
	 */
	private function graph( array $children, array $inputs = array() ): Workflow_Graph {
		$result = Graph_Parser_Test::parser()->parse( Blocks::workflow( $children, $inputs ) );
		$this->assertSame( array(), $result->errors, 'the test graph must be valid' );
		$this->assertNotNull( $result->graph );
		return $result->graph;
	}

	/**
	 * @param Scripted_Step_Engine  $engine   Engine.
	 * @param Workflow_Graph        $graph    Graph.
	 * @param array<string, string> $input    Input.
	 * @param array<string, string> $simulate Drills.
	 * @param list<string>          $events   Observed events (out).
	 */
	private function run_graph( Scripted_Step_Engine $engine, Workflow_Graph $graph, array $input = array(), array $simulate = array(), array &$events = array() ): Workflow_Run {
		return ( new Workflow_Runner( $engine, $this->clock ) )->run(
			$graph,
			$input,
			7,
			'Test',
			$simulate,
			static function ( string $event, array $data ) use ( &$events ): void {
				$events[] = $event . ':' . ( $data['step'] ?? $data['id'] );
			}
		);
	}

	/**
	 * @param Workflow_Run $run Run.
	 * @return list<string> "id:status:branch" per step record.
	 */
	private static function trail( Workflow_Run $run ): array {
		return array_map( static fn( array $s ): string => $s['id'] . ':' . $s['status'] . ':' . ( $s['branch'] ?? '-' ), $run->steps );
	}

	public function test_steps_run_in_order_through_the_engine_with_the_workflow_context(): void {
		$engine = new Scripted_Step_Engine( array( 'fast' => array( array( 'ok' => 'one' ), array( 'ok' => 'two' ) ) ) );
		$events = array();
		$run    = $this->run_graph(
			$engine,
			$this->graph(
				array(
					Blocks::step(
						'a',
						'fast',
						array(),
						array(
							'prompt'     => 'About {{input.topic}}',
							'validation' => array(
								'non_empty'    => true,
								'must_contain' => array( 'o' ),
							),
						)
					),
					Blocks::step( 'b', 'fast', array(), array( 'prompt' => 'Improve: {{ steps.a.output }}' ) ),
				),
				array( Blocks::input( 'topic' ) )
			),
			array( 'topic' => 'cats' ),
			array(),
			$events
		);
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
		$this->assertSame( 'succeeded', $run->outcome );
		$this->assertSame( 'two', $run->output, 'without an Output block the output is the last succeeded step' );
		$this->assertSame( array( 'a:succeeded:-', 'b:succeeded:-' ), self::trail( $run ) );
		$this->assertSame( array( 'run_started:' . $run->id, 'step_started:a', 'step_finished:a', 'step_started:b', 'step_finished:b' ), $events, 'run_started carries the id the run ends with' );
		$first = $engine->calls[0]['request'];
		$this->assertSame( 'About cats', $first['messages'][0]['content'] );
		$this->assertSame( array( 'workflow', '7', 'a' ), array( $first['caller'], $first['workflow'], $first['step'] ) );
		$this->assertSame( array( 'non_empty' => true ), $first['validate'], 'only the rules the engine knows go to the engine' );
		$this->assertSame( 'Improve: one', $engine->calls[1]['request']['messages'][0]['content'] );
		$this->assertSame( 'sim', $run->steps[0]['served_by']['provider_id'] );
		$this->assertSame( 0.002, $run->cost );
		$this->assertSame( 1, $run->steps[0]['attempts'] );
	}

	public function test_a_success_branch_runs_then_the_main_path_goes_on(): void {
		$engine = new Scripted_Step_Engine( array() );
		$run    = $this->run_graph(
			$engine,
			$this->graph(
				array(
					Blocks::step( 'a', 'fast', array( Blocks::success( array( Blocks::step( 'polish', 'strong' ) ) ), Blocks::failure( array( Blocks::step( 'never', 'strong' ) ) ) ) ),
					Blocks::step( 'b', 'fast' ),
				)
			)
		);
		$this->assertSame( array( 'a:succeeded:success', 'polish:succeeded:-', 'b:succeeded:-' ), self::trail( $run ) );
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
	}

	public function test_a_failure_without_a_branch_fails_the_run_with_the_typed_error(): void {
		$engine = new Scripted_Step_Engine(
			array(
				'fast' => array(
					array(
						'fail'   => 'rate_limited',
						'status' => 429,
					),
				),
			)
		);
		$run    = $this->run_graph( $engine, $this->graph( array( Blocks::step( 'a' ), Blocks::step( 'b', 'strong' ) ) ) );
		$this->assertSame( Workflow_Run::FAILED, $run->status );
		$this->assertSame( 'failed', $run->outcome );
		$this->assertSame( array( 'a:failed:-' ), self::trail( $run ), 'nothing after the failed step runs' );
		$this->assertCount( 1, $engine->calls );
		$this->assertSame(
			array(
				'class'       => 'rate_limited',
				'status'      => 429,
				'provider'    => 'Simulator',
				'model'       => 'fast-model',
				'message'     => 'rate_limited from Simulator',
				'attempts'    => 1,
				'retry_after' => 2.0,
			),
			$run->error
		);
		$this->assertSame( $run->error, $run->steps[0]['error'] );
	}

	public function test_a_failure_branch_stands_in_for_the_failed_step_and_the_main_path_goes_on(): void {
		$engine = new Scripted_Step_Engine(
			array(
				'fast'   => array( array( 'fail' => 'server' ) ),
				'strong' => array( array( 'ok' => 'from strong' ), array( 'ok' => 'final' ) ),
			)
		);
		$run    = $this->run_graph(
			$engine,
			$this->graph(
				array(
					Blocks::step( 'a', 'fast', array( Blocks::failure( array( Blocks::step( 'backup', 'strong', array(), array( 'prompt' => 'Because {{error.class}} ({{error.status}})' ) ) ) ) ) ),
					Blocks::step( 'b', 'strong', array(), array( 'prompt' => 'Use {{steps.a.output}}' ) ),
				)
			)
		);
		$this->assertSame( array( 'a:failed:failure', 'backup:succeeded:-', 'b:succeeded:-' ), self::trail( $run ) );
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
		$this->assertNull( $run->error );
		$this->assertSame( 'Because server (500)', $engine->calls[1]['request']['messages'][0]['content'] );
		$this->assertSame( 'Use from strong', $engine->calls[2]['request']['messages'][0]['content'] );
		$this->assertSame( 'server', $run->steps[0]['error']['class'] );
	}

	public function test_a_class_limited_branch_takes_its_classes_and_the_unlimited_one_the_rest(): void {
		$graph   = $this->graph(
			array(
				Blocks::step(
					'a',
					'fast',
					array(
						Blocks::failure( array( Blocks::stop( 'failed', 'invalid: {{error.message}}' ) ) ),
						Blocks::failure( array( Blocks::step( 'other', 'strong' ) ), array( 'rate_limited' ) ),
					)
				),
			)
		);
		$limited = $this->run_graph( new Scripted_Step_Engine( array( 'fast' => array( array( 'fail' => 'rate_limited' ) ) ) ), $graph );
		$this->assertSame( array( 'a:failed:failure', 'other:succeeded:-' ), self::trail( $limited ), 'the limited branch wins even when listed second' );
		$this->assertSame( Workflow_Run::SUCCEEDED, $limited->status );

		$other = $this->run_graph(
			new Scripted_Step_Engine(
				array(
					'fast' => array(
						array(
							'fail'   => 'invalid_request',
							'status' => 400,
						),
					),
				)
			),
			$graph
		);
		$this->assertSame( array( 'a:failed:failure' ), self::trail( $other ) );
		$this->assertSame( Workflow_Run::STOPPED, $other->status );
		$this->assertSame( 'failed', $other->outcome );
		$this->assertSame( 'invalid: invalid_request from Simulator', $other->message );
	}

	public function test_a_class_limited_branch_does_not_catch_other_classes(): void {
		$run = $this->run_graph(
			new Scripted_Step_Engine(
				array(
					'fast' => array(
						array(
							'fail'   => 'auth',
							'status' => 401,
						),
					),
				)
			),
			$this->graph( array( Blocks::step( 'a', 'fast', array( Blocks::failure( array( Blocks::step( 'other', 'strong' ) ), array( 'rate_limited', 'timeout' ) ) ) ) ) )
		);
		$this->assertSame( array( 'a:failed:-' ), self::trail( $run ) );
		$this->assertSame( Workflow_Run::FAILED, $run->status );
		$this->assertSame( 'auth', $run->error['class'] ?? null );
	}

	public function test_stop_succeeded_ends_the_run_at_once(): void {
		$engine = new Scripted_Step_Engine( array( 'fast' => array( array( 'ok' => 'good' ) ) ) );
		$run    = $this->run_graph(
			$engine,
			$this->graph(
				array(
					Blocks::step( 'a', 'fast', array( Blocks::success( array( Blocks::output( 'Got {{steps.a.output}}' ), Blocks::stop( 'succeeded', 'Done early: {{steps.a.output}}' ) ) ) ) ),
					Blocks::step( 'b', 'strong' ),
				)
			)
		);
		$this->assertSame( Workflow_Run::STOPPED, $run->status );
		$this->assertSame( 'succeeded', $run->outcome );
		$this->assertSame( 'Done early: good', $run->message );
		$this->assertSame( 'Got good', $run->output );
		$this->assertCount( 1, $engine->calls, 'b never runs' );
		$this->assertNull( $run->error );
	}

	public function test_stop_failed_in_a_failure_branch_ends_the_run_as_failed(): void {
		$run = $this->run_graph(
			new Scripted_Step_Engine(
				array(
					'fast' => array(
						array(
							'fail'   => 'content_policy',
							'status' => 400,
						),
					),
				)
			),
			$this->graph(
				array(
					Blocks::step( 'critical', 'fast', array( Blocks::failure( array( Blocks::stop( 'failed', 'Critical step failed ({{error.class}}).' ) ) ) ) ),
					Blocks::step( 'b', 'strong' ),
				)
			)
		);
		$this->assertSame( array( Workflow_Run::STOPPED, 'failed', 'Critical step failed (content_policy).' ), array( $run->status, $run->outcome, $run->message ) );
		$this->assertSame( array( 'critical:failed:failure' ), self::trail( $run ) );
	}

	public function test_nested_steps_handle_their_own_failures_and_see_the_nearest_error(): void {
		$engine = new Scripted_Step_Engine(
			array(
				'fast'   => array(
					array(
						'fail'   => 'timeout',
						'status' => 0,
					),
				),
				'strong' => array( array( 'fail' => 'server' ), array( 'ok' => 'third time' ) ),
			)
		);
		$run    = $this->run_graph(
			$engine,
			$this->graph(
				array(
					Blocks::step(
						'a',
						'fast',
						array(
							Blocks::failure(
								array(
									Blocks::step( 'b', 'strong', array( Blocks::failure( array( Blocks::step( 'c', 'strong', array(), array( 'prompt' => 'nearest: {{error.class}}' ) ) ) ) ) ),
									Blocks::output( 'b={{steps.b.output}}' ),
								)
							),
						)
					),
					Blocks::output( '{{steps.a.output}}' ),
				)
			)
		);
		$this->assertSame( array( 'a:failed:failure', 'b:failed:failure', 'c:succeeded:-' ), self::trail( $run ) );
		$this->assertSame( 'nearest: server', $engine->calls[2]['request']['messages'][0]['content'] );
		$this->assertSame( 'third time', $run->output, 'a nested stand-in propagates up: c stands in for b, which stands in for a' );
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
	}

	public function test_the_last_output_block_executed_wins(): void {
		$run = $this->run_graph(
			new Scripted_Step_Engine( array( 'fast' => array( array( 'ok' => 'x' ) ) ) ),
			$this->graph( array( Blocks::output( 'first' ), Blocks::step( 'a' ), Blocks::output( 'second {{steps.a.output}}' ) ) )
		);
		$this->assertSame( 'second x', $run->output );
	}

	public function test_a_rule_the_engine_does_not_check_fails_the_step_as_validation_failed_and_escalates(): void {
		$engine = new Scripted_Step_Engine(
			array(
				'fast'   => array( array( 'ok' => 'far too long an answer' ) ),
				'strong' => array( array( 'ok' => 'short' ) ),
			)
		);
		$run    = $this->run_graph(
			$engine,
			$this->graph(
				array(
					Blocks::step(
						'cheap',
						'fast',
						array(
							Blocks::failure( array( Blocks::step( 'escalate', 'strong', array(), array( 'prompt' => 'Shorter please: {{error.message}}' ) ) ), array( 'validation_failed' ) ),
						),
						array( 'validation' => array( 'max_length' => 10 ) )
					),
				)
			)
		);
		$this->assertSame( array( 'cheap:failed:failure', 'escalate:succeeded:-' ), self::trail( $run ) );
		$this->assertSame( 'validation_failed', $run->steps[0]['error']['class'] );
		$this->assertSame( 'Simulator', $run->steps[0]['error']['provider'], 'the provider that gave the rejected answer' );
		$this->assertSame( '', $run->steps[0]['output'] );
		$this->assertSame( 'Shorter please: The answer is longer than 10 characters (22).', $engine->calls[1]['request']['messages'][0]['content'] );
		$this->assertSame( 'short', $run->output );
	}

	public function test_a_validation_failure_reported_by_the_engine_escalates_the_same_way(): void {
		$run = $this->run_graph(
			new Scripted_Step_Engine(
				array(
					'fast' => array(
						array(
							'fail'   => 'validation_failed',
							'status' => 200,
						),
					),
				)
			),
			$this->graph(
				array(
					Blocks::step( 'cheap', 'fast', array( Blocks::failure( array( Blocks::step( 'escalate', 'strong' ) ), array( 'validation_failed' ) ) ), array( 'validation' => array( 'json' => true ) ) ),
				)
			)
		);
		$this->assertSame( array( 'cheap:failed:failure', 'escalate:succeeded:-' ), self::trail( $run ) );
	}

	public function test_more_step_runs_than_the_bound_fail_the_run_with_workflow_bounds(): void {
		$steps = array();
		for ( $i = 1; $i <= Workflow_Runner::MAX_STEP_EXECUTIONS + 1; $i++ ) {
			$steps[] = Blocks::step( 's' . $i );
		}
		$engine = new Scripted_Step_Engine( array() );
		$run    = $this->run_graph( $engine, $this->graph( $steps ) );
		$this->assertSame( Workflow_Run::FAILED, $run->status );
		$this->assertSame( 'workflow_bounds', $run->error['class'] ?? null );
		$this->assertCount( Workflow_Runner::MAX_STEP_EXECUTIONS, $engine->calls );
		$this->assertCount( Workflow_Runner::MAX_STEP_EXECUTIONS, $run->steps );
	}

	public function test_a_run_past_the_time_bound_fails_before_the_next_step(): void {
		$engine = new Scripted_Step_Engine( array(), $this->clock, 70000.0 );
		$run    = $this->run_graph( $engine, $this->graph( array( Blocks::step( 'a' ), Blocks::step( 'b' ), Blocks::step( 'c' ) ) ) );
		$this->assertSame( 'workflow_bounds', $run->error['class'] ?? null );
		$this->assertSame( array( 'a:succeeded:-', 'b:succeeded:-' ), self::trail( $run ) );
		$this->assertSame( array( 120000, 50000 ), array_map( static fn( array $c ) => $c['request']['workflow_remaining_ms'], $engine->calls ), 'each step may use only the time the workflow has left' );
		$this->assertEqualsWithDelta( 140000.0, $run->duration_ms, 0.1 );
	}

	public function test_a_drill_is_passed_to_the_engine_for_its_step_only(): void {
		$engine = new Scripted_Step_Engine( array() );
		$run    = $this->run_graph(
			$engine,
			$this->graph( array( Blocks::step( 'a', 'fast', array( Blocks::failure( array( Blocks::step( 'b', 'strong' ) ), array( 'timeout' ) ) ) ) ) ),
			array(),
			array( 'a' => 'timeout' )
		);
		$this->assertSame( array( 'timeout', null ), array_column( $engine->calls, 'simulate' ) );
		$this->assertSame( array( 'a:failed:failure', 'b:succeeded:-' ), self::trail( $run ) );
	}
}
