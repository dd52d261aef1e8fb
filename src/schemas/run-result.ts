/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { AttemptSchema, StepClassSchema } from './attempt';

/**
 * Response-only: what POST /ai-failover/v1/features/{id}/run answers (HTTP
 * 200 whatever the run's outcome). In the schema registry as an output
 * schema: the route declares it, and PHPUnit validates real
 * Run_Result::to_array() output against the generated JSON Schema.
 *
 * @see \AI_Failover\Engine\Run_Result::to_array()
 * @see \AI_Failover\Engine\Attempt::to_array()
 */

export const RUN_STATUSES = [
	'success',
	'failed',
	'incomplete',
	'deferred',
] as const;

export const RunStatusSchema = z.enum( RUN_STATUSES );
export type RunStatus = z.output< typeof RunStatusSchema >;

const count = z.number().int().min( 0 );
const nullableNumber = z.union( [ z.number(), z.null() ] );
const nullableString = z.union( [ z.string(), z.null() ] );

/**
 * One attempt of the run: the shared attempt vocabulary.
 */
export const RunAttemptSchema = AttemptSchema;
export type RunAttempt = z.output< typeof RunAttemptSchema >;

/**
 * Who answered: `key_label` is empty for a keyless provider.
 */
export const ServedBySchema = z.strictObject( {
	provider_id: z.string(),
	provider: z.string(),
	model: z.string(),
	key_label: z.string(),
} );

export type ServedBy = z.output< typeof ServedBySchema >;

/**
 * Why a run did not succeed (also set for an incomplete stream), with the
 * wait the last provider asked for (null when it did not say).
 */
export const RunErrorSchema = z.strictObject( {
	class: StepClassSchema,
	message: z.string(),
	retry_after: nullableNumber,
} );

export const RunResultSchema = z.strictObject( {
	run_id: z.string().min( 1 ),
	feature: z.string(),
	status: RunStatusSchema,
	output: z.strictObject( {
		text: z.string(),
		finish_reason: z.string(),
		usage: z.strictObject( {
			input_tokens: count,
			output_tokens: count,
		} ),
		estimated_cost: z.number(),
	} ),
	served_by: z.union( [ ServedBySchema, z.null() ] ),
	degraded: z
		.boolean()
		.describe( 'A fallback or a key rotation happened before the answer.' ),
	degraded_notice: z
		.string()
		.describe( "The feature's notice when degraded, else empty." ),
	notice_required: z
		.boolean()
		.describe(
			'Degraded, and the feature requires degraded_notice to be shown to the user (paid tiers).'
		),
	route_order: z.array( z.string() ),
	attempts: z.array( RunAttemptSchema ),
	error: z.union( [ RunErrorSchema, z.null() ] ),
	incomplete_reason: nullableString,
	duration_ms: z.number(),
	simulated: z
		.boolean()
		.describe( 'A drill: nothing real (keys, breakers, health) changed.' ),
	job_id: z
		.union( [ z.number().int().min( 1 ), z.null() ] )
		.optional()
		.describe(
			'A deferred run: the queued job (GET /queue/jobs/{id}) that runs it after the Retry-After, else null.'
		),
} );

export type RunResult = z.output< typeof RunResultSchema >;
