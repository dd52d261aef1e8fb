<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Workflows;

use AI_Failover\Contracts\Step_Engine;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Fallback_Step_Engine;
use AI_Failover\Tests\Unit\Doubles\Recording_Post_Writer;
use AI_Failover\Tests\Unit\Doubles\Scripted_Step_Engine;
use AI_Failover\Workflows\Workflow_Graph;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Runner;
use AI_Failover\Workflows\Write_Result;
use PHPUnit\Framework\TestCase;

/**
 * Write to post blocks in a run: what reaches the writer, the provenance of both kinds of
 * failover, and that a failed step never writes.
 *
 * @covers \AI_Failover\Workflows\Write_Executor
 * @covers \AI_Failover\Workflows\Provenance_Entry
 * @covers \AI_Failover\Workflows\Workflow_Runner
 */
final class Write_Executor_Test extends TestCase {

	private Recording_Post_Writer $writer;

	protected function setUp(): void {
		parent::setUp();
		$this->writer = new Recording_Post_Writer();
	}

	/**
	 * @param list<array<string, mixed>> $children Root children.
	 */
	private function graph( array $children ): Workflow_Graph {
		$result = Graph_Parser_Test::parser()->parse( Blocks::workflow( $children, array( Blocks::input( 'post_id' ) ) ) );
		$this->assertSame( array(), $result->errors, 'the test graph must be valid' );
		$this->assertNotNull( $result->graph );
		return $result->graph;
	}

	/**
	 * @param Step_Engine                $engine   Engine.
	 * @param list<array<string, mixed>> $children Root children.
	 */
	private function run_with( Step_Engine $engine, array $children ): Workflow_Run {
		return ( new Workflow_Runner( $engine, new Fake_Clock(), $this->writer ) )->run( $this->graph( $children ), array( 'post_id' => '42' ), 7, 'Summaries', array(), null, array(), 3 );
	}

	public function test_a_succeeded_step_is_written_with_its_provenance(): void {
		$run = $this->run_with(
			new Scripted_Step_Engine( array( 'fast' => array( array( 'ok' => 'A summary' ) ) ) ),
			array(
				Blocks::step( 'draft' ),
				Blocks::write(
					'draft',
					array(
						'field'  => 'excerpt',
						'postId' => '{{input.post_id}}',
					)
				),
			)
		);
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
		$this->assertCount( 1, $this->writer->calls );
		$call = $this->writer->calls[0];
		$this->assertSame( array( 42, 'A summary', 3 ), array( $call['post_id'], $call['value'], $call['user_id'] ) );
		$entry = $call['provenance'];
		$this->assertSame( array( 7, 'Summaries', $run->id, 'draft', 'Step draft', 'draft', 'excerpt' ), array( $entry['workflow_id'], $entry['workflow_title'], $entry['run_id'], $entry['step'], $entry['step_label'], $entry['served_step'], $entry['field'] ) );
		$this->assertSame( array( 'sim', 'Simulator', 'fast-model', false, false, '', 3 ), array( $entry['provider_id'], $entry['provider'], $entry['model'], $entry['fallback'], $entry['degraded'], $entry['reason_class'], $entry['user_id'] ) );
		$this->assertSame( $run->steps[0]['run_id'], $entry['engine_run_id'] );
		$this->assertMatchesRegularExpression( '/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/', $entry['written_at'] );
		$this->assertSame(
			array(
				array(
					'step'    => 'draft',
					'action'  => 'update_post',
					'field'   => 'excerpt',
					'post_id' => 42,
					'status'  => 'written',
					'message' => '',
				),
			),
			$run->writes
		);
		$this->assertSame( $run->writes, $run->to_array()['writes'] );
	}

