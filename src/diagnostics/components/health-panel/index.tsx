/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError } from '../../../api/errors';
import {
	getHealth,
	type HealthReport,
	type HealthRow,
	type HealthWindow,
} from '../../../api/events';
import {
	breakerLabel,
	formatCost,
	formatMs,
	formatPercent,
	formatTime,
	keyStateLabel,
} from '../../format';
import { Sparkline } from '../sparkline';
import { ScrollRegion } from '../../../components/scroll-region';

type PanelProps = {
	window: HealthWindow;
	/** Count drills too. */
	simulated?: boolean;
	/** Only this feature's traffic ('' for all). */
	feature?: string;
	/** Changes to reload (live mode, Refresh). */
	refreshKey?: number;
};

/**
 * Health per route and per key over the chosen window (24 hours or 7 days).
 *
 * @param props            Props.
 * @param props.window     Window.
 * @param props.simulated  Count drills too.
 * @param props.refreshKey Reload when it changes.
 * @param props.feature
 */
export function HealthPanel( {
	window,
	simulated = false,
	feature = '',
	refreshKey = 0,
}: PanelProps ) {
	return (
		<section
			className="aifo-health-panel"
			aria-labelledby="aifo-health-panel-title"
		>
			<h2 id="aifo-health-panel-title">
				{ window === '7d'
					? __(
							'Health of routes and keys, last 7 days',
							'ai-failover'
						)
					: __(
							'Health of routes and keys, last 24 hours',
							'ai-failover'
						) }
			</h2>
			<HealthTables
				window={ window }
				simulated={ simulated }
				feature={ feature }
				refreshKey={ refreshKey }
			/>
		</section>
	);
}

/**
 * The routes and keys tables of one window.
 *
 * @param props            Props.
 * @param props.window     Window.
 * @param props.simulated  Count drills too.
 * @param props.feature    Only this feature.
 * @param props.refreshKey Reload when it changes.
 */
