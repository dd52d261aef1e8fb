/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	CapabilitySchema,
	DataHandlingFlagSchema,
	ModelIdSchema,
	RegionSchema,
	SlugSchema,
} from './common';
import { DECISION_TABLE, TRIGGER_CLASSES } from './engine-vocabulary';

/**
 * One place a request can go: a provider and one of its models.
 */
export const RouteSchema = z.strictObject( {
	provider_id: SlugSchema,
	model: ModelIdSchema,
	weight: z
		.number()
		.int()
		.min( 1 )
		.max( 100 )
		.default( 1 )
		.describe( 'Share of traffic under the "balanced" strategy.' ),
	over_budget: z
		.boolean()
		.default( false )
		.describe(
			'May run when a spend budget is reached (reserves nothing; its cost still counts).'
		),
} );

export type Route = z.output< typeof RouteSchema >;

type TriggerClass = ( typeof TRIGGER_CLASSES )[ number ];
type TriggerShape = {
	[
		K in TriggerClass
	]: ( typeof DECISION_TABLE )[ K ][ 'fallback' ] extends 'never'
		? z.ZodDefault< z.ZodLiteral< false > >
		: z.ZodDefault< z.ZodBoolean >;
};

/**
 * Which error classes may move a request to the next route, built from the
 * engine's decision table: the classes it never lets fall back are fixed to
 * false (a bad request is bad everywhere, and a rejected key or account is
 * that provider's problem: its keys rotate; the provider never changes), the
 * others default as the table says.
 */
export const FallbackTriggersSchema = z.strictObject(
	Object.fromEntries(
		TRIGGER_CLASSES.map( ( cls ) => [
			cls,
			DECISION_TABLE[ cls ].fallback === 'never'
				? z.literal( false ).default( false )
				: z.boolean().default( DECISION_TABLE[ cls ].default_trigger ),
		] )
	) as TriggerShape
);

export type FallbackTriggers = z.output< typeof FallbackTriggersSchema >;

export const RetryPolicySchema = z.strictObject( {
	attempts_per_route: z
		.number()
		.int()
		.min( 1 )
		.max( 3 )
		.default( 2 )
		.describe( 'Attempts on one route before falling back (retries + 1).' ),
	base_delay_ms: z.number().int().min( 0 ).max( 10000 ).default( 500 ),
	max_delay_ms: z.number().int().min( 0 ).max( 30000 ).default( 4000 ),
	total_budget_ms: z
		.number()
		.int()
		.min( 1000 )
		.max( 60000 )
		.default( 30000 )
		.describe(
			'Wall-clock limit for the whole request, all routes included.'
		),
} );

export type RetryPolicy = z.output< typeof RetryPolicySchema >;

export const TimeoutsSchema = z.strictObject( {
	connect_ms: z.number().int().min( 100 ).max( 30000 ).default( 5000 ),
	first_byte_ms: z.number().int().min( 100 ).max( 60000 ).default( 15000 ),
	total_ms: z
		.number()
		.int()
		.min( 1000 )
		.max( 60000 )
		.default( 25000 )
		.describe( 'One attempt; must fit within retry.total_budget_ms.' ),
} );

export type Timeouts = z.output< typeof TimeoutsSchema >;

/**
 * This feature's alert thresholds; 0 uses the site-wide value from the settings.
 *
 * @see \AI_Failover\Diagnostics\Alerts
 */
export const FeatureAlertsSchema = z.strictObject( {
	fallback_rate_pct: z
		.number()
		.int()
		.min( 0 )
		.max( 100 )
		.default( 0 )
		.describe(
			'Alert when at least this share of runs needed a fallback or key rotation; 0 = the site default.'
		),
	error_rate_pct: z
		.number()
		.int()
		.min( 0 )
		.max( 100 )
		.default( 0 )
		.describe(
			'Alert when at least this share of runs failed; 0 = the site default.'
		),
} );

