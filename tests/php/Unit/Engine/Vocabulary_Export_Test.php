<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Vocabulary_Export;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The drift guard of the generated src/schemas/engine-vocabulary.ts: zod must see exactly the
 * engine's enums and decision table.
 *
 * @covers \AI_Failover\Engine\Vocabulary_Export
 */
final class Vocabulary_Export_Test extends TestCase {

	public function test_the_committed_vocabulary_is_what_the_engine_renders(): void {
		$file = dirname( __DIR__, 4 ) . '/' . Vocabulary_Export::PATH;

		$this->assertFileExists( $file );
		$this->assertSame( Vocabulary_Export::render(), (string) file_get_contents( $file ), 'Out of date: run npm run build:schemas and commit.' );
	}
}