function HealthTables( {
	window,
	simulated,
	feature,
	refreshKey,
}: Required< PanelProps > ) {
	const [ report, setReport ] = useState< HealthReport | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loadedAt, setLoadedAt ] = useState( () => Date.now() );
	const [ refresh, setRefresh ] = useState( 0 );
	const [ isLoading, setIsLoading ] = useState( true );

	useEffect( () => {
		let isCurrent = true;
		setIsLoading( true );
		getHealth( window, {
			...( simulated ? { simulated } : {} ),
			...( feature !== '' ? { feature } : {} ),
		} ).then(
			( loaded ) => {
				if ( isCurrent ) {
					setReport( loaded );
					setError( null );
					setLoadedAt( Date.now() );
					setIsLoading( false );
				}
			},
			( failure: unknown ) => {
				if ( isCurrent ) {
					setError( toApiError( failure ).message );
					setIsLoading( false );
				}
			}
		);
		return () => {
			isCurrent = false;
		};
	}, [ window, simulated, feature, refresh, refreshKey ] );

	const rows = report?.rows ?? null;
	const routes = rows?.filter( ( row ) => row.kind === 'route' ) ?? [];
	const keys = rows?.filter( ( row ) => row.kind === 'key' ) ?? [];

	return (
		<div className="aifo-health-panel__window">
			<div className="aifo-health-panel__actions">
				{ isLoading && <Spinner /> }
				<Button
					variant="secondary"
					onClick={ () => setRefresh( ( n ) => n + 1 ) }
				>
					{ __( 'Refresh', 'ai-failover' ) }
				</Button>
			</div>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ rows !== null && rows.length === 0 && (
				<p className="aifo-health-panel__empty">
					{ __( 'No requests in this window.', 'ai-failover' ) }
				</p>
			) }
			{ report !== null && report.routesOmitted > 0 && (
				<p className="aifo-health-panel__omitted">
					{ feature === ''
						? sprintf(
								/* translators: 1: Routes listed (200 by default), 2: Routes with traffic in the window. */
								_n(
									'Showing the %1$d busiest of %2$d route; filter by feature to see the rest.',
									'Showing the %1$d busiest of %2$d routes; filter by feature to see the rest.',
									report.routesTotal,
									'ai-failover'
								),
								routes.length,
								report.routesTotal
							)
						: sprintf(
								/* translators: 1: Routes listed (200 by default), 2: Routes of the feature with traffic in the window. */
								_n(
									'Showing the %1$d busiest of %2$d route of this feature.',
									'Showing the %1$d busiest of %2$d routes of this feature.',
									report.routesTotal,
									'ai-failover'
								),
								routes.length,
								report.routesTotal
							) }
				</p>
			) }
			{ routes.length > 0 && (
				<ScrollRegion label={ __( 'Routes', 'ai-failover' ) }>
					<table className="widefat striped aifo-health-table is-routes">
						<caption>{ __( 'Routes', 'ai-failover' ) }</caption>
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Route', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Runs', 'ai-failover' ) }
								</th>
								<RateHeaders />
								<th scope="col">
									{ __( 'Breaker', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Trend', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ routes.map( ( row ) => (
								<tr
									key={ row.subject }
									className="aifo-health-table__row"
								>
									<th
										scope="row"
										className="aifo-health-table__subject"
									>
										<span>{ row.subject }</span>
										<ErrorClasses row={ row } />
									</th>
									<RunCells row={ row } />
									<RateCells row={ row } />
									<td className="aifo-health-table__breaker">
										<span
											className={ `aifo-badge is-breaker-${ row.breaker.replace( '/', '' ) }` }
										>
											{ breakerLabel( row.breaker ) }
										</span>
										<BreakerTimes row={ row } />
									</td>
									<td>
										<Sparkline
											series={ row.series }
											window={ window }
											now={ loadedAt }
										/>
									</td>
								</tr>
							) ) }
						</tbody>
					</table>
				</ScrollRegion>
			) }
			{ keys.length > 0 && (
				<ScrollRegion label={ __( 'Keys', 'ai-failover' ) }>
					<table className="widefat striped aifo-health-table is-keys">
						<caption>{ __( 'Keys', 'ai-failover' ) }</caption>
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Key', 'ai-failover' ) }
								</th>
								<RateHeaders />
								<th scope="col">
									{ __( 'State', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ keys.map( ( row ) => (
								<tr
									key={ row.subject }
									className="aifo-health-table__row"
								>
									<th
										scope="row"
										className="aifo-health-table__subject"
									>
										<span>{ keyLabel( row ) }</span>{ ' ' }
										<span className="aifo-health-table__provider">
											{ row.provider }
										</span>
										<ErrorClasses row={ row } />
									</th>
									<RateCells row={ row } />
									<td className="aifo-health-table__state">
										{ row.key_state === null ? (
											'—'
										) : (
											<>
												<span
													className={ `aifo-badge is-key-${ row.key_state }` }
												>
													{ keyStateLabel(
														row.key_state
													) }
												</span>
												{ row.key_state_reason !==
													null &&
													row.key_state_reason !==
														'' && (
														<span className="aifo-health-table__reason">
															{
																row.key_state_reason
															}
														</span>
													) }
											</>
										) }
									</td>
								</tr>
							) ) }
						</tbody>
					</table>
				</ScrollRegion>
			) }
		</div>
	);
}

/**
 * The key label of a key row ("provider:label" subject).
 *
 * @param row Key row.
 * @return Label.
 */
function keyLabel( row: HealthRow ): string {
	const prefix = `${ row.provider }:`;
	return row.subject.startsWith( prefix )
		? row.subject.slice( prefix.length )
		: row.subject;
}

/**
 * Headers of the columns RateCells fills.
 */
function RateHeaders() {
	return (
		<>
			<th scope="col">{ __( 'Attempts', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'Success (of sent)', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'Errors (of sent)', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'p50', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'p95', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'Cost', 'ai-failover' ) }</th>
		</>
	);
}

/**
 * Counts, rates, latencies and cost of a row.
 *
 * @param props     Props.
 * @param props.row Row.
 */
