/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	RetryPolicySchema,
	TimeoutsSchema,
	type Strategy,
} from '../../../schemas';
import type {
	FeatureForm as FeatureFormValues,
	TriggerName,
} from '../../hooks/use-feature-form';

export type RetryField = keyof FeatureFormValues[ 'retry' ];
export type TimeoutField = keyof FeatureFormValues[ 'timeouts' ];
export type AlertField = keyof FeatureFormValues[ 'alerts' ];

/**
 * A fallback trigger (an error class, or validation_failed) in words.
 *
 * @param name Trigger.
 * @return Label.
 */
export const triggerLabel = ( name: TriggerName ): string => {
	switch ( name ) {
		case 'rate_limited':
			return __( 'Rate limited (HTTP 429)', 'ai-failover' );
		case 'server':
			return __( 'Server error (HTTP 5xx)', 'ai-failover' );
		case 'timeout':
			return __( 'Timeout', 'ai-failover' );
		case 'unreachable':
			return __( 'Unreachable (DNS, connection refused)', 'ai-failover' );
		case 'empty_response':
			return __( 'Empty response', 'ai-failover' );
		case 'invalid_response':
			return __(
				'Invalid response (not the expected format)',
				'ai-failover'
			);
		case 'validation_failed':
			return __( 'Answer failed validation', 'ai-failover' );
		case 'slow_stream':
			return __( 'Stream too slow (minimum throughput)', 'ai-failover' );
		case 'context_length':
			return __( 'Prompt too long for the model', 'ai-failover' );
		case 'content_policy':
			return __( 'Refused by a content policy', 'ai-failover' );
		case 'invalid_request':
			return __( 'Invalid request', 'ai-failover' );
		case 'auth':
			return __( 'Key rejected (authentication)', 'ai-failover' );
		case 'payment':
			return __( 'Out of credit (payment)', 'ai-failover' );
		case 'forbidden':
			return __( 'Forbidden', 'ai-failover' );
		case 'unsupported_capability':
			return __( 'Unsupported capability', 'ai-failover' );
	}
};

export const lockedReason = ( name: TriggerName ): string => {
	switch ( name ) {
		case 'invalid_request':
			return __(
				'Never falls back: a bad request is bad everywhere, so another route would fail the same way.',
				'ai-failover'
			);
		case 'unsupported_capability':
			return __(
				'Never falls back: list the capabilities the feature requires instead, and routes without them are skipped.',
				'ai-failover'
			);
		default:
			return __(
				'Never falls back: a rejected key or account is this provider’s problem. Its other keys rotate in; the provider never changes.',
				'ai-failover'
			);
	}
};

export const strategyOption = ( strategy: Strategy ): string => {
	switch ( strategy ) {
		case 'balanced':
			return __(
				'Balanced: weighted random by route weight',
				'ai-failover'
			);
		case 'capability':
			return __(
				'Capability: in order, minus routes lacking a required capability',
				'ai-failover'
			);
		case 'adaptive':
			return __( 'Adaptive: healthiest route first', 'ai-failover' );
		default:
			return __(
				'Manual: primary, then fallbacks in order',
				'ai-failover'
			);
	}
};

export const RETRY_FIELDS: RetryField[] = [
	'base_delay_ms',
	'max_delay_ms',
	'total_budget_ms',
];
export const TIMEOUT_FIELDS: TimeoutField[] = [
	'connect_ms',
	'first_byte_ms',
	'total_ms',
];

export const ALERT_FIELDS: AlertField[] = [
	'fallback_rate_pct',
	'error_rate_pct',
];

export const alertLabel = ( field: AlertField ): string =>
	field === 'fallback_rate_pct'
		? __( 'Fallback rate alert (percent)', 'ai-failover' )
		: __( 'Error rate alert (percent)', 'ai-failover' );

export const numberLabel = ( field: RetryField | TimeoutField ): string => {
	switch ( field ) {
		case 'base_delay_ms':
			return __( 'First retry delay (ms)', 'ai-failover' );
		case 'max_delay_ms':
			return __( 'Longest retry delay (ms)', 'ai-failover' );
		case 'total_budget_ms':
			return __( 'Total time budget (ms)', 'ai-failover' );
		case 'connect_ms':
			return __( 'Connect timeout (ms)', 'ai-failover' );
		case 'first_byte_ms':
			return __( 'First byte timeout (ms)', 'ai-failover' );
		case 'total_ms':
			return __( 'Attempt timeout (ms)', 'ai-failover' );
		default:
			return field;
	}
};

