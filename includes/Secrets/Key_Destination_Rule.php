<?php
/**
 * Keys stay with the destination they were entered for.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

use AI_Failover\Providers\Provider_Config;

/**
 * A key is write-only, but every run and every key Test sends it to the provider's base URL: if
 * an admin session (or whoever stole one) could point the provider somewhere else, the next Test
 * would hand the key over. So a change of where keys go (the wire protocol, the effective base
 * URL, or private addresses newly allowed) on a provider that has stored keys needs the explicit
 * `confirm_key_reset` field, and then deletes those keys: they are entered again for the new
 * destination. Keys from the environment or a constant cannot be deleted from here, so such a
 * provider's destination cannot be changed (nor set to a custom URL when it is created): that
 * is done where the key lives.
 *
 * @since 0.2.0
 */
final class Key_Destination_Rule {

	/** The request field that confirms the deletion of the stored keys. */
	public const CONFIRM_FIELD = 'confirm_key_reset';

	public function __construct( private readonly Key_Vault $vault ) {
	}

	/**
	 * Whether keys would go somewhere else after the change.
	 *
	 * @param Provider_Config $before Stored provider.
	 * @param Provider_Config $after  Provider as it would be saved.
	 */
	public static function changes_destination( Provider_Config $before, Provider_Config $after ): bool {
		return $before->protocol() !== $after->protocol()
			|| $before->effective_base_url() !== $after->effective_base_url()
			|| ( ! $before->allow_private_network && $after->allow_private_network );
	}

	/**
	 * Why an update may not be saved as sent, or null.
	 *
	 * @param Provider_Config $before    Stored provider.
	 * @param Provider_Config $after     Provider as it would be saved.
	 * @param bool            $confirmed Whether the request confirmed the key reset.
	 */
	public function update_problem( Provider_Config $before, Provider_Config $after, bool $confirmed ): ?\WP_Error {
		if ( ! self::changes_destination( $before, $after ) ) {
			return null;
		}
		$external = $this->external_source( $before->id );
		if ( null !== $external ) {
			return $this->locked( $external );
		}
		$stored = $this->stored_count( $before->id );
		if ( 0 === $stored || $confirmed ) {
			return null;
		}
		$message = sprintf(
			/* translators: %d: Number of keys. */
			_n(
				'This change sends the provider\'s key somewhere else. Confirm that its %d stored key is deleted, then add it again for the new address.',
				'This change sends the provider\'s keys somewhere else. Confirm that its %d stored keys are deleted, then add them again for the new address.',
				$stored,
				'ai-failover'
			),
			$stored
		);
		return new \WP_Error(
			'aifo_key_destination_changed',
			$message,
			array(
				'status'    => 409,
				'params'    => array( self::CONFIRM_FIELD => $message ),
				'key_count' => $stored,
			)
		);
	}

	/**
	 * Why a new provider may not be created as sent, or null: a custom URL for an id whose key
	 * already comes from the environment or a constant.
	 *
	 * @param Provider_Config $provider New provider.
	 */
	public function create_problem( Provider_Config $provider ): ?\WP_Error {
		$external = '' !== $provider->base_url ? $this->external_source( $provider->id ) : null;
		return null === $external ? null : $this->locked( $external );
	}

	/**
	 * After a confirmed change: deletes the stored keys (and their states).
	 *
	 * @param Provider_Config $before Provider before the change.
	 * @param Provider_Config $after  Provider as saved.
	 */
	public function apply( Provider_Config $before, Provider_Config $after ): void {
		if ( self::changes_destination( $before, $after ) ) {
			$this->vault->delete_provider( $before->id );
		}
	}

	/**
	 * @param string $variable Name of the environment variable / constant.
	 */
	private function locked( string $variable ): \WP_Error {
		/* translators: %s: Environment variable or constant name. */
		$message = sprintf( __( 'This provider\'s key comes from %s, which would then be sent to the new address. Change the address where the key is set (remove it, change the provider, set it again), or use a new provider id.', 'ai-failover' ), $variable );
		return new \WP_Error(
			'aifo_key_destination_locked',
			$message,
			array(
				'status' => 409,
				'params' => array( 'base_url' => $message ),
			)
		);
	}

	/**
	 * The variable holding the provider's external key, or null.
	 *
	 * @param string $provider_id Provider.
	 */
	private function external_source( string $provider_id ): ?string {
		foreach ( $this->vault->views( $provider_id, time() ) as $view ) {
			if ( 'database' !== $view['source'] ) {
				return Key_Vault::env_name( $provider_id );
			}
		}
		return null;
	}

	/**
	 * @param string $provider_id Provider.
	 */
	private function stored_count( string $provider_id ): int {
		return count( array_filter( $this->vault->views( $provider_id, time() ), static fn( array $view ) => 'database' === $view['source'] ) );
	}
}
