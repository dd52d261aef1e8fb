/**
 * bench:stream: time to first text and total time of a streamed answer, straight from the
 * provider and through the plugin (nginx -> php-fpm -> WordPress REST -> HTTP API -> provider),
 * interleaved in one run so both see the same machine. Loopback only: its own fake provider
 * (9 frames, 50 ms apart) and the test rig. Prints figures; asserts nothing.
 *
 *   node bench/stream.mjs [ROUNDS]     (npm run bench:stream [-- ROUNDS]; needs .rig/test/env.sh sourced)
 */
/* eslint-disable no-console -- a command-line benchmark: its output is the figures. */
/**
 * External dependencies
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const ROUNDS = Math.max(
	3,
	Math.min( 200, Number( process.argv[ 2 ] ?? 20 ) )
);
const FRAME_MS = 50;
const BASE = process.env.WP_BASE_URL;
const AUTH =
	'Basic ' +
	Buffer.from(
		`${ process.env.WP_ADMIN_USER }:${ process.env.WP_APP_PASSWORD }`
	).toString( 'base64' );
if ( ! BASE || ! process.env.WP_APP_PASSWORD ) {
	console.error(
		'bench:stream: source .rig/test/env.sh first (bin/bench.sh does).'
	);
	process.exit( 2 );
}
if ( ! /^http:\/\/(127\.|localhost)/.test( BASE ) ) {
	console.error( `bench:stream: ${ BASE } is not loopback.` );
	process.exit( 2 );
}

// "Fake reply (route=ok). You said: one two three four" is 9 words: the fake provider sends it as
// a role chunk, 5 text chunks, a finish chunk, a usage chunk and [DONE]: 9 frames.
const MESSAGES = [ { role: 'user', content: 'one two three four' } ];

/**
 * Reads a server-sent-events response as it arrives, the way a browser client would.
 *
 * @param {Response}                          response The fetch response.
 * @param {function(string, string): boolean} isText   Whether an event (name, data) carries text.
 * @param {number}                            t0       When the request started (performance.now()).
 * @return {Promise<{first: number|null, frames: number}>} When text first arrived (ms since `t0`), frames seen.
 */
async function readEvents( response, isText, t0 ) {
	const reader = response.body.getReader();
	const decoder = new TextDecoder();
	let buffer = '';
	let first = null;
	let frames = 0;
	for (;;) {
		const { value, done } = await reader.read();
		if ( done ) {
			break;
		}
		buffer += decoder
			.decode( value, { stream: true } )
			.replace( /\r\n/g, '\n' );
		let end;
		while ( ( end = buffer.indexOf( '\n\n' ) ) !== -1 ) {
			const block = buffer.slice( 0, end );
			buffer = buffer.slice( end + 2 );
			let event = 'message';
			const data = [];
			for ( const line of block.split( '\n' ) ) {
				if ( line.startsWith( 'event:' ) ) {
					event = line.slice( 6 ).trim();
				} else if ( line.startsWith( 'data:' ) ) {
					data.push( line.slice( 5 ).trimStart() );
				}
			}
			if ( data.length ) {
				frames++;
				if ( first === null && isText( event, data.join( '\n' ) ) ) {
					first = performance.now() - t0;
				}
			}
		}
	}
	return { first, frames };
}

async function startFake() {
	const server = fileURLToPath(
		new URL( '../tests/fake-provider/server.mjs', import.meta.url )
	);
	const child = spawn(
		process.execPath,
		[ server, '--port', '0', '--chunk-delay-ms', String( FRAME_MS ) ],
		{ stdio: [ 'ignore', 'pipe', 'inherit' ] }
	);
	const url = await new Promise( ( resolve, reject ) => {
		child.stdout.on( 'data', ( chunk ) => {
			const m = /listening on (http:\/\/\S+)/.exec( String( chunk ) );
			if ( m ) {
				resolve( m[ 1 ] );
			}
		} );
		child.on( 'exit', () => reject( new Error( 'fake provider exited' ) ) );
	} );
	return { child, url };
}

async function rest( method, route, body ) {
	const response = await fetch( `${ BASE }/wp-json${ route }`, {
		method,
		headers: { Authorization: AUTH, 'Content-Type': 'application/json' },
		body: body ? JSON.stringify( body ) : undefined,
	} );
	return { status: response.status, body: await response.json() };
}

async function direct( fake ) {
	const t0 = performance.now();
	const response = await fetch( `${ fake }/r/ok/v1/chat/completions`, {
		method: 'POST',
		headers: {
			'Content-Type': 'application/json',
			Accept: 'text/event-stream',
		},
		// What the plugin's OpenAI adapter sends.
		body: JSON.stringify( {
			model: 'fake-model',
			messages: MESSAGES,
			stream: true,
			stream_options: { include_usage: true },
		} ),
	} );
	const headers = performance.now() - t0;
	const { first, frames } = await readEvents(
		response,
		( event, data ) =>
			data !== '[DONE]' &&
			Boolean( JSON.parse( data ).choices?.[ 0 ]?.delta?.content ),
		t0
	);
	return { first, total: performance.now() - t0, headers, frames };
}

// WordPress's own floor for an authenticated REST request (boot, auth, routes, one option read):
// what any endpoint costs before its callback does anything.
async function restFloor( feature ) {
	const t0 = performance.now();
	const response = await fetch(
		`${ BASE }/wp-json/ai-failover/v1/features/${ feature }`,
		{ headers: { Authorization: AUTH } }
	);
	const first = performance.now() - t0;
	await response.arrayBuffer();
	return { first, total: performance.now() - t0, headers: first, frames: 0 };
}

