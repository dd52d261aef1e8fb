<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Secrets;

use AI_Failover\Secrets\Secret_Box;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Secrets\Secret_Box
 */
final class Secret_Box_Test extends TestCase {

	private const KEY = 'sk-live-0123456789abcdefXYZW';

	public function test_round_trip_without_the_plaintext_in_the_sealed_value(): void {
		$box    = new Secret_Box( array( 'secret-one' ) );
		$sealed = $box->seal( self::KEY );

		$this->assertStringStartsWith( 'aifo1:', $sealed );
		$this->assertStringNotContainsString( self::KEY, $sealed );
		$this->assertStringNotContainsString( 'XYZW', base64_decode( explode( ':', $sealed )[2] ) );
		$this->assertSame( self::KEY, $box->open( $sealed ) );
		$this->assertNotSame( $sealed, $box->seal( self::KEY ), 'A fresh nonce every time.' );
	}

	public function test_a_changed_secret_cannot_open_old_values_until_the_old_one_is_listed(): void {
		$sealed = ( new Secret_Box( array( 'old-secret' ) ) )->seal( self::KEY );

		$this->assertNull( ( new Secret_Box( array( 'new-secret' ) ) )->open( $sealed ) );

		$rotating = new Secret_Box( array( 'new-secret', 'old-secret' ) );
		$this->assertSame( self::KEY, $rotating->open( $sealed ) );
		$this->assertTrue( $rotating->needs_reseal( $sealed ) );
		$resealed = $rotating->seal( self::KEY );
		$this->assertFalse( $rotating->needs_reseal( $resealed ) );
		$this->assertSame( self::KEY, ( new Secret_Box( array( 'new-secret' ) ) )->open( $resealed ), 'After re-sealing, the old secret can go.' );
	}

	public function test_tampering_and_garbage_are_reported_as_null_not_thrown(): void {
		$box                       = new Secret_Box( array( 'secret-one' ) );
		$sealed                    = $box->seal( self::KEY );
		$parts                     = explode( ':', $sealed );
		$raw                       = base64_decode( $parts[2] );
		$raw[ strlen( $raw ) - 1 ] = chr( ord( $raw[ strlen( $raw ) - 1 ] ) ^ 1 );

		$this->assertNull( $box->open( $parts[0] . ':' . $parts[1] . ':' . base64_encode( $raw ) ) );
		$this->assertNull( $box->open( 'aifo1:' . $parts[1] . ':not-base64!!' ) );
		$this->assertNull( $box->open( 'aifo1:' . $parts[1] . ':' . base64_encode( 'short' ) ) );
		$this->assertNull( $box->open( 'plaintext-from-somewhere' ) );
	}

	public function test_needs_a_secret(): void {
		$this->expectException( \InvalidArgumentException::class );
		new Secret_Box( array( '', '' ) );
	}
}
