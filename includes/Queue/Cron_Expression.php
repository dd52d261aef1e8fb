<?php
/**
 * A five-field cron expression.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

/**
 * `minute hour day-of-month month day-of-week`, each `*`, a number, a list (`1,15`), a range
 * (`1-5`) or a step (`*\/15`, `8-18/2`); day-of-week 0-7 (0 and 7 are Sunday). As in cron, when
 * both day fields are restricted a day matches either. Times are read in the time zone given
 * (the site's). Pure PHP.
 *
 * @since n.e.x.t
 */
final class Cron_Expression {

	/** Lower and upper bound of each field. */
	private const BOUNDS = array( array( 0, 59 ), array( 0, 23 ), array( 1, 31 ), array( 1, 12 ), array( 0, 7 ) );

	/** Minutes searched at most (a bit over a year, with whole hours and days skipped). */
	private const MAX_STEPS = 20000;

	/**
	 * @param array<int, array<int, true>> $fields Allowed values per field.
	 * @param bool                         $any_dom Day of month is `*`.
	 * @param bool                         $any_dow Day of week is `*`.
	 */
	private function __construct(
		private readonly array $fields,
		private readonly bool $any_dom,
		private readonly bool $any_dow,
	) {
	}

	/**
	 * The expression, or null when it is not a valid one.
	 *
	 * @param string $expression Expression.
	 */
	public static function parse( string $expression ): ?self {
		$parts = preg_split( '/\s+/', trim( $expression ) );
		if ( ! is_array( $parts ) || 5 !== count( $parts ) ) {
			return null;
		}
		$fields = array();
		foreach ( $parts as $index => $part ) {
			$values = self::field( $part, self::BOUNDS[ $index ][0], self::BOUNDS[ $index ][1] );
			if ( null === $values ) {
				return null;
			}
			$fields[ $index ] = $values;
		}
		if ( isset( $fields[4][7] ) ) {
			$fields[4][0] = true;
		}
		return new self( $fields, '*' === $parts[2], '*' === $parts[4] );
	}

	/**
	 * The expression of a preset recurrence.
	 *
	 * @param string $recurrence hourly, daily, weekly or cron.
	 * @param string $cron       The expression, for cron.
	 */
	public static function for_recurrence( string $recurrence, string $cron ): string {
		return match ( $recurrence ) {
			'hourly' => '0 * * * *',
			'daily'  => '0 0 * * *',
			'weekly' => '0 0 * * 1',
			default  => $cron,
		};
	}

	/**
	 * The latest matching minute at or before a time, or null when none within about a year.
	 *
	 * @param int           $time Unix time.
	 * @param \DateTimeZone $zone Time zone.
	 */
	public function previous( int $time, \DateTimeZone $zone ): ?int {
		return $this->walk( $time - $time % 60, $zone, false );
	}

	/**
	 * The first matching minute after a time, or null when none within about a year.
	 *
	 * @param int           $time Unix time.
	 * @param \DateTimeZone $zone Time zone.
	 */
	public function next( int $time, \DateTimeZone $zone ): ?int {
		return $this->walk( $time - $time % 60 + 60, $zone, true );
	}

	/**
	 * Walks minute by minute from a whole minute, forward or back, to the first one that matches.
	 * A month, day or hour that does not match is skipped whole: forward to the start of the next
	 * one, back to the last minute of the one before.
	 *
	 * @param int           $from    Unix time of a whole minute (the first one tried).
	 * @param \DateTimeZone $zone    Time zone.
	 * @param bool          $forward Forward in time, else back.
	 */
	private function walk( int $from, \DateTimeZone $zone, bool $forward ): ?int {
		$at = ( new \DateTimeImmutable( '@' . $from ) )->setTimezone( $zone );
		for ( $step = 0; $step < self::MAX_STEPS; $step++ ) {
			if ( ! isset( $this->fields[3][ (int) $at->format( 'n' ) ] ) ) {
				$at = self::skip( $at->setDate( (int) $at->format( 'Y' ), (int) $at->format( 'n' ), 1 )->setTime( 0, 0 ), 'month', $forward );
			} elseif ( ! $this->day_matches( $at ) ) {
				$at = self::skip( $at->setTime( 0, 0 ), 'day', $forward );
			} elseif ( ! isset( $this->fields[1][ (int) $at->format( 'G' ) ] ) ) {
				$at = self::skip( $at->setTime( (int) $at->format( 'G' ), 0 ), 'hour', $forward );
			} elseif ( ! isset( $this->fields[0][ (int) $at->format( 'i' ) ] ) ) {
				$at = self::skip( $at, 'minute', $forward );
			} else {
				return $at->getTimestamp();
			}
		}
		return null;
	}

	/**
	 * From the start of a month, day, hour or minute: the start of the next one, or the minute
	 * before it.
	 *
	 * @param \DateTimeImmutable $start   Start of the unit.
	 * @param string             $unit    month, day, hour or minute.
	 * @param bool               $forward Forward in time, else back.
	 */
	private static function skip( \DateTimeImmutable $start, string $unit, bool $forward ): \DateTimeImmutable {
		return $start->modify( $forward ? '+1 ' . $unit : '-1 minute' );
	}

	/**
	 * @param \DateTimeImmutable $at Time.
	 */
	private function day_matches( \DateTimeImmutable $at ): bool {
		$dom = isset( $this->fields[2][ (int) $at->format( 'j' ) ] );
		$dow = isset( $this->fields[4][ (int) $at->format( 'w' ) ] );
		if ( $this->any_dom || $this->any_dow ) {
			return $dom && $dow;
		}
		return $dom || $dow;
	}

	/**
	 * The values a field allows, or null when it is malformed or out of bounds.
	 *
	 * @param string $field Field.
	 * @param int    $min   Lower bound.
	 * @param int    $max   Upper bound.
	 * @return array<int, true>|null
	 */
	private static function field( string $field, int $min, int $max ): ?array {
		$values = array();
		foreach ( explode( ',', $field ) as $item ) {
			if ( ! preg_match( '/^(\*|(\d{1,2})(?:-(\d{1,2}))?)(?:\/(\d{1,2}))?$/', $item, $match, PREG_UNMATCHED_AS_NULL ) ) {
				return null;
			}
			$any   = '*' === $match[1];
			$from  = $any ? $min : (int) $match[2];
			$range = null !== ( $match[3] ?? null );
			$to    = $any ? $max : ( $range ? (int) $match[3] : $from );
			$step  = null !== ( $match[4] ?? null ) ? (int) $match[4] : 1;
			if ( ! $any && ! $range && null !== ( $match[4] ?? null ) ) {
				$to = $max;
				// `5/15` means from 5 to the end in steps of 15.
			}
			if ( $from < $min || $to > $max || $from > $to || $step < 1 ) {
				return null;
			}
			for ( $value = $from; $value <= $to; $value += $step ) {
				$values[ $value ] = true;
			}
		}
		return $values;
	}
}
