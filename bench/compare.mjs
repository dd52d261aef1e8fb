#!/usr/bin/env node
// `npm run bench`: the plugin side by side with what a site would put in front of it instead, measured in
// the same run on the same fake provider, interleaved request by request:
//   direct  the fake provider itself (the cost of one upstream call: the floor)
//   portkey the Portkey AI gateway in front of it (fallback config with status codes, as its docs advise)
//   bare    a bare authenticated WordPress REST endpoint (same login, a capability check, a fixed answer)
//   plugin  the plugin's run endpoint, POST /ai-failover/v1/features/{id}/run
// then the in-process benchmarks (engine, 1 M-row event log) and the bundle sizes, and writes
// docs/benchmarks.md. bin/bench.sh starts everything (loopback only) and stops it again.
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, totalmem } from 'node:os';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { performance } from 'node:perf_hooks';
import { closePools, send, summarize, tally, undiciVersion } from './lib/load.mjs';

const env = process.env;
const ROOT = new URL( '..', import.meta.url ).pathname.replace( /\/$/, '' );
const WP = env.WP_BASE_URL;
const FAKE = env.FAKE_PROVIDER_URL;
const PORTKEY = env.PORTKEY_URL;
const QUICK = env.BENCH_QUICK === '1';
const DEADLINE = Date.now() + Number( env.BENCH_MAX_SECONDS || 420 ) * 1000;
const OUT = env.BENCH_OUT || `${ ROOT }/docs/benchmarks.md`;
for ( const [ name, value ] of Object.entries( { WP_BASE_URL: WP, FAKE_PROVIDER_URL: FAKE, PORTKEY_URL: PORTKEY } ) ) {
	if ( ! value || ! /^http:\/\/127\.0\.0\.1:\d+$/.test( value.replace( /\/$/, '' ) ) ) {
		console.error( `${ name } must be http://127.0.0.1:PORT (loopback only), got ${ value }` );
		process.exit( 2 );
	}
}
const AUTH = 'Basic ' + Buffer.from( `${ env.WP_ADMIN_USER || 'admin' }:${ env.WP_APP_PASSWORD }` ).toString( 'base64' );
const MESSAGES = [ { role: 'user', content: 'Hi' } ];
// Requests per side and case, by concurrency (every side gets as many; BENCH_N overrides both).
const N = env.BENCH_N ? { 1: Number( env.BENCH_N ), 16: Number( env.BENCH_N ) } : { 1: 60, 16: 64 };
const STATUS_CODES = [ 408, 429, 500, 502, 503, 504, 529 ];

// ------------------------------------------------------------------ targets
const pk = ( route, key = 'sk-fake' ) => ( {
	provider: 'openai',
	api_key: key,
	custom_host: `${ FAKE }${ route ? `/r/${ encodeURIComponent( route ) }` : '' }/v1`,
	override_params: { model: 'gpt-4o-mini' },
} );
function targets( c, connections ) {
	const stream = c.stream ? { stream: true } : {};
	const config = { strategy: { mode: 'fallback', on_status_codes: STATUS_CODES }, targets: c.portkey, ...( c.timeoutMs ? { request_timeout: c.timeoutMs } : {} ) };
	const wpHeaders = { authorization: AUTH, ...( c.forgetBreakers ? { 'x-aifo-bench-forget-breakers': '1' } : {} ) };
	// The plugin's in-process cost on a request that does not use it is measured in its own case only (the timers cost time too).
	const cost = c.measureCost ? { 'x-aifo-bench-cost': '1' } : {};
	const list = {
		direct: { url: `${ FAKE }/v1/chat/completions`, headers: {}, body: JSON.stringify( { model: 'ok+direct', messages: MESSAGES, ...stream } ) },
		portkey: { url: `${ PORTKEY }/v1/chat/completions`, headers: { 'x-portkey-config': JSON.stringify( config ) }, body: JSON.stringify( { model: 'gpt-4o-mini', messages: MESSAGES, ...stream } ) },
		bare: { url: `${ WP }/wp-json/aifo-bench/v1/bare`, headers: { authorization: AUTH, ...cost }, body: JSON.stringify( { messages: MESSAGES } ) },
		plugin: { url: `${ WP }/wp-json/ai-failover/v1/features/${ c.feature }/run`, headers: wpHeaders, body: JSON.stringify( { messages: MESSAGES, ...stream } ) },
		'bare, plugin off': { url: `${ WP }/wp-json/aifo-bench/v1/bare`, headers: { authorization: AUTH, 'x-aifo-bench-plugin': 'off', ...cost }, body: JSON.stringify( { messages: MESSAGES } ) },
	};
	return Object.fromEntries( ( c.targets || [ 'direct', 'portkey', 'bare', 'plugin' ] ).map( ( name ) => [ name, { ...list[ name ], connections } ] ) );
}

