#!/usr/bin/env node
/**
 * Fake AI provider with fault injection, for the AI Failover tests.
 *
 * Plain Node 20 ESM, no dependencies. Listens on loopback only and never
 * opens an outgoing connection.
 *
 *   node tests/fake-provider/server.mjs --port 8899 [--host 127.0.0.1]
 *        [--hang-max-ms 70000] [--latency-ms 0] [--chunk-delay-ms 5]
 *        [--seed ai-failover] [--require-openai-key] [--no-validate] [--log]
 *
 * Speaks three wire formats (see README.md in this folder):
 *   OpenAI Chat Completions  POST {base}/chat/completions, GET {base}/models[/{id}]
 *                            (also what Ollama and LM Studio serve under /v1)
 *   Anthropic Messages       POST {base}/v1/messages, GET {base}/v1/models[/{id}]
 *   Google Gemini            POST {base}/v1beta/models/{model}:generateContent
 *                            POST {base}/v1beta/models/{model}:streamGenerateContent[?alt=sse]
 *                            GET  {base}/v1beta/models[/{model}]
 *
 * The behaviour ("route") of each request comes from, first match wins:
 *   1. a path prefix  /r/<route>/...  (stripped before dispatch)
 *   2. the API key    fk-<route>-<anything>
 *   3. the model      body.model, or the {model} path segment for Gemini
 * and is `ok` otherwise. A `+tag` suffix (ok+b) only changes the counter key.
 *
 * Control endpoints (not counted): GET /__requests, GET /__stats,
 * POST /__reset, GET /__health.
 */

/**
 * External dependencies
 */
import crypto from 'node:crypto';
import http from 'node:http';
import process from 'node:process';
import { performance } from 'node:perf_hooks';

// ------------------------------------------------------------------ options

function parseArgs( argv ) {
	const out = {};
	for ( let i = 0; i < argv.length; i++ ) {
		const a = argv[ i ];
		if ( ! a.startsWith( '--' ) ) {
			continue;
		}
		const eq = a.indexOf( '=' );
		if ( eq > 0 ) {
			out[ a.slice( 2, eq ) ] = a.slice( eq + 1 );
		} else if (
			i + 1 < argv.length &&
			! argv[ i + 1 ].startsWith( '--' )
		) {
			out[ a.slice( 2 ) ] = argv[ ++i ];
		} else {
			out[ a.slice( 2 ) ] = true;
		}
	}
	return out;
}

const args = parseArgs( process.argv.slice( 2 ) );
const OPT = {
	port: Number( args.port ?? 8899 ),
	host: String( args.host ?? '127.0.0.1' ),
	hangMaxMs: Number( args[ 'hang-max-ms' ] ?? 70000 ),
	latencyMs: Number( args[ 'latency-ms' ] ?? 0 ),
	chunkDelayMs: Number( args[ 'chunk-delay-ms' ] ?? 5 ),
	seed: String( args.seed ?? 'ai-failover' ),
	requireOpenaiKey: !! args[ 'require-openai-key' ],
	validate: ! args[ 'no-validate' ],
	log: !! args.log,
};
const MAX_BODY_BYTES = 4 * 1024 * 1024;
const MAX_LOG_ENTRIES = 100000;

if ( args.help || args.h ) {
	process.stdout.write(
		'usage: node server.mjs --port 8899 [--host 127.0.0.1] [--hang-max-ms 70000] [--latency-ms 0]\n' +
			'       [--chunk-delay-ms 5] [--seed ai-failover] [--require-openai-key] [--no-validate] [--log]\n'
	);
	process.exit( 0 );
}
for ( const k of [ 'port', 'hangMaxMs', 'latencyMs', 'chunkDelayMs' ] ) {
	if ( ! Number.isFinite( OPT[ k ] ) || OPT[ k ] < 0 ) {
		process.stderr.write( `fake-provider: bad value for ${ k }\n` );
		process.exit( 2 );
	}
}
// Loopback only: this server must never be reachable from outside the machine.
if ( ! /^(127\.\d{1,3}\.\d{1,3}\.\d{1,3}|localhost|::1)$/.test( OPT.host ) ) {
	process.stderr.write(
		`fake-provider: refusing to listen on ${ OPT.host } (loopback addresses only)\n`
	);
	process.exit( 2 );
}

// ------------------------------------------------------------------ small helpers

const hex = ( n ) =>
	crypto
		.randomBytes( Math.ceil( n / 2 ) )
		.toString( 'hex' )
		.slice( 0, n );
const B62 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const b62 = ( n ) =>
	Array.from( crypto.randomBytes( n ), ( b ) => B62[ b % 62 ] ).join( '' );
const unixNow = () => Math.floor( Date.now() / 1000 );
const tokensOf = ( s ) =>
	s ? Math.max( 1, Math.ceil( String( s ).length / 4 ) ) : 0;
const fingerprint = ( key ) =>
	key
		? crypto
				.createHash( 'sha256' )
				.update( key )
				.digest( 'hex' )
				.slice( 0, 8 )
		: null;

function safeDecode( s ) {
	try {
		return decodeURIComponent( s );
	} catch {
		return s;
	}
}

// Masks a key the way OpenAI echoes it in 401 messages (prefix, stars, last 4).
function maskKey( key ) {
	if ( ! key ) {
		return '';
	}
	if ( key.length < 12 ) {
		return '*'.repeat( key.length );
	}
	return key.slice( 0, 3 ) + '*'.repeat( key.length - 7 ) + key.slice( -4 );
}

/**
 * Resolves after `ms`, or early when the response closes (client went away,
 * or the hang cap destroyed the socket). Returns true when still writable.
 *
 * @param {number}              ms  Delay.
 * @param {http.ServerResponse} res The response being served.
 * @return {Promise<boolean>} Whether the response is still open.
 */
function wait( ms, res ) {
	if ( res.destroyed ) {
		return Promise.resolve( false );
	}
	if ( ms <= 0 ) {
		return Promise.resolve( true );
	}
	return new Promise( ( resolve ) => {
		const done = () => {
			clearTimeout( t );
			res.off( 'close', done );
			resolve( ! res.destroyed );
		};
		const t = setTimeout( done, ms );
		res.on( 'close', done );
	} );
}

// ------------------------------------------------------------------ routes

/**
 * Parses a route name. Returns null for names that are not routes (real model
 * names, ordinary keys), so the next source can match.
 *
 * @param {string} raw Route name, optionally with a `+tag` suffix.
 */
function parseRoute( raw ) {
	if ( raw === null || raw === undefined || raw === '' ) {
		return null;
	}
	const key = String( raw ).trim();
	const plus = key.indexOf( '+' );
	const base = ( plus >= 0 ? key.slice( 0, plus ) : key ).toLowerCase();
	const spec = parseRouteBase( base );
	return spec ? { key, base, ...spec } : null;
}

const SIMPLE_ROUTES = {
	ok: { kind: 'ok' },
	hang: { kind: 'hang' },
	empty: { kind: 'ok', empty: true },
	'no-done': { kind: 'ok', noDone: true },
	reset: { kind: 'reset' },
	'invalid-json': { kind: 'invalid-json', variant: 'html' },
	'invalid-json-truncated': { kind: 'invalid-json', variant: 'truncated' },
	quota: { kind: 'error', error: 'quota' },
	'context-length': { kind: 'error', error: 'context-length' },
	'content-policy': { kind: 'error', error: 'content-policy' },
	'content-filter': { kind: 'error', error: 'content-filter' },
	'bad-key': { kind: 'error', error: 'bad-key' },
	'bad-key-gemini': { kind: 'error', error: 'bad-key' },
	'leak-key-tail': { kind: 'error', error: 'leak-key', leak: 'tail' },
	'leak-key-prefix': { kind: 'error', error: 'leak-key', leak: 'prefix' },
	'auth-401': { kind: 'error', error: 'status', status: 401 },
	'bad-400': { kind: 'error', error: 'status', status: 400 },
};

