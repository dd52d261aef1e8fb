<?php
/**
 * API keys: stored encrypted, shown masked, rotated within their provider.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

use AI_Failover\Settings\Option_Lock;

/**
 * Keys per provider. A key from the environment (AIFO_<PROVIDER>_API_KEY, provider id upper-cased,
 * dashes as underscores) or a constant of that name wins: it comes first in rotation, before the
 * keys stored in the database. Stored keys are sealed with Secret_Box in the `aifo_provider_keys`
 * option (not autoloaded). Nothing here ever returns a key to a caller other than resolve().
 *
 * @since 0.1.0
 */
final class Key_Vault {

	public const OPTION = 'aifo_provider_keys';

	/** Keys shorter than this show no last characters at all. */
	private const MIN_LENGTH_FOR_LAST4 = 12;

	public function __construct(
		private readonly Secret_Box $box,
		private readonly Key_State_Store $states,
	) {
	}

	/**
	 * Stores a key.
	 *
	 * @param string $provider_id Provider.
	 * @param string $label       Label.
	 * @param string $secret      The key.
	 * @return array<string, mixed> The key's public view.
	 */
	public function add( string $provider_id, string $label, #[\SensitiveParameter] string $secret ): array {
		$id     = 'k' . strtolower( wp_generate_password( 10, false ) );
		$record = array(
			'id'          => $id,
			'provider_id' => $provider_id,
			'label'       => $label,
			'sealed'      => $this->box->seal( $secret ),
			'last4'       => self::last4( $secret ),
			'created_at'  => time(),
		);
		$this->change_records(
			static function ( array &$records ) use ( $record ): void {
				$records[] = $record;
			}
		);
		return $this->view( $provider_id, $id, time() ) ?? array();
	}

	/**
	 * Changes a stored key's label.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param string $label       New label.
	 */
	public function relabel( string $provider_id, string $key_id, string $label ): bool {
		return $this->change_records(
			static function ( array &$records ) use ( $provider_id, $key_id, $label ): bool {
				foreach ( $records as $index => $record ) {
					if ( $record['provider_id'] === $provider_id && $record['id'] === $key_id ) {
						$records[ $index ]['label'] = $label;
						return true;
					}
				}
				return false;
			}
		);
	}

	/**
	 * Deletes a stored key (environment and constant keys cannot be deleted from here).
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 */
	public function delete( string $provider_id, string $key_id ): bool {
		$deleted = $this->change_records(
			static function ( array &$records ) use ( $provider_id, $key_id ): bool {
				$kept    = array_values( array_filter( $records, static fn( array $r ) => ! ( $r['provider_id'] === $provider_id && $r['id'] === $key_id ) ) );
				$deleted = count( $kept ) !== count( $records );
				$records = $kept;
				return $deleted;
			}
		);
		if ( ! $deleted ) {
			return false;
		}
		$this->states->forget( $provider_id, $key_id );
		return true;
	}

	/**
	 * Deletes every stored key of a provider.
	 *
	 * @param string $provider_id Provider.
	 */
	public function delete_provider( string $provider_id ): void {
		$this->change_records(
			static function ( array &$records ) use ( $provider_id ): void {
				$records = array_values( array_filter( $records, static fn( array $r ) => $r['provider_id'] !== $provider_id ) );
			}
		);
		$this->states->forget( $provider_id );
	}

	/**
	 * Public views of a provider's keys, in rotation order.
	 *
	 * @param string $provider_id Provider.
	 * @param int    $now         Unix time.
	 * @return list<array<string, mixed>>
	 */
	public function views( string $provider_id, int $now ): array {
		$views = array();
		foreach ( $this->external( $provider_id ) as $source => $secret ) {
			$views[] = $this->describe( $provider_id, $source, self::env_name( $provider_id ), $source, self::last4( $secret ), null, $now, true );
		}
		foreach ( $this->records() as $record ) {
			if ( $record['provider_id'] === $provider_id ) {
				$views[] = $this->describe( $provider_id, $record['id'], $record['label'], 'database', $record['last4'], (int) $record['created_at'], $now, null !== $this->box->open( $record['sealed'] ) );
			}
		}
		return $views;
	}

