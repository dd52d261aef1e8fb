/**
 * External dependencies
 */
import type { z } from 'zod';

/**
 * Internal dependencies
 */
import { PluginSettingsSchema } from './plugin-settings';

export * from './plugin-settings';

/**
 * Every payload schema shared with PHP, by file name.
 *
 * `npm run build:schemas` writes includes/Schema/json/<name>.schema.json for
 * each entry, and the contract fixtures live in
 * tests/fixtures/contracts/<name>/{valid,invalid}/.
 *
 * @see \AI_Failover\Schema\Schema_Registry
 */
export const schemaRegistry = {
	'plugin-settings': PluginSettingsSchema,
} as const satisfies Record< string, z.ZodType >;

export type SchemaName = keyof typeof schemaRegistry;
