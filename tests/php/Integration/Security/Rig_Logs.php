<?php
/**
 * What the rig's site wrote to its logs during a test.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Security;

/**
 * Marks the size of every file in the rig's log folder (.rig/<name>/logs: WordPress's debug.log,
 * PHP-FPM's and nginx's logs) and returns what was appended since.
 */
final class Rig_Logs {

	/** @var array<string, int> */
	private array $sizes = array();

	public static function folder(): string {
		return dirname( (string) ( getenv( 'WP_DEBUG_LOG_FILE' ) ?: WP_CONTENT_DIR . '/debug.log' ) );
	}

	public function mark(): self {
		clearstatcache();
		foreach ( (array) glob( self::folder() . '/*' ) as $file ) {
			$this->sizes[ (string) $file ] = is_file( (string) $file ) ? (int) filesize( (string) $file ) : 0;
		}
		return $this;
	}

	/**
	 * @return array<string, string> File name => appended text.
	 */
	public function appended(): array {
		clearstatcache();
		$out = array();
		foreach ( (array) glob( self::folder() . '/*' ) as $file ) {
			$file = (string) $file;
			if ( ! is_file( $file ) || ! is_readable( $file ) ) {
				continue;
			}
			$from                     = $this->sizes[ $file ] ?? 0;
			$from                     = $from > (int) filesize( $file ) ? 0 : $from; // Rotated or truncated.
			$out[ basename( $file ) ] = (string) file_get_contents( $file, false, null, $from ); // phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- local log file.
		}
		return $out;
	}
}
