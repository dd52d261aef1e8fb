/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { AttemptShape, OUTCOMES, StepClassSchema } from './attempt';
import { SlugSchema } from './common';

export { DECISIONS, OUTCOMES } from './attempt';

const nullableString = z.union( [ z.string(), z.null() ] );
const nullableInt = z.union( [ z.number().int(), z.null() ] );

/**
 * One row of the event log: one attempt (or skipped route) of one run, in the
 * attempt vocabulary, plus the run's context.
 *
 * @see \AI_Failover\Diagnostics\Event_Repository
 * @see \AI_Failover\Diagnostics\Event_Recorder
 */
export const EventSchema = z.strictObject( {
	id: z.number().int(),
	run_id: z.string(),
	created_at: z.string().describe( 'UTC, ISO 8601 with milliseconds.' ),
	feature: z.string(),
	workflow: z.string(),
	step: z.string(),
	...AttemptShape,
	caller: z.string(),
	user_id: z.number().int(),
	prompt_preview: nullableString,
	output_preview: nullableString,
} );

export type LogEvent = z.output< typeof EventSchema >;

/**
 * Query parameters of GET /ai-failover/v1/events (and /events/export).
 */
export const EventQuerySchema = z.strictObject( {
	after: z
		.string()
		.max( 40 )
		.optional()
		.describe( 'Only events at or after this time (ISO 8601).' ),
	before: z
		.string()
		.max( 40 )
		.optional()
		.describe( 'Only events before this time (ISO 8601).' ),
	feature: SlugSchema.optional(),
	workflow: z.string().max( 64 ).optional(),
	step: z.string().max( 64 ).optional(),
	provider: SlugSchema.optional(),
	model: z.string().max( 200 ).optional(),
	key_label: z.string().max( 60 ).optional(),
	outcome: z.enum( OUTCOMES ).optional(),
	error_class: StepClassSchema.optional(),
	simulated: z.boolean().optional(),
	search: z.string().max( 200 ).optional(),
	orderby: z
		.enum( [ 'created_at', 'latency_ms', 'cost' ] )
		.default( 'created_at' ),
	order: z.enum( [ 'asc', 'desc' ] ).default( 'desc' ),
	page: z.number().int().min( 1 ).max( 100000 ).default( 1 ),
	per_page: z.number().int().min( 1 ).max( 200 ).default( 50 ),
} );

export type EventQuery = z.input< typeof EventQuerySchema >;

/**
 * Health of one route or key over a window (GET /ai-failover/v1/health).
 */
export const HealthRowSchema = z.strictObject( {
	kind: z.enum( [ 'route', 'key' ] ),
	subject: z.string().describe( '"provider/model" or "provider:key label".' ),
	provider: z.string(),
	runs: nullableInt.describe(
		'Routes, by run: runs that tried this route (sent or skipped). Null for keys.'
	),
	runs_served: nullableInt.describe( 'Runs this route answered.' ),
	runs_fell_back: nullableInt.describe(
		'Runs that left this route for another one (failed or skipped, then a fallback). A breaker skip is a fallback.'
	),
	runs_breaker_skipped: nullableInt.describe(
		'Runs that skipped this route because its breaker was open.'
	),
	attempts: z
		.number()
		.int()
		.describe( 'By attempt: every attempt, sent or skipped.' ),
	requests: z.number().int().describe( 'Attempts sent to the provider.' ),
	skipped: z
		.number()
		.int()
		.describe( 'Attempts skipped (open breaker, plan, budget).' ),
	successes: z.number().int(),
	success_rate: z.number().describe( 'Of the attempts sent.' ),
	error_rate: z.number().describe( 'Of the attempts sent.' ),
	fallback_rate: z
		.number()
		.describe(
			'Routes: share of runs that fell back from this route (by run). Keys: share of attempts after which the engine moved on.'
		),
	errors_by_class: z.array(
		z.strictObject( {
			error_class: StepClassSchema,
			count: z.number().int().describe( 'Attempts, sent or skipped.' ),
			first_seen: nullableString.describe(
				'First attempt of this class in the window (UTC, ISO 8601).'
			),
			last_seen: nullableString.describe(
				'Last attempt of this class in the window (UTC, ISO 8601).'
			),
		} )
	),
	p50_latency_ms: z.number(),
	p95_latency_ms: z.number(),
	cost: z.number(),
	breaker: z.enum( [ 'closed', 'open', 'half_open', 'n/a' ] ),
	breaker_opened_at: nullableString.describe(
		'When the breaker opened (UTC, ISO 8601); null while closed.'
	),
	breaker_next_probe_at: nullableString.describe(
		'When the open breaker lets its next probe through (UTC, ISO 8601).'
	),
	key_state: z.union( [ z.string(), z.null() ] ),
	key_state_reason: z.union( [ z.string(), z.null() ] ),
	series: z
		.array(
			z.strictObject( {
				bucket: z.string(),
				requests: z.number().int(),
				failures: z.number().int(),
				fallbacks: z.number().int(),
			} )
		)
		.describe(
			'Hourly (24 h window) or daily (7 d window) buckets, oldest first.'
		),
} );

