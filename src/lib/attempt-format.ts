/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Decision, Outcome } from '../schemas';

/**
 * The one set of labels and formats for attempts, shared by the feature's
 * run dialog and the Diagnostics screen.
 */

const decimal = new Intl.NumberFormat( undefined, {
	maximumFractionDigits: 1,
} );

const usd = new Intl.NumberFormat( undefined, {
	style: 'currency',
	currency: 'USD',
	minimumFractionDigits: 2,
	maximumFractionDigits: 6,
} );

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
 * A label for what came of an attempt.
 *
 * @param outcome Outcome.
 * @return Text.
 */
export function outcomeLabel( outcome: Outcome ): string {
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
 * A label for what the engine did after an attempt.
 *
 * @param decision Decision.
 * @return Text.
 */
export function decisionLabel( decision: Decision ): string {
	switch ( decision ) {
		case 'retry':
			return __( 'Retried', 'ai-failover' );
		case 'rotate_key':
			return __( 'Rotated key', 'ai-failover' );
		case 'fallback':
			return __( 'Fell back', 'ai-failover' );
		case 'stop':
			return __( 'Stopped', 'ai-failover' );
		case 'done':
			return __( 'Done', 'ai-failover' );
		case 'skip':
			return __( 'Skipped', 'ai-failover' );
		case 'defer':
			return __( 'Deferred', 'ai-failover' );
	}
}
