/**
 * External dependencies
 */
import type { z } from 'zod';

/**
 * WordPress dependencies
 */
import apiFetch, { type APIFetchOptions } from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { ApiError, parseResponse, toApiError } from './errors';

/** REST namespace of every AI Failover route. */
export const NAMESPACE = '/ai-failover/v1';

const isRecord = ( value: unknown ): value is Record< string, unknown > =>
	typeof value === 'object' && value !== null && ! Array.isArray( value );

/** Window event sent after every request that changed something (any method but GET). */
export const SITE_CHANGED_EVENT = 'aifo-site-changed';

/**
 * Tells the screen that stored state may have changed, so what is derived
 * from it (the first-run checklist) reloads.
 *
 * @param options apiFetch options of a request that succeeded.
 */
function announceChange( options: APIFetchOptions ): void {
	const method = ( options.method ?? 'GET' ).toUpperCase();
	if ( method !== 'GET' && typeof window !== 'undefined' ) {
		window.dispatchEvent( new Event( SITE_CHANGED_EVENT ) );
	}
}

/**
 * A path segment for an id taken from data (provider, key, feature ids).
 *
 * @param id Raw id.
 * @return Encoded segment.
 */
export const segment = ( id: string ): string => encodeURIComponent( id );

/**
 * Drops the HAL keys (`_links`, `_embedded`) WordPress adds to prepared
 * items, from one item or from every item of a list. The schemas are strict
 * objects, so these keys would otherwise fail the parse.
 *
 * @param body Decoded response body.
 * @return The body without HAL keys.
 */
export function withoutLinks( body: unknown ): unknown {
	const strip = ( item: unknown ) => {
		if ( ! isRecord( item ) ) {
			return item;
		}
		const { _links: _l, _embedded: _e, ...rest } = item;
		return rest;
	};
	return Array.isArray( body ) ? body.map( strip ) : strip( body );
}

/**
 * Calls apiFetch and parses the decoded body with its schema.
 *
 * @param  schema  Schema of the expected response.
 * @param  options apiFetch options (`path` relative to /wp-json).
 * @param  prepare Applied to the body before parsing, e.g. withoutLinks.
 * @return Parsed data.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export async function request< S extends z.ZodType >(
	schema: S,
	options: APIFetchOptions< true >,
	prepare: ( body: unknown ) => unknown = ( body ) => body
): Promise< z.output< S > > {
	const body = await apiFetch< unknown >( options ).catch(
		( error: unknown ) => {
			throw toApiError( error );
		}
	);
	announceChange( options );
	return parseResponse( schema, prepare( body ), routeOf( options ) );
}

type ResponseLike = {
	status: number;
	statusText?: string;
	headers: { get: ( name: string ) => string | null };
	json: () => Promise< unknown >;
};

const isResponseLike = ( value: unknown ): value is ResponseLike =>
	isRecord( value ) &&
	typeof value.json === 'function' &&
	typeof value.status === 'number' &&
	isRecord( value.headers ) &&
	typeof value.headers.get === 'function';

/**
 * Like request(), for routes whose response headers matter (such as
 * X-AIFO-Discovery-Error): apiFetch is called with `parse: false`, so it
 * resolves, and for HTTP errors rejects, with the raw Response.
 *
 * @param  schema  Schema of the expected response.
 * @param  options apiFetch options (`parse` is forced to false).
 * @param  prepare Applied to the body before parsing.
 * @return Parsed data and a header reader.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export async function requestWithHeaders< S extends z.ZodType >(
	schema: S,
	options: APIFetchOptions,
	prepare: ( body: unknown ) => unknown = ( body ) => body
): Promise< {
	data: z.output< S >;
	header: ( name: string ) => string | null;
} > {
	let response: unknown;
	try {
		response = await apiFetch< unknown, false >( {
			...options,
			parse: false,
		} );
	} catch ( error ) {
		throw await errorFromRejection( error );
	}
	const route = routeOf( options );
	if ( ! isResponseLike( response ) ) {
		throw new ApiError(
			'aifo_invalid_response',
			__( 'The server sent no response.', 'ai-failover' )
		);
	}
	const body = await response.json().catch( ( error: unknown ) => {
		throw new ApiError(
			'invalid_json',
			__( 'The response is not a valid JSON response.', 'ai-failover' ),
			response.status,
			{},
			{ cause: error }
		);
	} );
	announceChange( options );
	return {
		data: parseResponse( schema, prepare( body ), route ),
		header: ( name: string ) => response.headers.get( name ),
	};
}

/**
 * What apiFetch rejects with under `parse: false`: the Response of an HTTP
 * error (its body is the WP_Error), or `{ code: 'fetch_error', ... }`.
 *
 * @param error Rejection value.
 * @return Typed error.
 */
export async function errorFromRejection(
	error: unknown
): Promise< ApiError > {
	if ( ! isResponseLike( error ) ) {
		return toApiError( error );
	}
	const body = await error.json().catch( () => null );
	if ( isRecord( body ) && typeof body.code === 'string' ) {
		const data = isRecord( body.data ) ? body.data : {};
		return toApiError( {
			...body,
			data: { status: error.status, ...data },
		} );
	}
	return new ApiError(
		'aifo_http_error',
		error.statusText ||
			__( 'The server answered with an error.', 'ai-failover' ),
		error.status
	);
}

/**
 * The route an options object targets, without its query string, for
 * messages.
 *
 * @param options apiFetch options.
 * @return Route such as /ai-failover/v1/providers.
 */
function routeOf( options: APIFetchOptions ): string {
	return ( options.path ?? options.url ?? '' ).split( '?' )[ 0 ] ?? '';
}
