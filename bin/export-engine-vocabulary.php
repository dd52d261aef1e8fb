<?php
/**
 * Writes src/schemas/engine-vocabulary.ts from the engine's enums and decision table.
 *
 *   php bin/export-engine-vocabulary.php           write the file (part of npm run build:schemas)
 *   php bin/export-engine-vocabulary.php --check   exit 1 when the committed file is out of date
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

spl_autoload_register(
	static function ( string $class ): void {
		if ( str_starts_with( $class, 'AI_Failover\\' ) ) {
			$file = dirname( __DIR__ ) . '/includes/' . str_replace( '\\', '/', substr( $class, 12 ) ) . '.php';
			if ( is_file( $file ) ) {
				require $file;
			}
		}
	}
);

$aifo_target  = dirname( __DIR__ ) . '/' . AI_Failover\Engine\Vocabulary_Export::PATH;
$aifo_content = AI_Failover\Engine\Vocabulary_Export::render();
if ( in_array( '--check', $argv, true ) ) {
	$aifo_same = is_file( $aifo_target ) && file_get_contents( $aifo_target ) === $aifo_content; // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a CLI tool.
	echo $aifo_same ? "engine vocabulary: up to date\n" : "engine vocabulary: out of date, run npm run build:schemas\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.
	exit( $aifo_same ? 0 : 1 );
}
file_put_contents( $aifo_target, $aifo_content ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_system_operations_file_put_contents -- a CLI tool.
echo 'wrote ' . AI_Failover\Engine\Vocabulary_Export::PATH . "\n"; // phpcs:ignore WordPress.Security.EscapeOutput.OutputNotEscaped -- CLI output.
