/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { LogEvent } from '../schemas';

const percent = new Intl.NumberFormat( undefined, {
	style: 'percent',
	maximumFractionDigits: 1,
} );

const decimal = new Intl.NumberFormat( undefined, {
	maximumFractionDigits: 1,
} );

const usd = new Intl.NumberFormat( undefined, {
	style: 'currency',
	currency: 'USD',
	minimumFractionDigits: 2,
	maximumFractionDigits: 6,
} );

const dateTime = new Intl.DateTimeFormat( undefined, {
	year: 'numeric',
	month: 'short',
	day: 'numeric',
	hour: '2-digit',
	minute: '2-digit',
	second: '2-digit',
} );

/**
 * A rate (0..1) as a percentage, such as "25%" or "33.3%".
 *
 * @param rate Rate.
 * @return Text.
 */
export const formatPercent = ( rate: number ): string => percent.format( rate );

/**
 * A duration: "0.7 ms", "850 ms", "2.1 s".
 *
 * @param ms Milliseconds.
 * @return Text.
 */
export function formatMs( ms: number ): string {
	if ( Math.abs( ms ) >= 1000 ) {
		return sprintf(
			/* translators: %s: a duration in seconds, such as 2.1. */
			__( '%s s', 'ai-failover' ),
			decimal.format( ms / 1000 )
		);
	}
	/* translators: %s: a duration in milliseconds, such as 850. */
	return sprintf( __( '%s ms', 'ai-failover' ), decimal.format( ms ) );
}

/**
 * A cost in US dollars, down to a millionth: "$0.000123".
 *
 * @param cost USD.
 * @return Text.
 */
export const formatCost = ( cost: number ): string => usd.format( cost );

/**
 * An event time (UTC ISO 8601) in the browser's time zone.
 *
 * @param iso Time.
 * @return Text, or the input when it is not a date.
 */
export function formatTime( iso: string ): string {
	const time = Date.parse( iso );
	return Number.isNaN( time ) ? iso : dateTime.format( time );
}

/**
 * A label for an event outcome.
 *
 * @param outcome Outcome.
 * @return Text.
 */
export function outcomeLabel( outcome: LogEvent[ 'outcome' ] ): string {
	switch ( outcome ) {
		case 'success':
			return __( 'Success', 'ai-failover' );
		case 'error':
			return __( 'Error', 'ai-failover' );
		case 'skipped':
			return __( 'Skipped', 'ai-failover' );
		case 'incomplete':
			return __( 'Incomplete', 'ai-failover' );
	}
}

/**
 * A label for the engine's decision after an attempt.
 *
 * @param decision Decision (retry, rotate_key, fallback, stop, done, skip, defer).
 * @return Text; an unknown decision is shown as is.
 */
export function decisionLabel( decision: string ): string {
	switch ( decision ) {
		case 'retry':
			return __( 'Retry', 'ai-failover' );
		case 'rotate_key':
			return __( 'Rotate key', 'ai-failover' );
		case 'fallback':
			return __( 'Fall back', 'ai-failover' );
		case 'stop':
			return __( 'Stop', 'ai-failover' );
		case 'done':
			return __( 'Done', 'ai-failover' );
		case 'skip':
			return __( 'Skip', 'ai-failover' );
		case 'defer':
			return __( 'Defer', 'ai-failover' );
		default:
			return decision;
	}
}

/**
 * A label for a circuit breaker's state.
 *
 * @param state closed, open, half_open or n/a.
 * @return Text.
 */
export function breakerLabel( state: string ): string {
	switch ( state ) {
		case 'closed':
			return __( 'Closed', 'ai-failover' );
		case 'open':
			return __( 'Open', 'ai-failover' );
		case 'half_open':
			return __( 'Half open', 'ai-failover' );
		default:
			return __( 'n/a', 'ai-failover' );
	}
}

/**
 * A label for a key's state (active, cooling, dead, undecryptable).
 *
 * @param state Key state.
 * @return Text; an unknown state is shown as is.
 */
export function keyStateLabel( state: string ): string {
	switch ( state ) {
		case 'active':
			return __( 'Active', 'ai-failover' );
		case 'cooling':
			return __( 'Cooling down', 'ai-failover' );
		case 'dead':
			return __( 'Dead', 'ai-failover' );
		case 'undecryptable':
			return __( 'Cannot be decrypted', 'ai-failover' );
		default:
			return state;
	}
}
