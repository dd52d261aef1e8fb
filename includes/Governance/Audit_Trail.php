<?php
/**
 * Records policy changes in the audit log.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Governance;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Features\Feature_Repository;
use AI_Failover\Providers\Provider_Repository;
use AI_Failover\Secrets\Key_Vault;
use AI_Failover\Settings\Settings_Repository;

/**
 * Watches the options that hold the policy (providers, keys, features, settings) rather than the
 * REST routes, so a change made any way (REST, WP-CLI, a migration, another plugin's code) is
 * recorded: one entry per provider, key, feature or settings object that was created, changed or
 * deleted, with who did it and the object before and after. Never a secret: a key is recorded as
 * its metadata only (label, source, last 4), and URLs lose their credentials, query and all but
 * the last 4 characters of their path (a webhook URL often is a token).
 *
 * @since n.e.x.t
 */
final class Audit_Trail implements Registers_Hooks {

	/** Option => the object type its entries are about. */
	private const OPTIONS = array(
		Provider_Repository::OPTION => 'provider',
		Key_Vault::OPTION           => 'key',
		Feature_Repository::OPTION  => 'feature',
		Settings_Repository::OPTION => 'settings',
	);

	public function __construct( private readonly Audit_Repository $log ) {
	}

	public function register_hooks(): void {
		foreach ( array_keys( self::OPTIONS ) as $option ) {
			add_action( 'add_option_' . $option, array( $this, 'option_added' ), 10, 2 );
			add_action( 'update_option_' . $option, array( $this, 'option_updated' ), 10, 3 );
			add_action( 'delete_option_' . $option, array( $this, 'option_deleted' ), 10, 1 );
		}
	}

	/**
	 * @param string $option Option.
	 * @param mixed  $value  Value.
	 */
	public function option_added( $option, $value ): void {
		$this->record( (string) $option, array(), $value );
	}

	/**
	 * @param mixed  $old_value Before.
	 * @param mixed  $value     After.
	 * @param string $option    Option.
	 */
	public function option_updated( $old_value, $value, $option ): void {
		$this->record( (string) $option, $old_value, $value );
	}

	/**
	 * Fired before the option goes: what it held is "before".
	 *
	 * @param string $option Option.
	 */
	public function option_deleted( $option ): void {
		$this->record( (string) $option, get_option( (string) $option, array() ), array() );
	}

	/**
	 * The entries of one option's change: one per object created, changed or deleted.
	 *
	 * @param string $option Option.
	 * @param mixed  $before Before.
	 * @param mixed  $after  After.
	 * @return list<array{action: string, object_type: string, object_id: string, fields: list<string>, before: array<string, mixed>|null, after: array<string, mixed>|null}>
	 */
	public static function changes( string $option, mixed $before, mixed $after ): array {
		$type = self::OPTIONS[ $option ] ?? null;
		if ( null === $type ) {
			return array();
		}
		$old     = self::objects( $type, $before );
		$new     = self::objects( $type, $after );
		$entries = array();
		foreach ( array_unique( array_merge( array_keys( $old ), array_keys( $new ) ) ) as $id ) {
			$was = $old[ $id ] ?? null;
			$is  = $new[ $id ] ?? null;
			if ( $was === $is ) {
				continue;
			}
			$fields = array();
			foreach ( array_unique( array_merge( array_keys( $was ?? array() ), array_keys( $is ?? array() ) ) ) as $field ) {
				if ( ( $was[ $field ] ?? null ) !== ( $is[ $field ] ?? null ) ) {
					$fields[] = (string) $field;
				}
			}
			if ( ! $fields ) {
				continue;
			}
			$entries[] = array(
				'action'      => null === $was ? 'created' : ( null === $is ? 'deleted' : 'updated' ),
				'object_type' => $type,
				'object_id'   => (string) $id,
				'fields'      => $fields,
				'before'      => $was,
				'after'       => $is,
			);
		}//end foreach
		return $entries;
	}

