/**
 * WordPress dependencies
 */
import { Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Resource } from '../../../lib/use-resource';
import type {
	ErrorRateRoute,
	PolicyState,
} from '../../../schemas/policy-state';
import { ScrollRegion } from '../../../components/scroll-region';
import { breakerLabel, formatPercent, formatTime } from '../../format';

/**
 * @param route Route.
 * @return Which rule opened its breaker, in words; '' while closed.
 */
export function openedByLabel( route: ErrorRateRoute ): string {
	switch ( route.opened_by ) {
		case 'error_rate':
			return __( 'opened by the error rate', 'ai-failover' );
		case 'consecutive':
			return __( 'opened by consecutive failures', 'ai-failover' );
		case 'unknown':
			return __( 'opened before the rule was recorded', 'ai-failover' );
		default:
			return '';
	}
}

/**
 * Error-rate breakers: for every route a feature with an error-rate breaker
 * uses, the failure share over each such feature's window against its
 * threshold and minimum requests, beside the consecutive-failure count; and
 * the route's breaker (the same one either rule opens): state, which rule
 * opened it, when, the next probe and whether a probe is in flight.
 *
 * @param props          Props.
 * @param props.resource The policy state, shared with the budgets panel.
 */
export function ErrorRatePanel( {
	resource,
}: {
	resource: Resource< PolicyState >;
} ) {
	const { data, error, isLoading } = resource;
	const routes = data?.error_rate.routes ?? [];
	return (
		<section
			className="aifo-error-rate-panel"
			aria-labelledby="aifo-error-rate-panel-title"
		>
			<h2 id="aifo-error-rate-panel-title">
				{ __( 'Error-rate breakers', 'ai-failover' ) }
			</h2>
			{ isLoading && <Spinner /> }
			<p>
				{ data === null
					? __(
							'A route’s breaker opens on consecutive failures or, for a feature with an error-rate breaker, on its failure share over a window.',
							'ai-failover'
						)
					: sprintf(
							/* translators: 1: Consecutive failures that open a breaker, 2: Seconds an open breaker waits before its probe. */
							__(
								'A route’s breaker opens after %1$d failures in a row or, for a feature with an error-rate breaker, when the failure share over its window reaches its threshold once the window holds its minimum requests. Open, the route is skipped; after %2$s s one probe at a time goes through (half open), and its success closes the breaker and clears the window.',
								'ai-failover'
							),
							data.error_rate.consecutive_threshold,
							( data.error_rate.cooldown_ms / 1000 ).toString()
						) }
			</p>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ data !== null && routes.length === 0 && (
				<p className="aifo-error-rate-panel__empty">
					<strong>
						{ __(
							'No feature has an error-rate breaker.',
							'ai-failover'
						) }
					</strong>{ ' ' }
					{ __(
						'Breakers open on consecutive failures only (see the health of routes above). Turn one on in a feature’s “Error-rate breaker” section.',
						'ai-failover'
					) }
				</p>
			) }
			{ routes.length > 0 && (
				<ScrollRegion
					label={ __( 'Error-rate breakers', 'ai-failover' ) }
				>
					<table className="widefat striped aifo-error-rate-table">
						<caption>
							{ __(
								'Routes of features with an error-rate breaker',
								'ai-failover'
							) }
						</caption>
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Route', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Breaker', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'In a row', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Window (feature)', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Failure rate', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ routes.map( ( route ) => (
								<RouteRow
									key={ route.route }
									route={ route }
									threshold={
										data?.error_rate
											.consecutive_threshold ?? 0
									}
								/>
							) ) }
						</tbody>
					</table>
				</ScrollRegion>
			) }
		</section>
	);
}

/**
 * @param props           Props.
 * @param props.route     Route.
 * @param props.threshold Consecutive failures that open a breaker.
 */
function RouteRow( {
	route,
	threshold,
}: {
	route: ErrorRateRoute;
	threshold: number;
} ) {
	const opened = openedByLabel( route );
	return (
		<tr className="aifo-error-rate-table__row">
			<th scope="row">
				<code>{ route.route }</code>
			</th>
			<td className="aifo-error-rate-table__breaker">
				<span className={ `aifo-badge is-breaker-${ route.breaker }` }>
					{ breakerLabel( route.breaker ) }
				</span>
				{ opened !== '' && (
					<span className="aifo-health-table__detail">
						{ opened }
					</span>
				) }
				{ route.opened_at !== null && (
					<span className="aifo-health-table__detail">
						{ sprintf(
							/* translators: 1: Time the breaker opened, 2: Time of its next probe. */
							__( 'opened %1$s, next probe %2$s', 'ai-failover' ),
							formatTime( route.opened_at ),
							route.next_probe_at === null
								? '—'
								: formatTime( route.next_probe_at )
						) }
					</span>
				) }
				{ route.probe_in_flight && (
					<span className="aifo-health-table__detail">
						{ __( 'a probe is in flight', 'ai-failover' ) }
					</span>
				) }
			</td>
			<td>
				{ sprintf(
					/* translators: 1: Consecutive failures, 2: Failures that open the breaker. */
					__( '%1$d of %2$d', 'ai-failover' ),
					route.consecutive_failures,
					threshold
				) }
			</td>
			<td>
				<ul className="aifo-error-rate-table__rules">
					{ route.rules.map( ( rule ) => (
						<li key={ rule.feature }>
							{ sprintf(
								/* translators: 1: Failed requests, 2: Requests, 3: Window in seconds. */
								__(
									'%1$d failed of %2$d in %3$d s',
									'ai-failover'
								),
								rule.failures,
								rule.requests,
								rule.window_s
							) }
							<span className="aifo-health-table__detail">
								{ rule.label }
							</span>
						</li>
					) ) }
				</ul>
			</td>
			<td>
				<ul className="aifo-error-rate-table__rules">
					{ route.rules.map( ( rule ) => (
						<li key={ rule.feature }>
							<strong>
								{ rule.requests > 0
									? formatPercent( rule.rate )
									: '—' }
							</strong>{ ' ' }
							{ sprintf(
								/* translators: 1: Threshold in percent, 2: Minimum requests. */
								__(
									'opens at %1$s %% of at least %2$d requests',
									'ai-failover'
								),
								rule.threshold_pct.toString(),
								rule.min_requests
							) }
							{ rule.trips && (
								<span className="aifo-health-table__detail">
									{ __(
										'at or over the threshold',
										'ai-failover'
									) }
								</span>
							) }
							{ ! rule.trips &&
								rule.requests < rule.min_requests && (
									<span className="aifo-health-table__detail">
										{ __(
											'too few requests to count yet',
											'ai-failover'
										) }
									</span>
								) }
						</li>
					) ) }
				</ul>
			</td>
		</tr>
	);
}
