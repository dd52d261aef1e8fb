<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Provenance;

use AI_Failover\Provenance\Provenance_Meta;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Trigger_Settings;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * A queued on-publish run writes as the workflow's author, whoever's request runs the queue: an
 * administrator pressing "run due jobs" does not lend the run their capabilities.
 *
 * @covers \AI_Failover\Queue\Workflow_Job_Handler
 * @covers \AI_Failover\Workflows\Workflow_Service::run_as_user
 * @covers \AI_Failover\Provenance\Content_Writer
 */
final class Queued_Write_Test extends Test_Case {

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
	}

	/**
	 * A published workflow by $author that writes the excerpt of the post that triggered it.
	 *
	 * @param int $author Workflow author.
	 */
	private function workflow( int $author ): int {
		$workflow = (int) wp_insert_post(
			array(
				'post_type'    => Workflow_Post_Type::POST_TYPE,
				'post_status'  => 'publish',
				'post_author'  => $author,
				'post_title'   => 'Excerpt on publish',
				'post_content' => '<!-- wp:ai-failover/workflow -->'
					. '<!-- wp:ai-failover/step {"stepId":"sum","feature":"echo","prompt":"Sum up {{post.title}}"} /-->'
					. '<!-- wp:ai-failover/write-post {"source":"sum","field":"excerpt","postId":"{{post.id}}"} /-->'
					. '<!-- /wp:ai-failover/workflow -->',
			)
		);
		( new Trigger_Settings( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) ) )->save(
			$workflow,
			array(
				'publish' => array(
					'enabled'    => true,
					'post_types' => array( 'post' ),
					'on_update'  => false,
				),
			)
		);
		return $workflow;
	}

	private function publish( string $title ): int {
		return (int) wp_insert_post(
			array(
				'post_type'    => 'post',
				'post_status'  => 'publish',
				'post_title'   => $title,
				'post_content' => 'Owls hunt at night.',
			)
		);
	}

	public function test_the_run_writes_as_the_workflow_author_not_as_who_runs_the_queue(): void {
		$admin  = $this->create_user( 'administrator' );
		$author = $this->create_user( 'author' );
		wp_set_current_user( $admin );
		$workflow = $this->workflow( $author );
		$post     = $this->publish( 'Owls' );

		$ran = $this->rest( 'POST', '/ai-failover/v1/queue/run' )->get_data();
		$this->assertCount( 1, $ran['ran'] );
		$job = ( new Job_Repository() )->find( (int) $ran['ran'][0]['id'] );
		$run = $this->rest( 'GET', '/ai-failover/v1/workflow-runs/' . $job?->result_ref )->get_data();
		$this->assertSame( 'failed', $run['status'], 'An author may not edit the administrator\'s post.' );
		$this->assertSame( array( 'write_failed', 403 ), array( $run['error']['class'], $run['error']['status'] ) );
		$this->assertSame( '', get_post( $post )->post_excerpt );
		$this->assertSame( array(), get_post_meta( $post, Provenance_Meta::KEY, true ) );

		// The same workflow by the administrator writes, and its provenance names the author of the run.
		wp_update_post(
			array(
				'ID'          => $workflow,
				'post_author' => $admin,
			)
		);
		$second = $this->publish( 'Bats' );
		$this->rest( 'POST', '/ai-failover/v1/queue/run' );
		$this->assertStringStartsWith( 'Simulated answer to: Sum up Bats', get_post( $second )->post_excerpt );
		$entries = get_post_meta( $second, Provenance_Meta::KEY, true );
		$this->assertSame( $admin, $entries[0]['user_id'] ?? null );
		$this->assertSame( $workflow, $entries[0]['workflow_id'] ?? null );
	}
}
