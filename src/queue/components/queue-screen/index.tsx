/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useCallback, useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	getJobs,
	runQueue,
	updateJob,
	type JobPage,
	type JobStatus,
} from '../../../api/queue';
import type { QueueJob } from '../../../schemas/queue';

/** Statuses the screen filters by, in the order shown. */
export const FILTERS: { status: JobStatus | null; label: string }[] = [
	{ status: null, label: __( 'All', 'ai-failover' ) },
	{ status: 'queued', label: __( 'Queued', 'ai-failover' ) },
	{ status: 'running', label: __( 'Running', 'ai-failover' ) },
	{ status: 'done', label: __( 'Done', 'ai-failover' ) },
	{ status: 'failed', label: __( 'Failed', 'ai-failover' ) },
	{ status: 'cancelled', label: __( 'Cancelled', 'ai-failover' ) },
];

/**
 * Diagnostics' workflow run view (a contract between areas).
 * @param runId
 */
export const workflowRunUrl = ( runId: string ): string =>
	`admin.php?page=ai-failover-diagnostics#workflow-run=${ encodeURIComponent(
		runId
	) }`;

/**
 * Diagnostics' engine run view (a contract between areas).
 * @param runId
 */
export const engineRunUrl = ( runId: string ): string =>
	`admin.php?page=ai-failover-diagnostics#run=${ encodeURIComponent(
		runId
	) }`;

/**
 * Where a job's result opens: the workflow run, or the engine run of a
 * deferred feature run.
 * @param job
 */
export const resultUrl = ( job: QueueJob ): string =>
	job.type === 'feature_run'
		? engineRunUrl( job.run_id )
		: workflowRunUrl( job.run_id );

const SOURCES: Record< string, string > = {
	schedule: __( 'Schedule', 'ai-failover' ),
	publish: __( 'On publish', 'ai-failover' ),
	async: __( 'REST (async)', 'ai-failover' ),
	cli: __( 'Command line', 'ai-failover' ),
	deferred: __( 'Deferred (Retry-After)', 'ai-failover' ),
};

/**
 * When a job runs or ran, in words.
 *
 * @param job Job.
 * @return Text.
 */
export function whenText( job: QueueJob ): string {
	const at = ( iso: string | null ) =>
		iso ? new Date( iso ).toLocaleString() : '';
	if ( job.status === 'queued' ) {
		return job.run_after && new Date( job.run_after ).getTime() > Date.now()
			? sprintf(
					/* translators: %s: date and time. */
					__( 'Waits until %s', 'ai-failover' ),
					at( job.run_after )
				)
			: __( 'Due now', 'ai-failover' );
	}
	if ( job.status === 'running' ) {
		return sprintf(
			/* translators: %s: date and time. */
			__( 'Since %s', 'ai-failover' ),
			at( job.started_at )
		);
	}
	return at( job.finished_at );
}

/**
 * AI Failover > Queue: the durable queue's jobs by status, with retry now
 * and cancel, and a button that runs the due jobs now.
 */