	public function test_a_stand_in_after_a_failure_is_written_as_a_fallback_with_the_failed_class(): void {
		$run = $this->run_with(
			new Scripted_Step_Engine(
				array(
					'fast'   => array(
						array(
							'fail'   => 'rate_limited',
							'status' => 429,
						),
					),
					'strong' => array( array( 'ok' => 'Strong draft' ) ),
				)
			),
			array(
				Blocks::step( 'draft', 'fast', array( Blocks::failure( array( Blocks::step( 'draft_strong', 'strong' ) ), array( 'rate_limited' ) ) ) ),
				Blocks::write(
					'draft',
					array(
						'action' => 'create_draft',
						'title'  => 'About {{input.post_id}}',
					)
				),
			)
		);
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
		$call = $this->writer->calls[0];
		$this->assertSame( array( 0, 'Strong draft', 'About 42' ), array( $call['post_id'], $call['value'], $call['title'] ) );
		$entry = $call['provenance'];
		$this->assertSame( array( 'draft', 'draft_strong', 'strong-model', true, 'rate_limited', 'content' ), array( $entry['step'], $entry['served_step'], $entry['model'], $entry['fallback'], $entry['reason_class'], $entry['field'] ) );
		$this->assertSame( 'written', $run->writes[0]['status'] );
		$this->assertSame( 500, $run->writes[0]['post_id'], 'the new draft\'s id' );
	}

	public function test_a_failed_step_that_nothing_stood_in_for_writes_nothing(): void {
		$run = $this->run_with(
			new Scripted_Step_Engine(
				array(
					'fast' => array(
						array(
							'fail'   => 'server',
							'status' => 503,
						),
					),
				)
			),
			array(
				Blocks::step( 'draft', 'fast', array( Blocks::failure( array( Blocks::output( 'no luck' ) ) ) ) ),
				Blocks::write(
					'draft',
					array(
						'action'  => 'set_meta',
						'metaKey' => 'summary',
						'postId'  => '{{input.post_id}}',
					)
				),
			)
		);
		$this->assertSame( array(), $this->writer->calls, 'the writer is never asked' );
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status, 'the branch handled the failure' );
		$this->assertSame( 'skipped', $run->writes[0]['status'] );
		$this->assertSame( 'meta:summary', $run->writes[0]['field'] );
		$this->assertStringContainsString( '"draft" failed', $run->writes[0]['message'] );
	}

	public function test_a_refused_write_fails_the_run_and_stops_it(): void {
		$this->writer = new Recording_Post_Writer( array( Write_Result::refused( 42, 403, 'Nothing was written: Ann may not change the content of post 42.' ) ) );
		$engine       = new Scripted_Step_Engine( array() );
		$run          = $this->run_with(
			$engine,
			array(
				Blocks::step( 'draft' ),
				Blocks::write( 'draft', array( 'postId' => '{{input.post_id}}' ) ),
				Blocks::step( 'after' ),
			)
		);
		$this->assertSame( Workflow_Run::FAILED, $run->status );
		$this->assertSame( 'write_failed', $run->error['class'] ?? null );
		$this->assertSame( 403, $run->error['status'] ?? null );
		$this->assertCount( 1, $engine->calls, 'nothing runs after a refused write' );
		$this->assertSame( 'failed', $run->writes[0]['status'] );
	}

	public function test_a_post_id_that_is_not_a_number_is_refused_before_the_writer(): void {
		$run = ( new Workflow_Runner( new Scripted_Step_Engine( array() ), new Fake_Clock(), $this->writer ) )->run(
			$this->graph( array( Blocks::step( 'draft' ), Blocks::write( 'draft', array( 'postId' => '{{input.post_id}}' ) ) ) ),
			array( 'post_id' => '4 OR 1=1' ),
			7,
			'Summaries'
		);
		$this->assertSame( array(), $this->writer->calls );
		$this->assertSame( Workflow_Run::FAILED, $run->status );
		$this->assertSame( 400, $run->error['status'] ?? null );
	}

	public function test_an_engine_fallback_inside_the_step_is_a_fallback_with_the_primary_class(): void {
		$run   = $this->run_with(
			new Fallback_Step_Engine(),
			array(
				Blocks::step( 'draft' ),
				Blocks::write( 'draft', array( 'postId' => '{{input.post_id}}' ) ),
			)
		);
		$entry = $this->writer->calls[0]['provenance'];
		$this->assertSame( array( true, true, 'rate_limited', 'backup-model', 'draft' ), array( $entry['fallback'], $entry['degraded'], $entry['reason_class'], $entry['model'], $entry['served_step'] ) );
		$this->assertSame( Workflow_Run::SUCCEEDED, $run->status );
	}
}
