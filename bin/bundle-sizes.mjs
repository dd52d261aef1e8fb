#!/usr/bin/env node
/**
 * Prints the size of every built script and stylesheet, raw and gzip -9, so a bundle that grows is
 * seen at build time. Run by `npm run build`.
 */

/**
 * External dependencies
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';

const root = new URL( '../build/', import.meta.url ).pathname;

function walk( dir ) {
	return readdirSync( dir ).flatMap( ( name ) => {
		const path = join( dir, name );
		return statSync( path ).isDirectory() ? walk( path ) : [ path ];
	} );
}

const rows = walk( root )
	.filter( ( path ) => /\.(js|css)$/.test( path ) )
	.map( ( path ) => {
		const bytes = readFileSync( path );
		return [ relative( root, path ), bytes.length, gzipSync( bytes, { level: 9 } ).length ];
	} )
	.sort( ( a, b ) => a[ 0 ].localeCompare( b[ 0 ] ) );

const kb = ( n ) => ( n / 1024 ).toFixed( 1 ).padStart( 7 ) + ' KB';
process.stdout.write( 'bundle sizes (raw / gzip -9):\n' );
for ( const [ file, raw, gzip ] of rows ) {
	process.stdout.write( `  ${ file.padEnd( 32 ) } ${ kb( raw ) } / ${ kb( gzip ) }\n` );
}
