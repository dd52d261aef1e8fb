<?php
/**
 * Workflow run records are kept as long as the event log.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Diagnostics\Retention;

/**
 * On the event log's daily purge, deletes the workflow runs older than the same retention
 * (`aifo_log_retention_days`), in batches: a run record points at its steps' events, so it should
 * not outlive them.
 *
 * @since n.e.x.t
 */
final class Run_Retention implements Registers_Hooks {

	private const BATCH       = 1000;
	private const MAX_BATCHES = 100;

	public function __construct(
		private readonly Workflow_Run_Repository $runs,
		private readonly Retention $retention,
	) {
	}

	public function register_hooks(): void {
		add_action( Retention::HOOK, array( $this, 'purge' ), 20 );
	}

	/**
	 * @param int|null $now Unix time (tests).
	 * @return int Runs deleted.
	 */
	public function purge( ?int $now = null ): int {
		$before  = gmdate( 'Y-m-d H:i:s', ( $now ?? time() ) - $this->retention->days() * DAY_IN_SECONDS );
		$deleted = 0;
		for ( $batch = 0; $batch < self::MAX_BATCHES; $batch++ ) {
			$rows     = $this->runs->delete_older_than( $before, self::BATCH );
			$deleted += $rows;
			if ( $rows < self::BATCH ) {
				break;
			}
		}
		return $deleted;
	}
}
