/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner, TabPanel } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError } from '../../../api/errors';
import {
	getHealth,
	type HealthRow,
	type HealthWindow,
} from '../../../api/events';
import {
	breakerLabel,
	formatCost,
	formatMs,
	formatPercent,
	keyStateLabel,
} from '../../format';
import { Sparkline } from '../sparkline';

/**
 * Health per route and per key over the last 24 hours or 7 days.
 */
export function HealthPanel() {
	const tabs = [
		{ name: '24h', title: __( 'Last 24 hours', 'ai-failover' ) },
		{ name: '7d', title: __( 'Last 7 days', 'ai-failover' ) },
	];
	return (
		<section
			className="aifo-health-panel"
			aria-labelledby="aifo-health-panel-title"
		>
			<h2 id="aifo-health-panel-title">
				{ __( 'Health of routes and keys', 'ai-failover' ) }
			</h2>
			<TabPanel className="aifo-health-panel__tabs" tabs={ tabs }>
				{ ( tab ) => (
					<HealthTables window={ tab.name === '7d' ? '7d' : '24h' } />
				) }
			</TabPanel>
		</section>
	);
}

/**
 * The routes and keys tables of one window.
 *
 * @param props        Props.
 * @param props.window Window.
 */
function HealthTables( { window }: { window: HealthWindow } ) {
	const [ rows, setRows ] = useState< HealthRow[] | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ loadedAt, setLoadedAt ] = useState( () => Date.now() );
	const [ refresh, setRefresh ] = useState( 0 );
	const [ isLoading, setIsLoading ] = useState( true );

	useEffect( () => {
		let isCurrent = true;
		setIsLoading( true );
		getHealth( window ).then(
			( loaded ) => {
				if ( isCurrent ) {
					setRows( loaded );
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
	}, [ window, refresh ] );

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
			{ routes.length > 0 && (
				<table className="widefat striped aifo-health-table is-routes">
					<caption>{ __( 'Routes', 'ai-failover' ) }</caption>
					<thead>
						<tr>
							<th scope="col">
								{ __( 'Route', 'ai-failover' ) }
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
								<RateCells row={ row } />
								<td>
									<span
										className={ `aifo-badge is-breaker-${ row.breaker.replace( '/', '' ) }` }
									>
										{ breakerLabel( row.breaker ) }
									</span>
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
			) }
			{ keys.length > 0 && (
				<table className="widefat striped aifo-health-table is-keys">
					<caption>{ __( 'Keys', 'ai-failover' ) }</caption>
					<thead>
						<tr>
							<th scope="col">{ __( 'Key', 'ai-failover' ) }</th>
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
											{ row.key_state_reason !== null &&
												row.key_state_reason !== '' && (
													<span className="aifo-health-table__reason">
														{ row.key_state_reason }
													</span>
												) }
										</>
									) }
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
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
			<th scope="col">{ __( 'Requests', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'Success', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'Errors', 'ai-failover' ) }</th>
			<th scope="col">{ __( 'Fallbacks', 'ai-failover' ) }</th>
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
				{ row.requests.toLocaleString() }
			</td>
			<td className="aifo-health-table__success">
				{ formatPercent( row.success_rate ) }
			</td>
			<td className="aifo-health-table__errors">
				{ formatPercent( row.error_rate ) }
			</td>
			<td className="aifo-health-table__fallbacks">
				{ formatPercent( row.fallback_rate ) }
			</td>
			<td>{ formatMs( row.p50_latency_ms ) }</td>
			<td>{ formatMs( row.p95_latency_ms ) }</td>
			<td>{ formatCost( row.cost ) }</td>
		</>
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
				</li>
			) ) }
		</ul>
	);
}
