/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	findWpIncompatibilities,
	sortSchemaKeys,
	toWpRestSchema,
} from '../wp-rest-schema';

describe( 'toWpRestSchema', () => {
	it( 'should emit draft-04 without $schema and without required defaults', () => {
		const schema = toWpRestSchema(
			z.strictObject( {
				mode: z.literal( 'sequential' ),
				ratio: z.number().positive().max( 2 ),
				count: z.number().int().min( 0 ).default( 1 ),
			} )
		);

		expect( schema ).not.toHaveProperty( '$schema' );
		expect( schema ).toMatchObject( {
			type: 'object',
			additionalProperties: false,
			required: [ 'mode', 'ratio' ],
			properties: {
				mode: { type: 'string', enum: [ 'sequential' ] },
				ratio: { type: 'number', minimum: 0, exclusiveMinimum: true },
			},
		} );
		expect( findWpIncompatibilities( schema ) ).toEqual( [] );
	} );

	it( 'should throw on schemas JSON Schema cannot represent', () => {
		expect( () =>
			toWpRestSchema( z.strictObject( { at: z.date() } ) )
		).toThrow();
	} );
} );

describe( 'findWpIncompatibilities', () => {
	it( 'should report unsupported keywords with their path', () => {
		expect(
			findWpIncompatibilities( {
				type: 'object',
				properties: {
					mode: { const: 'a' },
					tags: { type: 'array', items: [ { type: 'string' } ] },
					at: { type: 'string', format: 'ipv4' },
					n: { type: 'number', exclusiveMinimum: 0 },
				},
				propertyNames: { pattern: '^a' },
			} )
		).toEqual( [
			{ path: '#', issue: 'unsupported keyword "propertyNames"' },
			{ path: '#/properties/mode', issue: 'unsupported keyword "const"' },
			{
				path: '#/properties/mode',
				issue: expect.stringContaining( 'missing "type"' ),
			},
			{
				path: '#/properties/tags',
				issue: expect.stringContaining(
					'"items" must be a single schema'
				),
			},
			{
				path: '#/properties/at',
				issue: 'format "ipv4" is not checked by WordPress',
			},
			{
				path: '#/properties/n',
				issue: expect.stringContaining(
					'non-boolean "exclusiveMinimum"'
				),
			},
		] );
	} );

	it( 'should accept draft-04 anyOf branches with types', () => {
		expect(
			findWpIncompatibilities( {
				anyOf: [ { type: 'string' }, { type: 'null' } ],
			} )
		).toEqual( [] );
	} );
} );

describe( 'sortSchemaKeys', () => {
	it( 'should sort keywords but keep property order', () => {
		const sorted = sortSchemaKeys( {
			type: 'object',
			properties: {
				b: { type: 'string', description: 'B' },
				a: { type: 'string' },
			},
		} );

		expect( JSON.stringify( sorted ) ).toBe(
			'{"properties":{"b":{"description":"B","type":"string"},"a":{"type":"string"}},"type":"object"}'
		);
	} );
} );
