<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Workflows;

use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Run_Repository;

/**
 * The workflow post type and routes inside WordPress, through the real engine and the Simulator:
 * validation errors per step, the 400 that names the step, input checks, dry runs, stored runs,
 * the event log's workflow and step columns, and answers that match the generated schemas.
 *
 * @covers \AI_Failover\REST\Workflows_Controller
 * @covers \AI_Failover\REST\Features_Summary_Controller
 * @covers \AI_Failover\Workflows\Workflow_Service
 * @covers \AI_Failover\Workflows\Workflow_Post_Type
 * @covers \AI_Failover\Workflows\Workflow_Run_Repository
 * @covers \AI_Failover\Workflows\Step_Budget
 * @covers \AI_Failover\Workflows\Run_Retention
 */
final class Workflow_Routes_Test extends Test_Case {

	private int $workflow = 0;

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
		$feature = static fn( string $id, string $model ): array => array(
			'id'      => $id,
			'label'   => ucfirst( $id ),
			'primary' => array(
				'provider_id' => 'sim',
				'model'       => $model,
			),
			'retry'   => array( 'attempts_per_route' => 1 ),
		);
		update_option(
			'aifo_features',
			array(
				'fast'   => $feature( 'fast', 'sim-bad-request' ),
				'strong' => $feature( 'strong', 'sim-echo' ),
			)
		);
		wp_set_current_user( $this->create_user( 'editor' ) );
		$this->workflow = (int) wp_insert_post(
			array(
				'post_type'    => Workflow_Post_Type::POST_TYPE,
				'post_status'  => 'publish',
				'post_title'   => 'Fast then strong',
				'post_content' => self::content( 'fast' ),
			)
		);
	}

	/**
	 * @param string $feature Feature of the first step.
	 */
	private static function content( string $feature ): string {
		return '<!-- wp:ai-failover/workflow {"inputs":[{"name":"topic","label":"Topic","type":"text","required":true,"default":""},{"name":"count","label":"Count","type":"number","required":false,"default":"2"}]} -->'
			. "\n<!-- wp:ai-failover/step {\"stepId\":\"draft\",\"feature\":\"{$feature}\",\"prompt\":\"{{input.count}} lines on {{input.topic}}\"} -->\n"
			. '<!-- wp:ai-failover/on-failure {"errorClasses":["invalid_request"]} --><!-- wp:ai-failover/step {"stepId":"retry","feature":"strong","prompt":"Again ({{error.class}}): {{input.topic}}"} /--><!-- /wp:ai-failover/on-failure -->'
			. "\n<!-- /wp:ai-failover/step -->\n"
			. '<!-- wp:ai-failover/output {"value":"Result: {{steps.draft.output}}"} /-->'
			. '<!-- /wp:ai-failover/workflow -->';
	}

	private function runs_route(): string {
		return '/ai-failover/v1/workflows/' . $this->workflow . '/runs';
	}

	public function test_the_post_type_is_private_revisioned_and_holds_only_workflow_blocks(): void {
		$type = get_post_type_object( Workflow_Post_Type::POST_TYPE );
		$this->assertNotNull( $type );
		$this->assertFalse( $type->public );
		$this->assertFalse( $type->publicly_queryable );
		$this->assertTrue( $type->show_in_rest );
		$this->assertSame( 'aifo-workflows', $type->rest_base );
		$this->assertTrue( post_type_supports( Workflow_Post_Type::POST_TYPE, 'revisions' ) );
		$this->assertSame( array( array( 'ai-failover/workflow' ) ), $type->template );
		$allowed = apply_filters( 'allowed_block_types_all', true, new \WP_Block_Editor_Context( array( 'post' => get_post( $this->workflow ) ) ) );
		$this->assertSame( array( 'ai-failover/workflow', 'ai-failover/step', 'ai-failover/on-success', 'ai-failover/on-failure', 'ai-failover/stop', 'ai-failover/output', 'ai-failover/write-post' ), $allowed );
		$other = apply_filters( 'allowed_block_types_all', true, new \WP_Block_Editor_Context( array( 'post' => get_post( (int) wp_insert_post( array( 'post_title' => 'p' ) ) ) ) ) );
		$this->assertTrue( $other, 'other post types keep every block' );
	}

	public function test_a_failure_branch_runs_through_the_real_engine_and_fills_the_event_log(): void {
		$response = $this->rest( 'POST', $this->runs_route(), array( 'input' => array( 'topic' => 'owls' ) ) );
		$this->assertSame( 200, $response->get_status() );
		$run = $response->get_data();
		$this->assertTrue( rest_validate_value_from_schema( $run, ( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) )->get( 'workflow-run' ), 'run' ) );
		$this->assertSame( 'succeeded', $run['status'] );
		$this->assertSame( array( 'draft', 'failed', 'failure', 'invalid_request', 400 ), array( $run['steps'][0]['id'], $run['steps'][0]['status'], $run['steps'][0]['branch'], $run['steps'][0]['error']['class'], $run['steps'][0]['error']['status'] ) );
		$this->assertSame( 'Result: Simulated answer to: Again (invalid_request): owls', $run['output'] );
		$this->assertSame( 'Fast then strong', $run['workflow_title'] );

		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( "SELECT run_id, workflow, step, caller FROM {$wpdb->prefix}aifo_events WHERE workflow = %s ORDER BY id", (string) $this->workflow ), ARRAY_A );
		$this->assertSame(
			array(
				array( $run['steps'][0]['run_id'], (string) $this->workflow, 'draft', 'workflow' ),
				array( $run['steps'][1]['run_id'], (string) $this->workflow, 'retry', 'workflow' ),
			),
			array_map( 'array_values', $rows )
		);

		$list = $this->rest( 'GET', $this->runs_route() );
		$this->assertSame( array( $run['id'] ), array_column( $list->get_data(), 'id' ) );
		$this->assertSame( '1', $list->get_headers()['X-WP-Total'] );
		$this->assertEquals( $run, $this->rest( 'GET', '/ai-failover/v1/workflow-runs/' . $run['id'] )->get_data(), 'the stored record, as JSON gives it back' );
	}

	public function test_an_invalid_graph_is_refused_with_a_400_that_names_the_step(): void {
		wp_update_post(
			array(
				'ID'           => $this->workflow,
				'post_content' => self::content( 'deleted-feature' ),
			)
		);
		$response = $this->rest( 'POST', $this->runs_route(), array( 'input' => array( 'topic' => 'owls' ) ) );
		$this->assertSame( 400, $response->get_status() );
		$this->assertSame( 'aifo_workflow_invalid', $response->get_data()['code'] );
		$this->assertSame(
			array(
				array(
					'step'    => 'draft',
					'block'   => 'ai-failover/step',
					'code'    => 'unknown_feature',
					'message' => 'The AI feature "deleted-feature" does not exist (any more).',
				),
			),
			$response->get_data()['data']['errors']
		);
		$this->assertSame( array(), $this->rest( 'GET', $this->runs_route() )->get_data(), 'nothing ran, nothing stored' );
	}

	public function test_the_validate_route_lists_errors_per_step_for_unsaved_content(): void {
		$content  = str_replace( '{{input.topic}}"} -->', '{{input.topic}} {{steps.retry.output}}"} -->', self::content( 'fast' ) );
		$response = $this->rest( 'POST', '/ai-failover/v1/workflows/validate', array( 'content' => $content ) );
		$this->assertSame( 200, $response->get_status() );
		$this->assertTrue( rest_validate_value_from_schema( $response->get_data(), ( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) )->get( 'workflow-validation' ), 'validation' ) );
		$this->assertFalse( $response->get_data()['valid'] );
		$this->assertSame( array( array( 'draft', 'undefined_variable' ) ), array_map( static fn( array $e ) => array( $e['step'], $e['code'] ), $response->get_data()['errors'] ) );
		$this->assertTrue( $this->rest( 'POST', '/ai-failover/v1/workflows/validate', array( 'content' => self::content( 'fast' ) ) )->get_data()['valid'] );
	}

	public function test_inputs_are_checked_against_the_declaration(): void {
		$cases = array(
			array( array(), 'Topic is required.' ),
			array(
				array(
					'topic' => 'x',
					'color' => 'red',
				),
				'The workflow has no input "color".',
			),
			array(
				array(
					'topic' => 'x',
					'count' => 'many',
				),
				'Count must be a number.',
			),
		);
		foreach ( $cases as $case ) {
			$response = $this->rest( 'POST', $this->runs_route(), array( 'input' => $case[0] ) );
			$this->assertSame( 400, $response->get_status() );
			$this->assertSame( $case[1], $response->get_data()['data']['params']['input'] );
		}
		$extra = $this->rest(
			'POST',
			$this->runs_route(),
			array(
				'input' => array( 'topic' => 'x' ),
				'debug' => true,
			)
		);
		$this->assertSame( 400, $extra->get_status(), 'unknown body fields are refused' );
	}

	public function test_a_dry_run_validates_and_lists_the_steps_without_running_or_storing(): void {
		$response = $this->rest(
			'POST',
			$this->runs_route(),
			array(
				'input'   => array( 'topic' => 'owls' ),
				'dry_run' => true,
			)
		);
		$this->assertSame( 200, $response->get_status() );
		$this->assertTrue( $response->get_data()['dry_run'] );
		$this->assertSame( array( 'draft:skipped', 'retry:skipped' ), array_map( static fn( array $s ) => $s['id'] . ':' . $s['status'], $response->get_data()['steps'] ) );
		$this->assertSame( array(), $this->rest( 'GET', $this->runs_route() )->get_data() );
	}

	public function test_unknown_workflows_runs_and_drilled_steps_are_404_and_400(): void {
		$this->assertSame( 404, $this->rest( 'POST', '/ai-failover/v1/workflows/999999/runs', array() )->get_status() );
		$this->assertSame( 404, $this->rest( 'GET', '/ai-failover/v1/workflow-runs/0123456789abcdef' )->get_status() );
		$post = (int) wp_insert_post( array( 'post_title' => 'Not a workflow' ) );
		$this->assertSame( 404, $this->rest( 'POST', '/ai-failover/v1/workflows/' . $post . '/runs', array() )->get_status() );
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$drill = $this->rest(
			'POST',
			$this->runs_route(),
			array(
				'input'    => array( 'topic' => 'x' ),
				'simulate' => array(
					array(
						'step'        => 'nope',
						'error_class' => 'timeout',
					),
				),
			)
		);
		$this->assertSame( 400, $drill->get_status() );
		$this->assertSame( 'There is no step "nope".', $drill->get_data()['data']['params']['simulate'] );
	}

	public function test_the_features_summary_shows_chains_without_secrets(): void {
		$response = $this->rest( 'GET', '/ai-failover/v1/features-summary' );
		$this->assertSame( 200, $response->get_status() );
		$schema = ( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) )->get( 'feature-summary' );
		foreach ( $response->get_data() as $item ) {
			$this->assertTrue( rest_validate_value_from_schema( $item, $schema, 'item' ) );
		}
		$this->assertSame( array( 'fast', 'strong' ), array_column( $response->get_data(), 'id' ) );
		$this->assertSame( 'sim/sim-bad-request', $response->get_data()[0]['primary'] );
		$this->assertContains( 'server', $response->get_data()[0]['triggers'] );
	}

	public function test_a_steps_engine_budget_is_capped_at_the_time_the_workflow_has_left(): void {
		$budgets = array();
		add_filter(
			'aifo_feature_policy',
			static function ( $feature ) use ( &$budgets ) {
				$budgets[] = $feature['retry']['total_budget_ms'] ?? null;
				return $feature;
			},
			99
		);
		aifo_run(
			'strong',
			array(
				'messages'              => array(
					array(
						'role'    => 'user',
						'content' => 'hi',
					),
				),
				'workflow_remaining_ms' => 4321,
			)
		);
		aifo_run(
			'strong',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'hi',
					),
				),
			)
		);
		$this->assertSame( array( 4321, 30000 ), $budgets, 'outside workflows the feature keeps its budget' );
	}

	public function test_runs_older_than_the_log_retention_are_purged_with_the_log(): void {
		$repository = new Workflow_Run_Repository();
		$old        = new Workflow_Run( 'aaaaaaaaaaaaaaaa', $this->workflow, 't', 'succeeded', 'succeeded', '', '', null, gmdate( 'Y-m-d\TH:i:s\Z', time() - 40 * DAY_IN_SECONDS ), 1.0, 0.0, false, array() );
		$new        = new Workflow_Run( 'bbbbbbbbbbbbbbbb', $this->workflow, 't', 'succeeded', 'succeeded', '', '', null, gmdate( 'Y-m-d\TH:i:s\Z', time() - 2 * DAY_IN_SECONDS ), 1.0, 0.0, false, array() );
		$this->assertTrue( $repository->insert( $old, 0 ) );
		$this->assertTrue( $repository->insert( $new, 0 ) );
		update_option( 'aifo_settings', array( 'log_retention_days' => 30 ) + (array) get_option( 'aifo_settings', array() ) );

		// As WP-Cron fires it: no arguments.
		do_action_ref_array( 'aifo_purge_events', array() );

		$this->assertNull( $repository->find( 'aaaaaaaaaaaaaaaa' ) );
		$this->assertNotNull( $repository->find( 'bbbbbbbbbbbbbbbb' ) );
	}

	public function test_deleting_a_workflow_deletes_its_runs(): void {
		$run = $this->rest( 'POST', $this->runs_route(), array( 'input' => array( 'topic' => 'owls' ) ) )->get_data();
		wp_delete_post( $this->workflow, true );
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$this->assertSame( 404, $this->rest( 'GET', '/ai-failover/v1/workflow-runs/' . $run['id'] )->get_status() );
	}
}
