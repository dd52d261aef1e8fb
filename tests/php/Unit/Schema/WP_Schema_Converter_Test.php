<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Schema;

use AI_Failover\Schema\WP_Schema_Converter;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Schema\WP_Schema_Converter
 */
final class WP_Schema_Converter_Test extends TestCase {

	public function test_marks_required_properties_at_every_depth_and_strips_the_dialect(): void {
		$converted = WP_Schema_Converter::convert(
			array(
				'$schema'    => 'http://json-schema.org/draft-04/schema#',
				'type'       => 'object',
				'required'   => array( 'route' ),
				'properties' => array(
					'route'     => array(
						'type'       => 'object',
						'required'   => array( 'model' ),
						'properties' => array(
							'model'    => array( 'type' => 'string' ),
							'provider' => array( 'type' => 'string' ),
						),
					),
					'fallbacks' => array(
						'type'  => 'array',
						'items' => array(
							'type'       => 'object',
							'required'   => array( 'id' ),
							'properties' => array( 'id' => array( 'type' => 'string' ) ),
						),
					),
					'note'      => array(
						'anyOf' => array(
							array(
								'type'       => 'object',
								'required'   => array( 'text' ),
								'properties' => array( 'text' => array( 'type' => 'string' ) ),
							),
							array( 'type' => 'null' ),
						),
					),
				),
			)
		);

		$this->assertArrayNotHasKey( '$schema', $converted );
		$this->assertTrue( $converted['properties']['route']['required'] );
		$this->assertArrayNotHasKey( 'required', $converted['properties']['fallbacks'] );
		$this->assertTrue( $converted['properties']['route']['properties']['model']['required'] );
		$this->assertArrayNotHasKey( 'required', $converted['properties']['route']['properties']['provider'] );
		$this->assertTrue( $converted['properties']['fallbacks']['items']['properties']['id']['required'] );
		$this->assertTrue( $converted['properties']['note']['anyOf'][0]['properties']['text']['required'] );
		$this->assertSame( array( 'route' ), $converted['required'], 'The draft-04 list stays for nested validation.' );
	}

	public function test_leaves_a_schema_without_properties_unchanged(): void {
		$schema = array(
			'type'    => 'integer',
			'minimum' => 1,
		);
		$this->assertSame( $schema, WP_Schema_Converter::convert( $schema ) );
	}
}