function parseRouteBase( b ) {
	if ( Object.hasOwn( SIMPLE_ROUTES, b ) ) {
		return SIMPLE_ROUTES[ b ];
	}
	let m;
	if ( ( m = /^fail-429-ra(\d+)$/.exec( b ) ) ) {
		return {
			kind: 'error',
			error: 'status',
			status: 429,
			retryAfterS: Number( m[ 1 ] ),
		};
	}
	if ( ( m = /^fail-429-ms(\d+)$/.exec( b ) ) ) {
		return {
			kind: 'error',
			error: 'status',
			status: 429,
			retryAfterMs: Number( m[ 1 ] ),
		};
	}
	if ( ( m = /^fail-429-body(\d+(?:\.\d+)?)$/.exec( b ) ) ) {
		return {
			kind: 'error',
			error: 'status',
			status: 429,
			retryInBodyS: m[ 1 ],
		};
	}
	if ( ( m = /^fail-([1-5]\d\d)$/.exec( b ) ) ) {
		const status = Number( m[ 1 ] );
		return status >= 400
			? { kind: 'error', error: 'status', status }
			: null;
	}
	if ( ( m = /^slow-(\d+)$/.exec( b ) ) ) {
		return { kind: 'ok', delayMs: Number( m[ 1 ] ) };
	}
	if ( ( m = /^slowfirst-(\d+)$/.exec( b ) ) ) {
		return { kind: 'ok', firstByteDelayMs: Number( m[ 1 ] ) };
	}
	if ( ( m = /^trickle-(\d+)$/.exec( b ) ) ) {
		return { kind: 'ok', frameGapMs: Number( m[ 1 ] ) };
	}
	if ( ( m = /^midstream-cut(?:-(\d+))?$/.exec( b ) ) ) {
		return {
			kind: 'ok',
			cutAfter: m[ 1 ] === undefined ? 3 : Number( m[ 1 ] ),
		};
	}
	if ( ( m = /^flaky-(\d*\.?\d+)(?:-([45]\d\d))?$/.exec( b ) ) ) {
		const p = Number( m[ 1 ] );
		if ( p < 0 || p > 1 ) {
			return null;
		}
		return { kind: 'flaky', p, status: Number( m[ 2 ] ?? 503 ) };
	}
	if ( ( m = /^chaos-(\d*\.?\d+)$/.exec( b ) ) ) {
		const p = Number( m[ 1 ] );
		return p >= 0 && p <= 1 ? { kind: 'chaos', p } : null;
	}
	return null;
}

// What a chaos-<p> route fails with, drawn evenly: every fault a provider shows in production that
// a client can survive or must report (the soak's mix).
const CHAOS_FAULTS = [
	'fail-429-ra1',
	'fail-500',
	'fail-503',
	'fail-529',
	'hang',
	'reset',
	'empty',
	'invalid-json',
	'midstream-cut-2',
];

// `fk-<route>-<anything>`: the route is everything between `fk-` and the last `-`.
function routeFromKey( key ) {
	if ( ! key || ! key.startsWith( 'fk-' ) ) {
		return null;
	}
	const rest = key.slice( 3 );
	const cut = rest.lastIndexOf( '-' );
	return parseRoute( cut > 0 ? rest.slice( 0, cut ) : rest );
}

// Deterministic randomness for flaky-*: one counter per route key, hashed with the seed.
let flakyCounters = new Map();
function flakyDraw( routeKey ) {
	const n = ( flakyCounters.get( routeKey ) ?? 0 ) + 1;
	flakyCounters.set( routeKey, n );
	const h = crypto
		.createHash( 'sha256' )
		.update( `${ OPT.seed }|${ routeKey }|${ n }` )
		.digest();
	return h.readUInt32BE( 0 ) / 0x100000000;
}

// ------------------------------------------------------------------ request log and counters

let epoch = performance.now();
let seq = 0;
let requestLog = [];
let droppedEntries = 0;
let stats = Object.create( null );

function statsFor( key ) {
	return ( stats[ key ] ??= {
		requests: 0,
		by_provider: {},
		by_status: {},
		aborted: 0,
		cut: 0,
	} );
}

function newEntry( fields ) {
	const entry = {
		seq: ++seq,
		at_ms: Math.round( performance.now() - epoch ),
		provider: fields.provider,
		route: fields.route,
		route_source: fields.routeSource,
		endpoint: fields.endpoint,
		method: fields.method,
		path: fields.path,
		model: fields.model ?? null,
		key_fingerprint: fingerprint( fields.key ),
		stream: !! fields.stream,
		fault: null,
		status: null,
		aborted: false,
		cut: false,
		duration_ms: null,
	};
	requestLog.push( entry );
	if ( requestLog.length > MAX_LOG_ENTRIES ) {
		requestLog.shift();
		droppedEntries++;
	}
	const s = statsFor( entry.route );
	s.requests++;
	s.by_provider[ entry.provider ] =
		( s.by_provider[ entry.provider ] ?? 0 ) + 1;
	return entry;
}

function markStatus( entry, status ) {
	if ( entry && entry.status === null ) {
		entry.status = status;
		const s = statsFor( entry.route );
		s.by_status[ status ] = ( s.by_status[ status ] ?? 0 ) + 1;
	}
}

function markCut( entry, res ) {
	if ( entry && ! entry.cut ) {
		entry.cut = true;
		statsFor( entry.route ).cut++;
	}
	res.socket?.destroy();
	res.destroy();
}

// ------------------------------------------------------------------ provider detection and keys

function bearer( headers ) {
	const m = /^Bearer\s+(.+)$/i.exec( String( headers.authorization ?? '' ) );
	return m ? m[ 1 ].trim() : null;
}

/**
 * Works out which API a request is for. Returns { provider, endpoint, model? }
 * or { provider, endpoint: 'unknown' }.
 *
 * @param {string}          method
 * @param {string}          path    Path without the /r/<route> prefix.
 * @param {Object}          headers
 * @param {URLSearchParams} query
 */
function detectEndpoint( method, path, headers, query ) {
	let m;
	if (
		( m = /\/models\/([^/]+):(generateContent|streamGenerateContent)$/.exec(
			path
		) )
	) {
		if ( method !== 'POST' ) {
			return { provider: 'gemini', endpoint: 'unknown' };
		}
		return {
			provider: 'gemini',
			endpoint:
				m[ 2 ] === 'generateContent' ? 'generate' : 'stream-generate',
			gen: true,
			model: safeDecode( m[ 1 ] ),
		};
	}
	const looksGemini =
		/\/v1(beta|alpha)\d*\//.test( path + '/' ) ||
		headers[ 'x-goog-api-key' ] !== undefined ||
		query.has( 'key' );
	const looksAnthropic =
		headers[ 'anthropic-version' ] !== undefined ||
		headers[ 'x-api-key' ] !== undefined;
	if ( /\/chat\/completions$/.test( path ) ) {
		return {
			provider: 'openai',
			endpoint: method === 'POST' ? 'chat' : 'unknown',
			gen: method === 'POST',
		};
	}
	if ( /\/v1\/messages$/.test( path ) ) {
		return {
			provider: 'anthropic',
			endpoint: method === 'POST' ? 'messages' : 'unknown',
			gen: method === 'POST',
		};
	}
	let provider = 'openai';
	if ( looksGemini ) {
		provider = 'gemini';
	} else if ( looksAnthropic ) {
		provider = 'anthropic';
	}
	if ( method === 'GET' && /\/models$/.test( path ) ) {
		return { provider, endpoint: 'models' };
	}
	if ( method === 'GET' && ( m = /\/models\/([^/]+)$/.exec( path ) ) ) {
		return { provider, endpoint: 'model', model: safeDecode( m[ 1 ] ) };
	}
	return { provider, endpoint: 'unknown' };
}

function apiKeyFor( provider, headers, query ) {
	if ( provider === 'anthropic' ) {
		return headers[ 'x-api-key' ] ? String( headers[ 'x-api-key' ] ) : null;
	}
	if ( provider === 'gemini' ) {
		if ( headers[ 'x-goog-api-key' ] ) {
			return String( headers[ 'x-goog-api-key' ] );
		}
		return query.get( 'key' ) || null;
	}
	return bearer( headers );
}