/**
 * The inclusive range of a retry or timeout field, read from its schema.
 *
 * @param field Field.
 * @return Range text such as "100 to 30000".
 */
const rangeOf = ( field: RetryField | TimeoutField ): string => {
	const schema = (
		field in RetryPolicySchema.shape
			? RetryPolicySchema.shape[ field as RetryField ]
			: TimeoutsSchema.shape[ field as TimeoutField ]
	).unwrap();
	return sprintf(
		/* translators: 1: minimum, 2: maximum. */
		__( '%1$d to %2$d', 'ai-failover' ),
		schema.minValue ?? 0,
		schema.maxValue ?? 0
	);
};

export const numberHelp = ( field: RetryField | TimeoutField ): string => {
	const range = rangeOf( field );
	switch ( field ) {
		case 'base_delay_ms':
			return sprintf(
				/* translators: %s: range such as "0 to 10000". */
				__( '%s. Doubles on each retry.', 'ai-failover' ),
				range
			);
		case 'max_delay_ms':
			return sprintf(
				/* translators: %s: range such as "0 to 30000". */
				__( '%s; at least the first retry delay.', 'ai-failover' ),
				range
			);
		case 'total_budget_ms':
			return sprintf(
				/* translators: %s: range such as "1000 to 60000". */
				__(
					'%s. Wall-clock limit for the whole request, all routes included.',
					'ai-failover'
				),
				range
			);
		case 'first_byte_ms':
			return sprintf(
				/* translators: %s: range such as "100 to 60000". */
				__( '%s; at most the attempt timeout.', 'ai-failover' ),
				range
			);
		case 'total_ms':
			return sprintf(
				/* translators: %s: range such as "1000 to 60000". */
				__(
					'%s. One attempt; must fit within the total time budget.',
					'ai-failover'
				),
				range
			);
		default:
			return `${ range }.`;
	}
};

/**
 * What a switchable fallback trigger does, in words: what happens before
 * the request moves on, and why it is on or off by default, so an admin is
 * not surprised by what a fallback did or did not do.
 *
 * @param name Trigger.
 * @return Explanation.
 */
export const triggerHelp = ( name: TriggerName ): string => {
	switch ( name ) {
		case 'rate_limited':
			return __(
				'First waits as the provider asks and rotates to a spare key of the same provider; only then falls back. Off by default: a 429 means "slow down", usually passes within seconds, and moving the traffic to another provider costs money and can rate-limit that one too.',
				'ai-failover'
			);
		case 'server':
			return __(
				'Retried once on the same route (briefly when a fallback is ready), then falls back. On by default: a 5xx is the provider’s own failure.',
				'ai-failover'
			);
		case 'timeout':
			return __(
				'Falls back after one timeout when a fallback is ready (unless “Retry a timed-out route” is on). On by default.',
				'ai-failover'
			);
		case 'unreachable':
			return __(
				'DNS failure or connection refused: retried once, then falls back. On by default.',
				'ai-failover'
			);
		case 'empty_response':
		case 'invalid_response':
			return __(
				'Retried once on the same route, then falls back. On by default.',
				'ai-failover'
			);
		case 'validation_failed':
			return __(
				'The answer failed the output checks of the run: never retried on the same route; falls back only when on. Off by default.',
				'ai-failover'
			);
		case 'slow_stream':
			return __(
				'A stream under the minimum throughput (see Stream throughput) is dropped before its text is sent: never retried on the same route; falls back only when on. Off by default; while off, no stream is held.',
				'ai-failover'
			);
		case 'context_length':
			return __(
				'Never retried: the same prompt is too long for this model every time. Turn on when a fallback has a larger context window. Off by default.',
				'ai-failover'
			);
		case 'content_policy':
			return __(
				'Never retried. Turn on only if another provider may answer what this one refuses. Off by default.',
				'ai-failover'
			);
		default:
			return lockedReason( name );
	}
};
