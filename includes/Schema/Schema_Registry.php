<?php
/**
 * Loads the JSON Schemas generated from the zod schemas in src/schemas/.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Schema;

/**
 * Single source of every payload's shape on the PHP side. The JSON files are build products
 * (npm run build:schemas) committed under includes/Schema/json, each also converted to PHP under
 * includes/Schema/php (read first: no JSON to decode per request); CI fails when either drifts.
 *
 * @since 0.1.0
 */
final class Schema_Registry {

	/**
	 * Decoded and converted schemas by name.
	 *
	 * @var array<string, array<string, mixed>>
	 */
	private array $cache = array();

	/**
	 * @param string $directory Folder holding <name>.schema.json files.
	 */
	public function __construct( private readonly string $directory ) {
	}

	/**
	 * The schema called $name, in the form WordPress's REST validator reads.
	 *
	 * @param string $name Schema name, such as "plugin-settings".
	 * @return array<string, mixed>
	 * @throws \InvalidArgumentException When no such schema exists or its file is not valid JSON.
	 */
	public function get( string $name ): array {
		if ( isset( $this->cache[ $name ] ) ) {
			return $this->cache[ $name ];
		}
		if ( ! preg_match( '/^[a-z0-9-]+$/', $name ) ) {
			throw new \InvalidArgumentException( 'Invalid schema name.' );
		}
		// The same schema already converted, as PHP (bin/export-php-schemas.php): opcache holds it, so
		// a request reads it without decoding JSON. A folder without one (tests) reads the JSON.
		$compiled = dirname( $this->directory ) . '/php/' . $name . '.php';
		if ( is_file( $compiled ) ) {
			$schema = include $compiled;
			if ( is_array( $schema ) ) {
				$this->cache[ $name ] = $schema;
				return $schema;
			}
		}
		$file = $this->directory . '/' . $name . '.schema.json';
		if ( ! is_readable( $file ) ) {
			throw new \InvalidArgumentException( sprintf( 'Unknown schema "%s"; run npm run build:schemas.', $name ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- never printed as HTML.
		}
		// phpcs:ignore WordPress.WP.AlternativeFunctions.file_get_contents_file_get_contents -- a local file shipped with the plugin.
		$decoded = json_decode( (string) file_get_contents( $file ), true );
		if ( ! is_array( $decoded ) ) {
			throw new \InvalidArgumentException( sprintf( 'Schema "%s" is not valid JSON.', $name ) ); // phpcs:ignore WordPress.Security.EscapeOutput.ExceptionNotEscaped -- never printed as HTML.
		}
		$this->cache[ $name ] = WP_Schema_Converter::convert( $decoded );
		return $this->cache[ $name ];
	}

	/**
	 * Default values declared by an object schema's properties.
	 *
	 * @param string $name Schema name.
	 * @return array<string, mixed>
	 */
	public function defaults( string $name ): array {
		$defaults = array();
		foreach ( $this->get( $name )['properties'] ?? array() as $property => $definition ) {
			if ( is_array( $definition ) && array_key_exists( 'default', $definition ) ) {
				$defaults[ $property ] = $definition['default'];
			}
		}
		return $defaults;
	}

	/**
	 * Names of all schemas on disk.
	 *
	 * @return string[]
	 */
	public function names(): array {
		$names = array();
		$files = glob( $this->directory . '/*.schema.json' );
		foreach ( false === $files ? array() : $files as $file ) {
			$names[] = basename( $file, '.schema.json' );
		}
		sort( $names );
		return $names;
	}
}
