<?php
/**
 * WP-CLI's own output.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

/**
 * @since n.e.x.t
 */
final class WP_CLI_Output implements Output {

	public function line( string $text ): void {
		\WP_CLI::line( $text );
	}

	public function success( string $text ): void {
		\WP_CLI::success( $text );
	}

	public function error( string $text ): void {
		\WP_CLI::error( $text );
	}

	public function items( array $rows, array $fields, string $format ): void {
		// Tables and CSV want strings (php-cli-tools warns on null); JSON keeps the types.
		$flat = array_map(
			static fn( array $row ): array => array_map( static fn( $value ) => 'json' === $format ? $value : ( null === $value ? '' : ( is_scalar( $value ) ? $value : (string) wp_json_encode( $value ) ) ), $row ),
			$rows
		);
		\WP_CLI\Utils\format_items( $format, $flat, $fields );
	}
}
