<?php
/**
 * Scheduled workflow runs.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Registers_Hooks;

/**
 * On each queue tick, queues one run of every published workflow whose schedule has a slot due:
 * the latest slot at or before now, if it is not older than the schedule itself. The job's dedupe
 * key is the workflow and the slot, so however many workers tick at once, and however often, a
 * slot is queued once; slots missed while the site had no traffic are not made up, only the
 * latest runs. Scheduled runs have no user and use the schedule's fixed inputs.
 *
 * Also answers `aifo_workflow_next_run_at` (the workflows list's "next scheduled run").
 *
 * @since n.e.x.t
 */
final class Schedule_Trigger implements Registers_Hooks {

	public const SOURCE = 'schedule';

	public function __construct(
		private readonly Queue $queue,
		private readonly Clock $clock,
	) {
	}

	public function register_hooks(): void {
		// Before the runner (10) on the same tick, so a due slot runs at once.
		add_action( Queue_Dispatcher::HOOK, array( $this, 'enqueue_due' ), 5, 0 );
		add_filter( 'aifo_workflow_next_run_at', array( $this, 'next_run_at' ), 10, 2 );
	}

	/**
	 * Queues the due slot of each schedule.
	 *
	 * @param int|null $now Unix time (tests).
	 * @return array<int, int> Workflow id => job id queued now.
	 */
	public function enqueue_due( ?int $now = null ): array {
		$now    = $now ?? (int) floor( $this->clock->now_ms() / 1000 );
		$queued = array();
		foreach ( Trigger_Settings::index()['schedule'] as $workflow => $schedule ) {
			$slot = self::due_slot( (string) $schedule['cron'], (int) $schedule['since'], $now );
			if ( null === $slot ) {
				continue;
			}
			$job = $this->queue->enqueue(
				Workflow_Job_Handler::TYPE,
				self::SOURCE,
				array( 'input' => (array) $schedule['input'] ),
				array(
					'workflow_id' => (int) $workflow,
					'dedupe_key'  => 'schedule:' . (int) $workflow . ':' . $slot,
				)
			);
			if ( $job > 0 ) {
				$queued[ (int) $workflow ] = $job;
			}
		}
		return $queued;
	}

	/**
	 * The slot due now (Unix time), or null when the latest slot is older than the schedule.
	 *
	 * @param string $cron  Expression.
	 * @param int    $since When the schedule was set.
	 * @param int    $now   Now.
	 */
	public static function due_slot( string $cron, int $since, int $now ): ?int {
		$slot = Cron_Expression::parse( $cron )?->previous( $now, wp_timezone() );
		return null !== $slot && $slot >= $since - $since % 60 ? $slot : null;
	}

	/**
	 * Filter callback of `aifo_workflow_next_run_at`.
	 *
	 * @param int|null $timestamp What earlier callbacks said.
	 * @param int      $workflow  Workflow post id.
	 * @return int|null The next scheduled run (Unix time), null when not scheduled.
	 */
	public function next_run_at( $timestamp, $workflow ) {
		$schedule = Trigger_Settings::index()['schedule'][ (int) $workflow ] ?? null;
		if ( ! is_array( $schedule ) ) {
			return is_int( $timestamp ) ? $timestamp : null;
		}
		return Cron_Expression::parse( (string) $schedule['cron'] )?->next( (int) floor( $this->clock->now_ms() / 1000 ), wp_timezone() );
	}
}
