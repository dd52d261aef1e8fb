/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	decisionLabel,
	formatCost,
	formatMs,
	outcomeLabel,
} from '../../lib/attempt-format';
import type { Attempt } from '../../schemas';
import './style.scss';

type Props = {
	/** A run's attempts (or event rows, which are attempts plus context). */
	attempts: readonly Attempt[];
};

/**
 * The attempts of one run, in order: route, outcome, key, status, class,
 * decision, timing, cost, the engine's sentence and the provider's message.
 * One component for the feature's run dialog and the Diagnostics run view;
 * everything is rendered as text.
 *
 * @param props          Props.
 * @param props.attempts Attempts.
 */
export function AttemptList( { attempts }: Props ) {
	return (
		<ol className="aifo-attempt-list">
			{ attempts.map( ( attempt ) => (
				<AttemptItem
					key={ `${ attempt.attempt }:${ attempt.route }` }
					attempt={ attempt }
				/>
			) ) }
		</ol>
	);
}

/**
 * One attempt.
 *
 * @param props         Props.
 * @param props.attempt Attempt.
 */
function AttemptItem( { attempt }: { attempt: Attempt } ) {
	const facts: Array< [ string, string ] > = [
		[
			__( 'Key', 'ai-failover' ),
			attempt.key_label === '' ? '—' : attempt.key_label,
		],
		[
			__( 'HTTP status', 'ai-failover' ),
			attempt.http_status === 0 ? '—' : String( attempt.http_status ),
		],
		[ __( 'Error class', 'ai-failover' ), attempt.error_class ?? '—' ],
		[ __( 'Decision', 'ai-failover' ), decisionLabel( attempt.decision ) ],
		[ __( 'Started at', 'ai-failover' ), formatMs( attempt.start_ms ) ],
		[ __( 'Took', 'ai-failover' ), formatMs( attempt.latency_ms ) ],
	];
	if ( attempt.cost > 0 ) {
		facts.push( [
			__( 'Cost', 'ai-failover' ),
			formatCost( attempt.cost ),
		] );
	}
	return (
		<li className={ `aifo-attempt-list__item is-${ attempt.outcome }` }>
			<div className="aifo-attempt-list__head">
				<code className="aifo-attempt-list__route">
					{ attempt.route }
				</code>
				<span
					className={ `aifo-badge aifo-attempt-list__outcome is-${ attempt.outcome }` }
				>
					{ outcomeLabel( attempt.outcome ) }
				</span>
				{ attempt.simulated && (
					<span className="aifo-badge aifo-attempt-list__simulated">
						{ __( 'Simulated', 'ai-failover' ) }
					</span>
				) }
			</div>
			<dl className="aifo-attempt-list__facts">
				{ facts.map( ( [ term, value ] ) => (
					<div key={ term } className="aifo-attempt-list__fact">
						<dt>{ term }</dt>
						<dd>{ value }</dd>
					</div>
				) ) }
			</dl>
			{ attempt.reason !== '' && (
				<p className="aifo-attempt-list__reason">{ attempt.reason }</p>
			) }
			{ attempt.message !== '' && attempt.outcome !== 'success' && (
				<p className="aifo-attempt-list__message">
					<span className="aifo-attempt-list__message-label">
						{ __( 'Provider message:', 'ai-failover' ) }
					</span>{ ' ' }
					{ attempt.message }
				</p>
			) }
		</li>
	);
}