/**
 * Opens a route's circuit breaker when its failure share over a sliding
 * window reaches a limit, beside the consecutive-failure count. Counted per
 * route in one-second buckets; the half-open probe after the cool-down is
 * one request at a time.
 *
 * @see \AI_Failover\Engine\Error_Rate_Rule
 */
export const ErrorRateBreakerSchema = z.strictObject( {
	enabled: z.boolean().default( false ),
	percent: z
		.number()
		.min( 0.1 )
		.max( 100 )
		.default( 5 )
		.describe(
			'Failure share (percent) at or over which the breaker opens.'
		),
	min_requests: z
		.number()
		.int()
		.min( 1 )
		.max( 10000 )
		.default( 20 )
		.describe( 'Requests the window must hold before the share counts.' ),
	window_s: z
		.number()
		.int()
		.min( 10 )
		.max( 600 )
		.default( 60 )
		.describe( 'Sliding window in seconds.' ),
} );

export type ErrorRateBreaker = z.output< typeof ErrorRateBreakerSchema >;

/**
 * Spend limits from the recorded costs, per day and per calendar month (the
 * site's time zone); 0 = no limit. Each attempt reserves its estimated cost
 * first, so a limit is never passed, fallbacks included; from
 * `downgrade_at_pct` of a limit the cheapest routes go first, and at the limit
 * only routes marked `over_budget` run.
 *
 * @see \AI_Failover\Engine\Spend_Budget
 */
export const SpendBudgetSchema = z.strictObject( {
	daily_usd: z.number().min( 0 ).max( 1000000 ).default( 0 ),
	monthly_usd: z.number().min( 0 ).max( 1000000 ).default( 0 ),
	downgrade_at_pct: z
		.number()
		.int()
		.min( 1 )
		.max( 100 )
		.default( 80 )
		.describe( 'Share of a limit from which the cheaper routes go first.' ),
} );

export type SpendBudget = z.output< typeof SpendBudgetSchema >;

/**
 * Who may run the feature, and from where: the roles (none: whoever may call
 * the run endpoint, or any aifo_run() caller) and the client addresses
 * (single IPv4/IPv6 addresses and CIDR blocks; none: anywhere). The client
 * address is the connection's (REMOTE_ADDR) unless the site names its own
 * proxies with the `aifo_trusted_proxies` filter. A refused run is a 403
 * `aifo_access_denied`, is logged, and never reaches a provider.
 *
 * @see \AI_Failover\Governance\Access_Rule
 */
export const FeatureAccessSchema = z.strictObject( {
	roles: z
		.array( z.string().regex( /^[a-z0-9_-]{1,60}$/ ) )
		.max( 20 )
		.default( [] )
		.describe( 'Role slugs that may run the feature; empty: any.' ),
	ip_allow: z
		.array(
			z
				.string()
				.min( 2 )
				.max( 50 )
				.regex( /^[0-9a-fA-F:.]+(\/[0-9]{1,3})?$/ )
		)
		.max( 100 )
		.default( [] )
		.describe(
			'Client addresses and CIDR blocks the feature may be run from; empty: any.'
		),
	allow_server_runs: z
		.boolean()
		.default( true )
		.describe(
			'With roles or addresses set: whether WP-Cron and WP-CLI runs (no visitor) pass.'
		),
} );

export type FeatureAccess = z.output< typeof FeatureAccessSchema >;

/**
 * For sites that sell a model tier: whether a fallback must be visible to the
 * user (the degraded notice is then required, and flagged in the run result
 * and the workflow output), and which roles may be served by a fallback at
 * all (others get the first route or a failure that says why).
 *
 * @see \AI_Failover\Engine\Feature_Policy::fallback_reserved()
 */
