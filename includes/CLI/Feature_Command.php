<?php
/**
 * The `wp ai-failover feature` commands.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Run_Result;

/**
 * Runs AI features from the command line.
 *
 * @since n.e.x.t
 */
final class Feature_Command {

	public function __construct(
		private readonly Feature_Runner $runner,
		private readonly Output $out,
	) {
	}

	/**
	 * Runs a feature with one user message and prints the answer, who served it and each attempt.
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The feature id.
	 *
	 * [--message=<text>]
	 * : The user message. `--prompt=<text>` works too, but `--prompt` is also WP-CLI's own global
	 * parameter ("prompt for arguments"), so WP-CLI echoes the command line first.
	 *
	 * [--format=<format>]
	 * : text (the answer and a summary) or json (the whole run result).
	 * ---
	 * default: text
	 * options:
	 *   - text
	 *   - json
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp ai-failover feature run demo-summary --prompt="Summarize: owls hunt at night"
	 *     wp ai-failover feature run demo-summary --message="Summarize: owls hunt at night" --format=json
	 *
	 * @param list<string>          $args  Positional arguments.
	 * @param array<string, string> $assoc Options.
	 */
	public function run( array $args, array $assoc ): void {
		$id     = (string) ( $args[0] ?? '' );
		$prompt = (string) ( $assoc['message'] ?? $assoc['prompt'] ?? self::global_prompt() );
		if ( '' === trim( $prompt ) ) {
			$this->out->error( __( '--prompt (or --message) is required and may not be empty.', 'ai-failover' ) );
		}
		$result = $this->runner->run(
			$id,
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => $prompt,
					),
				),
				'caller'   => 'cli',
			)
		);
		if ( 'json' === ( $assoc['format'] ?? 'text' ) ) {
			$this->out->line( (string) wp_json_encode( $result->to_array(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		} else {
			$this->print_text( $result );
		}
		if ( Run_Result::SUCCESS !== $result->status ) {
			/* translators: 1: Run status, 2: Error message. */
			$this->out->error( sprintf( __( 'The run %1$s: %2$s', 'ai-failover' ), $result->status, (string) ( $result->error['message'] ?? '' ) ) );
		}
	}

	/**
	 * `--prompt=<text>` as WP-CLI parsed it: into its global `prompt` setting, not the command's options.
	 */
	private static function global_prompt(): string {
		$value = class_exists( '\WP_CLI' ) ? \WP_CLI::get_config( 'prompt' ) : null;
		return is_string( $value ) ? $value : '';
	}

	/**
	 * @param Run_Result $result Result.
	 */
	private function print_text( Run_Result $result ): void {
		if ( '' !== $result->text ) {
			$this->out->line( $result->text );
			$this->out->line( '' );
		}
		foreach ( $result->attempts as $attempt ) {
			$row = $attempt->to_array();
			$this->out->line( sprintf( '- %s %s: %s', (string) ( $row['route'] ?? '' ), (string) ( $row['outcome'] ?? '' ), (string) ( $row['reason'] ?? '' ) ) );
		}
		if ( null !== $result->served_by ) {
			/* translators: 1: Provider, 2: Model, 3: Run id. */
			$this->out->success( sprintf( __( 'Served by %1$s / %2$s (run %3$s).', 'ai-failover' ), (string) $result->served_by['provider'], (string) $result->served_by['model'], $result->run_id ) . ( $result->degraded ? ' ' . __( 'Degraded: a fallback or another key answered.', 'ai-failover' ) : '' ) );
		}
	}
}
