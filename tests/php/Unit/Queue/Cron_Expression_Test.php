<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Queue;

use AI_Failover\Queue\Cron_Expression;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Queue\Cron_Expression
 */
final class Cron_Expression_Test extends TestCase {

	/**
	 * @dataProvider slots
	 *
	 * @param string $cron     Expression.
	 * @param string $at       Local time.
	 * @param string $previous Expected latest slot at or before it.
	 * @param string $next     Expected first slot after it.
	 */
	public function test_previous_and_next_slots( string $cron, string $at, string $previous, string $next ): void {
		$zone = new \DateTimeZone( 'Europe/Berlin' );
		$time = ( new \DateTimeImmutable( $at, $zone ) )->getTimestamp();
		$expr = Cron_Expression::parse( $cron );
		$this->assertNotNull( $expr );
		$this->assertSame( $previous, ( new \DateTimeImmutable( '@' . $expr->previous( $time, $zone ) ) )->setTimezone( $zone )->format( 'Y-m-d H:i' ) );
		$this->assertSame( $next, ( new \DateTimeImmutable( '@' . $expr->next( $time, $zone ) ) )->setTimezone( $zone )->format( 'Y-m-d H:i' ) );
	}

	/**
	 * @return array<string, array{string, string, string, string}>
	 */
	public static function slots(): array {
		return array(
			'hourly'                       => array( '0 * * * *', '2027-01-05 10:30', '2027-01-05 10:00', '2027-01-05 11:00' ),
			'exactly on a slot'            => array( '0 * * * *', '2027-01-05 10:00', '2027-01-05 10:00', '2027-01-05 11:00' ),
			'daily at midnight'            => array( '0 0 * * *', '2027-01-05 10:30', '2027-01-05 00:00', '2027-01-06 00:00' ),
			'weekly, Monday'               => array( '0 0 * * 1', '2027-01-06 10:30', '2027-01-04 00:00', '2027-01-11 00:00' ),
			'every 15 min in office hours' => array( '*/15 8-18 * * 1-5', '2027-01-08 18:50', '2027-01-08 18:45', '2027-01-11 08:00' ),
			'list and month'               => array( '30 6,18 1 3 *', '2027-01-05 10:30', '2026-03-01 18:30', '2027-03-01 06:30' ),
			'both day fields: either one'  => array( '0 12 13 * 5', '2027-01-10 10:00', '2027-01-08 12:00', '2027-01-13 12:00' ),
			'Sunday as 7'                  => array( '0 9 * * 7', '2027-01-05 10:30', '2027-01-03 09:00', '2027-01-10 09:00' ),
			'step from a start'            => array( '5/20 * * * *', '2027-01-05 10:30', '2027-01-05 10:25', '2027-01-05 10:45' ),
		);
	}

	/**
	 * @dataProvider invalid
	 *
	 * @param string $cron Expression.
	 */
	public function test_invalid_expressions_are_refused( string $cron ): void {
		$this->assertNull( Cron_Expression::parse( $cron ) );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public static function invalid(): array {
		return array(
			'four fields'      => array( '0 * * *' ),
			'minute 75'        => array( '75 * * * *' ),
			'hour 24'          => array( '0 24 * * *' ),
			'day 0'            => array( '0 0 0 * *' ),
			'empty range'      => array( '0 0 * * 5-2' ),
			'step zero'        => array( '*/0 * * * *' ),
			'words'            => array( '@hourly' ),
			'weekday 8'        => array( '0 0 * * 8' ),
			'a name for month' => array( '0 0 1 jan *' ),
		);
	}

	public function test_presets_map_to_expressions(): void {
		$this->assertSame( array( '0 * * * *', '0 0 * * *', '0 0 * * 1', '1 2 3 4 5' ), array_map( static fn( string $r ) => Cron_Expression::for_recurrence( $r, '1 2 3 4 5' ), array( 'hourly', 'daily', 'weekly', 'cron' ) ) );
	}
}