	/**
	 * One key's public view.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $now         Unix time.
	 * @return array<string, mixed>|null
	 */
	public function view( string $provider_id, string $key_id, int $now ): ?array {
		foreach ( $this->views( $provider_id, $now ) as $view ) {
			if ( $view['id'] === $key_id ) {
				return $view;
			}
		}
		return null;
	}

	/**
	 * How many keys a provider has (all sources, any state).
	 *
	 * @param string $provider_id Provider.
	 */
	public function count( string $provider_id ): int {
		return count( $this->external( $provider_id ) ) + count( array_filter( $this->records(), static fn( array $r ) => $r['provider_id'] === $provider_id ) );
	}

	/**
	 * The provider's keys that can be used now, decrypted, in rotation order (environment,
	 * constant, then stored keys in the order they were added). Dead, cooling and undecryptable
	 * keys are left out.
	 *
	 * @param string $provider_id Provider.
	 * @param int    $now         Unix time.
	 * @return list<Resolved_Key>
	 */
	public function resolve( string $provider_id, int $now ): array {
		$keys = array();
		foreach ( $this->external( $provider_id ) as $source => $secret ) {
			if ( 'active' === $this->states->get( $provider_id, $source, $now )['state'] ) {
				$keys[] = new Resolved_Key( $source, self::env_name( $provider_id ), $source, $secret );
			}
		}
		foreach ( $this->records() as $record ) {
			if ( $record['provider_id'] !== $provider_id || 'active' !== $this->states->get( $provider_id, $record['id'], $now )['state'] ) {
				continue;
			}
			$secret = $this->box->open( $record['sealed'] );
			if ( null !== $secret ) {
				$keys[] = new Resolved_Key( $record['id'], $record['label'], 'database', $secret );
			}
		}
		return $keys;
	}

	/**
	 * One key's secret whatever its state, for an admin's connection test; null when it cannot be
	 * decrypted or does not exist.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 */
	public function secret_for_test( string $provider_id, string $key_id ): ?string {
		$external = $this->external( $provider_id );
		if ( isset( $external[ $key_id ] ) ) {
			return $external[ $key_id ];
		}
		foreach ( $this->records() as $record ) {
			if ( $record['provider_id'] === $provider_id && $record['id'] === $key_id ) {
				return $this->box->open( $record['sealed'] );
			}
		}
		return null;
	}

	/**
	 * Every key of a provider that can be decrypted, whatever its state: what Key_Scrubber removes
	 * from the provider's messages. Never returned to a caller outside the plugin.
	 *
	 * @param string $provider_id Provider.
	 * @return list<string>
	 */
	public function secrets( string $provider_id ): array {
		$secrets = array_values( $this->external( $provider_id ) );
		foreach ( $this->records() as $record ) {
			$secret = $record['provider_id'] === $provider_id ? $this->box->open( $record['sealed'] ) : null;
			if ( null !== $secret ) {
				$secrets[] = $secret;
			}
		}
		return $secrets;
	}

	/**
	 * Re-seals every stored key that an older secret opened, under the current one.
	 *
	 * @return int How many keys were re-sealed.
	 */
	public function reseal_all(): int {
		$box = $this->box;
		return $this->change_records(
			static function ( array &$records ) use ( $box ): int {
				$count = 0;
				foreach ( $records as $index => $record ) {
					if ( ! $box->needs_reseal( $record['sealed'] ) ) {
						continue;
					}
					$secret = $box->open( $record['sealed'] );
					if ( null !== $secret ) {
						$records[ $index ]['sealed'] = $box->seal( $secret );
						++$count;
					}
				}
				return $count;
			}
		);
	}

	/**
	 * Name of the environment variable / constant holding a provider's key.
	 *
	 * @param string $provider_id Provider.
	 */
	public static function env_name( string $provider_id ): string {
		return 'AIFO_' . strtoupper( str_replace( '-', '_', $provider_id ) ) . '_API_KEY';
	}

