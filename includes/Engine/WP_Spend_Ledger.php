<?php
/**
 * Spend totals shared across PHP workers and servers.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Spend_Ledger;
use AI_Failover\Diagnostics\State_Repository;

/**
 * The spend accounts in {$wpdb->prefix}aifo_state, one row per account and period, in whole
 * micro-dollars, each change one atomic statement (see State_Repository).
 *
 * @since n.e.x.t
 */
final class WP_Spend_Ledger implements Spend_Ledger {

	public function __construct( private readonly State_Repository $rows ) {
	}

	/**
	 * USD as whole micro-dollars, rounded up: a reservation never comes out smaller than its cost.
	 *
	 * @param float $usd USD.
	 */
	public static function micros( float $usd ): int {
		return (int) ceil( round( $usd * 1000000, 3 ) );
	}

	public function spent( string $account ): float {
		return $this->rows->spent( $account ) / 1000000;
	}

	public function reserve( string $account, float $usd, float $cap ): bool {
		return $this->rows->reserve_spend( $account, self::micros( $usd ), (int) floor( round( $cap * 1000000, 3 ) ) );
	}

	public function settle( string $account, float $reserved, float $actual ): void {
		$this->rows->settle_spend( $account, self::micros( $reserved ), self::micros( $actual ) );
	}
}
