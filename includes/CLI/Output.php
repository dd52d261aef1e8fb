<?php
/**
 * Where the commands write.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

/**
 * WP-CLI's output in production (WP_CLI_Output), a recorder in tests, so the command classes run
 * without WP-CLI loaded.
 *
 * @since n.e.x.t
 */
interface Output {

	/**
	 * @param string $text A line.
	 */
	public function line( string $text ): void;

	/**
	 * @param string $text Success message.
	 */
	public function success( string $text ): void;

	/**
	 * Ends the command with a non-zero exit code.
	 *
	 * @param string $text Error message.
	 * @return never
	 */
	public function error( string $text ): void;

	/**
	 * Rows as a table, JSON, CSV or YAML.
	 *
	 * @param list<array<string, mixed>> $rows   Rows.
	 * @param list<string>               $fields Columns.
	 * @param string                     $format table, json, csv, yaml, count.
	 */
	public function items( array $rows, array $fields, string $format ): void;
}
