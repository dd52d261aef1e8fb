<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\State_Store;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Memory_State_Store as Engine_Memory_State_Store;

/**
 * The engine's in-memory store (the shared store's semantics; several Circuit_Breaker instances over
 * one of these behave as several PHP workers over the table), counting the calls made to it: a
 * double's stand-in for queries.
 */
final class Memory_State_Store implements State_Store {

	/** How many calls read or changed the store. */
	public int $calls = 0;

	/**
	 * Everything stored (the engine store's own array, by reference): what a test compares.
	 *
	 * @var array<string, array<string, mixed>>
	 */
	public array $values = array();

	private Engine_Memory_State_Store $inner;

	public function __construct() {
		$this->inner  = new Engine_Memory_State_Store();
		$this->values = &$this->inner->values;
	}

	public function get( string $key ): ?array {
		++$this->calls;
		return $this->inner->get( $key );
	}

	public function set( string $key, array $value ): void {
		++$this->calls;
		$this->inner->set( $key, $value );
	}

	public function breakers( array $provider_ids, int $window_since_ms = 0 ): array {
		++$this->calls;
		return $this->inner->breakers( $provider_ids, $window_since_ms );
	}

	public function claim_latency_probe( string $subject, int $now_ms, int $ttl_ms ): bool {
		++$this->calls;
		return $this->inner->claim_latency_probe( $subject, $now_ms, $ttl_ms );
	}

	public function add_failure( string $subject ): int {
		++$this->calls;
		return $this->inner->add_failure( $subject );
	}

	public function add_failures( string $subject, string $also ): array {
		++$this->calls;
		return $this->inner->add_failures( $subject, $also );
	}

	/** @var array<string, string> Which rule opened each subject's breaker, as the engine said. */
	public array $opened_by = array();

	public function open_breaker( string $subject, int $threshold, int $now_ms, string $rule = Circuit_Breaker::BY_CONSECUTIVE ): bool {
		++$this->calls;
		$opened = $this->inner->open_breaker( $subject, $threshold, $now_ms, $rule );
		if ( $opened ) {
			$this->opened_by[ $subject ] = $rule;
		}
		return $opened;
	}

	public function claim_probe( string $subject, int $opened_at, int $now_ms, int $ttl_ms ): bool {
		++$this->calls;
		return $this->inner->claim_probe( $subject, $opened_at, $now_ms, $ttl_ms );
	}

	public function reopen_breaker( string $subject, int $opened_at, int $now_ms ): bool {
		++$this->calls;
		return $this->inner->reopen_breaker( $subject, $opened_at, $now_ms );
	}

	public function close_breaker( string $subject ): ?string {
		++$this->calls;
		return $this->inner->close_breaker( $subject );
	}

	public function count_request( string $subject, int $now_ms, bool $failed ): void {
		++$this->calls;
		$this->inner->count_request( $subject, $now_ms, $failed );
	}

	public function window( string $subject, int $since_ms ): array {
		++$this->calls;
		return $this->inner->window( $subject, $since_ms );
	}

	public function reset_window( string $subject ): void {
		++$this->calls;
		$this->inner->reset_window( $subject );
	}
}
