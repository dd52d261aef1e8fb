<?php
/**
 * Stores providers.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

use AI_Failover\Settings\Option_Lock;

/**
 * Providers in the `aifo_providers` option: { id: provider }. No secrets live here.
 *
 * @since 0.1.0
 */
final class Provider_Repository {

	public const OPTION = 'aifo_providers';

	/**
	 * All providers, by id, in the order they were added.
	 *
	 * @return array<string, Provider_Config>
	 */
	public function all(): array {
		$stored = get_option( self::OPTION, array() );
		$all    = array();
		foreach ( is_array( $stored ) ? $stored : array() as $id => $data ) {
			if ( is_array( $data ) && Provider_Presets::exists( (string) ( $data['preset'] ?? '' ) ) ) {
				$all[ (string) $id ] = Provider_Config::from_array( array( 'id' => (string) $id ) + $data );
			}
		}
		return $all;
	}

	/**
	 * One provider.
	 *
	 * @param string $id Provider id.
	 */
	public function get( string $id ): ?Provider_Config {
		return $this->all()[ $id ] ?? null;
	}

	/**
	 * Creates or replaces a provider.
	 *
	 * @param Provider_Config $provider Provider.
	 */
	public function save( Provider_Config $provider ): void {
		Option_Lock::change(
			self::OPTION,
			true,
			static function ( array &$stored ) use ( $provider ): void {
				$stored[ $provider->id ] = $provider->to_array();
			}
		);
	}

	/**
	 * Deletes a provider.
	 *
	 * @param string $id Provider id.
	 */
	public function delete( string $id ): bool {
		return Option_Lock::change(
			self::OPTION,
			true,
			static function ( array &$stored ) use ( $id ): bool {
				if ( ! isset( $stored[ $id ] ) ) {
					return false;
				}
				unset( $stored[ $id ] );
				return true;
			}
		);
	}
}
