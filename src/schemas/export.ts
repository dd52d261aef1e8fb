/**
 * Writes includes/Schema/json/<name>.schema.json for every schema registry
 * entry. Run with `npm run build:schemas` (tsx). Exits 1, naming the file,
 * when a schema uses something WordPress' REST validator does not support.
 */

/**
 * External dependencies
 */
import { mkdirSync, readdirSync, unlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';

/**
 * Internal dependencies
 */
import { schemaRegistry } from './index';
import { renderSchemaFiles, SCHEMA_JSON_DIR } from './json-files';

const root = resolve( __dirname, '../..' );
const files = renderSchemaFiles( schemaRegistry );

const broken = files.filter( ( file ) => file.issues.length > 0 );
if ( broken.length > 0 ) {
	for ( const file of broken ) {
		for ( const { path, issue } of file.issues ) {
			console.error( `${ file.path } ${ path }: ${ issue }` );
		}
	}
	process.exit( 1 );
}

for ( const file of files ) {
	const target = join( root, file.path );
	mkdirSync( dirname( target ), { recursive: true } );
	writeFileSync( target, file.content );
	console.log( `wrote ${ file.path }` );
}

// Remove files of schemas that left the registry.
const expected = new Set( files.map( ( file ) => file.path ) );
for ( const entry of readdirSync( join( root, SCHEMA_JSON_DIR ) ) ) {
	const path = `${ SCHEMA_JSON_DIR }/${ entry }`;
	if ( entry.endsWith( '.schema.json' ) && ! expected.has( path ) ) {
		unlinkSync( join( root, path ) );
		console.log( `removed ${ path }` );
	}
}
