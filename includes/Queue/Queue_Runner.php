<?php
/**
 * The queue's worker on WP-Cron (or Action Scheduler).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Diagnostics\Retention;

/**
 * A one-minute WP-Cron tick and every wake-up (Queue_Dispatcher::HOOK) run due jobs for a bounded
 * time: claiming stops after the time budget (20 s by default, `aifo_queue_time_budget_ms`) or
 * 10 jobs, so a worker never holds a WP-Cron request for long. Finished jobs are purged with the
 * event log (`aifo_log_retention_days`); failed ones stay as long, with their error.
 *
 * @since n.e.x.t
 */
final class Queue_Runner implements Registers_Hooks {

	public const SCHEDULE = 'aifo_every_minute';

	public const DEFAULT_BUDGET_MS = 20000;
	public const MAX_JOBS          = 10;

	private const PURGE_BATCH = 1000;

	public function __construct(
		private readonly Queue $queue,
		private readonly Job_Repository $jobs,
		private readonly Retention $retention,
	) {
	}

	public function register_hooks(): void {
		add_filter( 'cron_schedules', array( $this, 'add_schedule' ) ); // phpcs:ignore WordPress.WP.CronInterval -- one minute on purpose: a queued run must not wait 15.
		add_action( 'init', array( $this, 'schedule' ) );
		// WP-Cron passes the event's arguments ('wake' for a wake-up): run() takes none.
		add_action( Queue_Dispatcher::HOOK, array( $this, 'run' ), 10, 0 );
		add_action( Retention::HOOK, array( $this, 'purge' ), 20, 0 );
	}

	/**
	 * @param array<string, mixed> $schedules Schedules.
	 * @return array<string, mixed>
	 */
	public function add_schedule( $schedules ): array {
		$schedules                   = is_array( $schedules ) ? $schedules : array();
		$schedules[ self::SCHEDULE ] = array(
			'interval' => MINUTE_IN_SECONDS,
			'display'  => __( 'Every minute (AI Failover queue)', 'ai-failover' ),
		);
		return $schedules;
	}

	/**
	 * Schedules the tick once.
	 */
	public function schedule(): void {
		if ( ! wp_next_scheduled( Queue_Dispatcher::HOOK ) ) {
			wp_schedule_event( time() + MINUTE_IN_SECONDS, self::SCHEDULE, Queue_Dispatcher::HOOK );
		}
	}

	/**
	 * Runs due jobs within the time budget.
	 *
	 * @return list<array{id: int, status: string}>
	 */
	public function run(): array {
		return $this->queue->process( $this->budget_ms(), self::MAX_JOBS );
	}

	/**
	 * The worker's time budget.
	 */
	public function budget_ms(): int {
		/**
		 * Filters how long one queue worker keeps claiming jobs (a job claimed before the end
		 * still runs to its own bound).
		 *
		 * @since n.e.x.t
		 *
		 * @param int $budget_ms 20 000 by default.
		 */
		return max( 1000, (int) apply_filters( 'aifo_queue_time_budget_ms', self::DEFAULT_BUDGET_MS ) );
	}

	/**
	 * Deletes finished jobs older than the event log's retention.
	 *
	 * @param int|null $now Unix ms (tests).
	 * @return int Jobs deleted.
	 */
	public function purge( ?int $now = null ): int {
		$before  = ( $now ?? (int) floor( microtime( true ) * 1000 ) ) - $this->retention->days() * DAY_IN_SECONDS * 1000;
		$deleted = 0;
		for ( $batch = 0; $batch < 100; $batch++ ) {
			$rows     = $this->jobs->delete_finished_before( $before, self::PURGE_BATCH );
			$deleted += $rows;
			if ( $rows < self::PURGE_BATCH ) {
				break;
			}
		}
		return $deleted;
	}
}
