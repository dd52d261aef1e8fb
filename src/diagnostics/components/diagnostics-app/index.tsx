/**
 * WordPress dependencies
 */
import {
	Button,
	CheckboxControl,
	SelectControl,
	ToggleControl,
} from '@wordpress/components';
import { useEffect, useRef, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { usePolicyState } from '../../hooks/use-policy-state';
import { useRunHash } from '../../hooks/use-run-hash';
import { useSummary } from '../../hooks/use-summary';
import { useUrlView } from '../../hooks/use-url-view';
import { useWorkflowRunHash } from '../../hooks/use-workflow-run-hash';
import { AuditLog } from '../audit-log';
import { BudgetsPanel } from '../budgets-panel';
import { DrillsPanel } from '../drills-panel';
import { ErrorRatePanel } from '../error-rate-panel';
import { EventLog } from '../event-log';
import { HealthPanel } from '../health-panel';
import { RunView } from '../run-view';
import { SummaryPanel } from '../summary-panel';
import { WorkflowRunView } from '../workflow-run-view';

/** How often live mode reloads. */
export const LIVE_INTERVAL_MS = 10000;

/**
 * The Diagnostics screen, below the page's <h1>, in the order someone on
 * call reads it: the window (in the URL, with the filters, so a view can be
 * shared), the open workflow run (`#workflow-run=<id>`: its steps as a
 * timeline) or engine run (from a run link or `#run=<id>`), the summary figures
 * and the chart, route and key health with the error-rate breakers beside it,
 * the spend budgets, the event log, then the drills and the audit log. The
 * log's feature filter narrows the summary and the health tables too.
 */
export function DiagnosticsApp() {
	const { runId, closeRun } = useRunHash();
	const { workflowRunId, closeWorkflowRun } = useWorkflowRunHash();
	const [ urlView, updateUrlView ] = useUrlView();
	const [ tick, setTick ] = useState( 0 );
	const [ announcement, setAnnouncement ] = useState( '' );
	const { summary, error, isLoading, loadedAt } = useSummary(
		{
			window: urlView.window,
			simulated: urlView.drills,
			feature: urlView.filters.feature,
		},
		tick
	);
	const policyState = usePolicyState( tick );

	useEffect( () => {
		if ( ! urlView.live ) {
			return;
		}
		const timer = window.setInterval(
			() => setTick( ( n ) => n + 1 ),
			LIVE_INTERVAL_MS
		);
		return () => window.clearInterval( timer );
	}, [ urlView.live ] );

	// Live mode says what changed, politely, and only when something did.
	const lastFigures = useRef( '' );
	useEffect( () => {
		if ( summary === null ) {
			return;
		}
		const figures = `${ summary.runs }/${ summary.served_by_fallback }/${ summary.failed }`;
		if ( urlView.live && lastFigures.current !== figures ) {
			setAnnouncement(
				sprintf(
					/* translators: 1: Runs, 2: Runs served by a fallback, 3: Failed runs. */
					__(
						'Updated: %1$d runs, %2$d served by a fallback, %3$d failed.',
						'ai-failover'
					),
					summary.runs,
					summary.served_by_fallback,
					summary.failed
				)
			);
		}
		lastFigures.current = figures;
	}, [ summary, urlView.live ] );

	return (
		<div className="aifo-diagnostics-app">
			<div
				className="aifo-diagnostics-toolbar"
				role="group"
				aria-label={ __( 'Diagnostics view', 'ai-failover' ) }
			>
				<SelectControl
					__nextHasNoMarginBottom
					label={ __( 'Window', 'ai-failover' ) }
					value={ urlView.window }
					options={ [
						{
							value: '24h',
							label: __( 'Last 24 hours', 'ai-failover' ),
						},
						{
							value: '7d',
							label: __( 'Last 7 days', 'ai-failover' ),
						},
					] }
					onChange={ ( value: string ) =>
						updateUrlView( {
							window: value === '7d' ? '7d' : '24h',
						} )
					}
				/>
				<CheckboxControl
					__nextHasNoMarginBottom
					label={ __( 'Include drills', 'ai-failover' ) }
					checked={ urlView.drills }
					onChange={ ( drills: boolean ) =>
						updateUrlView( { drills } )
					}
				/>
				<ToggleControl
					__nextHasNoMarginBottom
					label={ sprintf(
						/* translators: %d: Seconds between refreshes. */
						__( 'Live (every %d s)', 'ai-failover' ),
						LIVE_INTERVAL_MS / 1000
					) }
					checked={ urlView.live }
					onChange={ ( live: boolean ) => updateUrlView( { live } ) }
				/>
				<Button
					variant="secondary"
					onClick={ () => setTick( ( n ) => n + 1 ) }
				>
					{ __( 'Refresh all', 'ai-failover' ) }
				</Button>
				<p
					className="aifo-diagnostics-toolbar__status"
					aria-live="polite"
					aria-atomic="true"
				>
					{ urlView.live ? announcement : '' }
				</p>
			</div>
			{ workflowRunId !== null && (
				<WorkflowRunView
					key={ workflowRunId }
					workflowRunId={ workflowRunId }
					onClose={ closeWorkflowRun }
				/>
			) }
			{ runId !== null && (
				<RunView key={ runId } runId={ runId } onClose={ closeRun } />
			) }
			<SummaryPanel
				summary={ summary }
				error={ error }
				isLoading={ isLoading }
				now={ loadedAt }
			/>
			<HealthPanel
				window={ urlView.window }
				simulated={ urlView.drills }
				feature={ urlView.filters.feature }
				refreshKey={ tick }
			/>
			<ErrorRatePanel resource={ policyState } />
			<BudgetsPanel resource={ policyState } />
			<EventLog
				filters={ urlView.filters }
				onFiltersChange={ ( filters ) => updateUrlView( { filters } ) }
				refreshKey={ tick }
			/>
			<DrillsPanel />
			<AuditLog />
		</div>
	);
}
