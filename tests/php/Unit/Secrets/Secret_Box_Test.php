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
		$box    = new Secret_Box( 'secret-one' );
		$sealed = $box->seal( self::KEY );

		$this->assertStringStartsWith( 'aifo1:', $sealed );
		$this->assertStringNotContainsString( self::KEY, $sealed );
		$this->assertStringNotContainsString( 'XYZW', base64_decode( explode( ':', $sealed )[2] ) );
		$this->assertSame( self::KEY, $box->open( $sealed ) );
		$this->assertNotSame( $sealed, $box->seal( self::KEY ), 'A fresh nonce every time.' );
	}

	public function test_a_changed_secret_cannot_open_old_values_until_the_old_one_is_listed(): void {
		$sealed = ( new Secret_Box( 'old-secret' ) )->seal( self::KEY );

		$this->assertNull( ( new Secret_Box( 'new-secret' ) )->open( $sealed ) );

		$rotating = new Secret_Box( 'new-secret', array( 'old-secret' ) );
		$this->assertSame( self::KEY, $rotating->open( $sealed ) );
		$this->assertTrue( $rotating->needs_reseal( $sealed ) );
		$resealed = $rotating->seal( self::KEY );
		$this->assertFalse( $rotating->needs_reseal( $resealed ) );
		$this->assertSame( self::KEY, ( new Secret_Box( 'new-secret' ) )->open( $resealed ), 'After re-sealing, the old secret can go.' );
	}

	public function test_tampering_and_garbage_are_reported_as_null_not_thrown(): void {
		$box                       = new Secret_Box( 'secret-one' );
		$sealed                    = $box->seal( self::KEY );
		$parts                     = explode( ':', $sealed );
		$raw                       = base64_decode( $parts[2] );
		$raw[ strlen( $raw ) - 1 ] = chr( ord( $raw[ strlen( $raw ) - 1 ] ) ^ 1 );

		$this->assertNull( $box->open( $parts[0] . ':' . $parts[1] . ':' . base64_encode( $raw ) ) );
		$this->assertNull( $box->open( 'aifo1:' . $parts[1] . ':not-base64!!' ) );
		$this->assertNull( $box->open( 'aifo1:' . $parts[1] . ':' . base64_encode( 'short' ) ) );
		$this->assertNull( $box->open( 'plaintext-from-somewhere' ) );
	}

	public function test_needs_a_current_secret(): void {
		$this->expectException( \InvalidArgumentException::class );
		new Secret_Box( '', array( 'older' ) );
	}

	public function test_the_previous_secret_only_ever_opens_whatever_else_is_set(): void {
		$by_previous = ( new Secret_Box( 'previous' ) )->seal( self::KEY );
		$by_salts    = ( new Secret_Box( 'salts' ) )->seal( self::KEY );
		$by_explicit = ( new Secret_Box( 'explicit' ) )->seal( self::KEY );

		$without_explicit = Secret_Box::for_secrets( '', 'previous', 'salts' );
		$this->assertSame( self::KEY, $without_explicit->open( $by_previous ) );
		$this->assertTrue( $without_explicit->needs_reseal( $by_previous ) );
		$this->assertFalse( $without_explicit->needs_reseal( $by_salts ), 'The salts are the current secret when no key is set.' );
		$this->assertSame( self::KEY, ( new Secret_Box( 'salts' ) )->open( $without_explicit->seal( self::KEY ) ) );

		$with_explicit = Secret_Box::for_secrets( 'explicit', 'previous', 'salts' );
		$this->assertFalse( $with_explicit->needs_reseal( $by_explicit ) );
		$this->assertSame( self::KEY, $with_explicit->open( $by_previous ) );
		$this->assertSame( self::KEY, $with_explicit->open( $by_salts ), 'Keys sealed before the key was set still open.' );
		$this->assertSame( self::KEY, ( new Secret_Box( 'explicit' ) )->open( $with_explicit->seal( self::KEY ) ) );
	}
}
