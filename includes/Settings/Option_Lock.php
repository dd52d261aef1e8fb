<?php
/**
 * Read-modify-write of one option, one request at a time.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Settings;

/**
 * The plugin keeps its configuration (providers, features, keys, the model catalog, settings) as
 * one array per option. Two admin requests that each read the array, change their own entry and
 * write the whole array back lose one of the changes, and WordPress's option cache makes the
 * window the whole request: eight parallel DELETEs of eight providers left three behind. Here
 * the read and the write happen under a MariaDB named lock, and the read bypasses the cache.
 *
 * @since n.e.x.t
 */
final class Option_Lock {

	/** Seconds to wait for another request's write before writing anyway. */
	private const WAIT_S = 10;

	/**
	 * Runs $change on the option's stored array and saves it when it changed.
	 *
	 * @template T
	 * @param string                            $option   Option name.
	 * @param bool                              $autoload Autoload the option.
	 * @param callable(array<mixed, mixed>&): T $change   Changes the array in place; its return value is returned.
	 * @return T
	 */
	public static function change( string $option, bool $autoload, callable $change ): mixed {
		global $wpdb;
		$lock = substr( 'aifo:' . $wpdb->prefix . $option, 0, 64 );
		// phpcs:ignore WordPress.DB.DirectDatabaseQuery -- a named lock: nothing to cache, no WordPress API for it.
		$locked = '1' === (string) $wpdb->get_var( $wpdb->prepare( 'SELECT GET_LOCK(%s, %d)', $lock, self::WAIT_S ) );
		try {
			// Another request may have written since this one loaded the options.
			wp_cache_delete( $option, 'options' );
			wp_cache_delete( 'alloptions', 'options' );
			wp_cache_delete( 'notoptions', 'options' );
			$stored = get_option( $option, array() );
			$stored = is_array( $stored ) ? $stored : array();
			$before = $stored;
			$result = $change( $stored );
			if ( $stored !== $before ) {
				update_option( $option, $stored, $autoload );
			}
			return $result;
		} finally {
			if ( $locked ) {
				$wpdb->query( $wpdb->prepare( 'SELECT RELEASE_LOCK(%s)', $lock ) ); // phpcs:ignore WordPress.DB.DirectDatabaseQuery -- releases the named lock.
			}
		}
	}
}
