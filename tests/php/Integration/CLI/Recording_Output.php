<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\CLI;

use AI_Failover\CLI\Output;

/**
 * What a command wrote; error() throws as WP_CLI::error() exits.
 */
final class Recording_Output implements Output {

	/** @var list<string> */
	public array $lines = array();

	/** @var list<string> */
	public array $successes = array();

	/** @var list<array{rows: list<array<string, mixed>>, fields: list<string>, format: string}> */
	public array $tables = array();

	public function line( string $text ): void {
		$this->lines[] = $text;
	}

	public function success( string $text ): void {
		$this->successes[] = $text;
	}

	/**
	 * @param string $text Message.
	 * @throws \RuntimeException Always, as the command would exit.
	 */
	public function error( string $text ): void {
		throw new \RuntimeException( $text );
	}

	public function items( array $rows, array $fields, string $format ): void {
		$this->tables[] = array(
			'rows'   => $rows,
			'fields' => $fields,
			'format' => $format,
		);
	}
}
