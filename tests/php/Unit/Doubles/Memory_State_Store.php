<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\State_Store;

/**
 * Shared state in an array; claim() is single-winner like the real stores.
 */
final class Memory_State_Store implements State_Store {

	/** @var array<string, array<string, mixed>> */
	public array $values = array();

	/** @var array<string, bool> */
	private array $claims = array();

	public function get( string $key ): ?array {
		return $this->values[ $key ] ?? null;
	}

	public function set( string $key, array $value ): void {
		$this->values[ $key ] = $value;
	}

	public function claim( string $key, int $ttl_ms ): bool {
		if ( isset( $this->claims[ $key ] ) ) {
			return false;
		}
		$this->claims[ $key ] = true;
		return true;
	}
}