// ------------------------------------------------------------------ the cases
const CASES = [
	{ id: 'success', title: 'success (primary answers)', feature: 'bench-ok', portkey: [ pk( 'ok+pk' ), pk( 'ok+pk2' ) ] },
	{ id: 'plugin-loaded', title: 'plugin loaded, request that does not use it', targets: [ 'bare, plugin off', 'bare' ], concurrency: [ 1 ], n: 100, measureCost: true },
	{ id: '503', title: '503 -> fallback', feature: 'bench-503', portkey: [ pk( 'fail-503+pk' ), pk( 'ok+pk2' ) ], forgetBreakers: true },
	{ id: '503-once', title: '503 -> fallback, feature without the same-route retry (retry.attempts_per_route 1)', feature: 'bench-503-once', portkey: [ pk( 'fail-503+pk' ), pk( 'ok+pk2' ) ], forgetBreakers: true },
	{ id: '429-one-key', title: '429 (Retry-After 2) -> fallback, one key', feature: 'bench-429', portkey: [ pk( 'fail-429-ra2+pk' ), pk( 'ok+pk2' ) ], forgetBreakers: true },
	{ id: '429-two-keys', title: '429 (Retry-After 2) on key 1 -> key 2', feature: 'bench-429-keys', portkey: [ pk( '', 'fk-fail-429-ra2+pkk-k1' ), pk( '', 'fk-ok+pkk-k2' ) ], forgetBreakers: true },
	{ id: 'hang', title: 'hang -> 1 s timeout -> fallback', feature: 'bench-hang', portkey: [ pk( 'hang+pk' ), pk( 'ok+pk2' ) ], timeoutMs: 1000, forgetBreakers: true, n: { 1: 5, 16: 16 }, warmup: 1 },
	{ id: '400', title: '400 (never a fallback)', feature: 'bench-400', portkey: [ pk( 'fail-400+pk' ), pk( 'ok+pk2' ) ] },
	{ id: '401', title: '401 (never a fallback)', feature: 'bench-401', portkey: [ pk( 'fail-401+pk' ), pk( 'ok+pk2' ) ] },
	{ id: 'open-breaker', title: 'primary hangs, breaker open (Portkey: no breaker, 1 s timeout)', feature: 'bench-open', portkey: [ pk( 'hang+pko' ), pk( 'ok+pk2' ) ], timeoutMs: 1000, n: { 1: 5, 16: 16 }, warmup: 0, prime: 6 },
	// bare answers without streaming: its full time is the WordPress floor the plugin's first token sits on.
	{ id: 'stream', title: 'streaming, time to first token (9 frames, 50 ms apart)', feature: 'bench-ok', stream: true, portkey: [ pk( 'ok+pk' ) ], targets: [ 'direct', 'portkey', 'bare', 'plugin' ], n: { 1: 16, 16: 32 } },
];

async function upstream( path, method = 'GET' ) {
	const res = await fetch( FAKE + path, { method } );
	return res.json();
}

