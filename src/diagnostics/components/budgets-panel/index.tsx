/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Resource } from '../../../lib/use-resource';
import type {
	BudgetPeriod,
	BudgetState,
	FeatureBudget,
	PolicyState,
} from '../../../schemas/policy-state';
import { ScrollRegion } from '../../../components/scroll-region';
import { formatCost, formatTime } from '../../format';

/** Where a feature's budget is set (the Features screen). */
export const FEATURES_URL = 'admin.php?page=ai-failover-features';

/** Where the site-wide budget is set (the Settings screen's Spend budgets). */
export const SETTINGS_URL = 'admin.php?page=ai-failover-settings';

/**
 * @param state Budget state.
 * @return Its label.
 */
export function budgetStateLabel( state: BudgetState ): string {
	switch ( state ) {
		case 'downgrading':
			return __( 'Downgrading to cheaper routes', 'ai-failover' );
		case 'capped':
			return __( 'Capped', 'ai-failover' );
		default:
			return __( 'Normal', 'ai-failover' );
	}
}

/** Badge classes shared with the breaker badges (green, amber, red). */
const BADGE: Record< BudgetState, string > = {
	normal: 'is-breaker-closed',
	downgrading: 'is-breaker-half_open',
	capped: 'is-breaker-open',
};

/**
 * @param props       Props.
 * @param props.state Budget state.
 */
function StateBadge( { state }: { state: BudgetState } ) {
	return (
		<span className={ `aifo-badge ${ BADGE[ state ] }` }>
			{ budgetStateLabel( state ) }
		</span>
	);
}

/**
 * @param period Period.
 * @return "Today" or "This month".
 */
function periodLabel( period: BudgetPeriod ): string {
	return period.period === 'day'
		? __( 'Today', 'ai-failover' )
		: __( 'This month', 'ai-failover' );
}

type Row = { who: string; period: BudgetPeriod };

/**
 * Spend budgets: per feature with a budget, and site-wide, for today and this
 * month: what is spent (the engine's own ledger, reservations of attempts in
 * flight included), the limit, the downgrade threshold, the state, which
 * routes run in it, and when it resets.
 *
 * @param props          Props.
 * @param props.resource The policy state, shared with the error-rate panel.
 */