// ------------------------------------------------------------------ prompt helpers

function textOfContent( content ) {
	if ( typeof content === 'string' ) {
		return content;
	}
	if ( Array.isArray( content ) ) {
		return content
			.map( ( p ) => ( typeof p === 'string' ? p : ( p?.text ?? '' ) ) )
			.filter( Boolean )
			.join( ' ' );
	}
	return '';
}

function promptInfo( provider, body ) {
	let all = '';
	let lastUser = '';
	try {
		if ( provider === 'gemini' ) {
			const contents = Array.isArray( body.contents )
				? body.contents
				: [];
			for ( const c of contents ) {
				const t = ( c?.parts ?? [] )
					.map( ( p ) => p?.text ?? '' )
					.join( ' ' );
				all += t + ' ';
				if ( ! c?.role || c.role === 'user' ) {
					lastUser = t;
				}
			}
			all += textOfContent( body.systemInstruction?.parts ?? [] );
		} else {
			const msgs = Array.isArray( body.messages ) ? body.messages : [];
			for ( const msg of msgs ) {
				const t = textOfContent( msg?.content );
				all += t + ' ';
				if ( msg?.role === 'user' ) {
					lastUser = t;
				}
			}
			if ( provider === 'anthropic' ) {
				all += textOfContent( body.system );
			}
		}
	} catch {
		// Malformed shapes are caught by validation; the echo is best effort.
	}
	return { promptTokens: tokensOf( all.trim() ) || 1, lastUser };
}

function replyText( route, lastUser ) {
	const echo = Array.from( String( lastUser ).replace( /\s+/g, ' ' ).trim() )
		.slice( 0, 40 )
		.join( '' );
	return `Fake reply (route=${ route.key }). You said: ${ echo || '(nothing)' }`;
}

// Splits text into about `n` pieces on word boundaries (whitespace kept).
function pieces( text, n = 6 ) {
	if ( ! text ) {
		return [];
	}
	const words = text.split( /(?<=\s)/ );
	const per = Math.max( 1, Math.ceil( words.length / n ) );
	const out = [];
	for ( let i = 0; i < words.length; i += per ) {
		out.push( words.slice( i, i + per ).join( '' ) );
	}
	return out;
}

// ------------------------------------------------------------------ error bodies (real shapes)

const RATE_HINT = ( s ) =>
	s === undefined ? '' : ` Please try again in ${ s }s.`;

// [message, type, param, code] per status, as OpenAI sends them.
function openaiError( status, ctx ) {
	const table = {
		400: [
			'Unrecognized request argument supplied: fake_param',
			'invalid_request_error',
			null,
			null,
		],
		401: [
			`Incorrect API key provided: ${ maskKey( ctx.key ) }. You can find your API key at https://platform.openai.com/account/api-keys.`,
			'invalid_request_error',
			null,
			'invalid_api_key',
		],
		402: [
			'Insufficient Balance',
			'invalid_request_error',
			null,
			'insufficient_balance',
		],
		403: [
			'Country, region, or territory not supported',
			'request_forbidden',
			null,
			'unsupported_country_region_territory',
		],
		404: [
			`The model \`${ ctx.model ?? 'unknown' }\` does not exist or you do not have access to it.`,
			'invalid_request_error',
			null,
			'model_not_found',
		],
		408: [ 'Request timed out.', 'invalid_request_error', null, 'timeout' ],
		409: [
			'The request conflicted with another request in progress. Please try again.',
			'invalid_request_error',
			null,
			'conflict',
		],
		413: [
			'Request too large. The request body exceeds the maximum allowed size.',
			'invalid_request_error',
			null,
			'request_too_large',
		],
		422: [
			'Unprocessable request: the request could not be processed.',
			'invalid_request_error',
			null,
			null,
		],
		429: [
			`Rate limit reached for ${ ctx.model ?? 'gpt-4o-mini' } in organization org-fakeprovider on requests per min (RPM): Limit 3, Used 3, Requested 1.${ RATE_HINT(
				ctx.route.retryInBodyS
			) } Visit https://platform.openai.com/account/rate-limits to learn more.`,
			'requests',
			null,
			'rate_limit_exceeded',
		],
		500: [
			'The server had an error while processing your request. Sorry about that!',
			'server_error',
			null,
			null,
		],
		502: [ 'Bad gateway.', 'cf_bad_gateway', null, 502 ],
		503: [
			'The server is overloaded or not ready yet.',
			'server_error',
			null,
			'service_unavailable',
		],
		504: [ 'Gateway timeout.', 'cf_gateway_timeout', null, 504 ],
		529: [
			'The server is overloaded. Please try again later.',
			'server_error',
			null,
			'overloaded',
		],
	};
	const [ message, type, param, code ] = table[ status ] ?? [
		`Upstream returned status ${ status }.`,
		status >= 500 ? 'server_error' : 'invalid_request_error',
		null,
		null,
	];
	return { error: { message, type, param, code } };
}

// [type, message] per status, as Anthropic sends them.
function anthropicError( status, ctx ) {
	const table = {
		400: [
			'invalid_request_error',
			'temperature: Input should be less than or equal to 1',
		],
		401: [ 'authentication_error', 'invalid x-api-key' ],
		402: [
			'billing_error',
			'There is an issue with your billing or payment information. Please check Plans & Billing.',
		],
		403: [
			'permission_error',
			'Your API key does not have permission to use the specified resource.',
		],
		404: [ 'not_found_error', `model: ${ ctx.model ?? 'unknown' }` ],
		413: [
			'request_too_large',
			'Request exceeds the maximum allowed number of bytes. The maximum request size is 32 MB for standard API endpoints.',
		],
		429: [
			'rate_limit_error',
			`This request would exceed the rate limit for your organization (00000000-0000-4000-8000-000000000000) of 50 requests per minute. For details, refer to: https://docs.claude.com/en/api/rate-limits. You can see the response headers for current usage.${ RATE_HINT(
				ctx.route.retryInBodyS
			) } Please reduce the prompt length or the maximum tokens requested, or try again later.`,
		],
		500: [ 'api_error', 'Internal server error' ],
		502: [ 'api_error', 'Bad gateway' ],
		503: [ 'api_error', 'Service unavailable' ],
		504: [ 'timeout_error', 'Request timed out' ],
		529: [ 'overloaded_error', 'Overloaded' ],
	};
	const [ type, message ] = table[ status ] ?? [
		status >= 500 ? 'api_error' : 'invalid_request_error',
		status >= 500
			? 'Internal server error'
			: `Request failed with status ${ status }`,
	];
	return anthropicErrorBody( type, message, ctx );
}

function anthropicErrorBody( type, message, ctx ) {
	return {
		type: 'error',
		error: { type, message },
		request_id: ctx.requestId,
	};
}

