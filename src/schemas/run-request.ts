/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { ERROR_CLASSES } from './common';

export const MessageSchema = z.strictObject( {
	role: z.enum( [ 'system', 'user', 'assistant' ] ),
	content: z.string().min( 1 ).max( 100000 ),
} );

/**
 * Body of POST /ai-failover/v1/features/{id}/run.
 *
 * @see \AI_Failover\REST\Runs_Controller
 */
export const RunRequestSchema = z.strictObject( {
	messages: z.array( MessageSchema ).min( 1 ).max( 100 ),
	max_tokens: z.number().int().min( 1 ).max( 32000 ).optional(),
	temperature: z.number().min( 0 ).max( 2 ).optional(),
	stream: z
		.boolean()
		.default( false )
		.describe(
			'Answer live with server-sent events (attempt, fallback, delta, then done, incomplete or failed). A stream broken after its first token ends as incomplete, never switches route.'
		),
	background: z
		.boolean()
		.default( false )
		.describe(
			'A wait that does not fit the run\'s time budget (a Retry-After) defers the run to the durable queue instead of failing: the answer is "deferred" with the job_id that runs it later.'
		),
	simulate: z
		.array(
			z.strictObject( {
				route: z
					.string()
					.min( 3 )
					.max( 250 )
					.describe( 'Route id, "provider/model".' ),
				error_class: z.enum( ERROR_CLASSES ),
			} )
		)
		.max( 6 )
		.default( [] )
		.describe(
			'Administrators only: inject a failure on a route to drill the policy through the real engine.'
		),
	validate: z
		.strictObject( {
			non_empty: z.boolean().optional(),
			min_length: z.number().int().min( 0 ).max( 100000 ).optional(),
			regex: z.string().max( 500 ).optional(),
			json: z.boolean().optional(),
		} )
		.default( {} )
		.describe(
			'Checks the answer must pass; a failure counts as validation_failed.'
		),
} );

export type RunRequest = z.input< typeof RunRequestSchema >;
