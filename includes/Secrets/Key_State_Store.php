<?php
/**
 * Health of each key: active, cooling down, or dead.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

/**
 * Kept apart from the keys themselves (which change rarely) because the engine writes it often.
 * Option `aifo_key_states`, not autoloaded: { "<provider>:<key>": { state, until, since, reason } }.
 *
 * @since 0.1.0
 */
final class Key_State_Store {

	public const OPTION = 'aifo_key_states';

	/**
	 * The state of a key, with cool-downs that have passed reported as active.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $now         Unix time.
	 * @return array{state: string, until: int|null, since: int|null, reason: string|null}
	 */
	public function get( string $provider_id, string $key_id, int $now ): array {
		$all   = $this->all();
		$entry = $all[ $provider_id . ':' . $key_id ] ?? null;
		if ( ! is_array( $entry ) || ( 'cooling' === ( $entry['state'] ?? '' ) && (int) ( $entry['until'] ?? 0 ) <= $now ) ) {
			return array(
				'state'  => 'active',
				'until'  => null,
				'since'  => null,
				'reason' => null,
			);
		}
		return array(
			'state'  => (string) $entry['state'],
			'until'  => isset( $entry['until'] ) ? (int) $entry['until'] : null,
			'since'  => isset( $entry['since'] ) ? (int) $entry['since'] : null,
			'reason' => isset( $entry['reason'] ) ? (string) $entry['reason'] : null,
		);
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
		$this->put(
			$provider_id,
			$key_id,
			array(
				'state'  => 'dead',
				'since'  => $now,
				'reason' => $reason,
			)
		);
	}

	/**
	 * Skips a key until $until (rate limits).
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $until       Unix time the cool-down ends.
	 * @param string $reason      Reason.
	 */
	public function cool_down( string $provider_id, string $key_id, int $until, string $reason ): void {
		$this->put(
			$provider_id,
			$key_id,
			array(
				'state'  => 'cooling',
				'until'  => $until,
				'reason' => $reason,
			)
		);
	}

	/**
	 * Puts a key back in rotation.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 */
	public function reactivate( string $provider_id, string $key_id ): void {
		$all = $this->all();
		unset( $all[ $provider_id . ':' . $key_id ] );
		update_option( self::OPTION, $all, false );
	}

	/**
	 * Forgets every key of a provider, or one key.
	 *
	 * @param string      $provider_id Provider.
	 * @param string|null $key_id      Key, or null for all of the provider's.
	 */
	public function forget( string $provider_id, ?string $key_id = null ): void {
		$all = $this->all();
		foreach ( array_keys( $all ) as $name ) {
			if ( null === $key_id ? str_starts_with( $name, $provider_id . ':' ) : $name === $provider_id . ':' . $key_id ) {
				unset( $all[ $name ] );
			}
		}
		update_option( self::OPTION, $all, false );
	}

	/**
	 * @param string               $provider_id Provider.
	 * @param string               $key_id      Key.
	 * @param array<string, mixed> $entry       State.
	 */
	private function put( string $provider_id, string $key_id, array $entry ): void {
		$all                                 = $this->all();
		$all[ $provider_id . ':' . $key_id ] = $entry;
		update_option( self::OPTION, $all, false );
	}

	/**
	 * @return array<string, array<string, mixed>>
	 */
	private function all(): array {
		$all = get_option( self::OPTION, array() );
		return is_array( $all ) ? $all : array();
	}
}
