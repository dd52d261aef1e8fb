<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Secrets;

use AI_Failover\Secrets\Key_Scrubber;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Secrets\Key_Scrubber
 */
final class Key_Scrubber_Test extends TestCase {

	private const A = 'az0123456789abcdef0123456789abcdef';
	private const B = 'mst-QWERTYUIOPasdfghjkl1234567890';

	public function test_every_key_given_is_removed_not_only_the_one_sent(): void {
		$message = 'Key ' . self::B . ' is revoked; ' . self::A . ' too.';

		$this->assertSame( 'Key [redacted key] is revoked; [redacted key] too.', Key_Scrubber::scrub( $message, array( self::A, self::B ) ) );
	}

	public function test_a_prefix_of_eight_or_more_characters_is_removed(): void {
		$this->assertSame( 'Incorrect API key provided: [redacted key]. Check it.', Key_Scrubber::scrub( 'Incorrect API key provided: ' . substr( self::A, 0, 12 ) . '. Check it.', array( self::A ) ) );
		$this->assertSame( 'key [redacted key]...', Key_Scrubber::scrub( 'key ' . substr( self::A, 0, 8 ) . '...', array( self::A ) ) );
		$this->assertSame( 'key az01234 is short', Key_Scrubber::scrub( 'key az01234 is short', array( 'az0123456789' ) ), 'Seven characters of a 12: not taken for the key.' );
	}

	public function test_the_cap_comes_after_the_scrub(): void {
		$message  = str_repeat( 'x', 280 ) . ' ' . self::A;
		$scrubbed = ( new Key_Scrubber() )->message( $message, 'p', self::A );

		$this->assertStringEndsWith( '[redacted key]', $scrubbed );
		$this->assertStringNotContainsString( substr( self::A, 0, 4 ), $scrubbed );
	}

	public function test_several_prefixes_and_short_or_empty_keys(): void {
		$this->assertSame( '[redacted key] and [redacted key]', Key_Scrubber::scrub( substr( self::A, 0, 10 ) . ' and ' . substr( self::A, 0, 20 ), array( self::A ) ) );
		$this->assertSame( 'abc', Key_Scrubber::scrub( 'abc', array( '', 'ab' ) ), 'Keys under 4 characters are not scrubbed (they would eat ordinary text).' );
		$this->assertSame( 'token [redacted key]', Key_Scrubber::scrub( 'token k123', array( 'k123' ) ) );
	}
}