/** Attempts the fake provider saw, per target (by route tag), per request. */
function attemptsPer( stats, n ) {
	const out = { portkey: {}, plugin: {} };
	for ( const [ route, v ] of Object.entries( stats.routes || {} ) ) {
		const tag = ( /\+([a-z0-9]+)$/.exec( route ) || [] )[ 1 ] || '';
		const side = tag.startsWith( 'pk' ) ? 'portkey' : tag.startsWith( 'wp' ) ? 'plugin' : null;
		if ( side ) {
			out[ side ][ route.replace( /\+[a-z0-9]+$/, '' ) ] = Math.round( ( v.requests / n ) * 100 ) / 100;
		}
	}
	return out;
}

/** Medians of the in-process cost the bench mu-plugin reports (X-Aifo-Bench-Cost). */
function cost( list ) {
	const parsed = list.map( ( r ) => Object.fromEntries( [ ...String( r.cost || '' ).matchAll( /(\w+)=([\d.]+)/g ) ].map( ( m ) => [ m[ 1 ], Number( m[ 2 ] ) ] ) ) ).filter( ( x ) => 'boot_ms' in x );
	if ( ! parsed.length ) {
		return null;
	}
	const median = ( key ) => summarize( parsed.map( ( x ) => x[ key ] ) ).p50;
	return { boot_ms: median( 'boot_ms' ), hooks_ms: median( 'hooks_ms' ), total_ms: summarize( parsed.map( ( x ) => x.boot_ms + x.hooks_ms ) ).p50, files: median( 'files' ) };
}

/** Medians of what the server measured itself (X-Aifo-Bench-Server): wall and CPU time to the answer, queries. */
function server( list ) {
	const parsed = list.map( ( r ) => Object.fromEntries( [ ...String( r.server || '' ).matchAll( /(\w+)=([\d.]+)/g ) ].map( ( m ) => [ m[ 1 ], Number( m[ 2 ] ) ] ) ) ).filter( ( x ) => 'cpu_ms' in x );
	if ( ! parsed.length ) {
		return null;
	}
	const median = ( key ) => summarize( parsed.map( ( x ) => x[ key ] ) ).p50;
	return { wall_ms: median( 'wall_ms' ), cpu_ms: median( 'cpu_ms' ), queries: median( 'queries' ) };
}

/** Medians of what the server measured at a streamed run's first delta (the bench mu-plugin's SSE comment). */
function serverFirst( list ) {
	const parsed = list.map( ( r ) => Object.fromEntries( [ ...String( r.serverFirst || '' ).matchAll( /(\w+)=([\d.]+)/g ) ].map( ( m ) => [ m[ 1 ], Number( m[ 2 ] ) ] ) ) ).filter( ( x ) => 'upstream_ms' in x );
	if ( ! parsed.length ) {
		return null;
	}
	const median = ( key ) => summarize( parsed.map( ( x ) => x[ key ] ) ).p50;
	return { wall_ms: median( 'wall_ms' ), cpu_ms: median( 'cpu_ms' ), queries: median( 'queries' ), upstream_ms: median( 'upstream_ms' ), own_wall_ms: summarize( parsed.map( ( x ) => x.wall_ms - x.upstream_ms ) ).p50 };
}

