<?php
/**
 * Bookkeeping of one run in progress.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Mutable, private to Chain_Runner: the attempts so far and the clock's limits.
 *
 * @since 0.1.0
 */
final class Run_State {

	/** @var list<Attempt> */
	public array $log = array();

	public int $attempts = 0;

	public int $attempt_cap = 0;

	/**
	 * @param string $id         Run id.
	 * @param float  $started_ms Start time.
	 * @param int    $budget_ms  Budget.
	 */
	public function __construct(
		public readonly string $id,
		public readonly float $started_ms,
		public readonly int $budget_ms,
	) {
	}

	/**
	 * The number the next logged step gets: every step (skip, failure, answer) is numbered the
	 * same way, so a run's attempts are 1, 2, 3 ...
	 */
	public function next_index(): int {
		return count( $this->log ) + 1;
	}

	/**
	 * Whether something before now did not serve: a route skipped or failed, a key rejected or
	 * resting. An answer after that is degraded, whatever the reason the earlier step gave.
	 */
	public function degraded(): bool {
		foreach ( $this->log as $attempt ) {
			if ( Outcome::Error === $attempt->outcome || Outcome::Skipped === $attempt->outcome ) {
				return true;
			}
		}
		return false;
	}

	/**
	 * Milliseconds left in the budget.
	 *
	 * @param float $now_ms Now.
	 */
	public function remaining_ms( float $now_ms ): float {
		return $this->started_ms + $this->budget_ms - $now_ms;
	}
}
