/**
 * Internal dependencies
 */
import { useRunHash } from '../../hooks/use-run-hash';
import { AuditLog } from '../audit-log';
import { DrillsPanel } from '../drills-panel';
import { EventLog } from '../event-log';
import { HealthPanel } from '../health-panel';
import { RunView } from '../run-view';

/**
 * The Diagnostics screen, below the page's <h1>: the open run (from a row's
 * run link or the URL's #run=<id>), the event log, and route and key health.
 */
export function DiagnosticsApp() {
	const { runId, closeRun } = useRunHash();
	return (
		<div className="aifo-diagnostics-app">
			{ runId !== null && (
				<RunView key={ runId } runId={ runId } onClose={ closeRun } />
			) }
			<EventLog />
			<HealthPanel />
			<DrillsPanel />
			<AuditLog />
		</div>
	);
}
