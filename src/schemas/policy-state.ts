/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * GET /ai-failover/v1/policy-state: where the spend budgets and the error-rate
 * breakers stand, read from the same shared state the engine enforces them
 * from.
 *
 * @see \AI_Failover\Diagnostics\Policy_State_Report
 */

/** normal; downgrading: the cheaper routes go first; capped: only routes allowed over budget run. */
export const BudgetStateSchema = z.enum( [
	'normal',
	'downgrading',
	'capped',
] );

export type BudgetState = z.output< typeof BudgetStateSchema >;

/** One account (a feature's or the site's) for the current day or month. */
export const BudgetPeriodSchema = z.strictObject( {
	scope: z.enum( [ 'feature', 'site' ] ),
	period: z.enum( [ 'day', 'month' ] ),
	account: z
		.string()
		.describe( 'Ledger account, e.g. "feature:summary@day:2026-12-01".' ),
	spent_usd: z
		.number()
		.min( 0 )
		.describe(
			'Spent plus reserved by attempts in flight: the figure the engine reserves against.'
		),
	reserved_usd: z
		.number()
		.min( 0 )
		.describe( 'Of spent_usd, what attempts in flight reserved.' ),
	limit_usd: z.number().min( 0 ),
	downgrade_at_pct: z.number().int().min( 1 ).max( 100 ),
	downgrade_at_usd: z.number().min( 0 ),
	state: BudgetStateSchema,
	resets_at: z
		.string()
		.describe(
			'ISO 8601, UTC: the next midnight (or first of the month) in the site time zone.'
		),
} );

export type BudgetPeriod = z.output< typeof BudgetPeriodSchema >;

/** A feature's route as its budget state lets it run. */
export const BudgetRouteSchema = z.strictObject( {
	route: z.string().describe( '"provider/model".' ),
	position: z.string().describe( '"primary" or "fallback N".' ),
	over_budget: z
		.boolean()
		.describe( 'Marked to run when a budget is reached.' ),
	estimated_cost_usd: z
		.number()
		.min( 0 )
		.describe(
			'For a typical request (typical_input tokens in, 1024 out).'
		),
	runs: z
		.boolean()
		.describe(
			'Whether it runs in the feature’s state: every route until capped, then only those marked over_budget (and free ones).'
		),
	order: z
		.union( [ z.number().int().min( 1 ), z.null() ] )
		.describe(
			'Its place in the order it runs in (cheapest first when downgrading); null when it does not run.'
		),
} );

export const FeatureBudgetSchema = z.strictObject( {
	feature: z.string(),
	label: z.string(),
	state: BudgetStateSchema.describe(
		'The state its next run starts in: the tightest of its own and the site’s accounts.'
	),
	decided_by: z
		.string()
		.describe( 'Which budget decides it ("" when normal).' ),
	room_usd: z
		.number()
		.min( 0 )
		.describe(
			'What the tightest account has left: an attempt whose estimate does not fit is skipped, unless its route is marked over_budget.'
		),
	periods: z.array( BudgetPeriodSchema ),
	site_counts: z
		.boolean()
		.describe( 'Whether a site-wide budget counts its runs too.' ),
	routes: z.array( BudgetRouteSchema ),
	typical_input: z.number().int().min( 0 ),
} );

export type FeatureBudget = z.output< typeof FeatureBudgetSchema >;

/** One feature's error-rate rule over a route, with its window now. */
export const ErrorRateRuleStateSchema = z.strictObject( {
	feature: z.string(),
	label: z.string(),
	window_s: z.number().int().min( 1 ),
	threshold_pct: z.number().min( 0 ).max( 100 ),
	min_requests: z.number().int().min( 1 ),
	requests: z.number().int().min( 0 ),
	failures: z.number().int().min( 0 ),
	rate: z.number().min( 0 ).max( 1 ),
	trips: z
		.boolean()
		.describe(
			'Enough requests, and a failure share at or over the threshold.'
		),
} );

export const ErrorRateRouteSchema = z.strictObject( {
	route: z.string(),
	breaker: z.enum( [ 'closed', 'open', 'half_open' ] ),
	consecutive_failures: z.number().int().min( 0 ),
	opened_at: z.union( [ z.string(), z.null() ] ),
	next_probe_at: z.union( [ z.string(), z.null() ] ),
	probe_in_flight: z.boolean(),
	opened_by: z
		.union( [
			z.enum( [ 'consecutive', 'error_rate', 'unknown' ] ),
			z.null(),
		] )
		.describe(
			'Which rule opened it; null while closed, unknown for a breaker opened before this was kept.'
		),
	rules: z.array( ErrorRateRuleStateSchema ),
} );

export type ErrorRateRoute = z.output< typeof ErrorRateRouteSchema >;

export const PolicyStateSchema = z.strictObject( {
	generated_at: z.string(),
	budgets: z.strictObject( {
		site: z.strictObject( {
			periods: z.array( BudgetPeriodSchema ),
		} ),
		features: z.array( FeatureBudgetSchema ),
	} ),
	error_rate: z.strictObject( {
		cooldown_ms: z.number().int().min( 0 ),
		consecutive_threshold: z.number().int().min( 1 ),
		routes: z.array( ErrorRateRouteSchema ),
	} ),
} );

export type PolicyState = z.output< typeof PolicyStateSchema >;
