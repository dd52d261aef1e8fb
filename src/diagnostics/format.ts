/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
export {
	decisionLabel,
	formatCost,
	formatMs,
	outcomeLabel,
} from '../lib/attempt-format';

const percent = new Intl.NumberFormat( undefined, {
	style: 'percent',
	maximumFractionDigits: 1,
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
