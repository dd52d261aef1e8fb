/**
 * Chaos soak: thousands of real runs through the rig's WordPress against the fake provider drawing
 * random faults (429 with Retry-After, 5xx, 529, hangs, resets, empty bodies, bad JSON, mid-stream
 * cuts, a 401 key), one database restart in the middle, then the invariants checked against the
 * event store, the state table and the fake provider's own request log. Prints each invariant with
 * its violation count and exits 1 when any is violated. Loopback only.
 *
 *   bash bin/soak.sh [--n N] [--concurrency C] [--quick] [--nodes 2] [--seed S] [--no-db-restart]
 *
 * bin/soak.sh brings up the rig and the fake provider and sets the SOAK_* variables read here.
 */
/* eslint-disable no-console -- a command-line soak: its output is the report. */
/**
 * External dependencies
 */
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const args = parseArgs( process.argv.slice( 2 ) );
const QUICK = args.quick === true;
const N = Number( args.n ?? ( QUICK ? 400 : 10000 ) );
const CONCURRENCY = Math.max(
	1,
	Math.min( 64, Number( args.concurrency ?? 12 ) )
);
const SEED = String( args.seed ?? 'soak' );
const DB_RESTART = args[ 'no-db-restart' ] !== true;

const BASE = process.env.WP_BASE_URL ?? '';
const FAKE = ( process.env.FAKE_PROVIDER_URL ?? '' ).replace( /\/$/, '' );
const AUTH =
	'Basic ' +
	Buffer.from(
		`${ process.env.WP_ADMIN_USER }:${ process.env.WP_APP_PASSWORD }`
	).toString( 'base64' );
const DB_SOCKET = process.env.SOAK_DB_SOCKET ?? '';
const LOG_DIR = process.env.SOAK_LOG_DIR ?? '';
const RESTART_CMD = process.env.SOAK_DB_RESTART_CMD ?? '';
const NODES = Number( process.env.RIG_NODES ?? 1 );
for ( const [ name, value ] of Object.entries( {
	WP_BASE_URL: BASE,
	FAKE_PROVIDER_URL: FAKE,
	WP_APP_PASSWORD: process.env.WP_APP_PASSWORD,
	SOAK_DB_SOCKET: DB_SOCKET,
	SOAK_LOG_DIR: LOG_DIR,
} ) ) {
	if ( ! value ) {
		console.error(
			`soak: ${ name } is not set (run it with bin/soak.sh).`
		);
		process.exit( 2 );
	}
}
for ( const url of [ BASE, FAKE ] ) {
	if ( ! /^http:\/\/(127\.|localhost[:/])/.test( url ) ) {
		console.error( `soak: ${ url } is not loopback.` );
		process.exit( 2 );
	}
}

// ------------------------------------------------------------------ the site the soak builds

/** Classes a fallback may never follow; the last three never even move to another key's provider. */
const NEVER_FALLBACK = [
	'invalid_request',
	'auth',
	'payment',
	'forbidden',
	'unsupported_capability',
];
const BREAKER_CLASSES = [
	'server',
	'timeout',
	'unreachable',
	'empty_response',
	'invalid_response',
];
const BREAKER_THRESHOLD = 5;
const BUDGET_MS = 4000;
const BUDGET_SLACK_MS = 750;

