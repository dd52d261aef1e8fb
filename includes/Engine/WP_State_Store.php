<?php
/**
 * Engine state shared across PHP workers and servers.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\State_Store;

/**
 * The persistent object cache when the site has one (Redis, Memcached: shared by every server),
 * else the options table (shared hosting). Claims use the store's atomic "add": wp_cache_add() or
 * add_option(), whose INSERT succeeds for exactly one worker.
 *
 * @since 0.1.0
 */
final class WP_State_Store implements State_Store {

	private const GROUP  = 'aifo_state';
	private const PREFIX = 'aifo_state_';

	public function get( string $key ): ?array {
		$value = $this->external() ? wp_cache_get( $key, self::GROUP ) : get_option( self::name( $key ), null );
		return is_array( $value ) ? $value : null;
	}

	public function set( string $key, array $value ): void {
		if ( $this->external() ) {
			wp_cache_set( $key, $value, self::GROUP, 86400 );
			return;
		}
		update_option( self::name( $key ), $value, false );
	}

	public function claim( string $key, int $ttl_ms ): bool {
		$ttl_s = max( 1, (int) ceil( $ttl_ms / 1000 ) );
		if ( $this->external() ) {
			return wp_cache_add( 'claim:' . $key, 1, self::GROUP, $ttl_s );
		}
		$name     = self::name( 'claim:' . $key );
		$existing = get_option( $name, null );
		if ( null !== $existing && (int) $existing < time() ) {
			delete_option( $name );
			// An expired claim; if two workers race here, add_option still lets one through.
		}
		return add_option( $name, (string) ( time() + $ttl_s ), '', false );
	}

	private function external(): bool {
		return (bool) wp_using_ext_object_cache();
		// null until a drop-in sets it.
	}

	/**
	 * @param string $key Key.
	 */
	private static function name( string $key ): string {
		return self::PREFIX . md5( $key );
	}
}
