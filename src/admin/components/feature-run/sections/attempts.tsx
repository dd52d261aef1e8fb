/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { AttemptList } from '../../../../components/attempt-list';
import type { RunResult } from '../../../../schemas';

/**
 * Every attempt of the run, with its reason.
 *
 * @param props        Props.
 * @param props.result Run result.
 */
export function AttemptsSection( { result }: { result: RunResult } ) {
	return (
		<>
			<h4 className="aifo-feature-run__attempts-title">
				{ sprintf(
					/* translators: %d: number of attempts. */
					__( 'Attempts (%d)', 'ai-failover' ),
					result.attempts.length
				) }
			</h4>
			{ result.attempts.length === 0 ? (
				<p>{ __( 'No route was tried.', 'ai-failover' ) }</p>
			) : (
				<AttemptList attempts={ result.attempts } />
			) }
		</>
	);
}
