<?php
/**
 * Spend totals that live for one request.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Spend_Ledger;

/**
 * A Spend_Ledger in an array, in whole micro-dollars like the table: the tests' ledger.
 *
 * @since n.e.x.t
 */
final class Memory_Spend_Ledger implements Spend_Ledger {

	/**
	 * Account => array{0: spent micro-USD, 1: reserved micro-USD}.
	 *
	 * @var array<string, array{0: int, 1: int}>
	 */
	public array $accounts = array();

	public function spent( string $account ): float {
		$row = $this->accounts[ $account ] ?? array( 0, 0 );
		return ( $row[0] + $row[1] ) / 1000000;
	}

	public function reserve( string $account, float $usd, float $cap ): bool {
		$row = $this->accounts[ $account ] ?? array( 0, 0 );
		$add = WP_Spend_Ledger::micros( $usd );
		if ( $row[0] + $row[1] + $add > (int) floor( round( $cap * 1000000, 3 ) ) ) {
			return false;
		}
		$this->accounts[ $account ] = array( $row[0], $row[1] + $add );
		return true;
	}

	public function settle( string $account, float $reserved, float $actual ): void {
		$row                        = $this->accounts[ $account ] ?? array( 0, 0 );
		$this->accounts[ $account ] = array( $row[0] + WP_Spend_Ledger::micros( $actual ), max( 0, $row[1] - WP_Spend_Ledger::micros( $reserved ) ) );
	}
}
