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
	requests: z.number().int(),
	successes: z.number().int(),
	success_rate: z.number(),
	error_rate: z.number(),
	fallback_rate: z.number(),
	errors_by_class: z.array(
		z.strictObject( {
			error_class: StepClassSchema,
			count: z.number().int(),
		} )
	),
	p50_latency_ms: z.number(),
	p95_latency_ms: z.number(),
	cost: z.number(),
	breaker: z.enum( [ 'closed', 'open', 'half_open', 'n/a' ] ),
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

export const HealthQuerySchema = z.strictObject( {
	window: z.enum( [ '24h', '7d' ] ).default( '24h' ),
	simulated: z
		.boolean()
		.default( false )
		.describe( 'Count drills too; by default they are left out.' ),
} );
