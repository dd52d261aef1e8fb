/**
 * WordPress dependencies
 */
import { Notice } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { formatMs } from '../../../../lib/attempt-format';
import type { RunResult, RunStatus } from '../../../../schemas';

const statusLabel = ( status: RunStatus ): string => {
	switch ( status ) {
		case 'success':
			return __( 'Success', 'ai-failover' );
		case 'incomplete':
			return __( 'Incomplete', 'ai-failover' );
		case 'deferred':
			return __( 'Deferred', 'ai-failover' );
		default:
			return __( 'Failed', 'ai-failover' );
	}
};

/**
 * "Served by Provider / model (key 'x')", or that nobody answered.
 *
 * @param result Run result.
 * @return Sentence.
 */
function servedByText( result: RunResult ): string {
	const served = result.served_by;
	if ( ! served ) {
		return __( 'No route answered.', 'ai-failover' );
	}
	return served.key_label === ''
		? sprintf(
				/* translators: 1: provider label, 2: model. */
				__( 'Served by %1$s / %2$s', 'ai-failover' ),
				served.provider,
				served.model
			)
		: sprintf(
				/* translators: 1: provider label, 2: model, 3: key label. */
				__( "Served by %1$s / %2$s (key '%3$s')", 'ai-failover' ),
				served.provider,
				served.model,
				served.key_label
			);
}

/**
 * The run's outcome: status, degraded notice, error, who served it, the
 * answer, why it is incomplete, and its duration and tokens. All as text.
 *
 * @param props        Props.
 * @param props.result Run result.
 */
export function ResultSummarySection( { result }: { result: RunResult } ) {
	const { error } = result;
	return (
		<>
			<h3 className="aifo-feature-run__result-title">
				{ __( 'Result', 'ai-failover' ) }{ ' ' }
				<span
					className={ `aifo-badge aifo-feature-run__status is-${ result.status }` }
				>
					{ statusLabel( result.status ) }
				</span>
			</h3>
			{ result.degraded && (
				<Notice
					className="aifo-feature-run__degraded"
					status="warning"
					isDismissible={ false }
				>
					<strong>{ __( 'Degraded', 'ai-failover' ) }</strong>{ ' ' }
					{ result.degraded_notice !== ''
						? result.degraded_notice
						: __(
								'An earlier route or key failed, so this answer did not come from the first choice.',
								'ai-failover'
							) }
					{ result.notice_required && (
						<span className="aifo-feature-run__notice-required">
							{ ' ' }
							{ __(
								'This feature requires the notice to be shown to users with every answer a fallback served.',
								'ai-failover'
							) }
						</span>
					) }
				</Notice>
			) }
			{ error && result.status !== 'success' && (
				<Notice
					className="aifo-feature-run__error"
					status={ result.status === 'failed' ? 'error' : 'warning' }
					isDismissible={ false }
				>
					{ sprintf(
						/* translators: 1: error class, such as "server", 2: message. */
						__( 'Error class %1$s: %2$s', 'ai-failover' ),
						error.class,
						error.message === ''
							? __( 'no message', 'ai-failover' )
							: error.message
					) }
					{ typeof error.retry_after === 'number' &&
						' ' +
							sprintf(
								/* translators: %s: duration, such as "2 s". */
								__( '(retry after %s)', 'ai-failover' ),
								formatMs( error.retry_after * 1000 )
							) }
				</Notice>
			) }
			<p className="aifo-feature-run__served-by">
				{ servedByText( result ) }
			</p>
			{ result.output.text !== '' && (
				<div className="aifo-feature-run__answer">
					{ result.output.text }
				</div>
			) }
			{ result.incomplete_reason && (
				<p className="aifo-feature-run__incomplete">
					{ sprintf(
						/* translators: %s: why the stream stopped. */
						__( 'Incomplete: %s', 'ai-failover' ),
						result.incomplete_reason
					) }
				</p>
			) }
			<p className="aifo-feature-run__meta">
				{ sprintf(
					/* translators: 1: duration, 2: input tokens, 3: output tokens. */
					__(
						'%1$s in all; %2$d tokens in, %3$d out.',
						'ai-failover'
					),
					formatMs( result.duration_ms ),
					result.output.usage.input_tokens,
					result.output.usage.output_tokens
				) }
			</p>
		</>
	);
}
