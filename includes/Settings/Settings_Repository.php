<?php
/**
 * Stores the plugin-wide settings.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Settings;

use AI_Failover\Schema\Schema_Registry;

/**
 * Reads and writes the `aifo_settings` option, always through the generated plugin-settings schema.
 *
 * @since 0.1.0
 */
final class Settings_Repository {

	public const OPTION = 'aifo_settings';
	public const SCHEMA = 'plugin-settings';

	public function __construct( private readonly Schema_Registry $schemas ) {
	}

	/**
	 * Current settings: schema defaults overlaid with stored values. A stored value that no longer
	 * validates (hand-edited, or from an older version) falls back to its default instead of breaking.
	 *
	 * @return array<string, mixed>
	 */
	public function get(): array {
		$settings = $this->schemas->defaults( self::SCHEMA );
		$stored   = get_option( self::OPTION, array() );
		if ( ! is_array( $stored ) ) {
			return $settings;
		}
		$properties = $this->schemas->get( self::SCHEMA )['properties'] ?? array();
		foreach ( $properties as $name => $property_schema ) {
			if ( ! array_key_exists( $name, $stored ) ) {
				continue;
			}
			if ( true === rest_validate_value_from_schema( $stored[ $name ], $property_schema, $name ) ) {
				$settings[ $name ] = rest_sanitize_value_from_schema( $stored[ $name ], $property_schema, $name );
			}
		}
		return $settings;
	}

	/**
	 * Applies a partial update. Nothing is written unless the whole result validates.
	 *
	 * @param array<string, mixed> $changes Field => new value.
	 * @return array<string, mixed>|\WP_Error The saved settings, or a 400 error naming the field at fault.
	 */
	public function update( array $changes ): array|\WP_Error {
		$schema = $this->schemas->get( self::SCHEMA );
		return Option_Lock::change(
			self::OPTION,
			true,
			function ( array &$stored ) use ( $schema, $changes ) {
				// get() reads the option Option_Lock just refreshed: another request's change is kept.
				$next  = array_merge( $this->get(), $changes );
				$valid = rest_validate_value_from_schema( $next, $schema, 'settings' );
				if ( is_wp_error( $valid ) ) {
					$valid->add_data( array( 'status' => 400 ) );
					return $valid;
				}
				$stored = (array) rest_sanitize_value_from_schema( $next, $schema, 'settings' );
				return $stored;
			}
		);
	}
}