// Each key's fake route: the key decides (fk-<route>-<suffix>) unless it is a plain key, then the
// model does. Tags (+x) give every key and route its own counter at the fake provider.
const PROVIDERS = [
	{
		id: 'soak-oa1',
		preset: 'openai',
		keys: {
			'oa1-a': 'fk-chaos-0.25+oa1a-k001',
			'oa1-b': 'fk-chaos-0.25+oa1b-k002',
		},
	},
	{
		id: 'soak-oa2',
		preset: 'openai',
		keys: {
			'oa2-dead': 'fk-auth-401+oa2a-k003',
			'oa2-b': 'fk-chaos-0.2+oa2b-k004',
		},
	},
	{
		id: 'soak-an1',
		preset: 'anthropic',
		keys: { an1: 'fk-chaos-0.3+an1-k005' },
	},
	{
		id: 'soak-gm1',
		preset: 'gemini',
		keys: { gm1: 'fk-chaos-0.3+gm1-k006' },
	},
	{ id: 'soak-ok', preset: 'openai', keys: { ok: 'fk-ok+okb-k007' } },
	// Keys the account refuses (402, 403): they die; the provider's last key serves.
	{
		id: 'soak-deny',
		preset: 'anthropic',
		keys: {
			'deny-402': 'fk-fail-402+deny402-k010',
			'deny-403': 'fk-fail-403+deny403-k011',
			'deny-ok': 'fk-ok+denyok-k012',
		},
	},
	// Fails often enough in a row to open its breaker, then probes after the cool-down.
	{
		id: 'soak-flap',
		preset: 'openai',
		keys: { flap: 'fk-chaos-0.9+flap-k009' },
	},
	{
		id: 'soak-nr',
		preset: 'openai',
		keys: { nr: 'sk-soak-plain-nonretry-k008' },
	},
];
const MODEL = {
	openai: 'gpt-4o-mini',
	anthropic: 'claude-haiku-4-5',
	gemini: 'gemini-2.5-flash',
};
const route = ( provider, model ) => ( {
	provider_id: provider,
	model:
		model ?? MODEL[ PROVIDERS.find( ( p ) => p.id === provider ).preset ],
} );
const FEATURES = [
	{
		id: 'soak-chain',
		weight: 3,
		stream: 0.3,
		primary: route( 'soak-oa1' ),
		fallbacks: [ route( 'soak-an1' ), route( 'soak-ok' ) ],
		triggers: { rate_limited: true },
		attempts: 2,
	},
	{
		id: 'soak-solo',
		weight: 2,
		stream: 0.2,
		primary: route( 'soak-oa1' ),
		fallbacks: [],
		attempts: 3,
	},
	{
		id: 'soak-keys',
		weight: 2,
		stream: 0,
		primary: route( 'soak-oa2' ),
		fallbacks: [ route( 'soak-gm1' ) ],
		attempts: 2,
	},
	{
		id: 'soak-gemini',
		weight: 1,
		stream: 0.3,
		primary: route( 'soak-gm1' ),
		fallbacks: [],
		attempts: 2,
	},
	{
		id: 'soak-stream',
		weight: 2,
		stream: 1,
		primary: route( 'soak-an1' ),
		fallbacks: [ route( 'soak-ok' ) ],
		attempts: 2,
	},
	{
		id: 'soak-breaker',
		weight: 1,
		stream: 0.2,
		primary: route( 'soak-flap' ),
		fallbacks: [ route( 'soak-ok' ) ],
		attempts: 2,
	},
	{
		id: 'soak-deny',
		weight: 1,
		stream: 0.5,
		primary: route( 'soak-deny' ),
		fallbacks: [ route( 'soak-ok' ) ],
		attempts: 2,
	},
	...[ 400, 404, 422 ].map( ( code ) => ( {
		id: `soak-nr${ code }`,
		weight: 1,
		stream: 0,
		primary: route( 'soak-nr', `flaky-0.5-${ code }+nr${ code }` ),
		fallbacks: [ route( 'soak-ok' ) ],
		triggers: { rate_limited: true },
		attempts: 3,
	} ) ),
];

// ------------------------------------------------------------------ helpers

function parseArgs( argv ) {
	const out = {};
	for ( let i = 0; i < argv.length; i++ ) {
		const m = /^--([a-z-]+)(?:=(.*))?$/.exec( argv[ i ] );
		if ( ! m ) {
			continue;
		}
		if ( m[ 2 ] !== undefined ) {
			out[ m[ 1 ] ] = m[ 2 ];
		} else if ( argv[ i + 1 ] && ! argv[ i + 1 ].startsWith( '--' ) ) {
			out[ m[ 1 ] ] = argv[ ++i ];
		} else {
			out[ m[ 1 ] ] = true;
		}
	}
	return out;
}

/**
 * Deterministic draws in [0, 1): the same seed gives the same mix of requests.
 *
 * @param {string} label What is drawn.
 */
function random( label ) {
	return (
		createHash( 'sha256' )
			.update( `${ SEED }|${ label }` )
			.digest()
			.readUInt32BE( 0 ) / 0x100000000
	);
}

/**
 * The fake provider's route for a request made with this key and model.
 *
 * @param {string} key   The key.
 * @param {string} model The model.
 */
function fakeRoute( key, model ) {
	if ( key.startsWith( 'fk-' ) ) {
		return key.slice( 3, key.lastIndexOf( '-' ) );
	}
	return model;
}