function RateCells( { row }: { row: HealthRow } ) {
	return (
		<>
			<td className="aifo-health-table__requests">
				<span className="aifo-health-table__count">
					{ row.attempts.toLocaleString() }
				</span>
				<span className="aifo-health-table__detail">
					{ sprintf(
						/* translators: 1: Attempts sent to the provider, 2: Attempts skipped. */
						__( '%1$s sent, %2$s skipped', 'ai-failover' ),
						row.requests.toLocaleString(),
						row.skipped.toLocaleString()
					) }
				</span>
			</td>
			<td className="aifo-health-table__success">
				{ row.requests > 0 ? formatPercent( row.success_rate ) : '—' }
			</td>
			<td className="aifo-health-table__errors">
				{ row.requests > 0 ? formatPercent( row.error_rate ) : '—' }
			</td>
			<td>{ formatMs( row.p50_latency_ms ) }</td>
			<td>{ formatMs( row.p95_latency_ms ) }</td>
			<td>{ formatCost( row.cost ) }</td>
		</>
	);
}

/**
 * A route's counts by run: runs that tried it, served, fell back (and how
 * many of those skipped it on an open breaker).
 *
 * @param props     Props.
 * @param props.row Route row.
 */
function RunCells( { row }: { row: HealthRow } ) {
	if ( row.runs === null ) {
		return <td>—</td>;
	}
	return (
		<td className="aifo-health-table__runs">
			<span className="aifo-health-table__count">
				{ row.runs.toLocaleString() }
			</span>
			<span className="aifo-health-table__detail">
				{ sprintf(
					/* translators: 1: Runs this route answered, 2: Runs that fell back from it, 3: Share of runs that fell back. */
					__( '%1$s served, %2$s fell back (%3$s)', 'ai-failover' ),
					( row.runs_served ?? 0 ).toLocaleString(),
					( row.runs_fell_back ?? 0 ).toLocaleString(),
					formatPercent( row.fallback_rate )
				) }
			</span>
			{ ( row.runs_breaker_skipped ?? 0 ) > 0 && (
				<span className="aifo-health-table__detail">
					{ sprintf(
						/* translators: %s: Runs that skipped the route because its breaker was open. */
						__( '%s after a breaker skip', 'ai-failover' ),
						( row.runs_breaker_skipped ?? 0 ).toLocaleString()
					) }
				</span>
			) }
		</td>
	);
}

/**
 * When an open breaker opened and when it lets its next probe through.
 *
 * @param props     Props.
 * @param props.row Row.
 */
function BreakerTimes( { row }: { row: HealthRow } ) {
	if ( row.breaker_opened_at === null ) {
		return null;
	}
	return (
		<span className="aifo-health-table__detail">
			{ sprintf(
				/* translators: 1: Time the breaker opened, 2: Time of its next probe. */
				__( 'opened %1$s, next probe %2$s', 'ai-failover' ),
				formatTime( row.breaker_opened_at ),
				row.breaker_next_probe_at === null
					? '—'
					: formatTime( row.breaker_next_probe_at )
			) }
		</span>
	);
}

/**
 * Errors of a row by class, such as "server × 3".
 *
 * @param props     Props.
 * @param props.row Row.
 */
function ErrorClasses( { row }: { row: HealthRow } ) {
	if ( row.errors_by_class.length === 0 ) {
		return null;
	}
	return (
		<ul className="aifo-health-table__classes">
			{ row.errors_by_class.map( ( entry ) => (
				<li key={ entry.error_class }>
					<code>{ entry.error_class }</code> × { entry.count }
					{ entry.first_seen !== null && (
						<span className="aifo-health-table__seen">
							{ sprintf(
								/* translators: 1: First time seen, 2: Last time seen. */
								__(
									'first seen %1$s, last seen %2$s',
									'ai-failover'
								),
								formatTime( entry.first_seen ),
								formatTime(
									entry.last_seen ?? entry.first_seen
								)
							) }
						</span>
					) }
				</li>
			) ) }
		</ul>
	);
}