const NamedSeriesSchema = z.strictObject( {
	name: z.string(),
	total: z.number().int(),
	points: z.array(
		z.strictObject( { bucket: z.string(), count: z.number().int() } )
	),
} );

/**
 * The figures at the top of Diagnostics (GET /ai-failover/v1/summary): by
 * run, with the attempts beside them, the series for the chart and the alert
 * conditions active now (counted the same way).
 */
export const SummarySchema = z.strictObject( {
	window: z.enum( [ '24h', '7d' ] ),
	since: z.string(),
	until: z.string(),
	bucket: z.enum( [ 'hour', 'day' ] ),
	simulated: z.boolean(),
	runs: z.number().int(),
	degraded: z
		.number()
		.int()
		.describe( 'Runs that needed a fallback or a key rotation.' ),
	served_by_fallback: z
		.number()
		.int()
		.describe(
			'Runs answered by a route after the first one failed or was skipped.'
		),
	failed: z.number().int().describe( 'Runs that ended without an answer.' ),
	cost: z.number(),
	p50_latency_ms: z.number().describe( 'Of the runs, end to end.' ),
	p95_latency_ms: z.number().describe( 'Of the runs, end to end.' ),
	attempts: z.number().int(),
	attempts_sent: z.number().int(),
	attempts_skipped: z.number().int(),
	series: z.array(
		z.strictObject( {
			bucket: z.string(),
			runs: z.number().int(),
			served_first: z.number().int(),
			served_by_fallback: z.number().int(),
			failed: z.number().int(),
		} )
	),
	by_provider: z
		.array( NamedSeriesSchema )
		.describe( 'Answered runs by the provider that answered.' ),
	by_error_class: z
		.array( NamedSeriesSchema )
		.describe( 'Attempts by error class.' ),
	alerts: z.array(
		z.strictObject( { condition: z.string(), message: z.string() } )
	),
} );

/**
 * What the Diagnostics filters offer (GET /ai-failover/v1/events/facets):
 * the values the log has over the last 8 days, and a workflow's steps.
 */
export const EventFacetsSchema = z.strictObject( {
	features: z.array( z.string() ),
	providers: z.array( z.string() ),
	error_classes: z.array( z.string() ),
	workflows: z.array( z.string() ),
	steps: z.array( z.string() ),
} );

export const SummaryQuerySchema = z.strictObject( {
	window: z.enum( [ '24h', '7d' ] ).default( '24h' ),
	simulated: z
		.boolean()
		.default( false )
		.describe( 'Count drills too; by default they are left out.' ),
	feature: z.union( [ SlugSchema, z.literal( '' ) ] ).default( '' ),
	workflow: z.string().max( 64 ).default( '' ),
} );

export const HealthQuerySchema = z.strictObject( {
	window: z.enum( [ '24h', '7d' ] ).default( '24h' ),
	simulated: z
		.boolean()
		.default( false )
		.describe( 'Count drills too; by default they are left out.' ),
	feature: z.union( [ SlugSchema, z.literal( '' ) ] ).default( '' ),
} );
