<?php
/**
 * Contract for shared engine state (circuit breakers, route health).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * Key-value state shared by every PHP worker and server of the site.
 *
 * @since 0.1.0
 */
interface State_Store {

	/**
	 * A stored value, or null.
	 *
	 * @param string $key Key.
	 * @return array<string, mixed>|null
	 */
	public function get( string $key ): ?array;

	/**
	 * Stores a value.
	 *
	 * @param string               $key   Key.
	 * @param array<string, mixed> $value Value.
	 */
	public function set( string $key, array $value ): void;

	/**
	 * Claims a one-time token (a half-open probe) until $ttl_ms passes: true for exactly one caller.
	 *
	 * @param string $key    Token name.
	 * @param int    $ttl_ms How long the claim holds.
	 */
	public function claim( string $key, int $ttl_ms ): bool;
}