export function QueueScreen() {
	const [ status, setStatus ] = useState< JobStatus | null >( null );
	const [ page, setPage ] = useState( 1 );
	const [ data, setData ] = useState< JobPage | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ message, setMessage ] = useState< string | null >( null );
	const [ busy, setBusy ] = useState( false );

	const load = useCallback( () => {
		getJobs( status, page ).then(
			( next ) => {
				setData( next );
				setError( null );
			},
			( failure: Error ) => setError( failure.message )
		);
	}, [ status, page ] );

	useEffect( () => {
		load();
		// Jobs move on their own (WP-Cron): refresh while the screen is open.
		const timer = window.setInterval( load, 10000 );
		return () => window.clearInterval( timer );
	}, [ load ] );

	const act = ( job: QueueJob, action: 'retry' | 'cancel' ) => {
		setBusy( true );
		updateJob( job.id, action )
			.then(
				() =>
					setMessage(
						action === 'retry'
							? sprintf(
									/* translators: %d: job id. */
									__(
										'Job %d is queued again.',
										'ai-failover'
									),
									job.id
								)
							: sprintf(
									/* translators: %d: job id. */
									__( 'Job %d is cancelled.', 'ai-failover' ),
									job.id
								)
					),
				( failure: Error ) => setError( failure.message )
			)
			.finally( () => {
				setBusy( false );
				load();
			} );
	};

	const runNow = () => {
		setBusy( true );
		runQueue()
			.then(
				( { ran } ) =>
					setMessage(
						sprintf(
							/* translators: %d: number of jobs. */
							_n(
								'%d job ran.',
								'%d jobs ran.',
								ran.length,
								'ai-failover'
							),
							ran.length
						)
					),
				( failure: Error ) => setError( failure.message )
			)
			.finally( () => {
				setBusy( false );
				load();
			} );
	};

	return (
		<div className="aifo-queue">
			<p>
				{ __(
					'Scheduled, on-publish and queued (async) workflow runs, and engine runs deferred by a Retry-After. Each job is run by one worker at a time; a rate-limited one waits for the provider’s Retry-After; one that keeps failing is kept here with its error.',
					'ai-failover'
				) }
			</p>
			{ error && (
				<Notice status="error" onRemove={ () => setError( null ) }>
					{ error }
				</Notice>
			) }
			{ message && (
				<Notice status="success" onRemove={ () => setMessage( null ) }>
					{ message }
				</Notice>
			) }
			<div
				className="aifo-queue__filters"
				role="group"
				aria-label={ __( 'Filter by status', 'ai-failover' ) }
			>
				{ FILTERS.map( ( filter ) => (
					<Button
						key={ filter.label }
						variant={
							filter.status === status ? 'primary' : 'secondary'
						}
						aria-pressed={ filter.status === status }
						onClick={ () => {
							setStatus( filter.status );
							setPage( 1 );
						} }
					>
						{ filter.status && data
							? `${ filter.label } (${
									data.counts[ filter.status ]
								})`
							: filter.label }
					</Button>
				) ) }
				<Button variant="tertiary" onClick={ runNow } disabled={ busy }>
					{ __( 'Run due jobs now', 'ai-failover' ) }
				</Button>
			</div>
			{ data === null && ! error && <Spinner /> }
			{ data && data.jobs.length === 0 && (
				<p>{ __( 'No jobs here.', 'ai-failover' ) }</p>
			) }
			{ data && data.jobs.length > 0 && (
				<div className="aifo-queue__scroll">
					<table className="widefat striped aifo-queue__table">
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Job', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Workflow', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Trigger', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Status', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Attempts', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'When', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Result', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Actions', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ data.jobs.map( ( job ) => (
								<tr key={ job.id }>
									<td>{ job.id }</td>
									<td>
										{ job.type === 'feature_run' ? (
											sprintf(
												/* translators: %s: feature id. */
												__(
													'Feature %s',
													'ai-failover'
												),
												job.feature ?? ''
											)
										) : (
											<a
												href={ `post.php?post=${ job.workflow }&action=edit` }
											>
												{ sprintf(
													/* translators: %d: workflow post id. */
													__(
														'Workflow #%d',
														'ai-failover'
													),
													job.workflow
												) }
											</a>
										) }
									</td>
									<td>
										{ SOURCES[ job.source ] ?? job.source }
									</td>
									<td>
										<span
											className={ `aifo-queue__status is-${ job.status }` }
										>
											{ FILTERS.find(
												( f ) => f.status === job.status
											)?.label ?? job.status }
										</span>
									</td>
									<td>{ `${ job.attempts } / ${ job.max_attempts }` }</td>
									<td>{ whenText( job ) }</td>
									<td>
										{ job.run_id && (
											<a href={ resultUrl( job ) }>
												{ job.outcome ||
													__( 'Run', 'ai-failover' ) }
											</a>
										) }
										{ job.error && (
											<div className="aifo-queue__error">
												{ `${ job.error.class }: ${ job.error.message }` }
											</div>
										) }
									</td>
									<td>
										{ [
											'failed',
											'cancelled',
											'queued',
										].includes( job.status ) && (
											<Button
												variant="secondary"
												size="small"
												disabled={ busy }
												onClick={ () =>
													act( job, 'retry' )
												}
											>
												{ __(
													'Retry now',
													'ai-failover'
												) }
											</Button>
										) }
										{ job.status === 'queued' && (
											<Button
												variant="tertiary"
												isDestructive
												size="small"
												disabled={ busy }
												onClick={ () =>
													act( job, 'cancel' )
												}
											>
												{ __(
													'Cancel',
													'ai-failover'
												) }
											</Button>
										) }
									</td>
								</tr>
							) ) }
						</tbody>
					</table>
				</div>
			) }
			{ data && data.totalPages > 1 && (
				<div className="aifo-queue__pages">
					<Button
						variant="secondary"
						disabled={ page <= 1 }
						onClick={ () => setPage( page - 1 ) }
					>
						{ __( 'Newer', 'ai-failover' ) }
					</Button>
					<span>
						{ sprintf(
							/* translators: 1: page, 2: pages. */
							__( 'Page %1$d of %2$d', 'ai-failover' ),
							page,
							data.totalPages
						) }
					</span>
					<Button
						variant="secondary"
						disabled={ page >= data.totalPages }
						onClick={ () => setPage( page + 1 ) }
					>
						{ __( 'Older', 'ai-failover' ) }
					</Button>
				</div>
			) }
		</div>
	);
}
