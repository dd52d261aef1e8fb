<?php
/**
 * Turns generated JSON Schema into the dialect WordPress's REST layer reads.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Schema;

/**
 * Pure conversion, no WordPress calls, so it is unit-tested on its own.
 *
 * The zod export emits draft-04 `required: [ ... ]` arrays; WP_REST_Controller::get_endpoint_args_for_item_schema()
 * reads the draft-03 per-property `required: true`. Both are kept on nested objects: WordPress's
 * validator understands the array form there, and keeping it costs nothing.
 *
 * @since 0.1.0
 */
final class WP_Schema_Converter {

	/**
	 * Converts a schema tree.
	 *
	 * @param array<string, mixed> $schema Decoded JSON Schema.
	 * @return array<string, mixed>
	 */
	public static function convert( array $schema ): array {
		unset( $schema['$schema'] );

		if ( isset( $schema['properties'] ) && is_array( $schema['properties'] ) ) {
			$required = isset( $schema['required'] ) && is_array( $schema['required'] ) ? $schema['required'] : array();
			foreach ( $schema['properties'] as $name => $property ) {
				if ( ! is_array( $property ) ) {
					continue;
				}
				$property = self::convert( $property );
				if ( in_array( $name, $required, true ) ) {
					$property['required'] = true;
				}
				$schema['properties'][ $name ] = $property;
			}
		}

		if ( isset( $schema['items'] ) && is_array( $schema['items'] ) ) {
			$schema['items'] = self::convert( $schema['items'] );
		}
		if ( isset( $schema['additionalProperties'] ) && is_array( $schema['additionalProperties'] ) ) {
			$schema['additionalProperties'] = self::convert( $schema['additionalProperties'] );
		}
		foreach ( array( 'anyOf', 'oneOf' ) as $keyword ) {
			if ( isset( $schema[ $keyword ] ) && is_array( $schema[ $keyword ] ) ) {
				$schema[ $keyword ] = array_map(
					static fn( $branch ) => is_array( $branch ) ? self::convert( $branch ) : $branch,
					$schema[ $keyword ]
				);
			}
		}
		return $schema;
	}
}
