// Load client for `npm run bench`: one request, its timing and how it ended. Adapted from the shared
// gateway benchmark (../shared/bench/bench.mjs): undici pools, bodies read to the end, SSE parsed,
// every request bounded by a timeout. undici comes from the bench's own install (.rig/cache/bench-deps).
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';

const deps = process.env.AIFO_BENCH_DEPS;
if ( ! deps ) {
	throw new Error( 'AIFO_BENCH_DEPS is not set (bin/bench.sh sets it)' );
}
const { Pool } = createRequire( `${ deps }/package.json` )( 'undici' );

export const undiciVersion = createRequire( `${ deps }/package.json` )( 'undici/package.json' ).version;

/** Nearest-rank percentile of a sorted list. */
export function percentile( sorted, p ) {
	if ( ! sorted.length ) {
		return null;
	}
	return sorted[ Math.min( sorted.length - 1, Math.max( 0, Math.ceil( ( p / 100 ) * sorted.length ) - 1 ) ) ];
}

export function summarize( values ) {
	const s = values.filter( ( x ) => typeof x === 'number' && Number.isFinite( x ) ).sort( ( a, b ) => a - b );
	return { n: s.length, p50: percentile( s, 50 ), p99: percentile( s, 99 ), max: s[ s.length - 1 ] ?? null };
}

export function tally( list ) {
	return list.reduce( ( m, k ) => ( ( m[ k ] = ( m[ k ] || 0 ) + 1 ), m ), {} );
}

const pools = new Map();
export function pool( origin, connections ) {
	const key = `${ origin }#${ connections }`;
	if ( ! pools.has( key ) ) {
		pools.set( key, new Pool( origin, { connections, pipelining: 1, keepAliveTimeout: 4000, headersTimeout: 0, bodyTimeout: 0 } ) );
	}
	return pools.get( key );
}
export async function closePools() {
	await Promise.all( [ ...pools.values() ].map( ( p ) => p.close().catch( () => {} ) ) );
	pools.clear();
}

/**
 * Sends one request. target: { url, headers, body, connections }.
 * Returns { ms, firstTokenMs, status, outcome, servedBy, body }.
 */
export async function send( target, { timeoutMs = 30000 } = {} ) {
	const url = new URL( target.url );
	const t0 = performance.now();
	const ac = new AbortController();
	const timer = setTimeout( () => ac.abort(), timeoutMs );
	const r = { ms: null, firstTokenMs: null, status: null, outcome: null, servedBy: null, body: '' };
	try {
		const res = await pool( url.origin, target.connections || 1 ).request( {
			path: url.pathname + url.search,
			method: 'POST',
			headers: { 'content-type': 'application/json', ...target.headers },
			body: target.body,
			signal: ac.signal,
		} );
		r.status = res.statusCode;
		r.cost = res.headers[ 'x-aifo-bench-cost' ] ? String( res.headers[ 'x-aifo-bench-cost' ] ) : null;
		r.server = res.headers[ 'x-aifo-bench-server' ] ? String( res.headers[ 'x-aifo-bench-server' ] ) : null;
		const chunks = [];
		let seen = '';
		for await ( const chunk of res.body ) {
			chunks.push( chunk );
			if ( r.firstTokenMs === null ) {
				seen += chunk.toString( 'utf8' );
				// The first text the user can see: an OpenAI delta with content, or the plugin's delta event.
				if ( /"delta":\{[^}]*"content":"[^"]|event: delta/.test( seen ) ) {
					r.firstTokenMs = performance.now() - t0;
				}
			}
		}
		r.ms = performance.now() - t0;
		r.body = Buffer.concat( chunks ).toString( 'utf8' );
		const stream = /event-stream/.test( String( res.headers[ 'content-type' ] || '' ) );
		if ( res.statusCode >= 400 ) {
			r.outcome = `http-${ res.statusCode }`;
		} else if ( stream ) {
			r.outcome = /data: \[DONE\]|event: done/.test( r.body ) ? 'stream-ok' : 'stream-incomplete';
		} else {
			let json;
			try {
				json = JSON.parse( r.body );
			} catch {
				json = undefined;
			}
			const status = json?.status;
			r.outcome = json === undefined ? 'non-json' : status && status !== 'success' && status !== 'done' ? `run-${ status }` : 'ok';
		}
		r.servedBy = ( /route=([a-z0-9+.-]+)/i.exec( r.body ) || [] )[ 1 ] || null;
	} catch ( e ) {
		r.ms = performance.now() - t0;
		r.outcome = ac.signal.aborted ? 'client-timeout' : `neterr:${ e.code || e.name }`;
	} finally {
		clearTimeout( timer );
	}
	return r;
}
