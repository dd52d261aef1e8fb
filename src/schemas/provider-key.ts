/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { ModelIdSchema } from './common';

/**
 * Body of POST /ai-failover/v1/providers/{id}/keys. The secret is write-only:
 * no response ever contains it.
 *
 * @see \AI_Failover\REST\Keys_Controller
 */
export const ProviderKeyInputSchema = z.strictObject( {
	label: z
		.string()
		.min( 1 )
		.max( 60 )
		.describe(
			'Name for this key, such as "prod-2". Shown in logs instead of the key.'
		),
	secret: z
		.string()
		.min( 8 )
		.max( 1000 )
		.regex( /^\S+$(?!\n)/ )
		.describe( 'The API key. Stored encrypted; never returned.' ),
} );

export type ProviderKeyInput = z.input< typeof ProviderKeyInputSchema >;

/**
 * Body of PATCH /ai-failover/v1/providers/{id}/keys/{key_id}.
 */
export const ProviderKeyPatchSchema = z.strictObject( {
	label: z.string().min( 1 ).max( 60 ).optional(),
	state: z
		.literal( 'active' )
		.optional()
		.describe(
			'Send "active" to put a dead or cooling key back in rotation.'
		),
} );

export type ProviderKeyPatch = z.input< typeof ProviderKeyPatchSchema >;

/**
 * Body of POST /ai-failover/v1/providers/{id}/keys/{key_id}/test. "models"
 * lists the provider's models (proves the key is accepted); "completion"
 * asks the model for one token (proves the key can generate, and shows what
 * that takes and costs). Nothing is logged and the key's state is not changed.
 */
export const ProviderKeyTestSchema = z.strictObject( {
	kind: z.enum( [ 'models', 'completion' ] ).default( 'models' ),
	model: ModelIdSchema.optional().describe(
		'Model asked for one token; required for a completion test.'
	),
} );

export type ProviderKeyTest = z.input< typeof ProviderKeyTestSchema >;

export const KEY_SOURCES = [ 'env', 'constant', 'database' ] as const;
export const KEY_STATES = [
	'active',
	'cooling',
	'dead',
	'undecryptable',
] as const;
export type KeySource = ( typeof KEY_SOURCES )[ number ];
export type KeyState = ( typeof KEY_STATES )[ number ];

/**
 * A key as the REST API shows it: who it is, never what it is.
 *
 * @see \AI_Failover\Secrets\Key_Vault
 */
export const ProviderKeySchema = z.strictObject( {
	id: z.string(),
	provider_id: z.string(),
	label: z.string(),
	source: z.enum( KEY_SOURCES ),
	last4: z
		.string()
		.max( 4 )
		.describe( 'Last 4 characters; empty for keys too short to show any.' ),
	state: z.enum( KEY_STATES ),
	state_until: z
		.union( [ z.string(), z.null() ] )
		.describe( 'ISO 8601 end of a cool-down.' ),
	state_since: z
		.union( [ z.string(), z.null() ] )
		.describe( 'ISO 8601 time the key died.' ),
	state_reason: z.union( [ z.string(), z.null() ] ),
	created_at: z.union( [ z.string(), z.null() ] ),
} );

export type ProviderKey = z.output< typeof ProviderKeySchema >;