async function runCase( c, concurrency ) {
	const n = QUICK ? Math.min( 24, typeof c.n === 'object' ? c.n[ concurrency ] : c.n || N[ concurrency ] ) : typeof c.n === 'object' ? c.n[ concurrency ] : c.n || N[ concurrency ];
	const ts = targets( c, concurrency );
	const names = Object.keys( ts );
	const warmup = c.warmup ?? 3;
	for ( let i = 0; i < warmup; i++ ) {
		for ( const name of names ) {
			await send( ts[ name ] );
		}
	}
	if ( c.prime ) {
		// Opens the plugin's breaker: that many failures of the primary at once.
		await Promise.all( Array.from( { length: c.prime }, () => send( ts.plugin ) ) );
	}
	await upstream( '/__reset', 'POST' );
	const results = Object.fromEntries( names.map( ( name ) => [ name, [] ] ) );
	let next = 0;
	const t0 = performance.now();
	await Promise.all(
		Array.from( { length: concurrency }, async () => {
			for ( ;; ) {
				const i = next++;
				if ( i >= n || Date.now() > DEADLINE ) {
					break;
				}
				// Every target once per round, in a rotating order, so all see the same noise.
				for ( let k = 0; k < names.length; k++ ) {
					const name = names[ ( i + k ) % names.length ];
					results[ name ].push( await send( ts[ name ], { timeoutMs: 30000 } ) );
				}
			}
		} )
	);
	const seconds = ( performance.now() - t0 ) / 1000;
	const stats = await upstream( '/__stats' );
	const done = results[ names[ 0 ] ].length;
	const row = { id: c.id, title: c.title, concurrency, n: done, seconds, targets: {}, attempts: attemptsPer( stats, done ) };
	for ( const name of names ) {
		const list = results[ name ];
		row.targets[ name ] = {
			ms: summarize( list.map( ( r ) => r.ms ) ),
			firstTokenMs: summarize( list.map( ( r ) => r.firstTokenMs ) ),
			outcomes: tally( list.map( ( r ) => r.outcome ) ),
			servedBy: tally( list.map( ( r ) => r.servedBy || '-' ) ),
			cost: cost( list ),
			server: server( list ),
			serverFirst: serverFirst( list ),
		};
	}
	return row;
}

async function throughput( seconds ) {
	const c = CASES[ 0 ];
	const ts = targets( c, 16 );
	const out = {};
	const rounds = 2;
	for ( let round = 0; round < rounds; round++ ) {
		for ( const name of Object.keys( ts ) ) {
			const end = Date.now() + ( seconds / rounds ) * 1000;
			const acc = ( out[ name ] ??= { requests: 0, ok: 0, seconds: 0 } );
			const t0 = performance.now();
			await Promise.all(
				Array.from( { length: 16 }, async () => {
					while ( Date.now() < end && Date.now() < DEADLINE ) {
						const r = await send( ts[ name ] );
						acc.requests++;
						acc.ok += r.outcome === 'ok' ? 1 : 0;
					}
				} )
			);
			acc.seconds += ( performance.now() - t0 ) / 1000;
		}
	}
	for ( const v of Object.values( out ) ) {
		v.rps = v.requests / v.seconds;
	}
	return out;
}

// ------------------------------------------------------------------ formatting
const f = ( x ) => ( x === null || x === undefined ? '-' : x >= 100 ? x.toFixed( 0 ) : x >= 10 ? x.toFixed( 1 ) : x.toFixed( 2 ) );
const pp = ( s ) => `${ f( s.p50 ) } / ${ f( s.p99 ) }`;
const outcomes = ( t ) => Object.entries( t.outcomes ).map( ( [ k, v ] ) => `${ k }×${ v }` ).join( ', ' );
const attempts = ( a ) => Object.entries( a ).map( ( [ k, v ] ) => `${ k } ${ v }` ).join( ' + ' ) || '0';

