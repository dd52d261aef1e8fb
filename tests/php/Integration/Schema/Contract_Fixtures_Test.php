<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Schema;

use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The same fixtures jest checks with zod (src/schemas/test/contracts.test.ts) must get the same
 * verdict from WordPress's REST validator here, so UI and server cannot disagree.
 *
 * @covers \AI_Failover\Schema\Schema_Registry
 */
final class Contract_Fixtures_Test extends Test_Case {

	private const FIXTURES = __DIR__ . '/../../../fixtures/contracts';

	/**
	 * @dataProvider fixtures
	 */
	public function test_wordpress_agrees_with_zod( string $schema_name, string $verdict, string $file ): void {
		$schema  = ( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) )->get( $schema_name );
		$payload = json_decode( (string) file_get_contents( $file ), true );

		$result = rest_validate_value_from_schema( $payload, $schema, $schema_name );

		if ( 'valid' === $verdict ) {
			$this->assertTrue( $result, basename( $file ) . ': ' . ( is_wp_error( $result ) ? $result->get_error_message() : '' ) );
		} else {
			$this->assertWPError( $result, basename( $file ) . ' should be rejected' );
		}
	}

	/**
	 * @return array<string, array{string, string, string}>
	 */
	public function fixtures(): array {
		$cases = array();
		foreach ( (array) glob( self::FIXTURES . '/*/{valid,invalid}/*.json', GLOB_BRACE ) as $file ) {
			$verdict     = basename( dirname( (string) $file ) );
			$schema_name = basename( dirname( (string) $file, 2 ) );
			$cases[ "$schema_name/$verdict/" . basename( (string) $file ) ] = array( $schema_name, $verdict, (string) $file );
		}
		return $cases;
	}

	public function test_every_schema_has_valid_and_invalid_fixtures(): void {
		foreach ( ( new Schema_Registry( AIFO_PLUGIN_DIR . '/includes/Schema/json' ) )->names() as $name ) {
			$this->assertNotEmpty( glob( self::FIXTURES . "/$name/valid/*.json" ), "$name has no valid fixture" );
			$this->assertNotEmpty( glob( self::FIXTURES . "/$name/invalid/*.json" ), "$name has no invalid fixture" );
		}
	}

	/**
	 * @param mixed  $actual  Value.
	 * @param string $message Failure message.
	 */
	private function assertWPError( $actual, string $message ): void {
		$this->assertInstanceOf( \WP_Error::class, $actual, $message );
	}
}