	/**
	 * An option's value as objects by id, each stripped of anything secret.
	 *
	 * @param string $type  Object type.
	 * @param mixed  $value Option value.
	 * @return array<string, array<string, mixed>>
	 */
	private static function objects( string $type, mixed $value ): array {
		$value = is_array( $value ) ? $value : array();
		if ( 'settings' === $type ) {
			return $value ? array( 'site' => self::scrub( $value ) ) : array();
		}
		$objects = array();
		foreach ( $value as $key => $object ) {
			if ( ! is_array( $object ) ) {
				continue;
			}
			if ( 'key' === $type ) {
				// Metadata only: never the sealed secret, whatever else a record may carry.
				$id             = (string) ( $object['provider_id'] ?? '' ) . '/' . (string) ( $object['id'] ?? '' );
				$objects[ $id ] = array(
					'provider_id' => (string) ( $object['provider_id'] ?? '' ),
					'id'          => (string) ( $object['id'] ?? '' ),
					'label'       => (string) ( $object['label'] ?? '' ),
					'source'      => 'stored',
					'last4'       => (string) ( $object['last4'] ?? '' ),
				);
				continue;
			}
			$objects[ (string) ( $object['id'] ?? $key ) ] = self::scrub( $object );
		}
		return $objects;
	}

	/**
	 * URLs reduced to scheme, host and the last 4 characters of what follows; secret-named
	 * fields to their last 4.
	 *
	 * @param array<mixed> $value Object.
	 * @return array<string, mixed>
	 */
	private static function scrub( array $value ): array {
		$clean = array();
		foreach ( $value as $field => $item ) {
			$field = (string) $field;
			if ( is_array( $item ) ) {
				$clean[ $field ] = self::scrub( $item );
			} elseif ( is_string( $item ) && preg_match( '/secret|token|password|api_key|sealed/i', $field ) ) {
				$clean[ $field ] = '' === $item ? '' : '…' . substr( $item, -4 );
			} elseif ( is_string( $item ) && preg_match( '#^[a-z][a-z0-9+.-]*://#i', $item ) ) {
				$clean[ $field ] = self::url( $item );
			} else {
				$clean[ $field ] = $item;
			}
		}
		return $clean;
	}

	/**
	 * @param string $url URL.
	 */
	private static function url( string $url ): string {
		$parts = wp_parse_url( $url );
		if ( ! is_array( $parts ) || ! isset( $parts['scheme'], $parts['host'] ) ) {
			return '…';
		}
		$base = $parts['scheme'] . '://' . $parts['host'] . ( isset( $parts['port'] ) ? ':' . $parts['port'] : '' );
		$rest = (string) ( $parts['path'] ?? '' ) . ( isset( $parts['query'] ) ? '?' . $parts['query'] : '' );
		return strlen( $rest ) <= 4 && ! isset( $parts['query'] ) && ! isset( $parts['user'] ) ? $base . $rest : $base . '/…' . substr( $rest, -4 );
	}

	/**
	 * @param string $option Option.
	 * @param mixed  $before Before.
	 * @param mixed  $after  After.
	 */
	private function record( string $option, mixed $before, mixed $after ): void {
		$changes = self::changes( $option, $before, $after );
		if ( ! $changes ) {
			return;
		}
		global $wpdb;
		$user       = wp_get_current_user();
		$suppressed = $wpdb->suppress_errors( true );
		foreach ( $changes as $change ) {
			try {
				$written = $this->log->insert(
					array(
						'user_id'    => (int) $user->ID,
						'user_login' => (string) $user->user_login,
					) + $change
				);
			} catch ( \Throwable $error ) {
				$written = false;
			}
			if ( ! $written ) {
				/**
				 * An audit entry could not be written. The change itself went through: a lost
				 * audit row must not undo or break it, so it is reported here instead.
				 *
				 * @since n.e.x.t
				 *
				 * @param array<string, mixed> $change The entry.
				 */
				do_action( 'aifo_audit_log_failed', $change );
			}
		}//end foreach
		$wpdb->suppress_errors( $suppressed );
	}
}
