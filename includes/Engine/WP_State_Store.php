<?php
/**
 * Engine state shared across PHP workers and servers.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\State_Store;
use AI_Failover\Diagnostics\State_Repository;
use AI_Failover\Secrets\Key_State_Store;

/**
 * The breakers in {$wpdb->prefix}aifo_state, one row per subject, each change one atomic
 * statement (see State_Repository). The database is the shared store with or without a persistent
 * object cache: it is the one place every worker and every web node already agree on, and the
 * object cache API has no compare-and-swap for the open/close transitions. Plain values (hints)
 * live in the same table, read once per request.
 *
 * @since 0.1.0
 */
final class WP_State_Store implements State_Store {

	/** Plain values read in this process (non-persistent: a hint read once per request is enough). */
	private const CACHE_GROUP = 'aifo_state_values';

	private readonly State_Repository $rows;

	/**
	 * @param State_Repository|null $rows The table; null builds one (tests and callers of 0.1 that passed nothing).
	 */
	public function __construct( ?State_Repository $rows = null ) {
		$this->rows = $rows ?? new State_Repository();
	}

	public function get( string $key ): ?array {
		wp_cache_add_non_persistent_groups( self::CACHE_GROUP );
		$found  = false;
		$cached = wp_cache_get( $key, self::CACHE_GROUP, false, $found );
		if ( $found ) {
			return is_array( $cached ) ? $cached : null;
		}
		$value = $this->rows->value( $key );
		wp_cache_set( $key, $value, self::CACHE_GROUP );
		return $value;
	}

	public function set( string $key, array $value ): void {
		$this->rows->put_value( $key, $value );
		wp_cache_add_non_persistent_groups( self::CACHE_GROUP );
		wp_cache_set( $key, $value, self::CACHE_GROUP );
	}

	/**
	 * The breakers, read in the same query as the providers' key states, which the key pool then finds
	 * in Key_State_Store's cache: a run reads its whole shared state in one SELECT.
	 *
	 * @param list<string> $provider_ids    Providers.
	 * @param int          $window_since_ms Latency windows start after this (ms); 0: not read.
	 * @return array<string, array{state: string, failures: int, opened_at: int, probe_until: int, requests?: int}>
	 */
	public function breakers( array $provider_ids, int $window_since_ms = 0 ): array {
		$state = $this->rows->run_state( $provider_ids, $window_since_ms );
		foreach ( $state['keys'] as $provider_id => $keys ) {
			Key_State_Store::prime( (string) $provider_id, $keys );
		}
		return $state['breakers'] + $state['latency'];
	}

	public function claim_latency_probe( string $subject, int $now_ms, int $ttl_ms ): bool {
		return $this->rows->claim_latency_probe( $subject, $now_ms, $ttl_ms );
	}

	public function add_failure( string $subject ): int {
		return $this->rows->add_failure( $subject );
	}

	public function add_failures( string $subject, string $also ): array {
		return $this->rows->add_failures( $subject, $also );
	}

	public function open_breaker( string $subject, int $threshold, int $now_ms, string $rule = Circuit_Breaker::BY_CONSECUTIVE ): bool {
		return $this->rows->open_breaker( $subject, $threshold, $now_ms, $rule );
	}

	public function claim_probe( string $subject, int $opened_at, int $now_ms, int $ttl_ms ): bool {
		return $this->rows->claim_probe( $subject, $opened_at, $now_ms, $ttl_ms );
	}

	public function reopen_breaker( string $subject, int $opened_at, int $now_ms ): bool {
		return $this->rows->reopen_breaker( $subject, $opened_at, $now_ms );
	}

	public function close_breaker( string $subject ): ?string {
		return $this->rows->close_breaker( $subject );
	}

	public function count_request( string $subject, int $now_ms, bool $failed ): void {
		// Latency windows ("latency:...", $failed = slow) share the buckets' size and longest window.
		$this->rows->count_request( $subject, intdiv( $now_ms, Error_Rate_Rule::BUCKET_MS ) * Error_Rate_Rule::BUCKET_MS, $failed, max( Error_Rate_Rule::MAX_WINDOW_MS, Latency_Rule::MAX_WINDOW_MS ) );
	}

	public function window( string $subject, int $since_ms ): array {
		return $this->rows->window( $subject, $since_ms );
	}

	public function reset_window( string $subject ): void {
		$this->rows->reset_window( $subject );
	}
}