/**
 * Rows of one SELECT, each row one JSON object (the query selects JSON_OBJECT(...)).
 *
 * @param {string} query Query.
 */
function sql( query ) {
	const r = spawnSync(
		'mariadb',
		[
			'--no-defaults',
			`--socket=${ DB_SOCKET }`,
			'-uroot',
			'wordpress',
			'-N',
			'-B',
			'-r',
			'-e',
			query,
		],
		{ encoding: 'utf8', maxBuffer: 512 * 1024 * 1024 }
	);
	if ( r.status !== 0 ) {
		throw new Error( `SQL failed: ${ r.stderr }` );
	}
	return r.stdout
		.split( '\n' )
		.filter( Boolean )
		.map( ( line ) =>
			line.startsWith( '{' ) ? JSON.parse( line ) : line
		);
}

async function rest( method, path, body ) {
	const response = await fetch( `${ BASE }/wp-json${ path }`, {
		method,
		headers: { authorization: AUTH, 'content-type': 'application/json' },
		body: body === undefined ? undefined : JSON.stringify( body ),
	} );
	const text = await response.text();
	let json = null;
	try {
		json = JSON.parse( text );
	} catch {}
	return { status: response.status, json, text };
}

async function must( method, path, body ) {
	const r = await rest( method, path, body );
	if ( r.status >= 300 ) {
		throw new Error(
			`${ method } ${ path } -> ${ r.status }: ${ r.text }`
		);
	}
	return r.json;
}

// ------------------------------------------------------------------ seed

async function seed() {
	sql(
		"DELETE FROM wp_options WHERE option_name IN ('aifo_providers','aifo_features','aifo_provider_keys','aifo_key_states'); TRUNCATE wp_aifo_events; TRUNCATE wp_aifo_state;"
	);
	await fetch( `${ FAKE }/__reset`, { method: 'POST' } );
	for ( const p of PROVIDERS ) {
		await must( 'POST', '/ai-failover/v1/providers', {
			id: p.id,
			label: p.id,
			preset: p.preset,
			base_url: FAKE + ( p.preset === 'openai' ? '/v1' : '' ),
			allow_private_network: true,
		} );
		for ( const [ label, secret ] of Object.entries( p.keys ) ) {
			await must( 'POST', `/ai-failover/v1/providers/${ p.id }/keys`, {
				label,
				secret,
			} );
		}
	}
	for ( const f of FEATURES ) {
		await must( 'POST', '/ai-failover/v1/features', {
			id: f.id,
			label: f.id,
			primary: f.primary,
			fallbacks: f.fallbacks,
			triggers: f.triggers ?? {},
			retry: {
				attempts_per_route: f.attempts,
				base_delay_ms: 20,
				max_delay_ms: 100,
				total_budget_ms: BUDGET_MS,
			},
			timeouts: { connect_ms: 500, first_byte_ms: 1000, total_ms: 1500 },
			// The mix falls back across API families (OpenAI -> Anthropic, Gemini) on purpose.
			routing: { compatibility: { allow_cross_family: true } },
		} );
	}
}

// ------------------------------------------------------------------ load

/**
 * Reads a streamed run to its final event; the result object it carries.
 *
 * @param {Response} response The fetch response.
 */
async function readStream( response ) {
	const text = await response.text();
	let final = null;
	for ( const block of text.replace( /\r\n/g, '\n' ).split( '\n\n' ) ) {
		const event = /^event: (.*)$/m.exec( block )?.[ 1 ];
		const data = /^data: (.*)$/m.exec( block )?.[ 1 ];
		if (
			event &&
			data &&
			[ 'done', 'incomplete', 'failed' ].includes( event )
		) {
			if ( final ) {
				return { error: 'two final events' };
			}
			final = { event, result: JSON.parse( data ) };
		}
	}
	return final ?? { error: 'no final event' };
}