// [status name, message] per HTTP status, as the Gemini API sends them.
function geminiError( status, ctx ) {
	const table = {
		400: [ 'INVALID_ARGUMENT', 'Request contains an invalid argument.' ],
		401: [
			'UNAUTHENTICATED',
			'Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.',
		],
		402: [
			'FAILED_PRECONDITION',
			'Billing is not enabled for this project.',
		],
		403: [ 'PERMISSION_DENIED', 'The caller does not have permission' ],
		404: [
			'NOT_FOUND',
			`models/${ ctx.model ?? 'unknown' } is not found for API version v1beta, or is not supported for generateContent. Call ListModels to see the list of available models and their supported methods.`,
		],
		408: [ 'DEADLINE_EXCEEDED', 'Request timed out.' ],
		409: [
			'ABORTED',
			'The operation was aborted due to a concurrency conflict.',
		],
		413: [
			'INVALID_ARGUMENT',
			'Request payload size exceeds the limit: 20971520 bytes.',
		],
		422: [ 'INVALID_ARGUMENT', 'Request contains an invalid argument.' ],
		429: [
			'RESOURCE_EXHAUSTED',
			'Resource has been exhausted (e.g. check quota).',
		],
		500: [
			'INTERNAL',
			'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
		],
		502: [ 'UNAVAILABLE', 'Bad Gateway' ],
		503: [
			'UNAVAILABLE',
			'The model is overloaded. Please try again later.',
		],
		504: [
			'DEADLINE_EXCEEDED',
			'Deadline expired before operation could complete.',
		],
		529: [
			'UNAVAILABLE',
			'The model is overloaded. Please try again later.',
		],
	};
	const [ st, message ] = table[ status ] ?? [
		status >= 500 ? 'INTERNAL' : 'INVALID_ARGUMENT',
		`Request failed with status ${ status }.`,
	];
	const error = { code: status, message, status: st };
	if ( status === 429 && ctx.route.retryInBodyS !== undefined ) {
		error.details = [
			{
				'@type': 'type.googleapis.com/google.rpc.QuotaFailure',
				violations: [ geminiQuotaViolation( ctx.model, 'PerMinute' ) ],
			},
			{
				'@type': 'type.googleapis.com/google.rpc.Help',
				links: [
					{
						description: 'Learn more about Gemini API quotas',
						url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
					},
				],
			},
			{
				'@type': 'type.googleapis.com/google.rpc.RetryInfo',
				retryDelay: `${ ctx.route.retryInBodyS }s`,
			},
		];
	}
	return { error };
}

function geminiQuotaViolation( model, per ) {
	return {
		quotaMetric:
			'generativelanguage.googleapis.com/generate_content_free_tier_requests',
		quotaId: `GenerateRequests${ per }PerProjectPerModel-FreeTier`,
		quotaDimensions: {
			location: 'global',
			model: model ?? 'gemini-2.0-flash',
		},
		quotaValue: per === 'PerDay' ? '200' : '15',
	};
}

/**
 * Builds the error reply for `route` in the provider's format.
 * Returns { status, body, headers? } (body is an object).
 *
 * @param {string} provider
 * @param {Object} route    Parsed route (error kinds, or flaky with a status).
 * @param {Object} ctx      { model, key, requestId, route }
 */
function errorReply( provider, route, ctx ) {
	const kind = route.error ?? 'status';
	if ( kind === 'quota' ) {
		if ( provider === 'openai' ) {
			return {
				status: 429,
				body: {
					error: {
						message:
							'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
						type: 'insufficient_quota',
						param: null,
						code: 'insufficient_quota',
					},
				},
			};
		}
		if ( provider === 'anthropic' ) {
			return {
				status: 400,
				body: anthropicErrorBody(
					'invalid_request_error',
					'Your credit balance is too low to access the Anthropic API. Please go to Plans & Billing to upgrade or purchase credits.',
					ctx
				),
			};
		}
		return {
			status: 429,
			body: {
				error: {
					code: 429,
					message:
						'You exceeded your current quota, please check your plan and billing details. For more information on this error, head to: https://ai.google.dev/gemini-api/docs/rate-limits.',
					status: 'RESOURCE_EXHAUSTED',
					details: [
						{
							'@type':
								'type.googleapis.com/google.rpc.QuotaFailure',
							violations: [
								geminiQuotaViolation( ctx.model, 'PerDay' ),
							],
						},
						{
							'@type': 'type.googleapis.com/google.rpc.Help',
							links: [
								{
									description:
										'Learn more about Gemini API quotas',
									url: 'https://ai.google.dev/gemini-api/docs/rate-limits',
								},
							],
						},
					],
				},
			},
		};
	}
	if ( kind === 'context-length' ) {
		if ( provider === 'openai' ) {
			return {
				status: 400,
				body: {
					error: {
						message:
							"This model's maximum context length is 128000 tokens. However, your messages resulted in 210431 tokens. Please reduce the length of the messages.",
						type: 'invalid_request_error',
						param: 'messages',
						code: 'context_length_exceeded',
					},
				},
			};
		}
		if ( provider === 'anthropic' ) {
			return {
				status: 400,
				body: anthropicErrorBody(
					'invalid_request_error',
					'prompt is too long: 210431 tokens > 200000 maximum',
					ctx
				),
			};
		}
		return {
			status: 400,
			body: {
				error: {
					code: 400,
					message:
						'The input token count (2105310) exceeds the maximum number of tokens allowed (1048576).',
					status: 'INVALID_ARGUMENT',
				},
			},
		};
	}
	if ( kind === 'content-policy' || kind === 'content-filter' ) {
		if ( provider === 'openai' && kind === 'content-filter' ) {
			// Azure OpenAI's shape (OpenAI-compatible deployments).
			return {
				status: 400,
				body: {
					error: {
						message:
							"The response was filtered due to the prompt triggering Azure OpenAI's content management policy. Please modify your prompt and retry.",
						type: null,
						param: 'prompt',
						code: 'content_filter',
						status: 400,
						innererror: {
							code: 'ResponsibleAIPolicyViolation',
							content_filter_result: {
								hate: { filtered: false, severity: 'safe' },
								self_harm: {
									filtered: false,
									severity: 'safe',
								},
								sexual: { filtered: false, severity: 'safe' },
								violence: { filtered: true, severity: 'high' },
							},
						},
					},
				},
			};
		}
		if ( provider === 'openai' ) {
			return {
				status: 400,
				body: {
					error: {
						message:
							'Your request was rejected as a result of our safety system. Your prompt may contain text that is not allowed by our safety system.',
						type: 'invalid_request_error',
						param: null,
						code: 'content_policy_violation',
					},
				},
			};
		}
		if ( provider === 'anthropic' ) {
			return {
				status: 400,
				body: anthropicErrorBody(
					'invalid_request_error',
					'Output blocked by content filtering policy',
					ctx
				),
			};
		}
		return null; // Gemini blocks with a 200 reply: see geminiBlocked().
	}
	if ( kind === 'leak-key' ) {
		// What a careless provider or proxy does: the whole key at the end of a long message, or
		// its first 12 characters. Tests check that neither reaches anything the plugin stores.
		const key = ctx.key ?? '';
		const message =
			route.leak === 'prefix'
				? `Incorrect API key provided: ${ key.slice( 0, 12 ) }. Check the key and try again.`
				: `Invalid authentication. ${ 'The upstream gateway rejected the credentials of this request. '.repeat(
						3
					) }Please check the key sent: ${ key }`;
		if ( provider === 'anthropic' ) {
			return {
				status: 401,
				body: anthropicErrorBody(
					'authentication_error',
					message,
					ctx
				),
			};
		}
		if ( provider === 'gemini' ) {
			return {
				status: 401,
				body: {
					error: { code: 401, message, status: 'UNAUTHENTICATED' },
				},
			};
		}
		return {
			status: 401,
			body: {
				error: {
					message,
					type: 'invalid_request_error',
					param: null,
					code: 'invalid_api_key',
				},
			},
		};
	}
	if ( kind === 'bad-key' ) {
		if ( provider === 'gemini' ) {
			const message = 'API key not valid. Please pass a valid API key.';
			return {
				status: 400,
				body: {
					error: {
						code: 400,
						message,
						status: 'INVALID_ARGUMENT',
						details: [
							{
								'@type':
									'type.googleapis.com/google.rpc.ErrorInfo',
								reason: 'API_KEY_INVALID',
								domain: 'googleapis.com',
								metadata: {
									service:
										'generativelanguage.googleapis.com',
								},
							},
							{
								'@type':
									'type.googleapis.com/google.rpc.LocalizedMessage',
								locale: 'en-US',
								message,
							},
						],
					},
				},
			};
		}
		return errorReply( provider, { error: 'status', status: 401 }, ctx );
	}
	const status = route.status;
	let body;
	if ( provider === 'openai' ) {
		body = openaiError( status, ctx );
	} else if ( provider === 'anthropic' ) {
		body = anthropicError( status, ctx );
	} else {
		body = geminiError( status, ctx );
	}
	return {
		status,
		body,
		headers: rateLimitHeaders( provider, status, route ),
	};
}

