/**
 * Internal dependencies
 */
import type { RunResult } from '../../../../schemas';
import { AttemptsSection } from './attempts';
import { DiagnosticsLinkSection } from './diagnostics-link';
import { ResultSummarySection } from './result-summary';

/**
 * One run's result: status, degraded notice, answer, who served it, every
 * attempt with its reason, and a link to the run in Diagnostics. Everything
 * is rendered as text.
 *
 * @param props        Props.
 * @param props.result Run result.
 */
export function RunResultView( { result }: { result: RunResult } ) {
	return (
		<div className="aifo-feature-run__result">
			<ResultSummarySection result={ result } />
			<AttemptsSection result={ result } />
			<DiagnosticsLinkSection runId={ result.run_id } />
		</div>
	);
}