async function one( i ) {
	let pick =
		random( `feature|${ i }` ) *
		FEATURES.reduce( ( s, f ) => s + f.weight, 0 );
	const feature = FEATURES.find( ( f ) => ( pick -= f.weight ) < 0 );
	const stream = random( `stream|${ i }` ) < feature.stream;
	const started = performance.now();
	const record = {
		i,
		feature: feature.id,
		stream,
		http: 0,
		result: null,
		error: null,
	};
	try {
		const response = await fetch(
			`${ BASE }/wp-json/ai-failover/v1/features/${ feature.id }/run`,
			{
				method: 'POST',
				headers: {
					authorization: AUTH,
					'content-type': 'application/json',
				},
				body: JSON.stringify( {
					stream,
					messages: [
						{ role: 'user', content: `Soak request ${ i }` },
					],
				} ),
				signal: AbortSignal.timeout( 60000 ),
			}
		);
		record.http = response.status;
		record.node = response.headers.get( 'x-rig-upstream' );
		const type = response.headers.get( 'content-type' ) ?? '';
		if ( response.status === 200 && type.includes( 'text/event-stream' ) ) {
			const final = await readStream( response );
			record.error = final.error ?? null;
			record.result = final.result ?? null;
			record.event = final.event ?? null;
		} else {
			const text = await response.text();
			try {
				const json = JSON.parse( text );
				if ( response.status === 200 && json.run_id ) {
					record.result = json;
				} else {
					record.error =
						`${ response.status } ${ json.code ?? '' }`.trim();
				}
			} catch {
				record.error = `${ response.status } not JSON`;
			}
		}
	} catch ( error ) {
		record.error = `client: ${ error.name }`;
	}
	record.ms = performance.now() - started;
	return record;
}

async function load() {
	const records = [];
	let next = 0;
	let restart = null;
	const restartAt = Math.floor( N / 2 );
	const worker = async () => {
		while ( next < N ) {
			const i = next++;
			if ( i === restartAt && DB_RESTART && RESTART_CMD ) {
				restart = restartDatabase();
			}
			records.push( await one( i ) );
			if ( records.length % 1000 === 0 ) {
				process.stdout.write( `  ${ records.length }/${ N }\n` );
			}
		}
	};
	await Promise.all( Array.from( { length: CONCURRENCY }, worker ) );
	return { records, restart: await restart };
}

function restartDatabase() {
	const started = performance.now();
	return new Promise( ( resolve ) => {
		const child = spawn( 'bash', [ '-c', RESTART_CMD ], {
			stdio: 'ignore',
		} );
		child.on( 'exit', ( code ) =>
			resolve( { code, ms: Math.round( performance.now() - started ) } )
		);
	} );
}

// ------------------------------------------------------------------ checks

