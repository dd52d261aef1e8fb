#!/usr/bin/env node
// Starts the Portkey AI gateway (npm @portkey-ai/gateway, from AIFO_BENCH_DEPS) on 127.0.0.1 only.
// Its Node entry calls serve({ port }) without a host, which would listen on every interface, so any
// listen() without a host is pinned to 127.0.0.1 before it loads. From ../shared/bench/start-portkey.mjs.
//   AIFO_BENCH_DEPS=.rig/cache/bench-deps node bench/start-portkey.mjs --port=9924
import net from 'node:net';
import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function ( ...a ) {
	if ( typeof a[ 0 ] === 'number' || ( typeof a[ 0 ] === 'string' && /^\d+$/.test( a[ 0 ] ) ) ) {
		if ( a.length === 1 || typeof a[ 1 ] === 'function' ) {
			a.splice( 1, 0, '127.0.0.1' );
		} else if ( a[ 1 ] === undefined || a[ 1 ] === null || a[ 1 ] === '::' || a[ 1 ] === '0.0.0.0' ) {
			a[ 1 ] = '127.0.0.1';
		}
	}
	return listen.apply( this, a );
};
if ( ! process.argv.includes( '--headless' ) ) {
	process.argv.push( '--headless' );
}
console.clear = () => {};
const require = createRequire( `${ process.env.AIFO_BENCH_DEPS }/package.json` );
const dir = require.resolve( '@portkey-ai/gateway/package.json' ).replace( /package\.json$/, '' );
await import( pathToFileURL( `${ dir }build/start-server.js` ).href );