export const FeatureTierSchema = z.strictObject( {
	notice_required: z
		.boolean()
		.default( false )
		.describe(
			'A fallback must be shown to the user with the degraded notice.'
		),
	fallback_roles: z
		.array( z.string().regex( /^[a-z0-9_-]{1,60}$/ ) )
		.max( 20 )
		.default( [] )
		.describe(
			'Roles whose requests may be served by a fallback route; empty: everyone.'
		),
} );

export type FeatureTier = z.output< typeof FeatureTierSchema >;

/** Failures a scheduled drill can inject on the primary route. */
export const DRILL_CLASSES = [
	'server',
	'rate_limited',
	'timeout',
	'unreachable',
	'invalid_response',
	'auth',
] as const;

/**
 * Scheduled drills: on a schedule, the primary route is made to fail with
 * each listed class in turn (the engine's drill: throw-away state, the
 * fallbacks called for real), and the result is kept, shown in Diagnostics,
 * and alerts when the chain no longer holds.
 *
 * @see \AI_Failover\Governance\Drill_Schedule
 */
export const FeatureDrillsSchema = z.strictObject( {
	enabled: z.boolean().default( false ),
	frequency: z.enum( [ 'daily', 'weekly' ] ).default( 'weekly' ),
	steps: z
		.array( z.enum( DRILL_CLASSES ) )
		.max( DRILL_CLASSES.length )
		.default( [ 'server', 'rate_limited', 'timeout' ] )
		.describe(
			'Failures injected on the primary route, one drilled run each, in order.'
		),
} );

export type FeatureDrills = z.output< typeof FeatureDrillsSchema >;

/**
 * A private feature only ever uses routes whose provider declares every
 * required data-handling flag (a local provider declares them all): the other
 * routes are skipped before any request, so a failure can never send its
 * content to them, and each skip names the flag it lacked. Saving a private
 * feature with such a route is refused.
 *
 * @see \AI_Failover\Engine\Privacy_Rule
 */
export const PrivacyPolicySchema = z.strictObject( {
	private: z
		.boolean()
		.default( false )
		.describe( 'Only use routes whose provider declares `requires`.' ),
	requires: z
		.array( DataHandlingFlagSchema )
		.max( 3 )
		.default( [ 'no_retention', 'no_training' ] )
		.describe(
			'Data-handling flags every route of a private feature must declare.'
		),
} );

export type PrivacyPolicy = z.output< typeof PrivacyPolicySchema >;

/**
 * Where a feature's routes may run. With `require`, only routes whose provider
 * declares one of those regions are used (saving a route elsewhere is
 * refused); with `prefer`, routes in those regions go first, in the listed
 * order. Whatever the rule, when every route of a region (two or more) has an
 * open circuit breaker, the run skips that region as a whole and says so.
 *
 * @see \AI_Failover\Engine\Region_Rule
 * @see \AI_Failover\Engine\Region_Outage
 */
export const RegionPolicySchema = z.strictObject( {
	require: z
		.array( RegionSchema )
		.max( 10 )
		.default( [] )
		.describe( 'Only use routes in these regions; empty: any region.' ),
	prefer: z
		.array( RegionSchema )
		.max( 10 )
		.default( [] )
		.describe( 'Routes in these regions go first, in this order.' ),
} );

export type RegionPolicy = z.output< typeof RegionPolicySchema >;

/**
 * Whether the fallbacks can stand in for the primary, checked when the
 * feature is saved: a fallback of another API family than the primary (tone
 * and style may change) needs `allow_cross_family`; a route whose model lacks
 * a required capability (`requires`) or whose known context window is below
 * `min_context_tokens` needs `allow_incapable`.
 *
 * @see \AI_Failover\Engine\Compatibility_Check
 */
export const CompatibilityPolicySchema = z.strictObject( {
	allow_cross_family: z
		.boolean()
		.default( false )
		.describe(
			'Allow fallbacks of another API family than the primary (answers may differ in tone and style).'
		),
	allow_incapable: z
		.boolean()
		.default( false )
		.describe(
			'Allow routes whose model lacks a required capability or context window.'
		),
	min_context_tokens: z
		.number()
		.int()
		.min( 0 )
		.max( 10000000 )
		.default( 0 )
		.describe(
			'Tokens every route must hold (prompt and answer); 0: not checked.'
		),
} );

