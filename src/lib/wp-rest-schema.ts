/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Keywords understood by WordPress' REST API schema validator:
 * rest_get_allowed_schema_keywords() (WP 5.6 .. 6.9), plus `required`, which
 * rest_validate_value_from_schema() handles in both the draft-04 array form
 * and the draft-03 per-property boolean form.
 *
 * @see rest_get_allowed_schema_keywords()
 */
export const WP_REST_KEYWORDS: ReadonlySet< string > = new Set( [
	'title',
	'description',
	'default',
	'type',
	'format',
	'enum',
	'items',
	'properties',
	'additionalProperties',
	'patternProperties',
	'minProperties',
	'maxProperties',
	'minimum',
	'maximum',
	'exclusiveMinimum',
	'exclusiveMaximum',
	'multipleOf',
	'minLength',
	'maxLength',
	'pattern',
	'minItems',
	'maxItems',
	'uniqueItems',
	'anyOf',
	'oneOf',
	'required',
] );

/**
 * Formats rest_validate_value_from_schema() checks, plus the ones
 * rest_sanitize_value_from_schema() only sanitizes (`uri`, `text-field`,
 * `textarea-field`): pair those with a `pattern`.
 */
export const WP_REST_FORMATS: ReadonlySet< string > = new Set( [
	'hex-color',
	'date-time',
	'email',
	'ip',
	'uuid',
	'uri',
	'text-field',
	'textarea-field',
] );

export type SchemaIssue = { path: string; issue: string };

export type JsonSchema = { [ key: string ]: unknown };

const isObject = ( value: unknown ): value is JsonSchema =>
	typeof value === 'object' && value !== null && ! Array.isArray( value );

/**
 * Walks a JSON Schema and reports what WordPress' validator would ignore or
 * misread. An empty result means WordPress validates everything the schema says.
 *
 * @param schema JSON Schema (sub)tree.
 * @param path   JSON pointer of `schema`, for messages.
 * @return Problems found, in document order.
 */
export function findWpIncompatibilities(
	schema: unknown,
	path = '#'
): SchemaIssue[] {
	const issues: SchemaIssue[] = [];
	if ( ! isObject( schema ) ) {
		issues.push( { path, issue: 'schema must be an object' } );
		return issues;
	}
	for ( const key of Object.keys( schema ) ) {
		if ( ! WP_REST_KEYWORDS.has( key ) ) {
			issues.push( { path, issue: `unsupported keyword "${ key }"` } );
		}
	}
	if (
		! ( 'type' in schema ) &&
		! ( 'anyOf' in schema ) &&
		! ( 'oneOf' in schema )
	) {
		issues.push( {
			path,
			issue: 'missing "type" (WordPress calls _doing_it_wrong)',
		} );
	}
	for ( const key of [ 'exclusiveMinimum', 'exclusiveMaximum' ] ) {
		if ( key in schema && typeof schema[ key ] !== 'boolean' ) {
			issues.push( {
				path,
				issue: `non-boolean "${ key }" (draft-06+); WordPress expects a boolean next to minimum/maximum`,
			} );
		}
	}
	if (
		'format' in schema &&
		( typeof schema.format !== 'string' ||
			! WP_REST_FORMATS.has( schema.format ) )
	) {
		issues.push( {
			path,
			issue: `format "${ String( schema.format ) }" is not checked by WordPress`,
		} );
	}
	if (
		'required' in schema &&
		! Array.isArray( schema.required ) &&
		typeof schema.required !== 'boolean'
	) {
		issues.push( {
			path,
			issue: '"required" must be an array (draft-04) or a boolean (draft-03)',
		} );
	}
	if ( 'items' in schema && ! isObject( schema.items ) ) {
		issues.push( {
			path,
			issue: '"items" must be a single schema (tuples are not supported)',
		} );
	}
	if ( isObject( schema.properties ) ) {
		for ( const [ name, sub ] of Object.entries( schema.properties ) ) {
			issues.push(
				...findWpIncompatibilities(
					sub,
					`${ path }/properties/${ name }`
				)
			);
		}
	}
	if ( isObject( schema.patternProperties ) ) {
		for ( const [ pattern, sub ] of Object.entries(
			schema.patternProperties
		) ) {
			issues.push(
				...findWpIncompatibilities(
					sub,
					`${ path }/patternProperties/${ pattern }`
				)
			);
		}
	}
	if ( isObject( schema.items ) ) {
		issues.push(
			...findWpIncompatibilities( schema.items, `${ path }/items` )
		);
	}
	if ( isObject( schema.additionalProperties ) ) {
		issues.push(
			...findWpIncompatibilities(
				schema.additionalProperties,
				`${ path }/additionalProperties`
			)
		);
	}
	for ( const key of [ 'anyOf', 'oneOf' ] ) {
		const list = schema[ key ];
		if ( Array.isArray( list ) ) {
			list.forEach( ( sub, index ) =>
				issues.push(
					...findWpIncompatibilities(
						sub,
						`${ path }/${ key }/${ index }`
					)
				)
			);
		}
	}
	return issues;
}

/**
 * Returns a copy of a JSON Schema with keyword keys sorted, recursively, so
 * generated files do not depend on zod's emit order. Property names keep
 * their declaration order (it is the order fields are documented and shown).
 *
 * @param value     JSON value.
 * @param keepOrder Whether `value` is a `properties`-like map to keep in order.
 * @return Normalized copy.
 */
export function sortSchemaKeys( value: unknown, keepOrder = false ): unknown {
	if ( Array.isArray( value ) ) {
		return value.map( ( item ) => sortSchemaKeys( item ) );
	}
	if ( ! isObject( value ) ) {
		return value;
	}
	const keys = keepOrder ? Object.keys( value ) : Object.keys( value ).sort();
	const sorted: JsonSchema = {};
	for ( const key of keys ) {
		const isNameMap =
			! keepOrder &&
			( key === 'properties' || key === 'patternProperties' );
		sorted[ key ] = sortSchemaKeys( value[ key ], isNameMap );
	}
	return sorted;
}

/**
 * Converts a zod schema to the JSON Schema dialect WordPress understands:
 * draft-04 (boolean exclusiveMinimum, `enum` instead of `const`), input side
 * (fields with defaults are not required), no `$schema`, sorted keywords.
 *
 * @param schema zod schema.
 * @param io     Which side of transforms/defaults to describe.
 * @return JSON Schema object.
 */
export function toWpRestSchema(
	schema: z.ZodType,
	io: 'input' | 'output' = 'input'
): JsonSchema {
	const json = z.toJSONSchema( schema, {
		target: 'draft-04',
		io,
		unrepresentable: 'throw',
	} ) as JsonSchema;
	const { $schema: _dialect, ...rest } = json;
	return sortSchemaKeys( rest ) as JsonSchema;
}
