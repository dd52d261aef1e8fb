<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\State_Store;
use AI_Failover\Engine\Circuit_Breaker;

/**
 * Breaker rows in an array, with the real store's semantics: every change is made on the row as
 * stored (one process, so each call is atomic), and each transition is won by one caller. Several
 * Circuit_Breaker instances over one of these behave as several PHP workers over the table.
 */
final class Memory_State_Store implements State_Store {

	/** @var array<string, array{state: string, failures: int, opened_at: int, probe_until: int}> */
	public array $rows = array();

	/** How many calls changed or read the store: a double's stand-in for queries. */
	public int $calls = 0;

	public function breakers( array $provider_ids ): array {
		++$this->calls;
		return array_filter( $this->rows, static fn( string $subject ) => in_array( Circuit_Breaker::owner( $subject )[0], $provider_ids, true ), ARRAY_FILTER_USE_KEY );
	}

	public function add_failure( string $subject ): int {
		++$this->calls;
		$row             = $this->row( $subject );
		$row['failures'] = $row['failures'] + 1;

		$this->rows[ $subject ] = $row;
		return $row['failures'];
	}

	public function open_breaker( string $subject, int $threshold, int $now_ms ): bool {
		++$this->calls;
		$row = $this->row( $subject );
		if ( 'closed' !== $row['state'] || $row['failures'] < $threshold ) {
			return false;
		}
		$this->rows[ $subject ] = array(
			'state'       => 'open',
			'opened_at'   => $now_ms,
			'probe_until' => 0,
		) + $row;
		return true;
	}

	public function claim_probe( string $subject, int $opened_at, int $now_ms, int $ttl_ms ): bool {
		++$this->calls;
		$row = $this->row( $subject );
		if ( 'open' !== $row['state'] || $row['opened_at'] !== $opened_at || $row['probe_until'] > $now_ms ) {
			return false;
		}
		$this->rows[ $subject ]['probe_until'] = $now_ms + $ttl_ms;
		return true;
	}

	public function reopen_breaker( string $subject, int $opened_at, int $now_ms ): bool {
		++$this->calls;
		$row = $this->row( $subject );
		if ( 'open' !== $row['state'] || $row['opened_at'] !== $opened_at ) {
			return false;
		}
		$this->rows[ $subject ] = array(
			'opened_at'   => $now_ms,
			'probe_until' => 0,
		) + $row;
		return true;
	}

	public function close_breaker( string $subject ): ?string {
		++$this->calls;
		$row = $this->row( $subject );
		if ( 'closed' === $row['state'] && 0 === $row['failures'] ) {
			return null;
		}
		$this->rows[ $subject ] = array(
			'state'       => 'closed',
			'failures'    => 0,
			'opened_at'   => 0,
			'probe_until' => 0,
		);
		return $row['state'];
	}

	/**
	 * @return array{state: string, failures: int, opened_at: int, probe_until: int}
	 */
	private function row( string $subject ): array {
		return $this->rows[ $subject ] ?? array(
			'state'       => 'closed',
			'failures'    => 0,
			'opened_at'   => 0,
			'probe_until' => 0,
		);
	}
}