export type CompatibilityPolicy = z.output< typeof CompatibilityPolicySchema >;

/**
 * Checks every answer of the feature must pass, stored with it (a run request
 * may add its own `validate` on top). An answer that fails them is a
 * `validation_failed` attempt: with the `validation_failed` fallback trigger
 * on, the run escalates to the next route; a streamed answer is held until it
 * passed.
 *
 * @see \AI_Failover\Engine\Output_Checks
 */
export const QualityPolicySchema = z.strictObject( {
	non_empty: z.boolean().default( false ),
	min_length: z
		.number()
		.int()
		.min( 0 )
		.max( 100000 )
		.default( 0 )
		.describe( 'Characters the answer must have at least; 0: any.' ),
	regex: z
		.string()
		.max( 500 )
		.default( '' )
		.describe( 'A pattern the answer must match; empty: none.' ),
	json: z.boolean().default( false ).describe( 'The answer must be JSON.' ),
} );

export type QualityPolicy = z.output< typeof QualityPolicySchema >;

/**
 * The latency trigger, off by default: a route whose p95 latency (for a
 * stream: time to first token) over the last `window_s` is over
 * `threshold_ms` is tried after the feature's other routes (`demote`) or left
 * out (`skip`), once the window holds `min_requests`, until a probe shows it
 * is fast again. One probe per route at a time, at most one every
 * `probe_every_s` (and never more often than the per-attempt timeout).
 *
 * @see \AI_Failover\Engine\Latency_Rule
 */
export const LatencyPolicySchema = z.strictObject( {
	enabled: z.boolean().default( false ),
	threshold_ms: z
		.number()
		.int()
		.min( 100 )
		.max( 120000 )
		.default( 5000 )
		.describe( 'A p95 over this (milliseconds) makes the route slow.' ),
	window_s: z
		.number()
		.int()
		.min( 10 )
		.max( 600 )
		.default( 60 )
		.describe( 'Sliding window, in seconds.' ),
	min_requests: z
		.number()
		.int()
		.min( 1 )
		.max( 10000 )
		.default( 20 )
		.describe( 'Requests the window must hold before the p95 counts.' ),
	probe_every_s: z
		.number()
		.int()
		.min( 1 )
		.max( 600 )
		.default( 30 )
		.describe( 'Seconds between probes of a slow route.' ),
	action: z
		.enum( [ 'demote', 'skip' ] )
		.default( 'demote' )
		.describe( 'demote: tried after the other routes; skip: left out.' ),
} );

export type LatencyPolicy = z.output< typeof LatencyPolicySchema >;

/**
 * The minimum stream throughput, off by default: from a stream's first delta
 * on, its text is held back for `probe_ms` and must reach
 * `min_chars_per_second` over that window. As soon as the window's characters
 * are in (or the answer ends complete inside it) the text goes out and the
 * stream is committed: it then stays on its route, and a later cut is
 * `incomplete`. One that falls short (a late delta, a stall, a cut inside the
 * window) is dropped before any of its text went out, logged as
 * `slow_stream`, and the run moves to the next route. Only with the
 * `slow_stream` fallback trigger on and a next route: otherwise nothing is
 * held.
 *
 * @see \AI_Failover\Engine\Throughput_Rule
 */
export const ThroughputPolicySchema = z.strictObject( {
	enabled: z.boolean().default( false ),
	probe_ms: z
		.number()
		.int()
		.min( 100 )
		.max( 10000 )
		.default( 2000 )
		.describe(
			'Probe window from the first delta, in milliseconds: the text is held this long at most.'
		),
	min_chars_per_second: z
		.number()
		.int()
		.min( 1 )
		.max( 10000 )
		.default( 20 )
		.describe( 'Characters per second the window must reach.' ),
} );

