/**
 * External dependencies
 */
import { existsSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * Internal dependencies
 */
import { schemaRegistry } from '..';
import { renderSchemaFiles } from '../json-files';

const ROOT = resolve( __dirname, '../../..' );

describe( 'generated JSON Schema files', () => {
	const files = renderSchemaFiles( schemaRegistry );

	it( 'should render one file per registry entry', () => {
		expect( files.map( ( file ) => file.name ) ).toEqual(
			Object.keys( schemaRegistry ).sort()
		);
	} );

	it.each( files.map( ( file ) => [ file.path, file ] as const ) )(
		'should match the committed %s (run `npm run build:schemas`)',
		( path, file ) => {
			const target = resolve( ROOT, path );
			expect( existsSync( target ) ).toBe( true );
			expect( readFileSync( target, 'utf8' ) ).toBe( file.content );
		}
	);

	it.each( files.map( ( file ) => [ file.name, file ] as const ) )(
		'should only use keywords WordPress validates in %s',
		( _name, file ) => {
			expect( file.issues ).toEqual( [] );
			expect( file.content ).not.toContain( '$schema' );
		}
	);
} );