function check( records ) {
	const violations = {};
	const examples = {};
	const fail = ( name, example ) => {
		violations[ name ] = ( violations[ name ] ?? 0 ) + 1;
		examples[ name ] ??= [];
		if ( examples[ name ].length < 3 ) {
			examples[ name ].push( example );
		}
	};
	const names = [
		'every upstream attempt logged exactly once',
		'no attempt logged twice (run_id, attempt)',
		'attempts per route <= attempts_per_route (<= 3), + 1 per spare key rotated to',
		'run duration <= budget + slack',
		'no fallback after a non-retryable class',
		'401/402/403 never move provider',
		"run's outcome consistent with its attempts",
		"log's attempts are the ones the client got",
		'dead key: a logged 401/402/403 on it, none after',
		'401/402/403 key used is dead',
		'cooling key: a logged 429 on it',
		'open breaker: >= threshold failures, <= 1 probe after',
		'closed breaker: failures < threshold, <= logged tail',
		'breaker-open skip: the breaker was open',
		'every web node served runs',
		'no PHP warning/notice/fatal from the plugin',
	];
	for ( const n of names ) {
		violations[ n ] = 0;
	}

	// The event store.
	const rows = sql(
		"SET time_zone = '+00:00'; SELECT JSON_OBJECT('run_id', run_id, 'attempt', attempt, 'at', UNIX_TIMESTAMP(created_at) * 1000, 'feature', feature, 'route', route, 'provider', provider, 'model', model, 'key', key_label, 'outcome', outcome, 'class', error_class, 'status', http_status, 'decision', decision, 'latency', latency_ms, 'start', start_ms, 'simulated', simulated) FROM wp_aifo_events ORDER BY created_at, id"
	).map( ( r ) => ( {
		...r,
		at: Number( r.at ),
		latency: Number( r.latency ),
		start: Number( r.start ),
	} ) );
	const upstream = rows.filter(
		( r ) => r.outcome !== 'skipped' && ! r.simulated
	);

	// 1. Every upstream attempt logged exactly once: per fake route, the provider's count == rows.
	const secretOf = {};
	for ( const p of PROVIDERS ) {
		for ( const [ label, secret ] of Object.entries( p.keys ) ) {
			secretOf[ `${ p.id }|${ label }` ] = secret;
		}
	}
	const logged = {};
	for ( const r of upstream ) {
		const secret = secretOf[ `${ r.provider }|${ r.key }` ];
		const k = secret
			? fakeRoute( secret, r.model )
			: `?${ r.provider }|${ r.key }`;
		logged[ k ] = ( logged[ k ] ?? 0 ) + 1;
	}
	const seen = {};
	const faults = {};
	for ( const e of fakeLog ) {
		if (
			e.endpoint === 'chat' ||
			e.endpoint === 'messages' ||
			String( e.endpoint ).includes( 'generate' )
		) {
			seen[ e.route ] = ( seen[ e.route ] ?? 0 ) + 1;
			faults[ e.fault ?? e.route ] =
				( faults[ e.fault ?? e.route ] ?? 0 ) + 1;
		}
	}
	for ( const k of new Set( [
		...Object.keys( logged ),
		...Object.keys( seen ),
	] ) ) {
		const diff = Math.abs( ( seen[ k ] ?? 0 ) - ( logged[ k ] ?? 0 ) );
		for ( let d = 0; d < diff; d++ ) {
			fail(
				names[ 0 ],
				`${ k }: provider saw ${ seen[ k ] ?? 0 }, log has ${ logged[ k ] ?? 0 }`
			);
		}
	}
	const pairs = new Set();
	const byRun = new Map();
	for ( const r of rows ) {
		const k = `${ r.run_id }#${ r.attempt }`;
		if ( pairs.has( k ) ) {
			fail( names[ 1 ], k );
		}
		pairs.add( k );
		if ( ! byRun.has( r.run_id ) ) {
			byRun.set( r.run_id, [] );
		}
		byRun.get( r.run_id ).push( r );
	}
	for ( const list of byRun.values() ) {
		list.sort( ( a, b ) => a.attempt - b.attempt );
	}

	// 2-4. Per run: bounds, non-retryable classes, outcome.
	for ( const [ runId, list ] of byRun ) {
		// A call that rotated to the provider's next key (429, 401) does not use up one of the
		// route's attempts (Chain_Runner): attempts are the other calls, rotations at most one per
		// spare key.
		const perRoute = {};
		for ( const r of list.filter( ( x ) => x.outcome !== 'skipped' ) ) {
			perRoute[ r.route ] ??= {
				tries: 0,
				rotations: 0,
				provider: r.provider,
			};
			perRoute[ r.route ][
				r.decision === 'rotate_key' ? 'rotations' : 'tries'
			]++;
		}
		const allowed = Math.min(
			3,
			FEATURES.find( ( f ) => f.id === list[ 0 ].feature )?.attempts ?? 3
		);
		for ( const [ r, c ] of Object.entries( perRoute ) ) {
			const spare =
				Object.keys(
					PROVIDERS.find( ( p ) => p.id === c.provider )?.keys ?? {}
				).length - 1;
			if ( c.tries > allowed ) {
				fail( names[ 2 ], `${ runId } ${ r }: ${ c.tries } attempts` );
			}
			if ( c.rotations > spare ) {
				fail(
					names[ 2 ],
					`${ runId } ${ r }: ${ c.rotations } key rotations, ${ spare } spare keys`
				);
			}
		}
		const calls = list.filter( ( x ) => x.outcome !== 'skipped' );
		calls.forEach( ( r, index ) => {
			if ( ! NEVER_FALLBACK.includes( r.class ) ) {
				return;
			}
			const later = calls.slice( index + 1 );
			if (
				r.decision === 'fallback' ||
				later.some(
					( x ) =>
						x.route !== r.route &&
						[
							'invalid_request',
							'unsupported_capability',
						].includes( r.class )
				)
			) {
				fail(
					names[ 4 ],
					`${ runId } #${ r.attempt } ${ r.class } ${ r.decision }`
				);
			}
			if (
				[ 401, 402, 403 ].includes( r.status ) &&
				later.some( ( x ) => x.provider !== r.provider )
			) {
				fail(
					names[ 5 ],
					`${ runId } #${ r.attempt } ${ r.status } then ${ later.map( ( x ) => x.provider ).join( ',' ) }`
				);
			}
		} );
	}
	for ( const rec of records ) {
		const result = rec.result;
		if ( ! result ) {
			continue;
		}
		if ( result.duration_ms > BUDGET_MS + BUDGET_SLACK_MS ) {
			fail(
				names[ 3 ],
				`${ result.run_id } ${ result.feature }: ${ Math.round( result.duration_ms ) } ms`
			);
		}
		const attempts = result.attempts ?? [];
		const calls = attempts.filter( ( a ) => a.outcome !== 'skipped' );
		const successes = calls.filter( ( a ) => a.outcome === 'success' );
		const last = calls[ calls.length - 1 ];
		let consistent = true;
		if ( result.status === 'success' ) {
			consistent =
				successes.length === 1 &&
				last === successes[ 0 ] &&
				result.served_by?.provider_id ===
					( last.provider_id ?? last.provider ) &&
				result.error === null;
		} else if ( result.status === 'failed' ) {
			consistent =
				successes.length === 0 &&
				!! result.error &&
				result.served_by === null;
		} else if ( result.status === 'incomplete' ) {
			consistent =
				last?.outcome === 'incomplete' && successes.length === 0;
		}
		if (
			rec.stream &&
			rec.event &&
			rec.event !==
				( result.status === 'success' ? 'done' : result.status )
		) {
			consistent = false;
		}
		if ( ! consistent ) {
			fail(
				names[ 6 ],
				`${ result.run_id } ${ result.status }: ${ attempts.map( ( a ) => `${ a.outcome }/${ a.decision }` ).join( ' ' ) }`
			);
		}
		const loggedRun = byRun.get( result.run_id ) ?? [];
		const a = attempts
			.map(
				( x ) =>
					`${ x.attempt ?? x.index }:${ x.route }:${ x.outcome }:${ x.decision }`
			)
			.join( ' ' );
		const b = loggedRun
			.map(
				( x ) =>
					`${ x.attempt }:${ x.route }:${ x.outcome }:${ x.decision }`
			)
			.join( ' ' );
		if ( a !== b ) {
			fail(
				names[ 7 ],
				`${ result.run_id }: client [${ a }] log [${ b }]`
			);
		}
	}

	// 5. Key states and breakers against the sequence of outcomes.
	const state = sql(
		"SELECT JSON_OBJECT('subject', subject, 'provider', provider_id, 'key_id', key_id, 'breaker', breaker, 'failures', failures, 'opened_at', opened_at, 'key_state', key_state, 'key_until', key_until, 'key_since', key_since) FROM wp_aifo_state WHERE data IS NULL"
	);
	const labelOf = {};
	for ( const p of PROVIDERS ) {
		for ( const k of keysOf[ p.id ] ?? [] ) {
			labelOf[ `${ p.id }:${ k.id }` ] = k.label;
		}
	}
	const stateOfKey = {};
	for ( const s of state ) {
		if ( s.key_id ) {
			stateOfKey[
				`${ s.provider }|${ labelOf[ `${ s.provider }:${ s.key_id }` ] }`
			] = s;
		}
	}
	const maxLatency = 1500 + 500;
	for ( const p of PROVIDERS ) {
		for ( const [ label, secret ] of Object.entries( p.keys ) ) {
			const s = stateOfKey[ `${ p.id }|${ label }` ];
			const mine = upstream.filter(
				( r ) => r.provider === p.id && r.key === label
			);
			const fatal = mine.filter( ( r ) =>
				[ 'auth', 'payment', 'forbidden' ].includes( r.class )
			);
			if ( s?.key_state === 'dead' ) {
				const since = Number( s.key_since ) * 1000;
				const after = mine.filter(
					( r ) => r.at > since + 1000 + maxLatency
				);
				if ( ! fatal.length || after.length ) {
					fail(
						names[ 8 ],
						`${ p.id }/${ label }: ${ fatal.length } fatal, ${ after.length } calls after it died`
					);
				}
			}
			if (
				/auth-401|fail-40[23]/.test( secret ) &&
				mine.length &&
				s?.key_state !== 'dead'
			) {
				fail(
					names[ 9 ],
					`${ p.id }/${ label }: ${ s?.key_state ?? 'no row' }`
				);
			}
			if (
				s?.key_state === 'cooling' &&
				! mine.some( ( r ) => r.class === 'rate_limited' )
			) {
				fail( names[ 10 ], `${ p.id }/${ label }` );
			}
		}
	}
	for ( const s of state.filter( ( x ) =>
		x.subject.startsWith( 'route:' )
	) ) {
		const routeId = s.subject.slice( 6 );
		const mine = upstream.filter( ( r ) => r.route === routeId );
		const failures = mine.filter( ( r ) =>
			BREAKER_CLASSES.includes( r.class )
		);
		if ( s.breaker === 'open' ) {
			const opened = Number( s.opened_at );
			const probes = mine.filter( ( r ) => r.at > opened + 50 );
			if (
				failures.length < BREAKER_THRESHOLD ||
				probes.length > 1 + CONCURRENCY
			) {
				fail(
					names[ 11 ],
					`${ routeId }: ${ failures.length } failures, ${ probes.length } calls after it opened`
				);
			}
		} else {
			const lastSuccess = mine
				.filter( ( r ) => r.outcome === 'success' )
				.pop();
			const tail = failures.filter(
				( r ) => ! lastSuccess || r.at + r.latency >= lastSuccess.at
			);
			if (
				Number( s.failures ) >= BREAKER_THRESHOLD ||
				Number( s.failures ) > tail.length + CONCURRENCY
			) {
				fail(
					names[ 12 ],
					`${ routeId }: closed with ${ s.failures } failures, ${ tail.length } logged since the last success`
				);
			}
		}
	}

	// A route skipped for its open breaker was open then: replay each route's outcomes in the
	// order they ended (threshold consecutive failures open it, a success closes it, a failed
	// probe keeps it open) and find an open interval around the run's start, when it read the state.
	const openIntervals = {};
	const byRoute = {};
	for ( const r of upstream ) {
		( byRoute[ r.route ] ??= [] ).push( r );
	}
	for ( const [ routeId, list ] of Object.entries( byRoute ) ) {
		list.sort( ( a, b ) => a.at + a.latency - ( b.at + b.latency ) );
		let consecutive = 0;
		let openSince = null;
		const intervals = ( openIntervals[ routeId ] = [] );
		for ( const r of list ) {
			const endMs = r.at + r.latency;
			if ( r.outcome === 'success' ) {
				consecutive = 0;
				if ( openSince !== null ) {
					intervals.push( [ openSince, endMs ] );
					openSince = null;
				}
			} else if ( BREAKER_CLASSES.includes( r.class ) ) {
				consecutive++;
				if ( consecutive >= BREAKER_THRESHOLD && openSince === null ) {
					openSince = endMs;
				}
			}
		}
		if ( openSince !== null ) {
			intervals.push( [ openSince, Infinity ] );
		}
	}
	for ( const r of rows.filter(
		( x ) => x.outcome === 'skipped' && x.class === 'breaker_open'
	) ) {
		const runStart = r.at - r.start;
		const open = ( openIntervals[ r.route ] ?? [] ).some(
			( [ from, to ] ) => from <= r.at + 50 && to >= runStart - 500
		);
		if ( ! open ) {
			fail(
				'breaker-open skip: the breaker was open',
				`${ r.run_id } ${ r.route }: skipped at ${ Math.round( r.at ) }, open ${ JSON.stringify( openIntervals[ r.route ] ?? [] ).slice( 0, 120 ) }`
			);
		}
	}

	// 6. Every web node took its share (with two, state they did not share would show above).
	const nodes = new Set( records.map( ( r ) => r.node ).filter( Boolean ) );
	for ( let n = nodes.size; n < NODES; n++ ) {
		fail( 'every web node served runs', `${ nodes.size } of ${ NODES }` );
	}

	// 7. PHP logs: nothing from the plugin's files.
	for ( const file of readdirSync( LOG_DIR ) ) {
		if ( ! /^(php-errors.*|wp-debug|php-fpm.*)\.(log|out)$/.test( file ) ) {
			continue;
		}
		for ( const line of readFileSync( join( LOG_DIR, file ), 'utf8' ).split(
			'\n'
		) ) {
			if (
				/PHP (Warning|Notice|Fatal|Deprecated|Parse)|Uncaught/i.test(
					line
				) &&
				/plugins\/ai-failover\//.test( line )
			) {
				fail(
					names[ names.length - 1 ],
					`${ file }: ${ line.slice( 0, 240 ) }`
				);
			}
		}
	}
	return { names, violations, examples, rows, upstream, faults, state };
}

