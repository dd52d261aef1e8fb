/**
 * Self-test for the fake AI provider (no Jest, no dependencies):
 *
 *   node --test tests/fake-provider/self-test.mjs
 *
 * Starts server.mjs on a free loopback port with a short hang cap, checks the
 * three wire formats, the routes, the routing rules and the control endpoints,
 * then stops the server with SIGTERM.
 */

/**
 * External dependencies
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import crypto from 'node:crypto';
import path from 'node:path';
import process from 'node:process';
import { after, before, describe, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const SERVER = path.join(
	path.dirname( fileURLToPath( import.meta.url ) ),
	'server.mjs'
);
const HANG_MAX_MS = 400;

let child;
let BASE;

before( async () => {
	child = spawn(
		process.execPath,
		[
			SERVER,
			'--port',
			'0',
			'--hang-max-ms',
			String( HANG_MAX_MS ),
			'--chunk-delay-ms',
			'1',
		],
		{ stdio: [ 'ignore', 'pipe', 'pipe' ] }
	);
	let stderr = '';
	child.stderr.on( 'data', ( c ) => ( stderr += c ) );
	BASE = await new Promise( ( resolve, reject ) => {
		let out = '';
		const timer = setTimeout(
			() => reject( new Error( 'server did not start: ' + stderr ) ),
			5000
		);
		child.stdout.on( 'data', ( c ) => {
			out += c;
			const m =
				/^fake-provider listening on (http:\/\/127\.0\.0\.1:\d+)\n/.exec(
					out
				);
			if ( m ) {
				clearTimeout( timer );
				resolve( m[ 1 ] );
			}
		} );
		child.on( 'exit', ( code ) =>
			reject( new Error( `server exited (${ code }): ${ stderr }` ) )
		);
	} );
} );

after( async () => {
	if ( child && child.exitCode === null ) {
		const exited = new Promise( ( r ) =>
			child.once( 'exit', ( code, sig ) => r( { code, sig } ) )
		);
		child.kill( 'SIGTERM' );
		let timer;
		const res = await Promise.race( [
			exited,
			new Promise(
				( r ) => ( timer = setTimeout( () => r( null ), 3000 ) )
			),
		] );
		clearTimeout( timer );
		if ( ! res ) {
			child.kill( 'SIGKILL' );
		}
		assert.deepEqual(
			res,
			{ code: 0, sig: null },
			'server stops cleanly on SIGTERM'
		);
	}
} );

// ------------------------------------------------------------------ helpers

const sha8 = ( s ) =>
	crypto.createHash( 'sha256' ).update( s ).digest( 'hex' ).slice( 0, 8 );

async function call( urlPath, { body, headers = {}, method } = {} ) {
	const res = await fetch( BASE + urlPath, {
		method: method ?? ( body === undefined ? 'GET' : 'POST' ),
		headers: { 'content-type': 'application/json', ...headers },
		body:
			body === undefined || typeof body === 'string'
				? body
				: JSON.stringify( body ),
	} );
	const text = await res.text();
	let json;
	try {
		json = JSON.parse( text );
	} catch {
		json = undefined;
	}
	return { status: res.status, headers: res.headers, text, json };
}

// Reads a body to the end or to the error; returns { text, error }.
async function readAll( res ) {
	const dec = new TextDecoder();
	let text = '';
	let error = null;
	try {
		for await ( const c of res.body ) {
			text += dec.decode( c, { stream: true } );
		}
	} catch ( e ) {
		error = e;
	}
	return { text, error };
}

// Parses SSE into [{ event, data }] (data JSON-parsed when possible).
function parseSse( text ) {
	return text
		.split( /\r?\n\r?\n/ )
		.filter( ( f ) => f.trim() )
		.map( ( frame ) => {
			let event = null;
			const data = [];
			for ( const line of frame.split( /\r?\n/ ) ) {
				if ( line.startsWith( 'event: ' ) ) {
					event = line.slice( 7 );
				} else if ( line.startsWith( 'data: ' ) ) {
					data.push( line.slice( 6 ) );
				}
			}
			const raw = data.join( '\n' );
			let parsed = raw;
			try {
				parsed = JSON.parse( raw );
			} catch {}
			return { event, data: parsed };
		} );
}

async function requests( route ) {
	const r = await call(
		'/__requests' + ( route ? '?route=' + encodeURIComponent( route ) : '' )
	);
	return r.json;
}

const PROMPT =
	'The quick brown fox jumps over the lazy dog and keeps running far away';
const ECHO = PROMPT.slice( 0, 40 );

const oa = ( model, extra = {} ) => ( {
	model,
	messages: [
		{ role: 'system', content: 'be brief' },
		{ role: 'user', content: 'earlier' },
		{ role: 'assistant', content: 'ok' },
		{ role: 'user', content: PROMPT },
	],
	...extra,
} );
const OA = ( key = 'sk-test-openai-0001' ) => ( {
	authorization: `Bearer ${ key }`,
} );

const an = ( model, extra = {} ) => ( {
	model,
	max_tokens: 64,
	messages: [ { role: 'user', content: [ { type: 'text', text: PROMPT } ] } ],
	...extra,
} );
const AN = ( key = 'sk-ant-test-0001' ) => ( {
	'x-api-key': key,
	'anthropic-version': '2023-06-01',
} );

const ge = () => ( {
	contents: [ { role: 'user', parts: [ { text: PROMPT } ] } ],
} );
const GE = ( key = 'AIzaTestKey0001' ) => ( { 'x-goog-api-key': key } );

// ------------------------------------------------------------------ OpenAI

describe( 'OpenAI Chat Completions', () => {
	test( 'ok JSON', async () => {
		const r = await call( '/v1/chat/completions', {
			body: oa( 'gpt-4o-mini' ),
			headers: OA(),
		} );
		assert.equal( r.status, 200 );
		assert.match( r.headers.get( 'content-type' ), /^application\/json/ );
		assert.match( r.headers.get( 'x-request-id' ), /^req_/ );
		assert.equal( r.json.object, 'chat.completion' );
		assert.equal( r.json.model, 'gpt-4o-mini' );
		const c = r.json.choices[ 0 ];
		assert.equal( c.message.role, 'assistant' );
		assert.equal( c.finish_reason, 'stop' );
		assert.match( c.message.content, /route=ok\b/ );
		assert.ok( c.message.content.endsWith( ECHO ), c.message.content );
		const u = r.json.usage;
		assert.ok( u.prompt_tokens > 0 && u.completion_tokens > 0 );
		assert.equal( u.total_tokens, u.prompt_tokens + u.completion_tokens );
	} );

	test( 'ok stream: chunks, usage chunk, [DONE]', async () => {
		const r = await call( '/v1/chat/completions', {
			body: oa( 'gpt-4o-mini', {
				stream: true,
				stream_options: { include_usage: true },
			} ),
			headers: OA(),
		} );
		assert.equal( r.status, 200 );
		assert.match( r.headers.get( 'content-type' ), /^text\/event-stream/ );
		assert.ok( r.text.endsWith( 'data: [DONE]\n\n' ) );
		const frames = parseSse( r.text );
		assert.ok( frames.every( ( f ) => f.event === null ) );
		const chunks = frames.slice( 0, -1 ).map( ( f ) => f.data );
		assert.ok(
			chunks.every(
				( c ) => c.object === 'chat.completion.chunk' && 'usage' in c
			)
		);
		assert.equal( chunks[ 0 ].choices[ 0 ].delta.role, 'assistant' );
		const usageChunk = chunks.at( -1 );
		assert.deepEqual( usageChunk.choices, [] );
		assert.ok( usageChunk.usage.total_tokens > 0 );
		assert.equal( chunks.at( -2 ).choices[ 0 ].finish_reason, 'stop' );
		const text = chunks
			.map( ( c ) => c.choices[ 0 ]?.delta?.content ?? '' )
			.join( '' );
		assert.match( text, /route=ok\b/ );
		assert.ok( text.endsWith( ECHO ) );

		const plain = await call( '/v1/chat/completions', {
			body: oa( 'gpt-4o-mini', { stream: true } ),
			headers: OA(),
		} );
		const pf = parseSse( plain.text ).slice( 0, -1 );
		assert.ok(
			pf.every( ( f ) => ! ( 'usage' in f.data ) ),
			'no usage without include_usage'
		);
	} );

	test( 'error routes: status, body shape, headers', async () => {
		const cases = [
			[ 'fail-401', 401, 'invalid_request_error', 'invalid_api_key' ],
			[
				'fail-403',
				403,
				'request_forbidden',
				'unsupported_country_region_territory',
			],
			[ 'fail-404', 404, 'invalid_request_error', 'model_not_found' ],
			[ 'fail-429', 429, 'requests', 'rate_limit_exceeded' ],
			[ 'fail-500', 500, 'server_error', null ],
			[ 'fail-503', 503, 'server_error', 'service_unavailable' ],
			[ 'quota', 429, 'insufficient_quota', 'insufficient_quota' ],
			[
				'context-length',
				400,
				'invalid_request_error',
				'context_length_exceeded',
			],
			[
				'content-policy',
				400,
				'invalid_request_error',
				'content_policy_violation',
			],
		];
		for ( const [ model, status, type, code ] of cases ) {
			const r = await call( '/v1/chat/completions', {
				body: oa( model ),
				headers: OA(),
			} );
			assert.equal( r.status, status, model );
			assert.deepEqual( Object.keys( r.json.error ).sort(), [
				'code',
				'message',
				'param',
				'type',
			] );
			assert.equal( r.json.error.type, type, model );
			assert.equal( r.json.error.code, code, model );
			assert.ok( r.json.error.message.length > 5 );
		}
		const plain = await call( '/v1/chat/completions', {
			body: oa( 'fail-429' ),
			headers: OA(),
		} );
		assert.equal(
			plain.headers.get( 'retry-after' ),
			null,
			'plain fail-429 has no retry hint'
		);
		assert.doesNotMatch( plain.json.error.message, /try again in/ );

		const ra = await call( '/v1/chat/completions', {
			body: oa( 'fail-429-ra2' ),
			headers: OA(),
		} );
		assert.equal( ra.headers.get( 'retry-after' ), '2' );
		assert.equal( ra.headers.get( 'x-ratelimit-remaining-requests' ), '0' );

		const ms = await call( '/v1/chat/completions', {
			body: oa( 'fail-429-ms1500' ),
			headers: OA(),
		} );
		assert.equal( ms.headers.get( 'retry-after-ms' ), '1500' );
		assert.equal( ms.headers.get( 'retry-after' ), null );

		const bd = await call( '/v1/chat/completions', {
			body: oa( 'fail-429-body3' ),
			headers: OA(),
		} );
		assert.equal( bd.headers.get( 'retry-after' ), null );
		assert.match( bd.json.error.message, /Please try again in 3s\./ );
	} );

	test( 'models list, invalid-json, empty, no-done', async () => {
		const m = await call( '/v1/models', { headers: OA() } );
		assert.equal( m.status, 200 );
		assert.equal( m.json.object, 'list' );
		assert.ok( m.json.data.every( ( x ) => x.object === 'model' && x.id ) );

		const bad = await call( '/v1/chat/completions', {
			body: oa( 'invalid-json' ),
			headers: OA(),
		} );
		assert.equal( bad.status, 200 );
		assert.match( bad.headers.get( 'content-type' ), /^text\/html/ );
		assert.equal( bad.text, '<html>Bad gateway</html>' );

		const tr = await call( '/v1/chat/completions', {
			body: oa( 'invalid-json-truncated' ),
			headers: OA(),
		} );
		assert.equal( tr.status, 200 );
		assert.equal( tr.json, undefined, 'truncated JSON does not parse' );

		const empty = await call( '/v1/chat/completions', {
			body: oa( 'empty' ),
			headers: OA(),
		} );
		assert.equal( empty.json.choices[ 0 ].message.content, '' );

		const nd = await call( '/v1/chat/completions', {
			body: oa( 'no-done', { stream: true } ),
			headers: OA(),
		} );
		assert.equal( nd.status, 200 );
		assert.ok( ! nd.text.includes( '[DONE]' ) );
		assert.ok( ! nd.text.includes( '"finish_reason":"stop"' ) );
		assert.match( nd.text, /route=/ );
	} );

	test( 'midstream-cut and reset drop the connection', async () => {
		const res = await fetch( BASE + '/v1/chat/completions', {
			method: 'POST',
			headers: OA(),
			body: JSON.stringify( oa( 'midstream-cut-2', { stream: true } ) ),
		} );
		assert.equal( res.status, 200 );
		const { text, error } = await readAll( res );
		assert.ok( error, 'body read fails' );
		assert.equal(
			parseSse( text ).length,
			3,
			'role chunk + 2 text chunks'
		);
		assert.ok( ! text.includes( '[DONE]' ) );

		const whole = await fetch( BASE + '/v1/chat/completions', {
			method: 'POST',
			headers: OA(),
			body: JSON.stringify( oa( 'midstream-cut' ) ),
		} );
		const half = await readAll( whole );
		assert.ok( half.error, 'non-stream body is cut' );

		await assert.rejects(
			fetch( BASE + '/v1/chat/completions', {
				method: 'POST',
				headers: OA(),
				body: JSON.stringify( oa( 'reset' ) ),
			} )
		);
		const [ e ] = await requests( 'reset' );
		assert.equal( e.status, null );
		assert.equal( e.cut, true );
	} );

	test( 'no key is accepted (Ollama / LM Studio style)', async () => {
		const r = await call( '/v1/chat/completions', {
			body: oa( 'llama3.2' ),
		} );
		assert.equal( r.status, 200 );
	} );
} );

// ------------------------------------------------------------------ Anthropic

describe( 'Anthropic Messages', () => {
	test( 'ok JSON', async () => {
		const r = await call( '/v1/messages', {
			body: an( 'claude-haiku-4-5' ),
			headers: AN(),
		} );
		assert.equal( r.status, 200 );
		assert.match( r.headers.get( 'request-id' ), /^req_/ );
		assert.equal( r.json.type, 'message' );
		assert.equal( r.json.role, 'assistant' );
		assert.equal( r.json.stop_reason, 'end_turn' );
		assert.equal( r.json.content[ 0 ].type, 'text' );
		assert.match( r.json.content[ 0 ].text, /route=ok\b/ );
		assert.ok( r.json.content[ 0 ].text.endsWith( ECHO ) );
		assert.ok(
			r.json.usage.input_tokens > 0 && r.json.usage.output_tokens > 0
		);
	} );

	test( 'ok stream: event sequence', async () => {
		const r = await call( '/v1/messages', {
			body: an( 'claude-haiku-4-5', { stream: true } ),
			headers: AN(),
		} );
		assert.match( r.headers.get( 'content-type' ), /^text\/event-stream/ );
		const ev = parseSse( r.text );
		assert.ok(
			ev.every( ( e ) => e.event === e.data.type ),
			'event name = data.type'
		);
		const names = ev.map( ( e ) => e.event );
		assert.deepEqual( names.slice( 0, 3 ), [
			'message_start',
			'content_block_start',
			'ping',
		] );
		assert.deepEqual( names.slice( -3 ), [
			'content_block_stop',
			'message_delta',
			'message_stop',
		] );
		const deltas = ev.filter( ( e ) => e.event === 'content_block_delta' );
		assert.ok( deltas.length > 1 );
		assert.ok(
			deltas.every( ( d ) => d.data.delta.type === 'text_delta' )
		);
		const text = deltas.map( ( d ) => d.data.delta.text ).join( '' );
		assert.ok( text.endsWith( ECHO ) );
		assert.ok( ev[ 0 ].data.message.usage.input_tokens > 0 );
		const md = ev.at( -2 ).data;
		assert.equal( md.delta.stop_reason, 'end_turn' );
		assert.ok( md.usage.output_tokens > 0 );
	} );

	test( 'required headers and fields', async () => {
		const nov = await call( '/v1/messages', {
			body: an( 'claude-haiku-4-5' ),
			headers: { 'x-api-key': 'sk-ant-test-0001' },
		} );
		assert.equal( nov.status, 400 );
		assert.equal( nov.json.type, 'error' );
		assert.equal( nov.json.error.type, 'invalid_request_error' );
		assert.match( nov.json.error.message, /anthropic-version/ );

		const nokey = await call( '/v1/messages', {
			body: an( 'claude-haiku-4-5' ),
			headers: { 'anthropic-version': '2023-06-01' },
		} );
		assert.equal( nokey.status, 401 );
		assert.equal( nokey.json.error.type, 'authentication_error' );

		const body = an( 'claude-haiku-4-5' );
		delete body.max_tokens;
		const nomax = await call( '/v1/messages', { body, headers: AN() } );
		assert.equal( nomax.status, 400 );
		assert.equal( nomax.json.error.message, 'max_tokens: Field required' );
	} );

	test( 'error routes: status, body shape, headers', async () => {
		const cases = [
			[ 'fail-400', 400, 'invalid_request_error' ],
			[ 'fail-401', 401, 'authentication_error' ],
			[ 'fail-403', 403, 'permission_error' ],
			[ 'fail-404', 404, 'not_found_error' ],
			[ 'fail-413', 413, 'request_too_large' ],
			[ 'fail-429', 429, 'rate_limit_error' ],
			[ 'fail-500', 500, 'api_error' ],
			[ 'fail-529', 529, 'overloaded_error' ],
		];
		for ( const [ model, status, type ] of cases ) {
			const r = await call( '/v1/messages', {
				body: an( model ),
				headers: AN(),
			} );
			assert.equal( r.status, status, model );
			assert.equal( r.json.type, 'error' );
			assert.equal( r.json.error.type, type, model );
			const rid = r.headers.get( 'request-id' );
			assert.match( rid, /^req_/ );
			assert.equal( r.json.request_id, rid );
		}
		const ra = await call( '/v1/messages', {
			body: an( 'fail-429-ra1' ),
			headers: AN(),
		} );
		assert.equal( ra.headers.get( 'retry-after' ), '1' );
		assert.equal(
			ra.headers.get( 'anthropic-ratelimit-requests-remaining' ),
			'0'
		);

		const quota = await call( '/v1/messages', {
			body: an( 'quota' ),
			headers: AN(),
		} );
		assert.equal( quota.status, 400 );
		assert.match( quota.json.error.message, /credit balance is too low/ );

		const ctx = await call( '/v1/messages', {
			body: an( 'context-length' ),
			headers: AN(),
		} );
		assert.equal( ctx.status, 400 );
		assert.match( ctx.json.error.message, /^prompt is too long/ );
	} );

	test( 'midstream-cut', async () => {
		const res = await fetch( BASE + '/v1/messages', {
			method: 'POST',
			headers: AN(),
			body: JSON.stringify( an( 'midstream-cut-1', { stream: true } ) ),
		} );
		const { text, error } = await readAll( res );
		assert.ok( error );
		const names = parseSse( text ).map( ( e ) => e.event );
		assert.deepEqual( names, [
			'message_start',
			'content_block_start',
			'ping',
			'content_block_delta',
		] );
	} );

	test( 'models list', async () => {
		const r = await call( '/v1/models', { headers: AN() } );
		assert.equal( r.status, 200 );
		assert.ok( r.json.data.every( ( m ) => m.type === 'model' ) );
		assert.equal( r.json.has_more, false );
	} );
} );

// ------------------------------------------------------------------ Gemini

describe( 'Gemini generateContent', () => {
	const gen = '/v1beta/models/gemini-2.5-flash:generateContent';
	const streamSse =
		'/v1beta/models/gemini-2.5-flash:streamGenerateContent?alt=sse';

	test( 'ok JSON (header key and ?key=)', async () => {
		for ( const [ p, h ] of [
			[ gen, GE() ],
			[ gen + '?key=AIzaQueryKey0002', {} ],
		] ) {
			const r = await call( p, { body: ge(), headers: h } );
			assert.equal( r.status, 200 );
			const c = r.json.candidates[ 0 ];
			assert.equal( c.content.role, 'model' );
			assert.match( c.content.parts[ 0 ].text, /route=ok\b/ );
			assert.ok( c.content.parts[ 0 ].text.endsWith( ECHO ) );
			assert.equal( c.finishReason, 'STOP' );
			const u = r.json.usageMetadata;
			assert.ok( u.promptTokenCount > 0 && u.candidatesTokenCount > 0 );
			assert.equal(
				u.totalTokenCount,
				u.promptTokenCount + u.candidatesTokenCount
			);
		}
	} );

	test( 'ok stream (alt=sse framing, JSON array without alt)', async () => {
		const r = await call( streamSse, { body: ge(), headers: GE() } );
		assert.match( r.headers.get( 'content-type' ), /^text\/event-stream/ );
		assert.ok( r.text.endsWith( '\r\n\r\n' ) );
		const objs = parseSse( r.text ).map( ( f ) => f.data );
		assert.ok( objs.length > 1 );
		assert.ok(
			objs
				.slice( 0, -1 )
				.every( ( o ) => ! o.candidates[ 0 ].finishReason )
		);
		assert.equal( objs.at( -1 ).candidates[ 0 ].finishReason, 'STOP' );
		assert.ok( objs.at( -1 ).usageMetadata.candidatesTokenCount > 0 );
		const text = objs
			.map( ( o ) => o.candidates[ 0 ].content.parts[ 0 ].text )
			.join( '' );
		assert.ok( text.endsWith( ECHO ) );

		const arr = await call(
			'/v1beta/models/gemini-2.5-flash:streamGenerateContent',
			{
				body: ge(),
				headers: GE(),
			}
		);
		assert.ok( Array.isArray( arr.json ) && arr.json.length > 1 );
	} );

	test( 'error routes: status, body shape', async () => {
		const cases = [
			[ 'fail-400', 400, 'INVALID_ARGUMENT' ],
			[ 'fail-401', 401, 'UNAUTHENTICATED' ],
			[ 'fail-403', 403, 'PERMISSION_DENIED' ],
			[ 'fail-404', 404, 'NOT_FOUND' ],
			[ 'fail-429', 429, 'RESOURCE_EXHAUSTED' ],
			[ 'fail-500', 500, 'INTERNAL' ],
			[ 'fail-503', 503, 'UNAVAILABLE' ],
			[ 'fail-504', 504, 'DEADLINE_EXCEEDED' ],
			[ 'context-length', 400, 'INVALID_ARGUMENT' ],
			[ 'quota', 429, 'RESOURCE_EXHAUSTED' ],
		];
		for ( const [ model, status, st ] of cases ) {
			const r = await call( `/v1beta/models/${ model }:generateContent`, {
				body: ge(),
				headers: GE(),
			} );
			assert.equal( r.status, status, model );
			assert.equal( r.json.error.code, status );
			assert.equal( r.json.error.status, st, model );
			assert.equal( typeof r.json.error.message, 'string' );
		}
		const bd = await call(
			'/v1beta/models/fail-429-body5:generateContent',
			{
				body: ge(),
				headers: GE(),
			}
		);
		assert.equal( bd.headers.get( 'retry-after' ), null );
		const ri = bd.json.error.details.find( ( d ) =>
			d[ '@type' ].endsWith( 'google.rpc.RetryInfo' )
		);
		assert.equal( ri.retryDelay, '5s' );

		const bk = await call(
			'/v1beta/models/bad-key-gemini:generateContent',
			{
				body: ge(),
				headers: GE(),
			}
		);
		assert.equal( bk.status, 400 );
		assert.equal( bk.json.error.status, 'INVALID_ARGUMENT' );
		assert.equal( bk.json.error.details[ 0 ].reason, 'API_KEY_INVALID' );

		const nokey = await call( gen, { body: ge() } );
		assert.equal( nokey.status, 403 );
		assert.equal( nokey.json.error.status, 'PERMISSION_DENIED' );
	} );

	test( 'content-policy (200, blocked prompt) and empty', async () => {
		const cp = await call(
			'/v1beta/models/content-policy:generateContent',
			{
				body: ge(),
				headers: GE(),
			}
		);
		assert.equal( cp.status, 200 );
		assert.equal( cp.json.promptFeedback.blockReason, 'SAFETY' );
		assert.equal( cp.json.candidates, undefined );

		const em = await call( '/v1beta/models/empty:generateContent', {
			body: ge(),
			headers: GE(),
		} );
		assert.equal( em.status, 200 );
		assert.equal( em.json.candidates[ 0 ].content.parts, undefined );
	} );

	test( 'midstream-cut and no-done', async () => {
		const res = await fetch(
			BASE +
				'/v1beta/models/midstream-cut-2:streamGenerateContent?alt=sse',
			{
				method: 'POST',
				headers: GE(),
				body: JSON.stringify( ge() ),
			}
		);
		const { text, error } = await readAll( res );
		assert.ok( error );
		assert.equal( parseSse( text ).length, 2 );

		const nd = await call(
			'/v1beta/models/no-done:streamGenerateContent?alt=sse',
			{
				body: ge(),
				headers: GE(),
			}
		);
		const objs = parseSse( nd.text ).map( ( f ) => f.data );
		assert.ok( objs.length > 1 );
		assert.ok( objs.every( ( o ) => ! o.candidates[ 0 ].finishReason ) );
	} );

	test( 'models list', async () => {
		const r = await call( '/v1beta/models', { headers: GE() } );
		assert.equal( r.status, 200 );
		assert.ok(
			r.json.models.every( ( m ) => m.name.startsWith( 'models/' ) )
		);
	} );
} );

// ------------------------------------------------------------------ routing and control

describe( 'routing and control endpoints', () => {
	test( 'key-based routing: key A fails, key B works, same provider', async () => {
		const a = await call( '/v1/chat/completions', {
			body: oa( 'gpt-4o-mini' ),
			headers: OA( 'fk-auth-401-a1b2' ),
		} );
		assert.equal( a.status, 401 );
		assert.equal( a.json.error.code, 'invalid_api_key' );
		const b = await call( '/v1/chat/completions', {
			body: oa( 'gpt-4o-mini' ),
			headers: OA( 'fk-ok+keyb-zz99' ),
		} );
		assert.equal( b.status, 200 );
		assert.match( b.json.choices[ 0 ].message.content, /route=ok\+keyb/ );

		const ga = await call(
			'/v1beta/models/gemini-2.5-flash:generateContent',
			{
				body: ge(),
				headers: GE( 'fk-fail-503-k9' ),
			}
		);
		assert.equal( ga.status, 503 );
		const [ eb ] = await requests( 'ok+keyb' );
		assert.equal( eb.route_source, 'key' );
	} );

	test( 'path-prefix routing wins over key and model, prefix stripped', async () => {
		const r = await call( '/r/fail-503+pfx/v1/chat/completions', {
			body: oa( 'ok' ),
			headers: OA( 'fk-ok-zz99' ),
		} );
		assert.equal( r.status, 503 );
		const an1 = await call( '/r/fail-529+pfx/v1/messages', {
			body: an( 'ok' ),
			headers: AN(),
		} );
		assert.equal( an1.status, 529 );
		const [ e ] = await requests( 'fail-503+pfx' );
		assert.equal( e.path, '/v1/chat/completions' );
		assert.equal( e.route_source, 'path' );
		assert.equal( e.provider, 'openai' );
		assert.equal( e.model, 'ok' );
	} );

	test( '/__requests: fingerprints, never the raw key', async () => {
		const secret = 'sk-proj-SUPERSECRET-abcdef123456';
		const gsecret = 'AIzaSUPERSECRETquerykey';
		await call( '/v1/chat/completions', {
			body: oa( 'ok+fp' ),
			headers: OA( secret ),
		} );
		await call( `/v1beta/models/ok+fpg:generateContent?key=${ gsecret }`, {
			body: ge(),
		} );
		const raw = ( await call( '/__requests' ) ).text;
		assert.ok(
			! raw.includes( 'SUPERSECRET' ),
			'raw key never in /__requests'
		);
		const list = JSON.parse( raw );
		const e = list.find( ( x ) => x.route === 'ok+fp' );
		assert.equal( e.key_fingerprint, sha8( secret ) );
		for ( const k of [
			'seq',
			'at_ms',
			'provider',
			'route',
			'method',
			'path',
			'model',
			'key_fingerprint',
			'stream',
			'status',
			'aborted',
		] ) {
			assert.ok( k in e, k );
		}
		const g = list.find( ( x ) => x.route === 'ok+fpg' );
		assert.equal( g.key_fingerprint, sha8( gsecret ) );
		assert.equal( g.provider, 'gemini' );
		assert.ok( ! g.path.includes( '?' ) );
		assert.ok(
			list.every( ( x, i ) => i === 0 || x.seq > list[ i - 1 ].seq )
		);
	} );

	test( 'hang is capped by --hang-max-ms; client abort is recorded', async () => {
		const t0 = Date.now();
		await assert.rejects(
			fetch( BASE + '/v1/chat/completions', {
				method: 'POST',
				headers: OA(),
				body: JSON.stringify( oa( 'hang' ) ),
			} )
		);
		const dt = Date.now() - t0;
		assert.ok(
			dt >= HANG_MAX_MS - 50 && dt < HANG_MAX_MS + 1500,
			`took ${ dt } ms`
		);
		const [ e ] = await requests( 'hang' );
		assert.equal( e.status, null );
		assert.equal( e.cut, true );
		assert.equal( e.aborted, false );

		const ac = new AbortController();
		setTimeout( () => ac.abort(), 80 );
		await assert.rejects(
			fetch( BASE + '/v1/messages', {
				method: 'POST',
				headers: AN(),
				body: JSON.stringify( an( 'hang+abort' ) ),
				signal: ac.signal,
			} )
		);
		await new Promise( ( r ) => setTimeout( r, 50 ) );
		const [ a ] = await requests( 'hang+abort' );
		assert.equal( a.aborted, true );
		assert.equal( a.cut, false );
	} );

	test( 'slow and slowfirst', async () => {
		let t0 = Date.now();
		const s = await call( '/v1/chat/completions', {
			body: oa( 'slow-200' ),
			headers: OA(),
		} );
		assert.equal( s.status, 200 );
		assert.ok( Date.now() - t0 >= 190 );

		t0 = Date.now();
		const res = await fetch( BASE + '/v1/messages', {
			method: 'POST',
			headers: AN(),
			body: JSON.stringify( an( 'slowfirst-300', { stream: true } ) ),
		} );
		const tHeaders = Date.now() - t0;
		assert.equal( res.status, 200 );
		assert.ok( tHeaders < 200, `headers after ${ tHeaders } ms` );
		const { text } = await readAll( res );
		assert.ok( Date.now() - t0 >= 290 );
		assert.match( text, /event: message_stop/ );
	} );

	test( 'flaky is deterministic and re-seeded by /__reset', async () => {
		const run = async () => {
			const out = [];
			for ( let i = 0; i < 12; i++ ) {
				const r = await call( '/v1/chat/completions', {
					body: oa( 'flaky-0.5-502' ),
					headers: OA(),
				} );
				out.push( r.status );
			}
			return out;
		};
		const first = await run();
		assert.ok(
			first.includes( 200 ) && first.includes( 502 ),
			first.join( ',' )
		);
		const reset = await call( '/__reset', { method: 'POST' } );
		assert.equal( reset.status, 200 );
		assert.deepEqual( await requests(), [] );
		assert.deepEqual( await run(), first );
		const st = await call( '/__stats' );
		const r = st.json.routes[ 'flaky-0.5-502' ];
		assert.equal( r.requests, 12 );
		assert.equal(
			( r.by_status[ 200 ] ?? 0 ) + ( r.by_status[ 502 ] ?? 0 ),
			12
		);
	} );

	test( 'chaos draws faults from its mix, deterministically, and logs each', async () => {
		await call( '/__reset', { method: 'POST' } );
		const run = async () => {
			const out = [];
			for ( let i = 0; i < 40; i++ ) {
				const r = await call( '/v1/chat/completions', {
					body: oa( 'chaos-0.9+t' ),
					headers: OA(),
				} ).catch( () => ( { status: 'cut' } ) );
				out.push( r.status );
			}
			return out;
		};
		await run();
		const log = await requests();
		assert.equal( log.length, 40 );
		const faults = new Set( log.map( ( e ) => e.fault ) );
		assert.ok( faults.size >= 4, [ ...faults ].join( ',' ) );
		assert.ok( log.every( ( e ) => e.route === 'chaos-0.9+t' ) );
		for ( const e of log ) {
			if ( e.fault === 'fail-503' ) {
				assert.equal( e.status, 503 );
			}
			if ( e.fault === 'ok' || e.fault === 'empty' ) {
				assert.equal( e.status, 200 );
			}
		}
		await call( '/__reset', { method: 'POST' } );
		await run();
		assert.deepEqual(
			( await requests() ).map( ( e ) => e.fault ),
			log.map( ( e ) => e.fault )
		);
	} );

	test( 'body over 4 MB is refused with 413; /__health', async () => {
		const big = JSON.stringify(
			oa( 'ok', { pad: 'x'.repeat( 4 * 1024 * 1024 ) } )
		);
		const r = await call( '/v1/messages', { body: big, headers: AN() } );
		assert.equal( r.status, 413 );
		assert.equal( r.json.error.type, 'request_too_large' );
		const h = await call( '/__health' );
		assert.equal( h.json.ok, true );
	} );
} );
