/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { CapabilitySchema, ModelIdSchema } from './common';

/**
 * What the plugin knows about one model of one provider: its capabilities
 * (for capability filtering) and its price (for cost ceilings).
 *
 * @see \AI_Failover\Catalog\Model_Catalog
 */
export const CatalogEntrySchema = z.strictObject( {
	model: ModelIdSchema,
	capabilities: z.array( CapabilitySchema ).max( 5 ).default( [] ),
	input_price_per_mtok: z
		.number()
		.min( 0 )
		.max( 10000 )
		.default( 0 )
		.describe( 'US dollars per million input tokens.' ),
	output_price_per_mtok: z
		.number()
		.min( 0 )
		.max( 10000 )
		.default( 0 )
		.describe( 'US dollars per million output tokens.' ),
	context_window: z.number().int().min( 0 ).max( 10000000 ).default( 0 ),
} );

export type CatalogEntry = z.output< typeof CatalogEntrySchema >;
export type CatalogEntryInput = z.input< typeof CatalogEntrySchema >;

/**
 * One row of GET /ai-failover/v1/providers/{id}/models.
 */
export const ModelListItemSchema = CatalogEntrySchema.extend( {
	source: z.enum( [ 'catalog', 'discovered', 'both' ] ),
	edited: z
		.boolean()
		.describe( 'True when an admin changed the seeded values.' ),
} );

export type ModelListItem = z.output< typeof ModelListItemSchema >;
