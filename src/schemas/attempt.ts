/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	DECISIONS,
	ENGINE_CLASSES,
	OUTCOMES,
	PROVIDER_ERROR_CLASSES,
} from './engine-vocabulary';

export { DECISIONS, OUTCOMES } from './engine-vocabulary';

/**
 * Every class a step can carry: a provider's (taxonomy) or the engine's own.
 */
export const STEP_CLASSES = [
	...PROVIDER_ERROR_CLASSES,
	...ENGINE_CLASSES,
] as const;

export const StepClassSchema = z.enum( STEP_CLASSES );
export type StepClass = z.output< typeof StepClassSchema >;
export const OutcomeSchema = z.enum( OUTCOMES );
export type Outcome = z.output< typeof OutcomeSchema >;
export const DecisionSchema = z.enum( DECISIONS );
export type Decision = z.output< typeof DecisionSchema >;

const count = z.number().int().min( 0 );

/**
 * One attempt on a route with a key, or a route skipped: the one attempt
 * vocabulary from the engine to the screen. A run result lists these; an
 * event log row is one of these plus its run's context.
 *
 * @see \AI_Failover\Engine\Attempt::to_array()
 */
export const AttemptShape = {
	attempt: z
		.number()
		.int()
		.min( 1 )
		.describe( '1-based position in the run.' ),
	route: z.string().describe( 'Route id, "provider/model".' ),
	provider: z.string().describe( 'Provider id.' ),
	provider_label: z.string(),
	model: z.string(),
	key_id: z.string().describe( 'Empty when keyless or skipped.' ),
	key_label: z.string().describe( 'Empty when keyless or skipped.' ),
	start_ms: z.number().describe( "Offset from the run's start." ),
	latency_ms: z.number(),
	outcome: OutcomeSchema,
	error_class: z
		.union( [ StepClassSchema, z.null() ] )
		.describe( 'Null on success.' ),
	http_status: count.describe( '0 when there was no HTTP answer.' ),
	provider_code: z.string(),
	retry_after: z.union( [ z.number(), z.null() ] ),
	decision: DecisionSchema,
	reason: z.string().describe( 'The sentence that explains the decision.' ),
	tokens_in: count,
	tokens_out: count,
	cost: z.number(),
	simulated: z.boolean().describe( 'Part of a drill.' ),
	message: z.string().describe( "The provider's (redacted) message." ),
};

export const AttemptSchema = z.strictObject( AttemptShape );
export type Attempt = z.output< typeof AttemptSchema >;
