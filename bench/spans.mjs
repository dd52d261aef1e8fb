#!/usr/bin/env node
// Where a run's server-side time goes, phase by phase: `node bench/spans.mjs [ROUNDS] [FEATURE...]`
// with the rig's env.sh sourced and bench/setup.php's features saved (bench/spans.sh does both).
// Installs bench/wp/aifo-bench-spans.php for the duration, sends ROUNDS rounds of the bare endpoint and
// of each feature's run (one after the other, so they share the machine's noise), and prints per phase
// the median CPU and wall time (µs) and the queries with their database time, then the totals.
import { appendFileSync, copyFileSync, readFileSync, rmSync } from 'node:fs';

const env = process.env;
const ROOT = new URL( '..', import.meta.url ).pathname.replace( /\/$/, '' );
// `--report A.jsonl B.jsonl`: the medians of two trees' requests (bench/ab.sh's spans mode) side by side.
const report = process.argv[ 2 ] === '--report' ? process.argv.slice( 3 ) : null;
const rounds = Number( report ? 0 : process.argv[ 2 ] || 40 );
const features = report ? [] : process.argv.slice( 3 ).length ? process.argv.slice( 3 ) : [ 'bench-ok', 'bench-503' ];
const mu = `${ env.WP_ROOT }/wp-content/mu-plugins/aifo-bench-spans.php`;
const median = ( xs ) => {
	const s = [ ...xs ].sort( ( a, b ) => a - b );
	return s.length ? s[ Math.floor( ( s.length - 1 ) / 2 ) ] : 0;
};
const order = [ 'plugins', 'init', 'parse', 'routes', 'auth', 'match_validate', 'run_load', 'plan_keys', 'http_setup', 'http_call', 'attempt_books', 'fallback', 'finish_insert', 'result', 'post_dispatch' ];
const pad = ( s, n ) => String( s ).padStart( n );
const total = ( x, k ) => Object.values( x ).reduce( ( a, v ) => a + v[ k ], 0 );
if ( report ) {
	const sides = report.map( ( file ) => readFileSync( file, 'utf8' ).trim().split( '\n' ).map( ( line ) => JSON.parse( line ) ) );
	const names = [ ...new Set( sides.flat().map( ( r ) => r.target ) ) ];
	console.log( `spans, medians (CPU µs; wall µs in brackets) of ${ sides.map( ( s, i ) => `${ report[ i ] }: ${ s.length } requests` ).join( ', ' ) }` );
	for ( const name of names ) {
		console.log( `${ name }:` );
		const lists = sides.map( ( side ) => side.filter( ( r ) => r.target === name ).map( ( r ) => r.phases ) );
		for ( const phase of [ ...order, 'total' ] ) {
			const cells = lists.map( ( list ) => {
				const values = phase === 'total' ? list.map( ( x ) => ( { cpu: total( x, 'cpu' ), wall: total( x, 'wall' ), queries: total( x, 'queries' ) } ) ) : list.map( ( x ) => x[ phase ] ).filter( Boolean );
				return values.length ? `${ median( values.map( ( v ) => v.cpu ) ) } (${ median( values.map( ( v ) => v.wall ) ) }) q${ median( values.map( ( v ) => v.queries ) ) }` : '-';
			} );
			if ( cells.some( ( c ) => c !== '-' ) ) {
				console.log( `  ${ phase.padEnd( 15 ) }${ cells.map( ( c ) => pad( c, 26 ) ).join( '' ) }` );
			}
		}
	}
	// Within each block both endpoints ran under the same load: the run's own CPU is best read as the
	// per-block difference of medians (plugin − bare), then the median over the blocks.
	const block = Number( env.AB_ROUNDS || 15 );
	for ( const name of names.filter( ( n ) => n !== 'bare' ) ) {
		const own = sides.map( ( side ) => {
			const totals = ( target ) => side.filter( ( r ) => r.target === target ).map( ( r ) => total( r.phases, 'cpu' ) );
			const [ runs, bare ] = [ totals( name ), totals( 'bare' ) ];
			const diffs = [];
			for ( let i = 0; i + block <= Math.min( runs.length, bare.length ); i += block ) {
				diffs.push( median( runs.slice( i, i + block ) ) - median( bare.slice( i, i + block ) ) );
			}
			return `${ median( diffs ) } µs (blocks: ${ diffs.join( ' ' ) })`;
		} );
		console.log( `${ name } − bare, CPU, median of per-block differences: ${ own.join( '  |  ' ) }` );
	}
	process.exit( 0 );
}
const auth = 'Basic ' + Buffer.from( `${ env.WP_ADMIN_USER || 'admin' }:${ env.WP_APP_PASSWORD }` ).toString( 'base64' );
copyFileSync( `${ ROOT }/bench/wp/aifo-bench-spans.php`, mu );
const targets = { bare: '/wp-json/aifo-bench/v1/bare', ...Object.fromEntries( features.map( ( f ) => [ f, `/wp-json/ai-failover/v1/features/${ f }/run` ] ) ) };
const spans = Object.fromEntries( Object.keys( targets ).map( ( t ) => [ t, [] ] ) );
try {
	for ( let i = 0; i < rounds + 2; i++ ) {
		for ( const [ name, path ] of Object.entries( targets ) ) {
			const res = await fetch( env.WP_BASE_URL + path, {
				method: 'POST',
				headers: { authorization: auth, 'content-type': 'application/json', 'x-aifo-bench-spans': '1', 'x-aifo-bench-forget-breakers': '1' },
				body: JSON.stringify( { messages: [ { role: 'user', content: 'Hi' } ] } ),
			} );
			await res.text();
			const header = res.headers.get( 'x-aifo-bench-spans' );
			if ( i >= 2 && header ) {
				const one = {};
				for ( const part of header.split( '; ' ) ) {
					const [ key, value ] = part.split( '=' );
					const [ cpu, wall, queries, db ] = value.split( '/' ).map( Number );
					const acc = ( one[ key ] ??= { cpu: 0, wall: 0, queries: 0, db: 0 } );
					acc.cpu += cpu;
					acc.wall += wall;
					acc.queries += queries;
					acc.db += db;
				}
				spans[ name ].push( one );
				if ( env.SPANS_OUT ) {
					appendFileSync( env.SPANS_OUT, JSON.stringify( { target: name, phases: one } ) + '\n' );
				}
			}
		}
	}
} finally {
	rmSync( mu, { force: true } );
}
console.log( `spans: ${ rounds } rounds, medians per phase: CPU µs / wall µs / queries / db µs` );
console.log( `${ 'phase'.padEnd( 16 ) }${ Object.keys( targets ).map( ( t ) => pad( t, 28 ) ).join( '' ) }` );
for ( const phase of order ) {
	if ( ! Object.values( spans ).some( ( list ) => list.some( ( x ) => x[ phase ] ) ) ) {
		continue;
	}
	const cells = Object.keys( targets ).map( ( t ) => {
		const list = spans[ t ].map( ( x ) => x[ phase ] ).filter( Boolean );
		return list.length ? pad( `${ median( list.map( ( x ) => x.cpu ) ) } / ${ median( list.map( ( x ) => x.wall ) ) } / ${ median( list.map( ( x ) => x.queries ) ) } / ${ median( list.map( ( x ) => x.db ) ) }`, 28 ) : pad( '-', 28 );
	} );
	console.log( `${ phase.padEnd( 16 ) }${ cells.join( '' ) }` );
}
const totals = Object.keys( targets ).map( ( t ) => {
	const sum = ( x, k ) => Object.values( x ).reduce( ( a, v ) => a + v[ k ], 0 );
	return pad( `${ median( spans[ t ].map( ( x ) => sum( x, 'cpu' ) ) ) } / ${ median( spans[ t ].map( ( x ) => sum( x, 'wall' ) ) ) } / ${ median( spans[ t ].map( ( x ) => sum( x, 'queries' ) ) ) } / ${ median( spans[ t ].map( ( x ) => sum( x, 'db' ) ) ) }`, 28 );
} );
console.log( `${ 'total'.padEnd( 16 ) }${ totals.join( '' ) }` );