export type ThroughputPolicy = z.output< typeof ThroughputPolicySchema >;

/**
 * Routing constraints and triggers of the routing area, one object each.
 *
 * @see \AI_Failover\Engine\Route_Planner
 */
export const RoutingPolicySchema = z.strictObject( {
	privacy: PrivacyPolicySchema.default( PrivacyPolicySchema.parse( {} ) ),
	regions: RegionPolicySchema.default( RegionPolicySchema.parse( {} ) ),
	compatibility: CompatibilityPolicySchema.default(
		CompatibilityPolicySchema.parse( {} )
	),
	quality: QualityPolicySchema.default( QualityPolicySchema.parse( {} ) ),
	latency: LatencyPolicySchema.default( LatencyPolicySchema.parse( {} ) ),
	throughput: ThroughputPolicySchema.default(
		ThroughputPolicySchema.parse( {} )
	),
} );

export type RoutingPolicy = z.output< typeof RoutingPolicySchema >;

export const STRATEGIES = [
	'manual',
	'balanced',
	'capability',
	'adaptive',
] as const;
export type Strategy = ( typeof STRATEGIES )[ number ];

/**
 * A feature: a named AI workload and its routes. A new feature has no
 * fallbacks: a failure fails, is logged, and stops.
 *
 * @see \AI_Failover\Features\Feature_Repository
 */
export const FeatureSchema = z.strictObject( {
	id: SlugSchema.describe(
		'Unique id used by code, such as "post-summary".'
	),
	label: z.string().min( 1 ).max( 80 ),
	primary: RouteSchema,
	fallbacks: z
		.array( RouteSchema )
		.max( 5 )
		.default( [] )
		.describe(
			'Tried in order when the primary fails with an allowed error class. At most 5.'
		),
	triggers: FallbackTriggersSchema.default(
		FallbackTriggersSchema.parse( {} )
	),
	retry: RetryPolicySchema.default( RetryPolicySchema.parse( {} ) ),
	timeouts: TimeoutsSchema.default( TimeoutsSchema.parse( {} ) ),
	requires: z
		.array( CapabilitySchema )
		.max( 5 )
		.default( [] )
		.describe( 'Capabilities a route must have to be tried.' ),
	strategy: z.enum( STRATEGIES ).default( 'manual' ),
	prefer_local: z.boolean().default( false ),
	retry_timeouts: z
		.boolean()
		.default( false )
		.describe(
			'Retry a timed-out route before falling back. Off: a ready fallback answers after one timeout, not two.'
		),
	prefer_lower_cost: z.boolean().default( false ),
	max_cost_per_request: z
		.number()
		.min( 0 )
		.max( 100 )
		.default( 0 )
		.describe(
			'Estimated cost ceiling in US dollars per request; 0 means no ceiling.'
		),
	degraded_notice: z
		.string()
		.max( 500 )
		.default( '' )
		.describe(
			'Shown to users when a fallback or key rotation served the answer.'
		),
	alerts: FeatureAlertsSchema.default( FeatureAlertsSchema.parse( {} ) ),
	error_rate_breaker: ErrorRateBreakerSchema.default(
		ErrorRateBreakerSchema.parse( {} )
	),
	budget: SpendBudgetSchema.default( SpendBudgetSchema.parse( {} ) ),
	access: FeatureAccessSchema.default( FeatureAccessSchema.parse( {} ) ),
	tier: FeatureTierSchema.default( FeatureTierSchema.parse( {} ) ),
	drills: FeatureDrillsSchema.default( FeatureDrillsSchema.parse( {} ) ),
	routing: RoutingPolicySchema.default( RoutingPolicySchema.parse( {} ) ),
} );

export type Feature = z.output< typeof FeatureSchema >;
export type FeatureInput = z.input< typeof FeatureSchema >;
