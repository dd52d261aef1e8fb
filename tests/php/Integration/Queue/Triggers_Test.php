<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Queue;

use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Queue;
use AI_Failover\Queue\Queue_Dispatcher;
use AI_Failover\Queue\Schedule_Trigger;
use AI_Failover\Queue\Trigger_Settings;
use AI_Failover\Queue\Workflow_Job_Handler;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * Triggers inside WordPress (the plugin wired as on a WP-Cron or CLI request, the Simulator as
 * provider, everything rolled back): schedules due and not due, the next-run filter, on-publish
 * runs with the post as input, and no loop when the workflow writes to the post that triggered it.
 *
 * @covers \AI_Failover\Queue\Schedule_Trigger
 * @covers \AI_Failover\Queue\Publish_Trigger
 * @covers \AI_Failover\Queue\Trigger_Settings
 * @covers \AI_Failover\Queue\Workflow_Job_Handler
 * @covers \AI_Failover\Plugin::post_saved
 * @covers \AI_Failover\Workflows\Workflow_Service
 */
final class Triggers_Test extends Test_Case {

	private int $workflow = 0;

	private int $admin = 0;

	protected function set_up(): void {
		parent::set_up();
		global $wpdb;
		$wpdb->query( 'DELETE FROM ' . Job_Repository::table() ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- rolled back with the test.
		delete_option( Trigger_Settings::INDEX );
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
		$this->admin = $this->create_user( 'administrator' );
		wp_set_current_user( $this->admin );
		$this->workflow = (int) wp_insert_post(
			array(
				'post_type'    => Workflow_Post_Type::POST_TYPE,
				'post_status'  => 'publish',
				'post_title'   => 'Summarize on publish',
				'post_content' => '<!-- wp:ai-failover/workflow {"inputs":[{"name":"tone","label":"Tone","type":"text","required":false,"default":"dry"}]} -->'
					. '<!-- wp:ai-failover/step {"stepId":"sum","feature":"echo","prompt":"{{input.tone}}: {{post.title}} / {{post.excerpt}} / {{post.meta.subtitle}}"} /-->'
					. '<!-- /wp:ai-failover/workflow -->',
			)
		);
	}

	public function test_a_schedule_is_due_at_its_next_slot_once_and_never_for_a_slot_before_it_existed(): void {
		$set_at = (int) gmmktime( 10, 30, 0, 1, 5, 2027 );
		update_option(
			Trigger_Settings::INDEX,
			array(
				'publish'  => array(),
				'schedule' => array(
					$this->workflow => array(
						'cron'  => '0 * * * *',
						'input' => array( 'tone' => 'warm' ),
						'since' => $set_at,
					),
				),
			)
		);
		update_option( 'timezone_string', 'UTC' );
		$clock    = new Fake_Clock( $set_at * 1000.0 );
		$schedule = new Schedule_Trigger( new Queue( new Job_Repository(), $clock, new Queue_Dispatcher(), array() ), $clock );

		$this->assertSame( array(), $schedule->enqueue_due( $set_at + 600 ), 'Not due: the 10:00 slot is older than the schedule.' );
		$due = $schedule->enqueue_due( $set_at + 1800 + 30 );
		$this->assertSame( array( $this->workflow ), array_keys( $due ), 'Due at 11:00.' );
		$this->assertSame( array(), $schedule->enqueue_due( $set_at + 1800 + 45 ), 'Another tick (or worker) in the same slot queues nothing.' );
		$this->assertSame( array(), $schedule->enqueue_due( $set_at + 3000 ), 'Not due at 11:20.' );
		$this->assertCount( 1, $schedule->enqueue_due( $set_at + 5400 ), 'Due again at 12:00.' );

		$job = ( new Job_Repository() )->find( (int) $due[ $this->workflow ] );
		$this->assertSame( array( 'schedule', $this->workflow, 0, array( 'input' => array( 'tone' => 'warm' ) ) ), array( $job?->source, $job->workflow_id, $job->user_id, $job->payload ) );
	}

	public function test_the_next_run_filter_answers_for_scheduled_workflows_and_null_otherwise(): void {
		update_option( 'timezone_string', 'UTC' );
		$this->assertNull( apply_filters( 'aifo_workflow_next_run_at', null, $this->workflow ), 'Not scheduled.' );

		( new Trigger_Settings( $this->schemas() ) )->save(
			$this->workflow,
			array(
				'schedule' => array(
					'enabled'    => true,
					'recurrence' => 'hourly',
					'cron'       => '',
					'input'      => array(),
				),
			)
		);
		$next = apply_filters( 'aifo_workflow_next_run_at', null, $this->workflow );
		$this->assertSame( ( intdiv( time(), 3600 ) + 1 ) * 3600, $next, 'The top of the next hour.' );

		wp_update_post(
			array(
				'ID'          => $this->workflow,
				'post_status' => 'draft',
			)
		);
		$this->assertNull( apply_filters( 'aifo_workflow_next_run_at', null, $this->workflow ), 'A draft workflow is not scheduled.' );
	}

	public function test_publishing_a_watched_post_queues_one_run_with_the_post_as_input_and_saving_it_again_does_not(): void {
		$this->watch_posts( false );
		$post = $this->publish_post();

		$jobs = $this->publish_jobs();
		$this->assertCount( 1, $jobs, 'One run for the publish.' );
		$this->assertSame( array( Job::QUEUED, $post, $this->admin ), array( $jobs[0]->status, $jobs[0]->post_id, $jobs[0]->user_id ) );

		wp_update_post(
			array(
				'ID'         => $post,
				'post_title' => 'Owls, revised',
			)
		);
		$this->assertCount( 1, $this->publish_jobs(), 'An update of a published post is not a publish.' );
		wp_insert_post(
			array(
				'post_type'   => 'post',
				'post_status' => 'draft',
				'post_title'  => 'Draft',
			)
		);
		wp_insert_post(
			array(
				'post_type'   => 'page',
				'post_status' => 'publish',
				'post_title'  => 'A page',
			)
		);
		$this->assertCount( 1, $this->publish_jobs(), 'Drafts and unwatched types do not trigger.' );

		$ran = $this->rest( 'POST', '/ai-failover/v1/queue/run' )->get_data();
		$this->assertSame( array( Job::DONE ), array_column( $ran['ran'], 'status' ) );
		$job = ( new Job_Repository() )->find( $jobs[0]->id );
		$run = $this->rest( 'GET', '/ai-failover/v1/workflow-runs/' . $job?->result_ref )->get_data();
		$this->assertSame( 'Simulated answer to: dry: Owls, revised / A short excerpt. / Night birds', $run['output'], 'The post as it is when the run runs.' );
	}

	public function test_a_workflow_that_writes_to_its_triggering_post_does_not_trigger_itself_again(): void {
		$this->watch_posts( true );
		$post = $this->publish_post();
		$this->assertCount( 1, $this->publish_jobs() );

		// What provenance's write step does: the step's output goes into the post, inside the run.
		$writes = 0;
		add_action(
			'aifo_workflow_step_finished',
			static function ( array $step ) use ( $post, &$writes ): void {
				++$writes;
				wp_update_post(
					array(
						'ID'           => $post,
						'post_excerpt' => (string) $step['output'],
					)
				);
			}
		);
		$ran = $this->rest( 'POST', '/ai-failover/v1/queue/run' )->get_data();

		$this->assertSame( array( Job::DONE ), array_column( $ran['ran'], 'status' ), 'One run, and no second one after it.' );
		$this->assertSame( 1, $writes );
		$this->assertStringStartsWith( 'Simulated answer to:', get_post( $post )->post_excerpt ?? '', 'The workflow wrote the post.' );
		$this->assertCount( 1, $this->publish_jobs(), 'Its own write queued nothing, though updates trigger this workflow.' );

		wp_update_post(
			array(
				'ID'         => $post,
				'post_title' => 'Owls, by a person',
			)
		);
		$this->assertCount( 2, $this->publish_jobs(), 'A person\'s update does trigger it.' );
	}

	public function test_only_administrators_set_triggers_and_a_cron_expression_out_of_range_is_refused_by_name(): void {
		$triggers = array(
			'schedule' => array(
				'enabled'    => true,
				'recurrence' => 'cron',
				'cron'       => '75 * * * *',
			),
		);
		$refused  = $this->rest( 'POST', '/wp/v2/' . Workflow_Post_Type::REST_BASE . '/' . $this->workflow, array( 'meta' => array( Trigger_Settings::META_KEY => $triggers ) ) );
		$this->assertSame( 400, $refused->get_status() );
		$this->assertSame( 'meta.' . Trigger_Settings::META_KEY . '.schedule.cron', $refused->get_data()['data']['field'] ?? '' );
		$this->assertFalse( metadata_exists( 'post', $this->workflow, Trigger_Settings::META_KEY ), 'Nothing saved.' );

		$triggers['schedule']['cron'] = '*/15 8-18 * * 1-5';
		$saved                        = $this->rest( 'POST', '/wp/v2/' . Workflow_Post_Type::REST_BASE . '/' . $this->workflow, array( 'meta' => array( Trigger_Settings::META_KEY => $triggers ) ) );
		$this->assertSame( 200, $saved->get_status(), (string) wp_json_encode( $saved->get_data() ) );
		$this->assertSame( '*/15 8-18 * * 1-5', $saved->get_data()['meta'][ Trigger_Settings::META_KEY ]['schedule']['cron'] ?? '' );
		$this->assertSame( '*/15 8-18 * * 1-5', Trigger_Settings::index()['schedule'][ $this->workflow ]['cron'] ?? '', 'Indexed.' );

		wp_set_current_user( $this->create_user( 'editor' ) );
		$triggers['schedule']['cron'] = '0 3 * * *';
		$editor                       = $this->rest( 'POST', '/wp/v2/' . Workflow_Post_Type::REST_BASE . '/' . $this->workflow, array( 'meta' => array( Trigger_Settings::META_KEY => $triggers ) ) );
		$this->assertSame( 403, $editor->get_status(), 'Editors may build workflows, not schedule them.' );
		$this->assertSame( '*/15 8-18 * * 1-5', ( new Trigger_Settings( $this->schemas() ) )->get( $this->workflow )['schedule']['cron'] );
	}

	/**
	 * Sets the workflow to run when a post is published (and, if asked, updated).
	 *
	 * @param bool $on_update Also on updates.
	 */
	private function watch_posts( bool $on_update ): void {
		( new Trigger_Settings( $this->schemas() ) )->save(
			$this->workflow,
			array(
				'publish' => array(
					'enabled'    => true,
					'post_types' => array( 'post' ),
					'on_update'  => $on_update,
				),
			)
		);
		$this->assertArrayHasKey( $this->workflow, Trigger_Settings::index()['publish']['post'] ?? array() );
	}

	private function publish_post(): int {
		$post = (int) wp_insert_post(
			array(
				'post_type'    => 'post',
				'post_status'  => 'publish',
				'post_title'   => 'Owls',
				'post_excerpt' => 'A short excerpt.',
				'post_content' => 'Owls hunt at night.',
				'meta_input'   => array( 'subtitle' => 'Night birds' ),
			)
		);
		$this->assertGreaterThan( 0, $post );
		return $post;
	}

	/**
	 * @return list<Job>
	 */
	private function publish_jobs(): array {
		return array_values( array_filter( ( new Job_Repository() )->list( null, $this->workflow, 100 ), static fn( Job $job ) => 'publish' === $job->source && Workflow_Job_Handler::TYPE === $job->type ) );
	}

	private function schemas(): \AI_Failover\Schema\Schema_Registry {
		return new \AI_Failover\Schema\Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' );
	}
}