function rateLimitHeaders( provider, status, route ) {
	const h = {};
	if ( status !== 429 ) {
		return h;
	}
	if ( route.retryAfterS !== undefined ) {
		h[ 'retry-after' ] = String( route.retryAfterS );
	}
	if ( route.retryAfterMs !== undefined ) {
		h[ 'retry-after-ms' ] = String( route.retryAfterMs );
	}
	if ( provider === 'openai' ) {
		h[ 'x-ratelimit-limit-requests' ] = '3';
		h[ 'x-ratelimit-remaining-requests' ] = '0';
		h[ 'x-ratelimit-limit-tokens' ] = '40000';
		h[ 'x-ratelimit-remaining-tokens' ] = '39990';
		if ( route.retryAfterS !== undefined ) {
			h[ 'x-ratelimit-reset-requests' ] = `${ route.retryAfterS }s`;
		}
	} else if ( provider === 'anthropic' ) {
		h[ 'anthropic-ratelimit-requests-limit' ] = '50';
		h[ 'anthropic-ratelimit-requests-remaining' ] = '0';
		if ( route.retryAfterS !== undefined ) {
			h[ 'anthropic-ratelimit-requests-reset' ] = new Date(
				Date.now() + route.retryAfterS * 1000
			)
				.toISOString()
				.replace( /\.\d{3}Z$/, 'Z' );
		}
	}
	return h;
}

// Error replies for requests the real API would refuse before looking at them.

function missingKeyReply( provider ) {
	if ( provider === 'anthropic' ) {
		return {
			status: 401,
			type: 'authentication_error',
			message: 'x-api-key header is required',
		};
	}
	if ( provider === 'gemini' ) {
		return {
			status: 403,
			gemini: {
				error: {
					code: 403,
					message:
						"Method doesn't allow unregistered callers (callers without established identity). Please use API key or other form of API consumer identity to call this API.",
					status: 'PERMISSION_DENIED',
				},
			},
		};
	}
	return {
		status: 401,
		openai: {
			error: {
				message:
					"You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
				type: 'invalid_request_error',
				param: null,
				code: null,
			},
		},
	};
}

// Request-level 400s (bad JSON, missing fields). Returns null when the request is fine.
function validationError( provider, endpoint, body, parseFailed ) {
	if ( provider === 'openai' ) {
		const e = ( message, param = null, code = null ) => ( {
			status: 400,
			body: {
				error: { message, type: 'invalid_request_error', param, code },
			},
		} );
		if ( parseFailed ) {
			return e(
				"We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)"
			);
		}
		if ( ! OPT.validate ) {
			return null;
		}
		if ( typeof body.model !== 'string' || ! body.model ) {
			return e( 'you must provide a model parameter' );
		}
		if ( ! Array.isArray( body.messages ) ) {
			return e(
				"Missing required parameter: 'messages'.",
				'messages',
				'missing_required_parameter'
			);
		}
		if ( body.messages.length === 0 ) {
			return e(
				"Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
				'messages',
				'empty_array'
			);
		}
		return null;
	}
	if ( provider === 'anthropic' ) {
		const e = ( message ) => ( {
			status: 400,
			anthropic: [ 'invalid_request_error', message ],
		} );
		if ( parseFailed ) {
			return e(
				'There was an error parsing the body of your request. Please ensure it is valid JSON.'
			);
		}
		if ( ! OPT.validate ) {
			return null;
		}
		for ( const f of [ 'model', 'messages', 'max_tokens' ] ) {
			if ( body[ f ] === undefined ) {
				return e( `${ f }: Field required` );
			}
		}
		if ( ! Array.isArray( body.messages ) ) {
			return e( 'messages: Input should be a valid list' );
		}
		if ( ! Number.isInteger( body.max_tokens ) || body.max_tokens < 1 ) {
			return e(
				'max_tokens: Input should be greater than or equal to 1'
			);
		}
		return null;
	}
	const e = ( message ) => ( {
		status: 400,
		body: { error: { code: 400, message, status: 'INVALID_ARGUMENT' } },
	} );
	if ( parseFailed ) {
		return e( 'Invalid JSON payload received. Unexpected token.' );
	}
	if ( ! OPT.validate || endpoint === 'models' || endpoint === 'model' ) {
		return null;
	}
	if ( ! Array.isArray( body.contents ) || body.contents.length === 0 ) {
		return e(
			'* GenerateContentRequest.contents: contents is not specified\n'
		);
	}
	return null;
}

// ------------------------------------------------------------------ success bodies

const FINGERPRINT = 'fp_fakeprov01';

function openaiCompletion( model, text, pt ) {
	const ct = tokensOf( text );
	return {
		id: 'chatcmpl-' + b62( 29 ),
		object: 'chat.completion',
		created: unixNow(),
		model,
		choices: [
			{
				index: 0,
				message: {
					role: 'assistant',
					content: text,
					refusal: null,
					annotations: [],
				},
				logprobs: null,
				finish_reason: 'stop',
			},
		],
		usage: openaiUsage( pt, ct ),
		service_tier: 'default',
		system_fingerprint: FINGERPRINT,
	};
}

function openaiUsage( pt, ct ) {
	return {
		prompt_tokens: pt,
		completion_tokens: ct,
		total_tokens: pt + ct,
		prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
		completion_tokens_details: {
			reasoning_tokens: 0,
			audio_tokens: 0,
			accepted_prediction_tokens: 0,
			rejected_prediction_tokens: 0,
		},
	};
}

// SSE frames for an OpenAI chat stream. `complete: false` drops the end (no finish, no usage, no [DONE]).
function openaiFrames( model, text, pt, includeUsage, complete ) {
	const id = 'chatcmpl-' + b62( 29 );
	const created = unixNow();
	const chunk = ( choices, usage ) => {
		const o = {
			id,
			object: 'chat.completion.chunk',
			created,
			model,
			service_tier: 'default',
			system_fingerprint: FINGERPRINT,
			choices,
		};
		if ( includeUsage ) {
			o.usage = usage ?? null;
		}
		return `data: ${ JSON.stringify( o ) }\n\n`;
	};
	const frames = [
		chunk( [
			{
				index: 0,
				delta: { role: 'assistant', content: '', refusal: null },
				logprobs: null,
				finish_reason: null,
			},
		] ),
	];
	for ( const p of pieces( text ) ) {
		frames.push(
			chunk( [
				{
					index: 0,
					delta: { content: p },
					logprobs: null,
					finish_reason: null,
				},
			] )
		);
	}
	if ( ! complete ) {
		return frames;
	}
	frames.push(
		chunk( [
			{ index: 0, delta: {}, logprobs: null, finish_reason: 'stop' },
		] )
	);
	if ( includeUsage ) {
		frames.push( chunk( [], openaiUsage( pt, tokensOf( text ) ) ) );
	}
	frames.push( 'data: [DONE]\n\n' );
	return frames;
}

function anthropicMessage( model, text, pt ) {
	return {
		id: 'msg_' + b62( 24 ),
		type: 'message',
		role: 'assistant',
		model,
		content: text ? [ { type: 'text', text } ] : [],
		stop_reason: 'end_turn',
		stop_sequence: null,
		usage: anthropicUsage( pt, tokensOf( text ) ),
	};
}

function anthropicUsage( pt, ct ) {
	return {
		input_tokens: pt,
		cache_creation_input_tokens: 0,
		cache_read_input_tokens: 0,
		output_tokens: ct,
		service_tier: 'standard',
	};
}

function anthropicFrames( model, text, pt, complete ) {
	const ev = ( type, data ) =>
		`event: ${ type }\ndata: ${ JSON.stringify( { type, ...data } ) }\n\n`;
	const msg = anthropicMessage( model, '', pt );
	msg.stop_reason = null;
	msg.usage.output_tokens = 1;
	const frames = [ ev( 'message_start', { message: msg } ) ];
	const parts = pieces( text );
	if ( parts.length ) {
		frames.push(
			ev( 'content_block_start', {
				index: 0,
				content_block: { type: 'text', text: '' },
			} )
		);
	}
	frames.push( ev( 'ping', {} ) );
	for ( const p of parts ) {
		frames.push(
			ev( 'content_block_delta', {
				index: 0,
				delta: { type: 'text_delta', text: p },
			} )
		);
	}
	if ( ! complete ) {
		return frames;
	}
	if ( parts.length ) {
		frames.push( ev( 'content_block_stop', { index: 0 } ) );
	}
	frames.push(
		ev( 'message_delta', {
			delta: { stop_reason: 'end_turn', stop_sequence: null },
			usage: { output_tokens: tokensOf( text ) },
		} )
	);
	frames.push( ev( 'message_stop', {} ) );
	return frames;
}

