/**
 * External dependencies
 */
import type { z } from 'zod';

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	CatalogEntrySchema,
	type CatalogEntry,
	type CatalogEntryInput,
} from '../../schemas';

/** Field of a catalog entry => message in words. */
export type CatalogErrors = Partial<
	Record< keyof CatalogEntryInput, string >
>;

/** What each field needs, in words: the schema's limits, said for an admin. */
const fieldMessage = (): Record< keyof CatalogEntryInput, string > => ( {
	model: __(
		'Enter the model id as the provider spells it: letters, digits and . _ : / @ + - (no spaces).',
		'ai-failover'
	),
	input_price_per_mtok: __(
		'Enter a price from 0 to 10000 US dollars per million input tokens.',
		'ai-failover'
	),
	output_price_per_mtok: __(
		'Enter a price from 0 to 10000 US dollars per million output tokens.',
		'ai-failover'
	),
	context_window: __(
		'Enter a whole number of tokens from 0 (unknown) to 10000000.',
		'ai-failover'
	),
	capabilities: __( 'Choose among the listed capabilities.', 'ai-failover' ),
} );

/**
 * Checks an entry with the catalog-entry schema (the one PHP validates the
 * PUT with) and says every problem in words, one per field.
 *
 * @param entry Entry as edited.
 * @return The parsed entry, or every field's error.
 */
export function validateCatalogEntry(
	entry: CatalogEntryInput
): { ok: true; entry: CatalogEntry } | { ok: false; errors: CatalogErrors } {
	const parsed = CatalogEntrySchema.safeParse( entry );
	if ( parsed.success ) {
		return { ok: true, entry: parsed.data };
	}
	return { ok: false, errors: catalogErrors( parsed.error ) };
}

/**
 * Field errors of a failed parse, in words.
 *
 * @param error Zod error.
 * @return Errors by field.
 */
function catalogErrors( error: z.ZodError ): CatalogErrors {
	const messages = fieldMessage();
	const errors: CatalogErrors = {};
	for ( const issue of error.issues ) {
		const field = String(
			issue.path[ 0 ] ?? ''
		) as keyof CatalogEntryInput;
		if ( field in messages && ! errors[ field ] ) {
			errors[ field ] = messages[ field ];
		}
	}
	return errors;
}

/**
 * The server's field errors (`capabilities[0]`, `model`) on the same fields,
 * in the same words; a field the form does not have keeps the server's text.
 *
 * @param fieldErrors ApiError fieldErrors.
 * @return Errors by field, and the ones no field shows.
 */
export function serverCatalogErrors( fieldErrors: Record< string, string > ): {
	errors: CatalogErrors;
	other: string[];
} {
	const messages = fieldMessage();
	const errors: CatalogErrors = {};
	const other: string[] = [];
	for ( const [ path, message ] of Object.entries( fieldErrors ) ) {
		const field = path.split( '[' )[ 0 ] as keyof CatalogEntryInput;
		if ( field in messages ) {
			errors[ field ] = messages[ field ];
		} else {
			other.push( message );
		}
	}
	return { errors, other };
}
