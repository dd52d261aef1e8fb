<?php
/**
 * Health of each key: active, cooling down, or dead.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

use AI_Failover\Diagnostics\State_Repository;

/**
 * Kept apart from the keys themselves (which change rarely) because the engine writes it often:
 * one row per key in {$wpdb->prefix}aifo_state (shared with the key's breaker), each verdict one
 * atomic statement on that row, so concurrent workers passing verdicts on different keys (or the
 * same key) lose none of them.
 *
 * Reads load a provider's states in one query and keep them for at most a second, for this PHP
 * process only (a non-persistent cache group, shared by every instance), or until a write to that
 * provider or refresh(): a run asks about the same keys many times, and a verdict another worker
 * passed less than a second ago only costs one more try of a key that then answers 429 again.
 *
 * @since 0.1.0
 */
final class Key_State_Store {

	/** The 0.1 option that held every key state; State_Schema moves it to rows and deletes it. */
	public const OPTION = 'aifo_key_states';

	/** Cache group of the states read in this process: never shared with other requests or servers. */
	private const CACHE_GROUP = 'aifo_key_states';

	/** How long states read stay good in a long-running process (WP-Cron, WP-CLI), in seconds. */
	private const MAX_AGE_S = 1.0;

	private readonly State_Repository $rows;

	/**
	 * @param State_Repository|null $rows The table; null builds one (tests and callers of 0.1 that passed nothing).
	 */
	public function __construct( ?State_Repository $rows = null ) {
		$this->rows = $rows ?? new State_Repository();
	}

	/**
	 * The state of a key, with cool-downs that have passed reported as active.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $now         Unix time.
	 * @return array{state: string, until: int|null, since: int|null, reason: string|null}
	 */
	public function get( string $provider_id, string $key_id, int $now ): array {
		$entry = $this->states_of( $provider_id )[ $key_id ] ?? null;
		if ( null === $entry || ( 'cooling' === $entry['state'] && (int) $entry['until'] <= $now ) ) {
			return array(
				'state'  => 'active',
				'until'  => null,
				'since'  => null,
				'reason' => null,
			);
		}
		return $entry;
	}

	/**
	 * Forgets what was read of a provider's keys: the next get() reads them again.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $provider_id Provider.
	 */
	public function refresh( string $provider_id ): void {
		wp_cache_delete( $provider_id, self::CACHE_GROUP );
	}

	/**
	 * Takes a key out of rotation until an admin puts it back (auth, payment, forbidden).
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param string $reason      Plain-language reason (already redacted).
	 * @param int    $now         Unix time.
	 */
	public function mark_dead( string $provider_id, string $key_id, string $reason, int $now ): void {
		$this->rows->mark_key_dead( $provider_id, $key_id, $reason, $now );
		$this->refresh( $provider_id );
	}

	/**
	 * Skips a key until $until (rate limits). A dead key stays dead; of two cool-downs the later end wins.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $until       Unix time the cool-down ends.
	 * @param string $reason      Reason.
	 */
	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void {
		$this->rows->cool_key( $provider_id, $key_id, $until, $reason );
		$this->refresh( $provider_id );
	}

	/**
	 * Puts a key back in rotation.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 */
	public function reactivate( string $provider_id, string $key_id ): void {
		$this->rows->reactivate_key( $provider_id, $key_id );
		$this->refresh( $provider_id );
	}

	/**
	 * Forgets all state of one key (its state, its breaker), or of a whole provider (every key's,
	 * and the breakers of its routes): called when they are deleted.
	 *
	 * @param string      $provider_id Provider.
	 * @param string|null $key_id      Key, or null for all of the provider's.
	 */
	public function forget( string $provider_id, ?string $key_id = null ): void {
		$this->rows->forget( $provider_id, $key_id );
		$this->refresh( $provider_id );
	}

	/**
	 * Takes a provider's key states read elsewhere in the same request (State_Repository::run_state(),
	 * with the breakers), so the next get() needs no query of its own.
	 *
	 * @param string                                                                                     $provider_id Provider.
	 * @param array<string, array{state: string, until: int|null, since: int|null, reason: string|null}> $states      States of its keys that are not active.
	 */
	public static function prime( string $provider_id, array $states ): void {
		wp_cache_add_non_persistent_groups( self::CACHE_GROUP );
		wp_cache_set(
			$provider_id,
			array(
				'read_at' => microtime( true ),
				'states'  => $states,
			),
			self::CACHE_GROUP
		);
	}

	/**
	 * @param string $provider_id Provider.
	 * @return array<string, array{state: string, until: int|null, since: int|null, reason: string|null}>
	 */
	private function states_of( string $provider_id ): array {
		wp_cache_add_non_persistent_groups( self::CACHE_GROUP );
		$cached = wp_cache_get( $provider_id, self::CACHE_GROUP );
		if ( is_array( $cached ) && microtime( true ) - $cached['read_at'] < self::MAX_AGE_S ) {
			return $cached['states'];
		}
		$states = $this->rows->key_states( $provider_id );
		self::prime( $provider_id, $states );
		return $states;
	}
}
