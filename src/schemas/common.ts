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
