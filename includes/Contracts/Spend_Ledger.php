<?php
/**
 * Contract for the spend budgets' running totals.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * Money spent and reserved per account ("feature:summary@day:2026-12-01", "site@month:2026-12"),
 * shared by every worker. A reservation is one atomic check-and-add against a cap, so concurrent
 * runs can never reserve more than the cap between them; settling turns a reservation into what
 * the attempt really cost.
 *
 * @since n.e.x.t
 */
interface Spend_Ledger {

	/**
	 * Spent plus reserved, in USD.
	 *
	 * @param string $account Account.
	 */
	public function spent( string $account ): float;

	/**
	 * Reserves $usd if spent + reserved + $usd stays within $cap.
	 *
	 * @param string $account Account.
	 * @param float  $usd     Amount.
	 * @param float  $cap     Limit.
	 * @return bool Whether it was reserved.
	 */
	public function reserve( string $account, float $usd, float $cap ): bool;

	/**
	 * Releases a reservation and adds what was really spent (which may exceed the reservation,
	 * for routes allowed over budget, which reserve nothing).
	 *
	 * @param string $account  Account.
	 * @param float  $reserved Reserved before.
	 * @param float  $actual   Spent.
	 */
	public function settle( string $account, float $reserved, float $actual ): void;
}
