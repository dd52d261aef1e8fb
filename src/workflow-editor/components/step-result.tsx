/**
 * WordPress dependencies
 */
import { Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { StepRecord } from '../../schemas/workflow';
import type { LiveStep } from '../store';

/**
 * Where Diagnostics shows one engine run (its `#run=<id>` fragment).
 *
 * @param runId Engine run id of a step.
 * @return Absolute URL of the Diagnostics screen with the run open.
 */
export function diagnosticsUrl( runId: string ): string {
	const base =
		typeof window === 'undefined'
			? 'http://localhost/wp-admin/'
			: window.location.href;
	const url = new URL( 'admin.php', base );
	url.search = '?page=ai-failover-diagnostics';
	url.hash = `run=${ encodeURIComponent( runId ) }`;
	return url.toString();
}

/**
 * One sentence per fact of a finished step: status, branch, who served it.
 *
 * @param record Step record.
 * @return Sentences.
 */
export function describeStep( record: StepRecord ): string[] {
	const lines: string[] = [];
	if ( record.status === 'succeeded' ) {
		lines.push(
			record.branch === 'success'
				? __( 'Succeeded; its On success branch ran.', 'ai-failover' )
				: __( 'Succeeded.', 'ai-failover' )
		);
	} else if ( record.status === 'failed' ) {
		lines.push(
			record.branch === 'failure'
				? __(
						'Failed; its On failure branch ran and stood in for it.',
						'ai-failover'
					)
				: __(
						'Failed; no On failure branch matched, so the run failed.',
						'ai-failover'
					)
		);
	} else {
		lines.push(
			__( 'Skipped: the run ended before this step.', 'ai-failover' )
		);
	}
	if ( record.served_by ) {
		lines.push(
			sprintf(
				/* translators: 1: provider, 2: model. */
				__( 'Served by %1$s / %2$s.', 'ai-failover' ),
				record.served_by.provider,
				record.served_by.model
			)
		);
	}
	if ( record.degraded ) {
		lines.push(
			__( 'Degraded: a fallback route served it.', 'ai-failover' )
		);
	}
	if ( record.error ) {
		lines.push(
			sprintf(
				/* translators: 1: error class, 2: error message. */
				__( 'Error %1$s: %2$s', 'ai-failover' ),
				record.error.class,
				record.error.message
			)
		);
	}
	if ( record.status !== 'skipped' ) {
		lines.push(
			sprintf(
				/* translators: 1: number of attempts, 2: duration in milliseconds. */
				__( '%1$d attempt(s), %2$d ms.', 'ai-failover' ),
				record.attempts,
				Math.round( record.duration_ms )
			)
		);
	}
	return lines;
}

type Props = {
	live: LiveStep | null;
};

/**
 * The step's part of the last run, on the step block.
 *
 * @param props      Props.
 * @param props.live The step's result, or null when it did not run.
 */
export function StepResult( { live }: Props ) {
	if ( live === null ) {
		return null;
	}
	if ( live.status === 'running' ) {
		return (
			<div className="aifo-step-result is-running" role="status">
				<Spinner />
				{ __( 'Running…', 'ai-failover' ) }
			</div>
		);
	}
	const { record } = live;
	return (
		<div
			className={ `aifo-step-result is-${ record.status }${
				record.degraded ? ' is-degraded' : ''
			}` }
			role="status"
		>
			<strong className="aifo-step-result__title">
				{ __( 'Last run:', 'ai-failover' ) }
			</strong>{ ' ' }
			{ describeStep( record ).join( ' ' ) }
			{ record.run_id !== '' && (
				<>
					{ ' ' }
					<a
						className="aifo-step-result__link"
						href={ diagnosticsUrl( record.run_id ) }
						target="_blank"
						rel="noreferrer"
					>
						{ __( 'Open in Diagnostics', 'ai-failover' ) }
						<span className="screen-reader-text">
							{ __( '(opens in a new tab)', 'ai-failover' ) }
						</span>
					</a>
				</>
			) }
		</div>
	);
}