function geminiResponse(
	model,
	text,
	pt,
	{ finish = true, ct = tokensOf( text ) } = {}
) {
	const cand = { content: { parts: [ { text } ], role: 'model' }, index: 0 };
	if ( ! text ) {
		cand.content = { role: 'model' }; // what the API sends for an empty answer: no parts
	}
	if ( finish ) {
		cand.finishReason = 'STOP';
	}
	const usage = {
		promptTokenCount: pt,
		totalTokenCount: pt + ( finish ? ct : 0 ),
	};
	if ( finish ) {
		usage.candidatesTokenCount = ct;
		usage.promptTokensDetails = [ { modality: 'TEXT', tokenCount: pt } ];
	}
	return {
		candidates: [ cand ],
		usageMetadata: usage,
		modelVersion: model,
		responseId: b62( 22 ),
	};
}

function geminiBlocked( model, pt ) {
	return {
		promptFeedback: {
			blockReason: 'SAFETY',
			safetyRatings: [
				{
					category: 'HARM_CATEGORY_SEXUALLY_EXPLICIT',
					probability: 'NEGLIGIBLE',
				},
				{
					category: 'HARM_CATEGORY_HATE_SPEECH',
					probability: 'NEGLIGIBLE',
				},
				{
					category: 'HARM_CATEGORY_HARASSMENT',
					probability: 'NEGLIGIBLE',
				},
				{
					category: 'HARM_CATEGORY_DANGEROUS_CONTENT',
					probability: 'HIGH',
				},
			],
		},
		usageMetadata: { promptTokenCount: pt, totalTokenCount: pt },
		modelVersion: model,
		responseId: b62( 22 ),
	};
}

// Gemini stream objects: one per text piece, finishReason and full usage on the last.
function geminiStreamObjects( model, text, pt, complete ) {
	const parts = pieces( text );
	if ( ! parts.length ) {
		return [ geminiResponse( model, '', pt, { finish: complete, ct: 0 } ) ];
	}
	const ct = tokensOf( text );
	return parts.map( ( p, i ) =>
		geminiResponse( model, p, pt, {
			finish: complete && i === parts.length - 1,
			ct,
		} )
	);
}

// Frames for a Gemini stream: SSE (`alt=sse`) or one JSON array written in pieces.
function geminiFrames( objs, sse ) {
	if ( sse ) {
		return objs.map( ( o ) => `data: ${ JSON.stringify( o ) }\r\n\r\n` );
	}
	return objs.map(
		( o, i ) =>
			( i === 0 ? '[' : ',\r\n' ) +
			JSON.stringify( o ) +
			( i === objs.length - 1 ? ']' : '' )
	);
}

// Model lists.
const OPENAI_MODELS = [
	'gpt-4o-mini',
	'gpt-4o',
	'ok',
	'fail-503',
	'fail-429',
	'hang',
	'slow-2000',
	'empty',
	'midstream-cut',
];
const ANTHROPIC_MODELS = [
	[ 'claude-sonnet-4-5', 'Claude Sonnet 4.5' ],
	[ 'claude-haiku-4-5', 'Claude Haiku 4.5' ],
	[ 'ok', 'Fake: ok' ],
	[ 'fail-529', 'Fake: overloaded' ],
];
const GEMINI_MODELS = [
	[ 'gemini-2.5-flash', 'Gemini 2.5 Flash' ],
	[ 'gemini-2.5-pro', 'Gemini 2.5 Pro' ],
	[ 'ok', 'Fake: ok' ],
	[ 'fail-503', 'Fake: unavailable' ],
];

function openaiModel( id ) {
	return {
		id,
		object: 'model',
		created: 1715367049,
		owned_by: 'fake-provider',
	};
}
function anthropicModel( [ id, name ] ) {
	return {
		type: 'model',
		id,
		display_name: name,
		created_at: '2025-01-01T00:00:00Z',
	};
}
function geminiModel( [ id, name ] ) {
	return {
		name: `models/${ id }`,
		version: '001',
		displayName: name,
		description: `${ name } (fake-provider)`,
		inputTokenLimit: 1048576,
		outputTokenLimit: 65536,
		supportedGenerationMethods: [
			'generateContent',
			'countTokens',
			'streamGenerateContent',
		],
		temperature: 1,
		topP: 0.95,
		topK: 64,
		maxTemperature: 2,
	};
}