function caseTable( rows ) {
	const L = [];
	L.push( '| case | c | n | direct p50 / p99 ms | Portkey p50 / p99 ms | bare WP p50 / p99 ms | plugin p50 / p99 ms | plugin − bare p50 | Portkey − direct p50 | own cost p50: plugin − bare − direct / Portkey − direct | upstream attempts per request: Portkey / plugin | what the client got: Portkey / plugin |' );
	L.push( '|---|---|---|---|---|---|---|---|---|---|---|---|' );
	for ( const r of rows ) {
		const t = r.targets;
		// A stream's figure is its first token; bare never streams, so its whole answer is the floor.
		const key = ( name ) => ( r.id === 'stream' && name !== 'bare' ? 'firstTokenMs' : 'ms' );
		const p50 = ( name ) => t[ name ]?.[ key( name ) ]?.p50;
		const cell = ( name ) => ( t[ name ] ? pp( t[ name ][ key( name ) ] ) : '-' );
		const diff = ( a, b ) => ( t[ a ] && t[ b ] ? f( p50( a ) - p50( b ) ) : '-' );
		// What each adds to what the client pays without it: a WordPress site calling the provider itself
		// pays bare + direct; a client calling the provider itself pays direct.
		const own = t.bare && t.plugin && t.direct && t.portkey ? `${ f( p50( 'plugin' ) - p50( 'bare' ) - p50( 'direct' ) ) } / ${ f( p50( 'portkey' ) - p50( 'direct' ) ) }` : '-';
		if ( r.id === 'plugin-loaded' ) {
			L.push( `| ${ r.title } | ${ r.concurrency } | ${ r.n } | - | - | plugin off: ${ pp( t[ 'bare, plugin off' ].ms ) } | plugin on: ${ pp( t.bare.ms ) } | on − off: ${ f( t.bare.ms.p50 - t[ 'bare, plugin off' ].ms.p50 ) } | - | - | - | ${ outcomes( t.bare ) } |` );
			continue;
		}
		L.push(
			`| ${ r.title }${ r.id === 'stream' ? ' (first token)' : '' } | ${ r.concurrency } | ${ r.n } | ${ cell( 'direct' ) } | ${ cell( 'portkey' ) } | ${ cell( 'bare' ) } | ${ cell( 'plugin' ) } | ${ t.bare ? diff( 'plugin', 'bare' ) : '-' } | ${ diff( 'portkey', 'direct' ) } | ${ own } | ${ attempts( r.attempts.portkey ) } / ${ attempts( r.attempts.plugin ) } | ${ outcomes( t.portkey ) } / ${ outcomes( t.plugin ) } |`
		);
	}
	return L.join( '\n' );
}

function run( cmd, args ) {
	try {
		return execFileSync( cmd, args, { cwd: ROOT, env, encoding: 'utf8', stdio: [ 'ignore', 'pipe', 'pipe' ], timeout: 8 * 60 * 1000 } ).trim();
	} catch ( e ) {
		return `(failed: ${ String( e.stderr || e.message ).trim().split( '\n' ).slice( -3 ).join( ' ' ) })`;
	}
}

// ------------------------------------------------------------------ main
const started = new Date();
const load0 = loadavg();
const setup = JSON.parse( run( 'bash', [ 'bin/rig.sh', 'php', 'bench/setup.php', FAKE ] ).split( '\n' ).pop() );
const rows = [];
const ONLY = env.BENCH_ONLY ? env.BENCH_ONLY.split( ',' ) : null;
for ( const c of CASES.filter( ( x ) => ! ONLY || ONLY.includes( x.id ) ) ) {
	for ( const concurrency of c.concurrency || [ 1, 16 ] ) {
		if ( Date.now() > DEADLINE ) {
			console.log( `skipped ${ c.id } c=${ concurrency }: over the time bound` );
			continue;
		}
		const row = await runCase( c, concurrency );
		rows.push( row );
		console.log( caseTable( [ row ] ).split( '\n' ).pop() );
	}
}
writeFileSync( `${ ROOT }/.rig/test/logs/bench-rows.json`, JSON.stringify( rows ) );
const tput = Date.now() < DEADLINE && ( ! ONLY || ONLY.includes( 'throughput' ) ) ? await throughput( QUICK ? 4 : 10 ) : null;
await closePools();
const loadHttp = loadavg();
run( 'bash', [ 'bin/rig.sh', 'php', 'bench/setup.php', '--remove' ] );
console.log( 'throughput', JSON.stringify( tput ) );

const skipPhp = env.BENCH_SKIP_PHP === '1' || ( ONLY && ! ONLY.includes( 'php' ) );
const engine = skipPhp ? '(skipped)' : run( 'bash', [ 'bin/rig.sh', 'php', 'bench/engine.php', QUICK ? '300' : '2000' ] );
console.log( engine );
const events = skipPhp ? '(skipped)' : run( 'bash', [ 'bin/rig.sh', 'php', 'bench/events.php', QUICK ? '100000' : String( env.BENCH_EVENT_ROWS || 1000000 ) ] );
console.log( events );
const bundles = existsSync( `${ ROOT }/build` ) ? run( 'node', [ 'bin/bundle-sizes.mjs' ] ) : '(no build/: run `npm run build` first)';
const versions = {
	portkey: JSON.parse( readFileSync( `${ env.AIFO_BENCH_DEPS }/node_modules/@portkey-ai/gateway/package.json`, 'utf8' ) ).version,
	hono: JSON.parse( readFileSync( `${ env.AIFO_BENCH_DEPS }/node_modules/@hono/node-server/package.json`, 'utf8' ) ).version,
	undici: undiciVersion,
};

