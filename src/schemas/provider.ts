/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { RegionSchema, SlugSchema } from './common';

/**
 * Provider presets. Each fixes the wire protocol and a default base URL.
 *
 * @see \AI_Failover\Providers\Provider_Presets
 */
export const PROVIDER_PRESETS = [
	'simulator',
	'openai',
	'anthropic',
	'gemini',
	'openrouter',
	'groq',
	'mistral',
	'xai',
	'deepseek',
	'together',
	'ollama',
	'lmstudio',
	'custom',
] as const;

export const PROTOCOLS = [
	'simulator',
	'openai',
	'anthropic',
	'gemini',
] as const;

export const ProviderPresetSchema = z.enum( PROVIDER_PRESETS );

/**
 * What the provider declares about the data it is sent (its terms, the
 * account's settings, or where it runs). Private features only use providers
 * that declare what they require.
 *
 * @see \AI_Failover\Providers\Provider_Config::declares()
 */
export const DataHandlingSchema = z.strictObject( {
	local: z
		.boolean()
		.optional()
		.describe(
			"Runs on this site's machine or network, so the data never leaves it (implies no retention and no training). Defaults to true for local presets (Ollama, LM Studio, Simulator)."
		),
	no_retention: z
		.boolean()
		.default( false )
		.describe( 'Keeps no prompt or answer after responding.' ),
	no_training: z
		.boolean()
		.default( false )
		.describe(
			'Never uses prompts or answers for training or other data collection.'
		),
} );

export type DataHandling = z.output< typeof DataHandlingSchema >;

const ApiFamilySchema = z
	.union( [
		z
			.string()
			.min( 1 )
			.max( 40 )
			.regex( /^[a-z0-9][a-z0-9-]*$(?!\n)/ ),
		z.literal( '' ),
	] )
	.describe(
		'The API family of its models, such as "openai", "anthropic" or "meta"; empty means its wire protocol. A fallback to another family may change tone and style.'
	);

const ProviderRegionSchema = z
	.union( [ RegionSchema, z.literal( '' ) ] )
	.describe(
		'Where the provider serves requests, such as "us", "eu" or "local"; empty when not declared.'
	);
export type ProviderPreset = z.infer< typeof ProviderPresetSchema >;
export type Protocol = ( typeof PROTOCOLS )[ number ];

const BaseUrlSchema = z
	.string()
	.max( 2048 )
	.regex( /^https?:\/\/[^\s/?#]+[^\s]*$(?!\n)/ )
	.describe(
		'Base URL of the API, such as https://api.openai.com/v1. Empty uses the preset default.'
	);

/**
 * Body of POST /ai-failover/v1/providers (and PUT /providers/{id}).
 *
 * @see \AI_Failover\REST\Providers_Controller
 */
export const ProviderInputSchema = z.strictObject( {
	id: SlugSchema.describe( 'Unique id, such as "openai" or "local-ollama".' ),
	label: z.string().min( 1 ).max( 80 ).describe( 'Name shown to admins.' ),
	preset: ProviderPresetSchema.describe(
		'Which service this is; fixes the wire protocol and the default base URL.'
	),
	base_url: z.union( [ BaseUrlSchema, z.literal( '' ) ] ).default( '' ),
	allow_private_network: z
		.boolean()
		.optional()
		.describe(
			'Allow a base URL on a loopback or private address. Defaults to true for local presets (Ollama, LM Studio), false otherwise.'
		),
	enabled: z.boolean().default( true ),
	region: ProviderRegionSchema.optional(),
	data_handling: DataHandlingSchema.optional(),
	api_family: ApiFamilySchema.optional(),
	confirm_key_reset: z
		.boolean()
		.optional()
		.describe(
			'On an update that changes where keys go (wire protocol, base URL, private network newly allowed): confirms that the stored keys are deleted, to be added again for the new address. Without it such an update is refused with 409.'
		),
} );

export type ProviderInput = z.input< typeof ProviderInputSchema >;

/**
 * A provider as the REST API returns it. Never carries a key.
 *
 * @see \AI_Failover\REST\Providers_Controller::prepare_item_for_response()
 */
export const ProviderSchema = z.strictObject( {
	id: SlugSchema,
	label: z.string(),
	preset: ProviderPresetSchema,
	protocol: z.enum( PROTOCOLS ),
	base_url: z
		.string()
		.describe(
			'The base URL in use (the preset default when none was set).'
		),
	custom_base_url: z.boolean(),
	allow_private_network: z.boolean(),
	enabled: z.boolean(),
	requires_key: z.boolean(),
	is_local: z.boolean(),
	// Always sent by this version; optional so that clients and fixtures of
	// the previous shape still parse (a missing one reads as "not declared").
	region: ProviderRegionSchema.optional(),
	data_handling: z
		.strictObject( {
			local: z.boolean(),
			no_retention: z.boolean(),
			no_training: z.boolean(),
		} )
		.optional(),
	api_family: ApiFamilySchema.optional(),
	key_count: z.number().int().min( 0 ),
} );

export type Provider = z.output< typeof ProviderSchema >;
