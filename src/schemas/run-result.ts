/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { DECISIONS, OUTCOMES } from './event';

/**
 * Response-only: what POST /ai-failover/v1/features/{id}/run answers (HTTP
 * 200 whatever the run's outcome). Not in the schema registry: nothing here
 * is ever sent to the server.
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
 * One attempt on a route with a key, or a route skipped. `error_class` is a
 * taxonomy class or an engine class (`validation_failed`, `breaker_open`,
 * `keys_exhausted`, ...), null on success; `reason` is the sentence that
 * explains the decision.
 */
export const RunAttemptSchema = z.strictObject( {
	index: z.number().int().min( 1 ),
	route: z.string().describe( 'Route id, "provider/model".' ),
	provider_id: z.string(),
	provider: z.string().describe( 'Provider label.' ),
	model: z.string(),
	key_label: z.string().describe( 'Empty when keyless or skipped.' ),
	start_ms: z.number(),
	duration_ms: z.number(),
	outcome: z.enum( OUTCOMES ),
	error_class: nullableString,
	http_status: count.describe( '0 when there was no HTTP answer.' ),
	provider_code: z.string(),
	retry_after: nullableNumber,
	decision: z.enum( DECISIONS ),
	reason: z.string(),
	input_tokens: count,
	output_tokens: count,
	cost: z.number(),
	simulated: z.boolean(),
	message: z.string().describe( "The provider's (redacted) message." ),
} );

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
 * Why a run did not succeed (also set for an incomplete stream).
 * `retry_after` is only sent when the last route failed.
 */
export const RunErrorSchema = z.strictObject( {
	class: z.string(),
	message: z.string(),
	retry_after: nullableNumber.optional(),
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
	route_order: z.array( z.string() ),
	attempts: z.array( RunAttemptSchema ),
	error: z.union( [ RunErrorSchema, z.null() ] ),
	incomplete_reason: nullableString,
	duration_ms: z.number(),
} );

export type RunResult = z.output< typeof RunResultSchema >;
