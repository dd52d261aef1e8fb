<?php
/**
 * Wakes a queue worker.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

/**
 * The jobs always live in the plugin's own table (leases, slots, dead jobs, the Queue screen);
 * what wakes a worker to process them is either WP-Cron (the default) or, on a site that runs
 * WooCommerce's Action Scheduler (`as_enqueue_async_action()` exists), Action Scheduler: its
 * async runner starts within seconds on the next request instead of waiting for WP-Cron's
 * traffic-driven loopback, and its own claim logic already keeps one action to one worker. The
 * filter `aifo_queue_use_action_scheduler` turns that off (or on, when it is detected late).
 * A one-minute WP-Cron tick stays scheduled either way, so a lost wake-up only delays a job.
 *
 * @since n.e.x.t
 */
final class Queue_Dispatcher {

	/** The hook that runs due jobs (WP-Cron event and Action Scheduler action). */
	public const HOOK  = 'aifo_queue_run';
	public const GROUP = 'ai-failover';

	/**
	 * Whether Action Scheduler dispatches the queue's workers on this site.
	 */
	public function uses_action_scheduler(): bool {
		$detected = function_exists( 'as_enqueue_async_action' ) && function_exists( 'as_schedule_single_action' );

		/**
		 * Filters whether the queue wakes its workers through Action Scheduler (when it is installed)
		 * rather than WP-Cron. The jobs stay in `{prefix}aifo_jobs` either way.
		 *
		 * @since n.e.x.t
		 *
		 * @param bool $use Whether Action Scheduler's functions exist.
		 */
		return $detected && (bool) apply_filters( 'aifo_queue_use_action_scheduler', $detected );
	}

	/**
	 * Asks for a worker at a time (Unix ms); now when it is in the past.
	 *
	 * @param int $at_ms  When the next job is due.
	 * @param int $now_ms Now.
	 */
	public function wake( int $at_ms, int $now_ms ): void {
		$at = (int) ceil( max( $at_ms, $now_ms ) / 1000 );
		if ( $this->uses_action_scheduler() ) {
			if ( $at_ms <= $now_ms ) {
				as_enqueue_async_action( self::HOOK, array(), self::GROUP, true );
			} else {
				as_schedule_single_action( $at, self::HOOK, array(), self::GROUP, true );
			}
			return;
		}
		// Its own argument, so the one-minute tick (no arguments) does not count as its duplicate.
		// One wake is pending at a time (WordPress refuses a second within ten minutes): the earliest.
		$pending = wp_next_scheduled( self::HOOK, array( 'wake' ) );
		if ( false !== $pending && $pending <= $at ) {
			return;
		}
		if ( false !== $pending ) {
			wp_unschedule_event( $pending, self::HOOK, array( 'wake' ) );
		}
		wp_schedule_single_event( $at, self::HOOK, array( 'wake' ) );
	}
}
