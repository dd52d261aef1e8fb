/**
 * External dependencies
 */
import type { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	findWpIncompatibilities,
	toWpRestSchema,
	type SchemaIssue,
} from '../lib/wp-rest-schema';

/** Directory, relative to the plugin root, that holds the generated files. */
export const SCHEMA_JSON_DIR = 'includes/Schema/json';

export type SchemaFile = {
	/** Registry name, e.g. `plugin-settings`. */
	name: string;
	/** Path relative to the plugin root. */
	path: string;
	/** File content: tab-indented JSON plus a trailing newline. */
	content: string;
	/** What WordPress' REST validator would not understand; empty when fine. */
	issues: SchemaIssue[];
};

/**
 * Renders the JSON Schema file of every registry entry. Pure: no file access,
 * so the drift test and the exporter share it.
 *
 * @param registry Schemas by name.
 * @return One file per schema, in name order.
 */
export function renderSchemaFiles(
	registry: Readonly< Record< string, z.ZodType > >
): SchemaFile[] {
	return Object.keys( registry )
		.sort()
		.map( ( name ) => {
			const schema = toWpRestSchema( registry[ name ] as z.ZodType );
			return {
				name,
				path: `${ SCHEMA_JSON_DIR }/${ name }.schema.json`,
				content: JSON.stringify( schema, null, '\t' ) + '\n',
				issues: findWpIncompatibilities( schema ),
			};
		} );
}