const success1 = rows.find( ( r ) => r.id === 'success' && r.concurrency === 1 );
const loaded = rows.find( ( r ) => r.id === 'plugin-loaded' );
const tputLine = tput
	? `| max throughput, success, c=16, ${ QUICK ? 4 : 10 } s per side | direct ${ tput.direct.rps.toFixed( 0 ) } req/s | Portkey ${ tput.portkey.rps.toFixed( 0 ) } req/s (${ ( ( 100 * tput.portkey.rps ) / tput.direct.rps ).toFixed( 1 ) } % of direct) | bare WP ${ tput.bare.rps.toFixed( 1 ) } req/s | plugin ${ tput.plugin.rps.toFixed( 1 ) } req/s = **${ ( ( 100 * tput.plugin.rps ) / tput.bare.rps ).toFixed( 1 ) } % of the bare endpoint** (target ≥ 95 %) |`
	: '| max throughput | skipped (time bound) |';
function serverLine( row ) {
	const b = row?.targets.bare?.server;
	const p = row?.targets.plugin?.server;
	if ( ! b || ! p ) {
		return '| plugin overhead on a run, in-process | - |';
	}
	return `| plugin overhead on a run, success, c=1, measured by PHP itself from the first mu-plugin to the REST answer (median; CPU time hardly depends on the machine's load) | CPU **${ f( p.cpu_ms - b.cpu_ms ) } ms** more than the bare endpoint (${ f( p.cpu_ms ) } vs ${ f( b.cpu_ms ) } ms), wall ${ f( p.wall_ms - b.wall_ms ) } ms more (${ f( p.wall_ms ) } vs ${ f( b.wall_ms ) } ms, the upstream call and the event INSERT's commit included); database queries of the whole request ${ p.queries } vs ${ b.queries } |`;
}

function streamLine( row ) {
	const b = row?.targets.bare?.server;
	const p = row?.targets.plugin?.serverFirst;
	if ( ! b || ! p ) {
		return '| streaming, first token, in-process | - |';
	}
	return `| streaming, first token, c=${ row.concurrency }, measured by PHP itself (median): from the first mu-plugin to the plugin's first delta against the bare endpoint's whole answer | CPU **${ f( p.cpu_ms - b.cpu_ms ) } ms** more (${ f( p.cpu_ms ) } vs ${ f( b.cpu_ms ) } ms); wall without the provider's own part (cURL's start to its first text piece, ${ f( p.upstream_ms ) } ms) ${ f( p.own_wall_ms - b.wall_ms ) } ms more (${ f( p.own_wall_ms ) } vs ${ f( b.wall_ms ) } ms); database queries before the first delta ${ p.queries } vs ${ b.queries } |`;
}

