<?php
/**
 * Keeps the event log within its retention period.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Settings\Settings_Repository;

/**
 * A daily WP-Cron job deleting rows older than the retention period, in small batches so the
 * table is never locked for long.
 *
 * @since 0.1.0
 */
final class Retention implements Registers_Hooks {

	public const HOOK = 'aifo_purge_events';

	private const BATCH       = 1000;
	private const MAX_BATCHES = 500;

	public function __construct(
		private readonly Event_Repository $events,
		private readonly Settings_Repository $settings,
	) {
	}

	public function register_hooks(): void {
		add_action( self::HOOK, array( $this, 'purge' ) );
		add_action( 'init', array( $this, 'schedule' ) );
	}

	/**
	 * Schedules the daily job once.
	 */
	public function schedule(): void {
		if ( ! wp_next_scheduled( self::HOOK ) ) {
			wp_schedule_event( time() + HOUR_IN_SECONDS, 'daily', self::HOOK );
		}
	}

	/**
	 * Days to keep.
	 */
	public function days(): int {
		/**
		 * Filters how many days of event log rows are kept.
		 *
		 * @since 0.1.0
		 *
		 * @param int $days From the settings (30 by default).
		 */
		return max( 1, (int) apply_filters( 'aifo_log_retention_days', (int) ( $this->settings->get()['log_retention_days'] ?? 30 ) ) );
	}

	/**
	 * Deletes old rows in batches.
	 *
	 * @param int|null $now Unix time (tests pass one).
	 * @return int Rows deleted.
	 */
	public function purge( ?int $now = null ): int {
		$before  = gmdate( 'Y-m-d H:i:s', ( $now ?? time() ) - $this->days() * DAY_IN_SECONDS );
		$deleted = 0;
		for ( $batch = 0; $batch < self::MAX_BATCHES; $batch++ ) {
			$count    = $this->events->delete_older_than( $before, self::BATCH );
			$deleted += $count;
			if ( $count < self::BATCH ) {
				break;
			}
		}
		return $deleted;
	}
}
