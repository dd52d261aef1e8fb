<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Sleeper;

/**
 * A clock that only moves when told, and a sleeper that moves it instead of blocking.
 */
final class Fake_Clock implements Clock, Sleeper {

	/** @var list<int> */
	public array $sleeps = array();

	public function __construct( public float $now = 1700000000000.0 ) {
	}

	public function now_ms(): float {
		return $this->now;
	}

	public function sleep_ms( int $ms ): void {
		$this->sleeps[] = $ms;
		$this->now     += $ms;
	}

	public function advance( float $ms ): void {
		$this->now += $ms;
	}
}