const md = `# Benchmarks

Written by \`npm run bench\` (\`bin/bench.sh\` → \`bench/compare.mjs\`); do not edit by hand, run it again.

- **Date**: ${ started.toISOString() } → ${ new Date().toISOString() }${ QUICK ? ' (BENCH_QUICK=1: small samples)' : '' }
- **Machine**: ${ cpus().length } × ${ cpus()[ 0 ]?.model || 'CPU' }, ${ ( totalmem() / 2 ** 30 ).toFixed( 1 ) } GB, load average (1 / 5 / 15 min) at start ${ load0.map( ( x ) => x.toFixed( 2 ) ).join( ' / ' ) }, after the HTTP cases ${ loadHttp.map( ( x ) => x.toFixed( 2 ) ).join( ' / ' ) }, at the end ${ loadavg().map( ( x ) => x.toFixed( 2 ) ).join( ' / ' ) } (shared: other work runs on the same cores, so compare only figures of the same run)
- **Versions**: WordPress ${ setup.wordpress }, PHP ${ setup.php } (php-fpm + nginx), ${ setup.mariadb }, AI Failover ${ setup.plugin }, Node ${ process.version }, Portkey gateway (\`@portkey-ai/gateway\`) ${ versions.portkey } with \`@hono/node-server\` ${ versions.hono } (the version its repository pins; the npm default answers every stream with HTTP 500), undici ${ versions.undici } as the load client
- **Setup**: everything on 127.0.0.1. The fake provider (\`tests/fake-provider/server.mjs\`, 0 ms latency, stream frames 50 ms apart) answers every side. Each case sends its requests to all sides in turn, in a rotating order, from the same workers (c = concurrency). Portkey gets \`strategy: fallback\` with \`on_status_codes\` ${ JSON.stringify( STATUS_CODES ) } (without them it falls over on 400 and 401 too) and \`request_timeout: 1000\` where the plugin has a 1 s attempt timeout. The plugin's features are new features with the fallback triggers the case needs (\`bench/setup.php\`); the failure cases delete the plugin's route breakers after each response (\`X-Aifo-Bench-Forget-Breakers\`) so they measure the failover, and the open breaker has its own row. "bare WP" is \`bench/wp/aifo-bench-bare.php\`, a test-only mu-plugin the bench installs and removes: the same application-password login and a capability check, then a fixed JSON answer. Percentiles are nearest-rank.

## Latency per case

${ caseTable( rows ) }

## Summary

| what | figure |
|---|---|
| plugin overhead on a run, success, c=1 | ${ success1 ? `${ f( success1.targets.plugin.ms.p50 - success1.targets.bare.ms.p50 ) } ms over the bare endpoint (p50 ${ f( success1.targets.plugin.ms.p50 ) } vs ${ f( success1.targets.bare.ms.p50 ) } ms; target ≤ 1 ms), of which the upstream call itself is about ${ f( success1.targets.direct.ms.p50 ) } ms (direct): ${ f( success1.targets.plugin.ms.p50 - success1.targets.bare.ms.p50 - success1.targets.direct.ms.p50 ) } ms of its own; Portkey ${ f( success1.targets.portkey.ms.p50 - success1.targets.direct.ms.p50 ) } ms over direct` : '-' } |
| plugin loaded on a REST request that does not use it, in-process (its boot + all its hook callbacks, median) | ${ loaded?.targets.bare.cost ? `**${ loaded.targets.bare.cost.total_ms.toFixed( 3 ) } ms** (boot ${ loaded.targets.bare.cost.boot_ms.toFixed( 3 ) } ms + hooks ${ loaded.targets.bare.cost.hooks_ms.toFixed( 3 ) } ms), **${ loaded.targets.bare.cost.files } plugin files loaded** (target ≤ 0.1 ms, no extra file loads) |` : '- |' }
${ serverLine( success1 ) }
${ rows.filter( ( r ) => r.id === 'stream' ).map( streamLine ).join( '\n' ) }
| the same over HTTP, plugin on − off | ${ loaded ? `${ f( loaded.targets.bare.ms.p50 - loaded.targets[ 'bare, plugin off' ].ms.p50 ) } ms (p50 ${ f( loaded.targets.bare.ms.p50 ) } vs ${ f( loaded.targets[ 'bare, plugin off' ].ms.p50 ) } ms; within HTTP noise here)` : '-' } |
${ tputLine }

## Engine micro-benchmark (\`npm run bench:engine\`)

\`\`\`
${ engine }
\`\`\`

## Event log, ${ QUICK ? '100 000' : '1 000 000' } rows (\`npm run bench:events\`)

\`\`\`
${ events }
\`\`\`

## Bundle sizes (\`node bin/bundle-sizes.mjs\`, after \`npm run build\`)

\`\`\`
${ bundles }
\`\`\`
`;
mkdirSync( dirname( OUT ), { recursive: true } );
writeFileSync( OUT, md );
console.log( `wrote ${ OUT }` );