export function BudgetsPanel( {
	resource,
}: {
	resource: Resource< PolicyState >;
} ) {
	const { data, error, isLoading, reload } = resource;
	const site = data?.budgets.site.periods ?? [];
	const features = data?.budgets.features ?? [];
	const rows: Row[] = [
		...site.map( ( period ) => ( {
			who: __( 'Whole site', 'ai-failover' ),
			period,
		} ) ),
		...features.flatMap( ( feature ) =>
			feature.periods.map( ( period ) => ( {
				who: feature.label,
				period,
			} ) )
		),
	];
	return (
		<section
			className="aifo-budgets-panel"
			aria-labelledby="aifo-budgets-panel-title"
		>
			<h2 id="aifo-budgets-panel-title">
				{ __( 'Spend budgets', 'ai-failover' ) }
			</h2>
			<p>
				{ __(
					'Spent is what the engine counts against each limit: the recorded cost of every attempt, fallbacks included, plus what attempts in flight have reserved. From the downgrade threshold the cheaper routes go first; at the limit only routes marked to run over budget run.',
					'ai-failover'
				) }
			</p>
			<div className="aifo-health-panel__actions">
				{ isLoading && <Spinner /> }
				<Button variant="secondary" onClick={ () => void reload() }>
					{ __( 'Refresh', 'ai-failover' ) }
				</Button>
			</div>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ data !== null && rows.length === 0 && (
				<div className="aifo-budgets-panel__empty">
					<p>
						<strong>
							{ __( 'No spend budget is set.', 'ai-failover' ) }
						</strong>{ ' ' }
						{ __(
							'Runs are not limited by cost. Set a daily or monthly limit in a feature’s “Spend budget” section, or one for all features together under Settings > Spend budgets.',
							'ai-failover'
						) }
					</p>
					<p>
						<a href={ FEATURES_URL }>
							{ __( 'Open the features', 'ai-failover' ) }
						</a>
						{ ' · ' }
						<a href={ SETTINGS_URL }>
							{ __(
								'Set a site-wide budget in Settings',
								'ai-failover'
							) }
						</a>
					</p>
				</div>
			) }
			{ rows.length > 0 && (
				<ScrollRegion
					label={ __( 'Spend today and this month', 'ai-failover' ) }
				>
					<table className="widefat striped aifo-budgets-table">
						<caption>
							{ __( 'Today and this month', 'ai-failover' ) }
						</caption>
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Budget', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Spent', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Limit', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __(
										'Cheaper routes from',
										'ai-failover'
									) }
								</th>
								<th scope="col">
									{ __( 'State', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'Resets', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ rows.map( ( { who, period } ) => (
								<tr key={ period.account }>
									<th scope="row">
										{ who }
										<span className="aifo-health-table__detail">
											{ periodLabel( period ) }
										</span>
									</th>
									<td className="aifo-budgets-table__spent">
										{ formatCost( period.spent_usd ) }
										{ period.reserved_usd > 0 && (
											<span className="aifo-health-table__detail">
												{ sprintf(
													/* translators: %s: Amount reserved by attempts in flight. */
													__(
														'%s reserved in flight',
														'ai-failover'
													),
													formatCost(
														period.reserved_usd
													)
												) }
											</span>
										) }
									</td>
									<td>{ formatCost( period.limit_usd ) }</td>
									<td>
										{ sprintf(
											/* translators: 1: Amount, 2: Percent of the limit. */
											__(
												'%1$s (%2$d %%)',
												'ai-failover'
											),
											formatCost(
												period.downgrade_at_usd
											),
											period.downgrade_at_pct
										) }
									</td>
									<td>
										<StateBadge state={ period.state } />
									</td>
									<td>
										<time dateTime={ period.resets_at }>
											{ formatTime( period.resets_at ) }
										</time>
									</td>
								</tr>
							) ) }
						</tbody>
					</table>
				</ScrollRegion>
			) }
			{ features.length > 0 && (
				<ScrollRegion
					label={ __( 'Routes by budget state', 'ai-failover' ) }
				>
					<table className="widefat striped aifo-budgets-table is-routes">
						<caption>
							{ __( 'Which routes run now', 'ai-failover' ) }
						</caption>
						<thead>
							<tr>
								<th scope="col">
									{ __( 'Feature', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __( 'State', 'ai-failover' ) }
								</th>
								<th scope="col">
									{ __(
										'Routes that run, in order',
										'ai-failover'
									) }
								</th>
								<th scope="col">
									{ __( 'Not run', 'ai-failover' ) }
								</th>
							</tr>
						</thead>
						<tbody>
							{ features.map( ( feature ) => (
								<FeatureRoutes
									key={ feature.feature }
									feature={ feature }
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
 * One feature's state and its routes, those that run in order.
 *
 * @param props         Props.
 * @param props.feature Feature budget.
 */
function FeatureRoutes( { feature }: { feature: FeatureBudget } ) {
	const running = feature.routes
		.filter( ( route ) => route.runs )
		.sort( ( a, b ) => ( a.order ?? 0 ) - ( b.order ?? 0 ) );
	const idle = feature.routes.filter( ( route ) => ! route.runs );
	return (
		<tr className="aifo-budgets-table__feature">
			<th scope="row">{ feature.label }</th>
			<td>
				<StateBadge state={ feature.state } />
				{ feature.decided_by !== '' && (
					<span className="aifo-health-table__detail">
						{ sprintf(
							/* translators: %s: Which budget, such as "the feature's daily budget". */
							__( 'set by %s', 'ai-failover' ),
							feature.decided_by
						) }
					</span>
				) }
				{ feature.state === 'downgrading' && (
					<span className="aifo-health-table__detail">
						{ sprintf(
							/* translators: %s: Amount left. */
							__(
								'%s left: an attempt estimated at more is skipped unless its route may run over budget.',
								'ai-failover'
							),
							formatCost( feature.room_usd )
						) }
					</span>
				) }
				{ feature.site_counts && (
					<span className="aifo-health-table__detail">
						{ __(
							'The site-wide budget counts too.',
							'ai-failover'
						) }
					</span>
				) }
			</td>
			<td>
				{ running.length === 0 ? (
					__( 'None: runs stop before any call.', 'ai-failover' )
				) : (
					<ol className="aifo-budgets-table__routes">
						{ running.map( ( route ) => (
							<li key={ route.route }>
								<code>{ route.route }</code>{ ' ' }
								<span className="aifo-health-table__detail">
									{ route.over_budget
										? sprintf(
												/* translators: %s: "primary" or "fallback N". */
												__(
													'%s, may run over budget',
													'ai-failover'
												),
												route.position
											)
										: route.position }
								</span>
							</li>
						) ) }
					</ol>
				) }
			</td>
			<td>
				{ idle.length === 0
					? '—'
					: idle.map( ( route ) => (
							<code key={ route.route }>{ route.route } </code>
						) ) }
			</td>
		</tr>
	);
}