	/**
	 * The last 4 characters, or '' for keys too short to show any of.
	 *
	 * @param string $secret Key.
	 */
	public static function last4( #[\SensitiveParameter] string $secret ): string {
		return strlen( $secret ) >= self::MIN_LENGTH_FOR_LAST4 ? substr( $secret, -4 ) : '';
	}

	/**
	 * Keys from the environment and constants: source => key.
	 *
	 * @param string $provider_id Provider.
	 * @return array<string, string>
	 */
	private function external( string $provider_id ): array {
		$name = self::env_name( $provider_id );
		$keys = array();
		$env  = getenv( $name );
		if ( is_string( $env ) && '' !== $env ) {
			$keys['env'] = $env;
		}
		if ( defined( $name ) && is_string( constant( $name ) ) && '' !== constant( $name ) ) {
			$keys['constant'] = (string) constant( $name );
		}
		return $keys;
	}

	/**
	 * @param string   $provider_id Provider.
	 * @param string   $id          Key id.
	 * @param string   $label       Label.
	 * @param string   $source      env, constant or database.
	 * @param string   $last4       Last 4.
	 * @param int|null $created_at  Unix time.
	 * @param int      $now         Unix time.
	 * @param bool     $decryptable Whether the current secrets open it.
	 * @return array<string, mixed>
	 */
	private function describe( string $provider_id, string $id, string $label, string $source, string $last4, ?int $created_at, int $now, bool $decryptable ): array {
		$state = $this->states->get( $provider_id, $id, $now );
		if ( ! $decryptable ) {
			$state = array(
				'state'  => 'undecryptable',
				'until'  => null,
				'since'  => null,
				'reason' => __( 'This key was encrypted with a secret this site no longer has (AIFO_SECRET_KEY or the wp-config salts changed). Set AIFO_PREVIOUS_SECRET_KEY to the old secret, or delete the key and add it again.', 'ai-failover' ),
			);
		}
		return array(
			'id'           => $id,
			'provider_id'  => $provider_id,
			'label'        => $label,
			'source'       => $source,
			'last4'        => $last4,
			'state'        => $state['state'],
			'state_until'  => null !== $state['until'] ? gmdate( 'c', $state['until'] ) : null,
			'state_since'  => null !== $state['since'] ? gmdate( 'c', $state['since'] ) : null,
			'state_reason' => $state['reason'],
			'created_at'   => null !== $created_at ? gmdate( 'c', $created_at ) : null,
		);
	}

	/**
	 * @return list<array{id: string, provider_id: string, label: string, sealed: string, last4: string, created_at: int}>
	 */
	private function records(): array {
		$records = get_option( self::OPTION, array() );
		return is_array( $records ) ? self::valid_records( $records ) : array();
	}

	/**
	 * Changes the stored records under the option lock (see Option_Lock: parallel key writes).
	 *
	 * @template T
	 * @param callable(list<array{id: string, provider_id: string, label: string, sealed: string, last4: string, created_at: int}>&): T $change Changes the records in place.
	 * @return T
	 */
	private function change_records( callable $change ): mixed {
		return Option_Lock::change(
			self::OPTION,
			false,
			static function ( array &$stored ) use ( $change ) {
				$records = self::valid_records( $stored );
				$result  = $change( $records );
				$stored  = $records;
				return $result;
			}
		);
	}

	/**
	 * @param array<mixed, mixed> $records Stored value.
	 * @return list<array{id: string, provider_id: string, label: string, sealed: string, last4: string, created_at: int}>
	 */
	private static function valid_records( array $records ): array {
		$valid = array();
		foreach ( $records as $record ) {
			if ( is_array( $record ) && isset( $record['id'], $record['provider_id'], $record['sealed'] ) ) {
				$valid[] = array(
					'id'          => (string) $record['id'],
					'provider_id' => (string) $record['provider_id'],
					'label'       => (string) ( $record['label'] ?? '' ),
					'sealed'      => (string) $record['sealed'],
					'last4'       => (string) ( $record['last4'] ?? '' ),
					'created_at'  => (int) ( $record['created_at'] ?? 0 ),
				);
			}
		}
		return $valid;
	}
}
