/**
 * External dependencies
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

/**
 * Internal dependencies
 */
import { schemaRegistry } from '..';

const CONTRACTS_DIR = resolve( __dirname, '../../../tests/fixtures/contracts' );

type Fixture = [ file: string, payload: unknown ];

function loadFixtures( name: string, kind: 'valid' | 'invalid' ): Fixture[] {
	const dir = join( CONTRACTS_DIR, name, kind );
	return readdirSync( dir )
		.filter( ( file ) => file.endsWith( '.json' ) )
		.sort()
		.map( ( file ) => [
			file,
			JSON.parse( readFileSync( join( dir, file ), 'utf8' ) ) as unknown,
		] );
}

describe.each( Object.entries( schemaRegistry ) )(
	'contract fixtures for %s',
	( name, schema ) => {
		const valid = loadFixtures( name, 'valid' );
		const invalid = loadFixtures( name, 'invalid' );

		it( 'should have valid and invalid fixtures', () => {
			expect( valid.length ).toBeGreaterThanOrEqual( 1 );
			expect( invalid.length ).toBeGreaterThanOrEqual( 1 );
		} );

		it.each( valid )( 'should accept valid/%s', ( _file, payload ) => {
			const result = schema.safeParse( payload );
			expect( result.error?.issues ).toBeUndefined();
			expect( result.success ).toBe( true );
		} );

		it.each( invalid )( 'should reject invalid/%s', ( _file, payload ) => {
			expect( schema.safeParse( payload ).success ).toBe( false );
		} );
	}
);
