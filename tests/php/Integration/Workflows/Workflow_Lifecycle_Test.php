<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Workflows;

use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * The workflow lifecycle actions on a real run (REST, the Simulator): started once before the
 * first step with the id the run ends with, one step_finished per step with that run, finished
 * once with the stored run and its trigger; a listener that throws does not end the run.
 *
 * @covers \AI_Failover\Workflows\Workflow_Service
 * @covers \AI_Failover\Workflows\Workflow_Runner
 */
final class Workflow_Lifecycle_Test extends Test_Case {

	private int $workflow = 0;

	/** @var list<array{0: string, 1: array<string, mixed>, 2?: array<string, mixed>}> */
	private array $fired = array();

	protected function set_up(): void {
		parent::set_up();
		update_option(
			'aifo_providers',
			array(
				'sim' => array(
					'id'     => 'sim',
					'label'  => 'Sim',
					'preset' => 'simulator',
				),
			)
		);
		update_option(
			'aifo_features',
			array(
				'echo' => array(
					'id'      => 'echo',
					'label'   => 'Echo',
					'primary' => array(
						'provider_id' => 'sim',
						'model'       => 'sim-echo',
					),
				),
			)
		);
		wp_set_current_user( $this->create_user( 'editor' ) );
		$this->workflow = (int) wp_insert_post(
			array(
				'post_type'    => Workflow_Post_Type::POST_TYPE,
				'post_status'  => 'publish',
				'post_title'   => 'Two steps',
				'post_content' => '<!-- wp:ai-failover/workflow -->'
					. '<!-- wp:ai-failover/step {"stepId":"one","feature":"echo","prompt":"First"} /-->'
					. '<!-- wp:ai-failover/step {"stepId":"two","feature":"echo","prompt":"Then {{steps.one.output}}"} /-->'
					. '<!-- /wp:ai-failover/workflow -->',
			)
		);
		foreach ( array(
			'aifo_workflow_run_started'   => 1,
			'aifo_workflow_step_finished' => 2,
			'aifo_workflow_run_finished'  => 1,
		) as $hook => $args ) {
			add_action(
				$hook,
				function ( ...$received ) use ( $hook ): void {
					$this->fired[] = array_merge( array( $hook ), $received );
				},
				10,
				$args
			);
		}
	}

	public function test_a_run_fires_started_each_step_and_finished_with_one_run_id(): void {
		$response = $this->rest( 'POST', '/ai-failover/v1/workflows/' . $this->workflow . '/runs', array() );
		$this->assertSame( 200, $response->get_status() );
		$run = $response->get_data();

		$this->assertSame(
			array( 'aifo_workflow_run_started', 'aifo_workflow_step_finished', 'aifo_workflow_step_finished', 'aifo_workflow_run_finished' ),
			array_column( $this->fired, 0 )
		);
		$started = $this->fired[0][1];
		$this->assertSame(
			array(
				'id'             => $run['id'],
				'workflow'       => $this->workflow,
				'workflow_title' => 'Two steps',
				'trigger'        => array(
					'type'    => 'manual',
					'job_id'  => 0,
					'post_id' => 0,
				),
			),
			array_diff_key( $started, array( 'started_at' => true ) )
		);
		$this->assertSame( array( 'one', 'two' ), array( $this->fired[1][1]['id'], $this->fired[2][1]['id'] ) );
		$this->assertSame( array( $run['id'], $run['id'] ), array( $this->fired[1][2]['id'], $this->fired[2][2]['id'] ), 'Each step names its run.' );
		$this->assertSame( $run['steps'][1], $this->fired[2][1], 'The step as recorded.' );
		$finished = $this->fired[3][1];
		$this->assertSame( $run, array_diff_key( $finished, array( 'trigger' => true ) ), 'The stored run, plus its trigger.' );
		$this->assertSame( 'manual', $finished['trigger']['type'] );
	}

	public function test_a_listener_that_throws_does_not_end_the_run(): void {
		add_filter( 'doing_it_wrong_trigger_error', '__return_false' );
		$wrong = array();
		add_action(
			'doing_it_wrong_run',
			static function ( $function_name ) use ( &$wrong ): void {
				$wrong[] = $function_name;
			}
		);
		add_action(
			'aifo_workflow_step_finished',
			static function (): void {
				throw new \RuntimeException( 'A broken listener' );
			}
		);
		$run = $this->rest( 'POST', '/ai-failover/v1/workflows/' . $this->workflow . '/runs', array() )->get_data();
		$this->assertSame( array( 'succeeded', 2 ), array( $run['status'], count( $run['steps'] ) ) );
		$this->assertSame( array( 'aifo_workflow_step_finished', 'aifo_workflow_step_finished' ), $wrong, 'Reported where developers look.' );
	}
}
