<?php
/**
 * The workflows list screen's columns.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Queue\Trigger_Settings;

/**
 * Adds to the `aifo_workflow` list table: each workflow's trigger (manual, schedule, on publish),
 * its last run (status, when, a link to the run in Diagnostics), its success rate over the last
 * 7 days and its next scheduled run (`aifo_workflow_next_run_at`, answered by the schedule
 * trigger; null is "Not scheduled"). The run figures of the whole page come from one query
 * (Workflow_Run_Repository::summaries()), made at the first cell; triggers are post meta, which the
 * list's query has already loaded.
 *
 * @since n.e.x.t
 */
final class Workflow_List_Columns implements Registers_Hooks {

	public const SUCCESS_WINDOW_DAYS = 7;

	/** @var array<int, array{last_id: string, last_status: string, last_started_at: string, recent: int, recent_succeeded: int}>|null */
	private ?array $summaries = null;

	public function __construct(
		private readonly Workflow_Run_Repository $runs,
		private readonly Trigger_Settings $triggers,
	) {
	}

	public function register_hooks(): void {
		add_filter( 'manage_' . Workflow_Post_Type::POST_TYPE . '_posts_columns', array( $this, 'columns' ) );
		add_action( 'manage_' . Workflow_Post_Type::POST_TYPE . '_posts_custom_column', array( $this, 'render' ), 10, 2 );
	}

	/**
	 * The columns, the new ones after the title.
	 *
	 * @param mixed $columns Column id => label.
	 * @return array<string, string>
	 */
	public function columns( $columns ): array {
		$added = array(
			'aifo_trigger'  => __( 'Trigger', 'ai-failover' ),
			'aifo_last_run' => __( 'Last run', 'ai-failover' ),
			'aifo_success'  => __( 'Success (7 days)', 'ai-failover' ),
			'aifo_next_run' => __( 'Next run', 'ai-failover' ),
		);
		$out   = array();
		foreach ( is_array( $columns ) ? $columns : array() as $id => $label ) {
			$out[ (string) $id ] = (string) $label;
			if ( 'title' === $id ) {
				$out += $added;
			}
		}
		return $out + $added;
	}

	/**
	 * Prints one cell (escaped).
	 *
	 * @param string $column  Column id.
	 * @param int    $post_id Workflow.
	 */
	public function render( $column, $post_id ): void {
		$post_id = (int) $post_id;
		switch ( $column ) {
			case 'aifo_trigger':
				echo esc_html( $this->trigger_text( $post_id ) );
				break;
			case 'aifo_last_run':
				$this->render_last_run( $this->summary( $post_id ) );
				break;
			case 'aifo_success':
				echo esc_html( $this->success_text( $this->summary( $post_id ) ) );
				break;
			case 'aifo_next_run':
				echo esc_html( $this->next_run_text( $post_id ) );
				break;
		}
	}

	/**
	 * @param int $post_id Workflow.
	 */
	private function trigger_text( int $post_id ): string {
		$triggers = $this->triggers->get( $post_id );
		$parts    = array();
		if ( $triggers['schedule']['enabled'] ) {
			$recurrence = 'cron' === $triggers['schedule']['recurrence'] ? $triggers['schedule']['cron'] : $triggers['schedule']['recurrence'];
			/* translators: %s: Recurrence, such as daily or a cron expression. */
			$parts[] = sprintf( __( 'Schedule: %s', 'ai-failover' ), $recurrence );
		}
		if ( $triggers['publish']['enabled'] ) {
			/* translators: %s: Comma-separated post types. */
			$parts[] = sprintf( $triggers['publish']['on_update'] ? __( 'On publish or update: %s', 'ai-failover' ) : __( 'On publish: %s', 'ai-failover' ), implode( ', ', $triggers['publish']['post_types'] ) );
		}
		return $parts ? implode( '; ', $parts ) : __( 'Manual', 'ai-failover' );
	}

	/**
	 * @param array{last_id: string, last_status: string, last_started_at: string, recent: int, recent_succeeded: int}|null $summary Runs.
	 */
	private function render_last_run( ?array $summary ): void {
		if ( null === $summary ) {
			echo esc_html__( 'Never run', 'ai-failover' );
			return;
		}
		$labels  = array(
			Workflow_Run::SUCCEEDED => __( 'Succeeded', 'ai-failover' ),
			Workflow_Run::FAILED    => __( 'Failed', 'ai-failover' ),
			Workflow_Run::STOPPED   => __( 'Stopped', 'ai-failover' ),
		);
		$started = (int) strtotime( $summary['last_started_at'] . ' UTC' );
		printf(
			'<a href="%1$s" class="aifo-last-run is-%2$s">%3$s</a><br /><span class="aifo-last-run__when">%4$s</span>',
			esc_url( admin_url( 'admin.php?page=ai-failover-diagnostics#workflow-run=' . rawurlencode( $summary['last_id'] ) ) ),
			esc_attr( sanitize_html_class( $summary['last_status'] ) ),
			esc_html( $labels[ $summary['last_status'] ] ?? $summary['last_status'] ),
			/* translators: %s: Time ago, such as "5 mins". */
			esc_html( sprintf( __( '%s ago', 'ai-failover' ), human_time_diff( $started ) ) )
		);
	}

	/**
	 * @param array{last_id: string, last_status: string, last_started_at: string, recent: int, recent_succeeded: int}|null $summary Runs.
	 */
	private function success_text( ?array $summary ): string {
		if ( null === $summary || 0 === $summary['recent'] ) {
			return __( 'No runs', 'ai-failover' );
		}
		return sprintf(
			/* translators: 1: Percentage, 2: Succeeded runs, 3: All runs. */
			__( '%1$s%% (%2$d of %3$d)', 'ai-failover' ),
			number_format_i18n( 100 * $summary['recent_succeeded'] / $summary['recent'] ),
			$summary['recent_succeeded'],
			$summary['recent']
		);
	}

	/**
	 * @param int $post_id Workflow.
	 */
	private function next_run_text( int $post_id ): string {
		/**
		 * The next scheduled run of a workflow, as a Unix time, or null when none is scheduled
		 * (answered by the schedule trigger).
		 *
		 * @since n.e.x.t
		 *
		 * @param int|null $timestamp   Next run.
		 * @param int      $workflow_id Workflow post id.
		 */
		$next = apply_filters( 'aifo_workflow_next_run_at', null, $post_id );
		if ( ! is_numeric( $next ) ) {
			return __( 'Not scheduled', 'ai-failover' );
		}
		return (string) wp_date( (string) get_option( 'date_format' ) . ' ' . (string) get_option( 'time_format' ), (int) $next );
	}

	/**
	 * The run figures of one workflow, the page's fetched at the first call.
	 *
	 * @param int $post_id Workflow.
	 * @return array{last_id: string, last_status: string, last_started_at: string, recent: int, recent_succeeded: int}|null
	 */
	private function summary( int $post_id ): ?array {
		if ( null === $this->summaries ) {
			global $wp_query;
			$ids = array( $post_id );
			if ( $wp_query instanceof \WP_Query ) {
				foreach ( (array) $wp_query->posts as $post ) {
					$ids[] = $post instanceof \WP_Post ? $post->ID : (int) $post;
				}
			}
			$this->summaries = $this->runs->summaries( $ids, gmdate( 'Y-m-d H:i:s', time() - self::SUCCESS_WINDOW_DAYS * DAY_IN_SECONDS ) );
		}
		return $this->summaries[ $post_id ] ?? null;
	}
}