async function plugin( feature ) {
	const t0 = performance.now();
	const response = await fetch(
		`${ BASE }/wp-json/ai-failover/v1/features/${ feature }/run`,
		{
			method: 'POST',
			headers: {
				Authorization: AUTH,
				'Content-Type': 'application/json',
			},
			body: JSON.stringify( { stream: true, messages: MESSAGES } ),
		}
	);
	const headers = performance.now() - t0;
	const { first, frames } = await readEvents(
		response,
		( event ) => event === 'delta',
		t0
	);
	return { first, total: performance.now() - t0, headers, frames };
}

const pct = ( values, p ) => {
	const sorted = [ ...values ].sort( ( a, b ) => a - b );
	return sorted[
		Math.min( sorted.length - 1, Math.floor( p * sorted.length ) )
	];
};
const ms = ( v ) => `${ v.toFixed( 1 ).padStart( 6 ) } ms`;

const { child, url: fake } = await startFake();
const id = `bench-stream-${ process.pid }`;
try {
	const created = await rest( 'POST', '/ai-failover/v1/providers', {
		id,
		label: 'Bench stream',
		preset: 'ollama',
		base_url: `${ fake }/r/ok/v1`,
		allow_private_network: true,
	} );
	if ( created.status !== 201 ) {
		throw new Error( `provider: ${ JSON.stringify( created.body ) }` );
	}
	const feature = await rest( 'POST', '/ai-failover/v1/features', {
		id,
		label: 'Bench stream',
		primary: { provider_id: id, model: 'fake-model' },
	} );
	if ( feature.status !== 201 ) {
		throw new Error( `feature: ${ JSON.stringify( feature.body ) }` );
	}

	// Warm-up: php-fpm workers, opcache, the fake provider's first connection.
	for ( let i = 0; i < 3; i++ ) {
		await direct( fake );
		await plugin( id );
		await restFloor( id );
	}
	const runs = {
		direct: () => direct( fake ),
		plugin: () => plugin( id ),
		floor: () => restFloor( id ),
	};
	const rows = { direct: [], plugin: [], floor: [] };
	for ( let i = 0; i < ROUNDS; i++ ) {
		// Interleaved, in a rotating order, so load on the machine hits all three alike.
		const order = Object.keys( runs );
		for ( let k = 0; k < order.length; k++ ) {
			const name = order[ ( i + k ) % order.length ];
			rows[ name ].push( await runs[ name ]() );
		}
	}

	const summary = {};
	console.log(
		`bench:stream: ${ ROUNDS } interleaved rounds, a ${ rows.direct[ 0 ].frames }-frame answer, ${ FRAME_MS } ms per frame (loopback)`
	);
	console.log(
		'                         headers p50   first text p50 (p90)     total p50 (p90)       first/total   first text min'
	);
	const labels = {
		direct: 'direct to provider',
		plugin: 'through the plugin',
		floor: 'WP REST floor (GET)',
	};
	for ( const name of Object.keys( labels ) ) {
		const first = rows[ name ].map( ( r ) => r.first ?? Infinity );
		const total = rows[ name ].map( ( r ) => r.total );
		const headers = rows[ name ].map( ( r ) => r.headers );
		summary[ name ] = {
			first: pct( first, 0.5 ),
			total: pct( total, 0.5 ),
		};
		const text =
			name === 'floor'
				? '-'.padEnd( 22 )
				: `${ ms( pct( first, 0.5 ) ) } (${ ms( pct( first, 0.9 ) ) })`;
		const share =
			name === 'floor'
				? '-'
				: ( ( 100 * pct( first, 0.5 ) ) / pct( total, 0.5 ) ).toFixed(
						0
					) + ' %';
		console.log(
			`  ${ labels[ name ].padEnd( 20 ) }   ${ ms( pct( headers, 0.5 ) ) }   ${ text }   ${ ms( pct( total, 0.5 ) ) } (${ ms( pct( total, 0.9 ) ) })   ${ share.padEnd( 12 ) }  ${ ms( Math.min( ...first ) ) }`
		);
	}
	const extra = summary.plugin.first - summary.direct.first;
	const share = ( 100 * summary.plugin.first ) / summary.plugin.total;
	// Per-round differences: each round's three requests saw the same machine load.
	const own = pct(
		rows.plugin.map(
			( r, i ) =>
				( r.first ?? Infinity ) -
				rows.direct[ i ].first -
				rows.floor[ i ].first
		),
		0.5
	);
	console.log(
		`  target: first text through the plugin <= direct + 20 ms: +${ extra.toFixed( 1 ) } ms (${ extra <= 20 ? 'met' : 'missed' })`
	);
	console.log(
		`          WordPress's own REST floor is ${ summary.floor.first.toFixed( 1 ) } ms; beyond it the plugin adds ${ own.toFixed( 1 ) } ms (median per round of plugin - direct - floor)`
	);
	console.log(
		`  target: first text < 50 % of total time: ${ share.toFixed( 0 ) } % (${ share < 50 ? 'met' : 'missed' })`
	);
} finally {
	await rest( 'DELETE', `/ai-failover/v1/features/${ id }` ).catch(
		() => {}
	);
	await rest( 'DELETE', `/ai-failover/v1/providers/${ id }` ).catch(
		() => {}
	);
	child.kill( 'SIGTERM' );
}
