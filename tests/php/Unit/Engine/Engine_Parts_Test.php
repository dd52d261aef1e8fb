<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Backoff;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Tests\Unit\Doubles\Fixed_Random;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Engine\Backoff
 * @covers \AI_Failover\Engine\Output_Checks
 */
final class Engine_Parts_Test extends TestCase {

	public function test_backoff_is_full_jitter_under_an_exponential_ceiling(): void {
		$max = new Fixed_Random( array( 0.999999 ) );
		$this->assertSame( 499, Backoff::delay_ms( 1, 500, 4000, $max ) );
		$this->assertSame( 999, Backoff::delay_ms( 2, 500, 4000, $max ) );
		$this->assertSame( 1999, Backoff::delay_ms( 3, 500, 4000, $max ) );
		$this->assertSame( 3999, Backoff::delay_ms( 10, 500, 4000, $max ), 'Capped at max_delay.' );
		$this->assertSame( 3999, Backoff::delay_ms( 500, 500, 4000, $max ), 'No overflow on absurd retry numbers.' );
		$this->assertSame( 0, Backoff::delay_ms( 3, 500, 4000, new Fixed_Random( array( 0.0 ) ) ) );
	}

	/**
	 * @dataProvider checks
	 *
	 * @param array<string, mixed> $checks Checks.
	 */
	public function test_output_checks( string $text, array $checks, bool $passes ): void {
		$problem = ( new Output_Checks() )->problem( $text, $checks );
		$this->assertSame( $passes, null === $problem, (string) $problem );
	}

	/**
	 * @return array<string, array{string, array<string, mixed>, bool}>
	 */
	public function checks(): array {
		return array(
			'no checks'                            => array( '', array(), true ),
			'empty fails'                          => array( "  \n", array( 'non_empty' => true ), false ),
			'min length counts characters'         => array( 'héllo', array( 'min_length' => 5 ), true ),
			'too short'                            => array( 'hi', array( 'min_length' => 5 ), false ),
			'regex matches'                        => array( 'Summary: fine', array( 'regex' => '^Summary:' ), true ),
			'regex misses'                         => array( 'fine', array( 'regex' => '^Summary:' ), false ),
			'regex with a #'                       => array( 'tag #1', array( 'regex' => '#\d' ), true ),
			'broken regex is reported, not thrown' => array( 'x', array( 'regex' => '(' ), false ),
			'valid JSON'                           => array( '{"a":1}', array( 'json' => true ), true ),
			'invalid JSON'                         => array( '{"a":', array( 'json' => true ), false ),
		);
	}

	public function test_json_schema_checks_are_delegated(): void {
		$checks = new Output_Checks( static fn( $value, $schema ) => is_array( $value ) && isset( $value['title'] ) ? null : 'title missing' );
		$this->assertNull( $checks->problem( '{"title":"x"}', array( 'json_schema' => array( 'type' => 'object' ) ) ) );
		$this->assertSame( 'title missing', $checks->problem( '{"other":1}', array( 'json_schema' => array( 'type' => 'object' ) ) ) );
	}
}