// ------------------------------------------------------------------ main

let fakeLog = [];
const keysOf = {};
const t0 = performance.now();
await seed();
console.log(
	`soak: ${ N } requests, concurrency ${ CONCURRENCY }, ${ FEATURES.length } features over ${ PROVIDERS.length } providers, seed "${ SEED }", database restart ${ DB_RESTART && RESTART_CMD ? 'at request ' + Math.floor( N / 2 ) : 'off' }`
);
const { records, restart } = await load();
const loadMs = performance.now() - t0;
fakeLog = await ( await fetch( `${ FAKE }/__requests` ) ).json();
for ( const p of PROVIDERS ) {
	keysOf[ p.id ] = await must(
		'GET',
		`/ai-failover/v1/providers/${ p.id }/keys`
	);
}
const { names, violations, examples, rows, upstream, faults, state } =
	check( records );

const count = ( list, fn ) =>
	list.reduce( ( acc, x ) => {
		const k = fn( x );
		acc[ k ] = ( acc[ k ] ?? 0 ) + 1;
		return acc;
	}, {} );
const fmt = ( o ) =>
	Object.entries( o )
		.sort( ( a, b ) => b[ 1 ] - a[ 1 ] )
		.map( ( [ k, v ] ) => `${ k } ${ v }` )
		.join( ', ' );
