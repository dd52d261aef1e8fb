<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Workflows;

use AI_Failover\Queue\Trigger_Settings;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;
use AI_Failover\Workflows\Workflow_List_Columns;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Run_Repository;

/**
 * The workflows list screen: trigger, last run, 7-day success rate and next run per workflow, the
 * run figures of the whole page read in one query.
 *
 * @covers \AI_Failover\Workflows\Workflow_List_Columns
 * @covers \AI_Failover\Workflows\Workflow_Run_Repository::summaries
 */
final class Workflow_List_Columns_Test extends Test_Case {

	private Workflow_Run_Repository $runs;

	private Workflow_List_Columns $columns;

	protected function set_up(): void {
		parent::set_up();
		$this->runs    = new Workflow_Run_Repository();
		$schemas       = new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' );
		$this->columns = new Workflow_List_Columns( $this->runs, new Trigger_Settings( $schemas ) );
	}

	private function workflow( string $title ): int {
		return (int) wp_insert_post(
			array(
				'post_type'   => Workflow_Post_Type::POST_TYPE,
				'post_title'  => $title,
				'post_status' => 'publish',
			)
		);
	}

	private function add_run( int $workflow, string $status, string $outcome, int $ago ): string {
		$id = bin2hex( random_bytes( 8 ) );
		$this->runs->insert( new Workflow_Run( $id, $workflow, 'W', $status, $outcome, '', '', null, gmdate( 'Y-m-d\TH:i:s\Z', time() - $ago ), 1.0, 0.0, false, array() ), 1 );
		return $id;
	}

	/**
	 * @param int    $post_id Workflow.
	 * @param string $column  Column.
	 */
	private function cell( int $post_id, string $column ): string {
		ob_start();
		$this->columns->render( $column, $post_id );
		return (string) ob_get_clean();
	}

	public function test_each_row_shows_its_runs_read_in_one_query_for_the_page(): void {
		global $wpdb, $wp_query;
		$busy  = $this->workflow( 'Busy' );
		$idle  = $this->workflow( 'Idle' );
		$later = $this->workflow( 'Scheduled' );
		$this->add_run( $busy, Workflow_Run::SUCCEEDED, 'succeeded', 3 * DAY_IN_SECONDS );
		$this->add_run( $busy, Workflow_Run::STOPPED, 'succeeded', 2 * DAY_IN_SECONDS );
		$this->add_run( $busy, Workflow_Run::SUCCEEDED, 'succeeded', 9 * DAY_IN_SECONDS ); // Outside the window.
		$this->add_run( $busy, Workflow_Run::FAILED, 'failed', DAY_IN_SECONDS );
		$last = $this->add_run( $busy, Workflow_Run::FAILED, 'failed', 60 );
		update_post_meta(
			$later,
			Trigger_Settings::META_KEY,
			array(
				'schedule' => array(
					'enabled'    => true,
					'recurrence' => 'daily',
				),
				'publish'  => array(
					'enabled'    => true,
					'post_types' => array( 'post', 'page' ),
				),
			)
		);
		add_filter( 'aifo_workflow_next_run_at', static fn( $next, $id ) => $id === $later ? 1798761600 : $next, 10, 2 );

		$wp_query = new \WP_Query(
			array(
				'post_type' => Workflow_Post_Type::POST_TYPE,
				'post__in'  => array( $busy, $idle, $later ),
				'orderby'   => 'post__in',
			)
		); // phpcs:ignore WordPress.WP.GlobalVariablesOverride.Prohibited -- the list table's query.
		$before   = $wpdb->num_queries;
		$cells    = array();
		foreach ( array( $busy, $idle, $later ) as $id ) {
			foreach ( array( 'aifo_last_run', 'aifo_success' ) as $column ) {
				$cells[ $id ][ $column ] = $this->cell( $id, $column );
			}
		}
		$this->assertSame( 1, $wpdb->num_queries - $before, 'one query for the runs of the whole page' );

		$this->assertStringContainsString( 'Failed', $cells[ $busy ]['aifo_last_run'] );
		$this->assertStringContainsString( 'admin.php?page=ai-failover-diagnostics#workflow-run=' . $last, $cells[ $busy ]['aifo_last_run'] );
		$this->assertSame( '50% (2 of 4)', $cells[ $busy ]['aifo_success'], 'the stopped-as-succeeded run counts, the 9-day-old one does not' );
		$this->assertSame( 'Never run', $cells[ $idle ]['aifo_last_run'] );
		$this->assertSame( 'No runs', $cells[ $idle ]['aifo_success'] );

		$this->assertSame( 'Manual', $this->cell( $idle, 'aifo_trigger' ) );
		$this->assertSame( 'Schedule: daily; On publish: post, page', $this->cell( $later, 'aifo_trigger' ) );
		$this->assertSame( 'Not scheduled', $this->cell( $idle, 'aifo_next_run' ) );
		$this->assertSame( wp_date( get_option( 'date_format' ) . ' ' . get_option( 'time_format' ), 1798761600 ), $this->cell( $later, 'aifo_next_run' ) );
	}

	public function test_the_columns_come_after_the_title_and_titles_are_escaped(): void {
		$this->assertSame(
			array( 'cb', 'title', 'aifo_trigger', 'aifo_last_run', 'aifo_success', 'aifo_next_run', 'date' ),
			array_keys(
				$this->columns->columns(
					array(
						'cb'    => '',
						'title' => 'Title',
						'date'  => 'Date',
					)
				)
			)
		);
		$this->columns->register_hooks();
		$this->assertSame( 10, has_action( 'manage_aifo_workflow_posts_custom_column', array( $this->columns, 'render' ) ) );
	}
}
