/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { ErrorClassSchema } from './common';

/**
 * Response-only shapes of the providers, keys, models and features routes.
 * Not in the schema registry: nothing here is ever sent to the server.
 */

/**
 * A provider error as the REST API reports it (Provider_Error::to_array()).
 * `http_status` is 0 and `provider_code` empty when unknown.
 *
 * @see \AI_Failover\Providers\Provider_Error
 */
export const ProviderErrorSchema = z.strictObject( {
	class: ErrorClassSchema,
	http_status: z.number().int().min( 0 ),
	provider_code: z.string(),
	message: z.string(),
	retry_after: z.union( [ z.number().min( 0 ), z.null() ] ),
	transient: z.boolean(),
} );

export type ProviderError = z.output< typeof ProviderErrorSchema >;

/**
 * POST /ai-failover/v1/providers/{id}/keys/{key}/test: one real, minimal
 * request with the key (the model list). The key's state is not changed.
 */
export const KeyTestResultSchema = z.union( [
	z.strictObject( {
		ok: z.literal( true ),
		kind: z.literal( 'models' ).default( 'models' ),
		duration_ms: z.number().int().min( 0 ),
		model_count: z.number().int().min( 0 ),
	} ),
	z.strictObject( {
		ok: z.literal( true ),
		kind: z.literal( 'completion' ),
		duration_ms: z.number().int().min( 0 ),
		model: z.string(),
		input_tokens: z.number().int().min( 0 ),
		output_tokens: z.number().int().min( 0 ),
		cost: z
			.number()
			.min( 0 )
			.describe( 'US dollars, from the catalog prices; 0 if unknown.' ),
		priced: z
			.boolean()
			.describe( 'Whether the catalog has a price for the model.' ),
	} ),
	z.strictObject( {
		ok: z.literal( false ),
		kind: z.enum( [ 'models', 'completion' ] ).default( 'models' ),
		duration_ms: z.number().int().min( 0 ),
		error: ProviderErrorSchema,
	} ),
] );

export type KeyTestResult = z.output< typeof KeyTestResultSchema >;

/**
 * `{ deleted: true, previous }`, what DELETE answers for providers, keys and
 * features.
 *
 * @param previous Schema of the deleted item.
 * @return Envelope schema.
 */
export function deletedSchema< S extends z.ZodType >( previous: S ) {
	return z.strictObject( {
		deleted: z.literal( true ),
		previous,
	} );
}

/**
 * DELETE /ai-failover/v1/providers/{id}/models?model=...: no `previous`.
 */
export const DeletedModelSchema = z.strictObject( {
	deleted: z.literal( true ),
} );

/**
 * `data` of the 409 `aifo_provider_in_use` error.
 */
export const ProviderInUseDataSchema = z.object( {
	features: z.array( z.string() ),
} );