const sorted = records.map( ( r ) => r.ms ).sort( ( a, b ) => a - b );
const pct = ( p ) =>
	Math.round(
		sorted[
			Math.min(
				sorted.length - 1,
				Math.floor( ( p / 100 ) * sorted.length )
			)
		]
	);
console.log( '' );
console.log(
	`requests      ${ records.length } in ${ ( loadMs / 1000 ).toFixed( 1 ) } s (${ ( records.length / ( loadMs / 1000 ) ).toFixed( 1 ) } req/s), client p50 ${ pct( 50 ) } ms, p99 ${ pct( 99 ) } ms`
);
console.log(
	`runs          ${ fmt(
		count(
			records.filter( ( r ) => r.result ),
			( r ) => `${ r.result.status }${ r.stream ? ' (stream)' : '' }`
		)
	) }`
);
console.log(
	`no run        ${
		fmt(
			count(
				records.filter( ( r ) => ! r.result ),
				( r ) => r.error
			)
		) || 'none'
	}`
);
console.log(
	`nodes         ${ fmt( count( records, ( r ) => r.node ?? 'none' ) ) }`
);
console.log(
	`db restart    ${ restart ? `exit ${ restart.code } after ${ restart.ms } ms` : 'none' }`
);
console.log(
	`upstream      ${ fakeLog.length } requests at the fake provider; ${ upstream.length } attempts logged (${ rows.length } rows with skips)`
);
console.log( `faults drawn  ${ fmt( faults ) }` );
console.log(
	`state         ${ fmt( count( state, ( s ) => ( s.key_id ? `key ${ s.key_state }` : `breaker ${ s.breaker }` ) + ( s.key_id && s.breaker !== 'closed' ? ` (breaker ${ s.breaker })` : '' ) ) ) }; longest run ${ Math.round( Math.max( 0, ...records.map( ( r ) => r.result?.duration_ms ?? 0 ) ) ) } ms (budget ${ BUDGET_MS } ms)`
);
console.log(
	`attempts      ${ fmt( count( upstream, ( r ) => r.class ?? r.outcome ) ) }`
);
console.log( '' );
console.log( '| invariant | violations |' );
console.log( '|---|---|' );
for ( const n of names ) {
	console.log( `| ${ n } | ${ violations[ n ] } |` );
}
let bad = 0;
for ( const n of names ) {
	if ( violations[ n ] ) {
		bad++;
		for ( const e of examples[ n ] ) {
			console.log( `  ${ n }: ${ e }` );
		}
	}
}
console.log( '' );
console.log(
	`soak: ${ bad ? bad + ' invariant(s) violated' : 'every invariant held' } (${ ( ( performance.now() - t0 ) / 1000 ).toFixed( 1 ) } s in all)`
);
process.exit( bad ? 1 : 0 );
