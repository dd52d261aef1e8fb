<?php
/**
 * Alerts when a scheduled workflow keeps failing.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * Adds a condition to the plugin's alerts (admin notice, e-mail, webhook: Diagnostics\Alerts, every
 * five minutes) for each workflow whose last N scheduled runs all failed (N = 3 by default,
 * `aifo_workflow_failure_alert_runs`): a job kept as failed, or a run that ended failed. Raised
 * once; recovered when a scheduled run succeeds again.
 *
 * @since n.e.x.t
 */
final class Workflow_Failure_Alerts implements Registers_Hooks {

	public const DEFAULT_RUNS = 3;

	/** Only workflows with a scheduled job finished this recently are looked at. */
	private const LOOKBACK_S = 7 * 86400;

	public function __construct( private readonly Job_Repository $jobs ) {
	}

	public function register_hooks(): void {
		add_filter( 'aifo_alert_conditions', array( $this, 'conditions' ), 10, 2 );
	}

	/**
	 * @param array<string, string> $conditions Conditions so far.
	 * @param int                   $now        Unix time.
	 * @return array<string, string>
	 */
	public function conditions( $conditions, $now ): array {
		$conditions = is_array( $conditions ) ? $conditions : array();

		/**
		 * Filters how many scheduled runs of a workflow in a row must fail before an alert.
		 *
		 * @since n.e.x.t
		 *
		 * @param int $runs 3 by default.
		 */
		$runs = max( 1, (int) apply_filters( 'aifo_workflow_failure_alert_runs', self::DEFAULT_RUNS ) );
		foreach ( $this->jobs->workflows_with_jobs( Schedule_Trigger::SOURCE, ( (int) $now - self::LOOKBACK_S ) * 1000 ) as $workflow ) {
			$outcomes = $this->jobs->latest_outcomes( $workflow, Schedule_Trigger::SOURCE, $runs );
			if ( count( $outcomes ) < $runs || array( Job::FAILED ) !== array_values( array_unique( $outcomes ) ) ) {
				continue;
			}
			$title = get_the_title( $workflow );
			$last  = $this->jobs->list( null, $workflow, 1 )[0] ?? null;
			$error = (string) ( $last?->last_error['message'] ?? '' );
			$conditions[ 'workflow_failing:' . $workflow ] = sprintf(
				/* translators: 1: Workflow title, 2: Number of runs, 3: The last error. */
				__( 'The scheduled workflow "%1$s" failed its last %2$d runs. Last error: %3$s', 'ai-failover' ),
				'' !== $title ? $title : '#' . $workflow,
				$runs,
				'' !== $error ? $error : __( 'none recorded', 'ai-failover' )
			);
		}
		return $conditions;
	}
}
