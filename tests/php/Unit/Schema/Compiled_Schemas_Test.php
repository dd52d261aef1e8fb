<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Schema;

use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Schema\WP_Schema_Converter;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The PHP copies of the generated schemas (includes/Schema/php, read on every request instead of the
 * JSON) say exactly what the JSON says, for every schema: a JSON changed without `npm run
 * build:schemas` fails here, not silently on a site.
 *
 * @covers \AI_Failover\Schema\Schema_Registry
 */
final class Compiled_Schemas_Test extends TestCase {

	private const JSON = __DIR__ . '/../../../../includes/Schema/json';

	/**
	 * @return array<string, array{0: string}>
	 */
	public static function schema_names(): array {
		$names = array();
		foreach ( glob( self::JSON . '/*.schema.json' ) ?: array() as $file ) {
			$name           = basename( $file, '.schema.json' );
			$names[ $name ] = array( $name );
		}
		return $names;
	}

	/**
	 * @dataProvider schema_names
	 */
	public function test_each_schema_has_a_php_copy_equal_to_its_converted_json( string $name ): void {
		$compiled = dirname( self::JSON ) . '/php/' . $name . '.php';
		$this->assertFileExists( $compiled, 'run npm run build:schemas' );
		$json = json_decode( (string) file_get_contents( self::JSON . '/' . $name . '.schema.json' ), true );
		$this->assertIsArray( $json );
		$this->assertSame( WP_Schema_Converter::convert( $json ), include $compiled, "includes/Schema/php/$name.php is out of date: run npm run build:schemas" );
	}

	public function test_no_php_copy_is_left_of_a_schema_that_is_gone(): void {
		$json = array_map( static fn( string $file ): string => basename( $file, '.schema.json' ), glob( self::JSON . '/*.schema.json' ) ?: array() );
		$php  = array_map( static fn( string $file ): string => basename( $file, '.php' ), glob( dirname( self::JSON ) . '/php/*.php' ) ?: array() );
		sort( $json );
		sort( $php );
		$this->assertSame( $json, $php );
	}

	public function test_the_registry_reads_the_php_copy_and_a_folder_without_one_still_reads_json(): void {
		$dir = sys_get_temp_dir() . '/aifo-schemas-' . bin2hex( random_bytes( 4 ) );
		mkdir( $dir . '/json', 0777, true );
		copy( self::JSON . '/run-request.schema.json', $dir . '/json/run-request.schema.json' );
		try {
			$from_json = ( new Schema_Registry( $dir . '/json' ) )->get( 'run-request' );
			// A PHP copy that differs from the JSON shows which one the registry read.
			mkdir( $dir . '/php' );
			file_put_contents( $dir . '/php/run-request.php', "<?php\nreturn array( 'type' => 'object', 'from' => 'php' );\n" );
			$from_php = ( new Schema_Registry( $dir . '/json' ) )->get( 'run-request' );
		} finally {
			array_map( 'unlink', array_merge( glob( $dir . '/*/*' ) ?: array() ) );
			rmdir( $dir . '/json' );
			is_dir( $dir . '/php' ) && rmdir( $dir . '/php' );
			rmdir( $dir );
		}
		$this->assertSame( 'object', $from_json['type'] );
		$this->assertArrayHasKey( 'messages', $from_json['properties'] );
		$this->assertSame(
			array(
				'type' => 'object',
				'from' => 'php',
			),
			$from_php
		);
	}
}