function modelsBody( provider, endpoint, model, empty ) {
	if ( provider === 'openai' ) {
		if ( endpoint === 'model' ) {
			return openaiModel( model );
		}
		return {
			object: 'list',
			data: empty ? [] : OPENAI_MODELS.map( openaiModel ),
		};
	}
	if ( provider === 'anthropic' ) {
		if ( endpoint === 'model' ) {
			return anthropicModel( [ model, model ] );
		}
		const data = empty ? [] : ANTHROPIC_MODELS.map( anthropicModel );
		return {
			data,
			has_more: false,
			first_id: data[ 0 ]?.id ?? null,
			last_id: data.at( -1 )?.id ?? null,
		};
	}
	if ( endpoint === 'model' ) {
		return geminiModel( [ model.replace( /^models\//, '' ), model ] );
	}
	return empty ? {} : { models: GEMINI_MODELS.map( geminiModel ) };
}

// ------------------------------------------------------------------ response headers

function providerHeaders( provider, requestId ) {
	if ( provider === 'anthropic' ) {
		return {
			'request-id': requestId,
			'anthropic-organization-id': '00000000-0000-4000-8000-000000000000',
		};
	}
	if ( provider === 'gemini' ) {
		return {
			vary: 'Origin, X-Origin, Referer',
			server: 'scaffolding on HTTPServer2',
			'x-content-type-options': 'nosniff',
		};
	}
	return {
		'x-request-id': requestId,
		'openai-organization': 'org-fakeprovider',
		'openai-version': '2020-10-01',
		'openai-processing-ms': '1',
		'x-ratelimit-limit-requests': '10000',
		'x-ratelimit-remaining-requests': '9999',
		'x-ratelimit-reset-requests': '6ms',
		'x-ratelimit-limit-tokens': '200000',
		'x-ratelimit-remaining-tokens': '199990',
		'x-ratelimit-reset-tokens': '3ms',
	};
}

const JSON_TYPE = {
	openai: 'application/json',
	anthropic: 'application/json',
	gemini: 'application/json; charset=UTF-8',
};

// ------------------------------------------------------------------ request body

/**
 * Reads the body; resolves { text } or { tooLarge: true }. Never buffers more
 * than the cap: past it the rest is read and discarded, so that the client
 * finishes sending and can read the 413.
 *
 * @param {http.IncomingMessage} req The request.
 * @return {Promise<Object>} { text } | { tooLarge: true } | { error: true }.
 */
function readBody( req ) {
	return new Promise( ( resolve ) => {
		const chunks = [];
		let size = 0;
		req.on( 'data', ( c ) => {
			size += c.length;
			if ( size <= MAX_BODY_BYTES ) {
				chunks.push( c );
			} else if ( chunks.length ) {
				chunks.length = 0;
			}
		} );
		req.on( 'end', () => {
			if ( size > MAX_BODY_BYTES ) {
				resolve( { tooLarge: true } );
			} else {
				resolve( { text: Buffer.concat( chunks ).toString( 'utf8' ) } );
			}
		} );
		req.on( 'error', () => resolve( { error: true } ) );
	} );
}

// ------------------------------------------------------------------ control endpoints

function sendControl( res, status, obj ) {
	const body = JSON.stringify( obj, null, 1 );
	res.writeHead( status, {
		'content-type': 'application/json',
		'content-length': Buffer.byteLength( body ),
		'cache-control': 'no-store',
	} );
	res.end( body );
}

function control( req, res, url ) {
	const p = url.pathname;
	if ( p === '/__health' ) {
		return sendControl( res, 200, {
			ok: true,
			pid: process.pid,
			uptime_ms: Math.round( performance.now() ),
			requests: seq,
		} );
	}
	if ( p === '/__requests' && req.method === 'GET' ) {
		const since = Number( url.searchParams.get( 'since' ) ?? 0 );
		const route = url.searchParams.get( 'route' );
		return sendControl(
			res,
			200,
			requestLog.filter(
				( e ) => e.seq > since && ( ! route || e.route === route )
			)
		);
	}
	if ( p === '/__stats' && req.method === 'GET' ) {
		return sendControl( res, 200, {
			total: seq,
			since_reset_ms: Math.round( performance.now() - epoch ),
			dropped_log_entries: droppedEntries,
			routes: stats,
		} );
	}
	if ( p === '/__reset' && req.method === 'POST' ) {
		req.resume();
		epoch = performance.now();
		seq = 0;
		requestLog = [];
		droppedEntries = 0;
		stats = Object.create( null );
		flakyCounters = new Map();
		return sendControl( res, 200, { ok: true } );
	}
	return sendControl( res, 404, {
		error: `unknown control endpoint ${ req.method } ${ p }`,
	} );
}

// ------------------------------------------------------------------ main handler

async function handle( req, res ) {
	const url = new URL( req.url, 'http://127.0.0.1' );
	if ( url.pathname.startsWith( '/__' ) ) {
		return control( req, res, url );
	}

	// 1. Route from the path prefix (always stripped).
	let path = url.pathname;
	let prefixRoute = null;
	const pm = /^\/r\/([^/]+)(\/.*)?$/.exec( path );
	if ( pm ) {
		prefixRoute = parseRoute( safeDecode( pm[ 1 ] ) );
		path = pm[ 2 ] || '/';
	}

	// Body (POST only).
	let body = {};
	let parseFailed = false;
	let tooLarge = false;
	if ( req.method === 'POST' || req.method === 'PUT' ) {
		const r = await readBody( req );
		if ( r.error ) {
			return;
		}
		tooLarge = !! r.tooLarge;
		if ( r.text ) {
			try {
				body = JSON.parse( r.text );
				if (
					body === null ||
					typeof body !== 'object' ||
					Array.isArray( body )
				) {
					parseFailed = true;
					body = {};
				}
			} catch {
				parseFailed = true;
			}
		}
	} else {
		req.resume();
	}

	const ep = detectEndpoint(
		req.method,
		path,
		req.headers,
		url.searchParams
	);
	const provider = ep.provider;
	const key = apiKeyFor( provider, req.headers, url.searchParams );
	const requestId =
		provider === 'anthropic' ? 'req_011C' + b62( 20 ) : 'req_' + hex( 32 );

	// 2. Route from the key, 3. from the model.
	const model =
		ep.model ?? ( typeof body.model === 'string' ? body.model : null );
	let route = prefixRoute;
	let routeSource = 'path';
	if ( ! route ) {
		route = routeFromKey( key );
		routeSource = 'key';
	}
	if ( ! route ) {
		route = parseRoute( model );
		routeSource = 'model';
	}
	if ( ! route ) {
		route = parseRoute( 'ok' );
		routeSource = 'default';
	}

	let stream = false;
	if ( ep.endpoint === 'stream-generate' ) {
		stream = true;
	} else if ( ep.endpoint === 'chat' || ep.endpoint === 'messages' ) {
		stream = body.stream === true;
	}
	const sse =
		provider !== 'gemini' || url.searchParams.get( 'alt' ) === 'sse';

	const entry = newEntry( {
		provider,
		route: route.key,
		routeSource,
		endpoint: ep.endpoint,
		method: req.method,
		path,
		model,
		key,
		stream,
	} );
	const started = performance.now();
	if ( OPT.log ) {
		process.stderr.write(
			`#${ entry.seq } ${ provider } ${ req.method } ${ path } route=${ route.key } (${ routeSource }) stream=${ stream }\n`
		);
	}

	// Every response is capped: whatever is still open after --hang-max-ms is dropped.
	const cap = setTimeout( () => {
		if ( ! res.writableFinished ) {
			markCut( entry, res );
		}
	}, OPT.hangMaxMs );
	res.on( 'close', () => {
		clearTimeout( cap );
		entry.duration_ms = Math.round( performance.now() - started );
		if ( ! res.writableFinished && ! entry.cut ) {
			entry.aborted = true;
			statsFor( entry.route ).aborted++;
		}
	} );

	const baseHeaders = {
		...providerHeaders( provider, requestId ),
		'x-fake-route': route.key,
		'x-fake-seq': String( entry.seq ),
	};
	const sendJson = ( status, obj, extra = {} ) => {
		if ( res.destroyed || res.headersSent ) {
			return;
		}
		const text = JSON.stringify( obj );
		res.writeHead( status, {
			'content-type': JSON_TYPE[ provider ],
			'content-length': Buffer.byteLength( text ),
			...baseHeaders,
			...extra,
		} );
		markStatus( entry, status );
		res.end( text );
	};
	const ctx = { model, key, requestId, route };
	const sendError = ( reply ) => {
		if ( reply.anthropic ) {
			return sendJson(
				reply.status,
				anthropicErrorBody(
					reply.anthropic[ 0 ],
					reply.anthropic[ 1 ],
					ctx
				),
				reply.headers
			);
		}
		return sendJson( reply.status, reply.body, reply.headers );
	};

	// Requests the real APIs refuse up front.
	if ( tooLarge ) {
		const reply = errorReply(
			provider,
			{ error: 'status', status: 413 },
			ctx
		);
		return sendJson( 413, reply.body, { connection: 'close' } );
	}
	if ( ep.endpoint === 'unknown' ) {
		if ( provider === 'anthropic' ) {
			return sendJson(
				404,
				anthropicErrorBody( 'not_found_error', 'Not Found', ctx )
			);
		}
		if ( provider === 'gemini' ) {
			return sendJson( 404, {
				error: {
					code: 404,
					message: `Method not found: ${ req.method } ${ path }`,
					status: 'NOT_FOUND',
				},
			} );
		}
		return sendJson( 404, {
			error: {
				message: `Invalid URL (${ req.method } ${ path })`,
				type: 'invalid_request_error',
				param: null,
				code: null,
			},
		} );
	}
	if ( ! key && ( provider !== 'openai' || OPT.requireOpenaiKey ) ) {
		const r = missingKeyReply( provider );
		if ( provider === 'anthropic' ) {
			return sendJson(
				r.status,
				anthropicErrorBody( r.type, r.message, ctx )
			);
		}
		return sendJson( r.status, r.gemini ?? r.openai );
	}
	if ( provider === 'anthropic' && ! req.headers[ 'anthropic-version' ] ) {
		return sendJson(
			400,
			anthropicErrorBody(
				'invalid_request_error',
				'anthropic-version: header is required',
				ctx
			)
		);
	}
	if ( ep.gen ) {
		const invalid = validationError(
			provider,
			ep.endpoint,
			body,
			parseFailed
		);
		if ( invalid ) {
			return sendError( invalid );
		}
	}

	// The route's behaviour.
	if ( route.kind === 'chaos' ) {
		const fault =
			flakyDraw( route.key ) < route.p
				? CHAOS_FAULTS[
						Math.floor(
							flakyDraw( route.key + '#fault' ) *
								CHAOS_FAULTS.length
						)
					]
				: 'ok';
		entry.fault = fault;
		route = { key: route.key, base: fault, ...parseRouteBase( fault ) };
	}
	let kind = route.kind;
	let flakyFail = null;
	if ( kind === 'flaky' ) {
		if ( flakyDraw( route.key ) < route.p ) {
			kind = 'error';
			flakyFail = { error: 'status', status: route.status };
		} else {
			kind = 'ok';
		}
	}

	if ( kind === 'reset' ) {
		return markCut( entry, res );
	}
	if ( kind === 'hang' ) {
		return; // the cap timer drops the socket
	}

	if ( ! ( await wait( ( route.delayMs ?? 0 ) + OPT.latencyMs, res ) ) ) {
		return;
	}

	if ( kind === 'error' ) {
		const reply = errorReply( provider, flakyFail ?? route, ctx );
		if ( reply ) {
			return sendError( reply );
		}
		// Gemini content-policy: a 200 reply that blocks the prompt.
		if ( ! ep.gen ) {
			return sendJson(
				200,
				modelsBody( provider, ep.endpoint, model, false )
			);
		}
		const { promptTokens } = promptInfo( provider, body );
		const blocked = geminiBlocked( model, promptTokens );
		if ( ! stream ) {
			return sendJson( 200, blocked );
		}
		return writeStream(
			res,
			entry,
			route,
			baseHeaders,
			sse,
			geminiFrames( [ blocked ], sse )
		);
	}

	if ( kind === 'invalid-json' ) {
		if ( route.variant === 'html' ) {
			const html = '<html>Bad gateway</html>';
			res.writeHead( 200, {
				'content-type': 'text/html; charset=utf-8',
				'content-length': Buffer.byteLength( html ),
				'x-fake-route': route.key,
				'x-fake-seq': String( entry.seq ),
			} );
			markStatus( entry, 200 );
			return res.end( html );
		}
	}

	// Success-shaped replies (ok, slow, slowfirst, empty, no-done, midstream-cut, truncated JSON).
	const { promptTokens, lastUser } = promptInfo( provider, body );
	const text = route.empty ? '' : replyText( route, lastUser );
	const outModel = model ?? 'fake-model';

	if ( ! ep.gen ) {
		const obj = modelsBody( provider, ep.endpoint, outModel, route.empty );
		return writeWhole(
			res,
			entry,
			route,
			provider,
			baseHeaders,
			obj,
			kind
		);
	}

	if ( ! stream ) {
		let obj;
		if ( provider === 'openai' ) {
			obj = openaiCompletion( outModel, text, promptTokens );
		} else if ( provider === 'anthropic' ) {
			obj = anthropicMessage( outModel, text, promptTokens );
		} else {
			obj = geminiResponse( outModel, text, promptTokens );
		}
		return writeWhole(
			res,
			entry,
			route,
			provider,
			baseHeaders,
			obj,
			kind
		);
	}

	const complete = ! route.noDone;
	let frames;
	if ( provider === 'openai' ) {
		frames = openaiFrames(
			outModel,
			text,
			promptTokens,
			body.stream_options?.include_usage === true,
			complete
		);
	} else if ( provider === 'anthropic' ) {
		frames = anthropicFrames( outModel, text, promptTokens, complete );
	} else {
		frames = geminiFrames(
			geminiStreamObjects( outModel, text, promptTokens, complete ),
			sse
		);
	}
	if ( kind === 'invalid-json' ) {
		// Truncated stream: half of the second frame, then a clean end.
		const f = frames[ Math.min( 1, frames.length - 1 ) ];
		frames = [ frames[ 0 ], f.slice( 0, Math.floor( f.length / 2 ) ) ];
	}
	let preamble = 0;
	if ( provider === 'openai' ) {
		preamble = 1;
	} else if ( provider === 'anthropic' ) {
		preamble = text ? 3 : 2;
	}
	return writeStream( res, entry, route, baseHeaders, sse, frames, preamble );
}

// Non-stream reply, honouring slowfirst-*, midstream-cut (half body, then drop) and truncated JSON.
async function writeWhole(
	res,
	entry,
	route,
	provider,
	baseHeaders,
	obj,
	kind
) {
	let text = JSON.stringify( obj );
	let length = Buffer.byteLength( text );
	if ( kind === 'invalid-json' ) {
		text = text.slice( 0, Math.floor( text.length * 0.6 ) );
		length = Buffer.byteLength( text );
	}
	res.writeHead( 200, {
		'content-type': JSON_TYPE[ provider ],
		'content-length': length,
		...baseHeaders,
	} );
	markStatus( entry, 200 );
	if ( route.firstByteDelayMs ) {
		res.flushHeaders();
		if ( ! ( await wait( route.firstByteDelayMs, res ) ) ) {
			return;
		}
	}
	if ( route.cutAfter !== undefined ) {
		res.write( text.slice( 0, Math.floor( text.length / 2 ) ) );
		await wait( 10, res );
		return markCut( entry, res );
	}
	res.end( text );
}

/**
 * Streams `frames`. midstream-cut-<n>: the first `preamble` frames (role chunk,
 * message_start...) plus n text frames, then the socket is destroyed; never the
 * whole stream.
 *
 * @param {http.ServerResponse} res         The response.
 * @param {Object}              entry       Its /__requests entry.
 * @param {Object}              route       Parsed route.
 * @param {Object}              baseHeaders Provider and x-fake-* headers.
 * @param {boolean}             sse         text/event-stream (else a JSON array, Gemini only).
 * @param {string[]}            frames      Frames, already framed.
 * @param {number}              preamble    Frames before the first text frame.
 */
async function writeStream(
	res,
	entry,
	route,
	baseHeaders,
	sse,
	frames,
	preamble = 0
) {
	if ( res.destroyed ) {
		return;
	}
	res.writeHead( 200, {
		'content-type': sse
			? 'text/event-stream; charset=utf-8'
			: 'application/json; charset=UTF-8',
		'cache-control': 'no-cache',
		connection: 'keep-alive',
		...baseHeaders,
	} );
	res.flushHeaders();
	markStatus( entry, 200 );
	if (
		route.firstByteDelayMs &&
		! ( await wait( route.firstByteDelayMs, res ) )
	) {
		return;
	}
	const cutting = route.cutAfter !== undefined;
	const limit = cutting
		? Math.min(
				preamble + route.cutAfter,
				Math.max( 0, frames.length - 1 )
			)
		: frames.length;
	for ( let i = 0; i < limit; i++ ) {
		if ( res.destroyed ) {
			return;
		}
		res.write( frames[ i ] );
		if (
			i < limit - 1 &&
			! ( await wait( route.frameGapMs ?? OPT.chunkDelayMs, res ) )
		) {
			return;
		}
	}
	if ( cutting ) {
		await wait( Math.max( OPT.chunkDelayMs, 10 ), res );
		return markCut( entry, res );
	}
	res.end();
}

// ------------------------------------------------------------------ server

const server = http.createServer( ( req, res ) => {
	handle( req, res ).catch( ( err ) => {
		process.stderr.write(
			`fake-provider: internal error: ${ err?.stack ?? err }\n`
		);
		if ( ! res.headersSent && ! res.destroyed ) {
			res.writeHead( 500, { 'content-type': 'text/plain' } );
			res.end( 'fake-provider internal error' );
		} else {
			res.destroy();
		}
	} );
} );
server.keepAliveTimeout = 5000;
server.headersTimeout = 30000;
server.requestTimeout = 60000;

server.on( 'clientError', ( err, socket ) => {
	if ( socket.writable ) {
		socket.end( 'HTTP/1.1 400 Bad Request\r\nconnection: close\r\n\r\n' );
	} else {
		socket.destroy();
	}
} );

server.listen( OPT.port, OPT.host, () => {
	const { port } = server.address();
	const host = OPT.host.includes( ':' ) ? `[${ OPT.host }]` : OPT.host;
	process.stdout.write(
		`fake-provider listening on http://${ host }:${ port }\n`
	);
} );
server.on( 'error', ( err ) => {
	process.stderr.write( `fake-provider: ${ err.message }\n` );
	process.exit( 1 );
} );

let stopping = false;
function shutdown() {
	if ( stopping ) {
		return;
	}
	stopping = true;
	server.close( () => process.exit( 0 ) );
	server.closeAllConnections();
	setTimeout( () => process.exit( 0 ), 500 ).unref();
}
process.on( 'SIGTERM', shutdown );
process.on( 'SIGINT', shutdown );
