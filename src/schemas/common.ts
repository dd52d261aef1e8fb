/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { PROVIDER_ERROR_CLASSES } from './engine-vocabulary';

/*
 * Every pattern here ends in `$(?!\n)`, not `$`: WordPress validates the
 * generated JSON Schema with PCRE, where `$` also matches before a final
 * newline, so `"abc\n"` passed the server and failed zod. The lookahead makes
 * both engines reject it.
 */

/**
 * Slug used for provider and feature ids: lowercase, digits and dashes.
 *
 * @see \AI_Failover\Providers\Provider_Repository
 */
export const SlugSchema = z
	.string()
	.min( 1 )
	.max( 40 )
	.regex( /^[a-z0-9][a-z0-9-]*$(?!\n)/ )
	.describe(
		'Lowercase letters, digits and dashes; starts with a letter or digit.'
	);

/**
 * A model id as providers spell them: "gpt-4o-mini", "claude-sonnet-4-5",
 * "models/gemini-2.0-flash", "meta-llama/llama-3.1-8b-instruct", "llama3.2:3b".
 */
export const ModelIdSchema = z
	.string()
	.min( 1 )
	.max( 200 )
	.regex( /^[A-Za-z0-9][A-Za-z0-9._:/@+-]*$(?!\n)/ )
	.describe( 'The model id exactly as the provider spells it.' );

/**
 * Model capabilities a feature can require and a catalog entry can declare.
 */
export const CAPABILITIES = [
	'vision',
	'tools',
	'json_output',
	'reasoning',
	'logit_bias',
] as const;

export const CapabilitySchema = z.enum( CAPABILITIES );
export type Capability = z.infer< typeof CapabilitySchema >;

/**
 * Error classes every provider adapter maps its errors into (generated from
 * the PHP enum).
 *
 * @see \AI_Failover\Providers\Error_Class
 */
export const ERROR_CLASSES = PROVIDER_ERROR_CLASSES;

export const ErrorClassSchema = z.enum( ERROR_CLASSES );
export type ErrorClass = z.infer< typeof ErrorClassSchema >;

/**
 * What a provider declares about the data it is sent: it runs on this site's
 * machine or network (`local`, which implies the other two), keeps nothing
 * after answering (`no_retention`), or never uses it for training or other
 * data collection (`no_training`). A private feature only uses routes whose
 * provider declares every flag it requires.
 *
 * @see \AI_Failover\Engine\Privacy_Rule
 */
export const DATA_HANDLING_FLAGS = [
	'local',
	'no_retention',
	'no_training',
] as const;

export const DataHandlingFlagSchema = z.enum( DATA_HANDLING_FLAGS );
export type DataHandlingFlag = z.infer< typeof DataHandlingFlagSchema >;

/**
 * Where a provider serves requests: a short lowercase code such as `us`,
 * `eu` or `local`.
 *
 * @see \AI_Failover\Engine\Region_Rule
 */
export const RegionSchema = z
	.string()
	.min( 1 )
	.max( 20 )
	.regex( /^[a-z0-9][a-z0-9-]*$(?!\n)/ )
	.describe( 'A region code such as "us", "eu" or "local".' );
