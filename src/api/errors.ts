/**
 * External dependencies
 */
import type { z } from 'zod';

/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Field name => message, from a REST error's `data.params`.
 */
export type FieldErrors = Record< string, string >;

/**
 * Any failure of a REST call, in one shape.
 *
 * `code` is the WP_Error code (`rest_invalid_param`, `aifo_forbidden`, ...) or
 * one of apiFetch's own (`fetch_error`, `invalid_json`), or
 * `aifo_invalid_response` when the server answered with an unexpected shape.
 * `status` is 0 when no HTTP status is known.
 */
export class ApiError extends Error {
	readonly code: string;
	readonly status: number;
	readonly fieldErrors: FieldErrors;
	/**
	 * The error's whole `data` object, for error-specific details such as
	 * `features` of a 409 `aifo_provider_in_use`. Untrusted: parse it.
	 */
	readonly data: Record< string, unknown >;

	constructor(
		code: string,
		message: string,
		status = 0,
		fieldErrors: FieldErrors = {},
		options?: { cause?: unknown; data?: Record< string, unknown > }
	) {
		super( message, options );
		this.name = 'ApiError';
		this.code = code;
		this.status = status;
		this.fieldErrors = fieldErrors;
		this.data = options?.data ?? {};
	}
}

const isRecord = ( value: unknown ): value is Record< string, unknown > =>
	typeof value === 'object' && value !== null && ! Array.isArray( value );

/**
 * Normalizes whatever apiFetch rejected with into an ApiError.
 *
 * apiFetch rejects with the decoded WP REST error body,
 * `{ code, message, data: { status, params?: { field: message }, details? } }`,
 * with `{ code: 'fetch_error' | 'invalid_json', message }`, or with an Error.
 *
 * @param error Rejection value.
 * @return Typed error.
 */
export function toApiError( error: unknown ): ApiError {
	if ( error instanceof ApiError ) {
		return error;
	}
	if ( error instanceof Error ) {
		return new ApiError(
			'aifo_unknown_error',
			error.message,
			0,
			{},
			{ cause: error }
		);
	}
	if ( ! isRecord( error ) ) {
		return new ApiError(
			'aifo_unknown_error',
			__( 'An unknown error occurred.', 'ai-failover' ),
			0,
			{},
			{ cause: error }
		);
	}
	const data = isRecord( error.data ) ? error.data : {};
	const fieldErrors: FieldErrors = {};
	if ( isRecord( data.params ) ) {
		for ( const [ field, message ] of Object.entries( data.params ) ) {
			if ( typeof message === 'string' ) {
				fieldErrors[ field ] = message;
			}
		}
	}
	return new ApiError(
		typeof error.code === 'string' ? error.code : 'aifo_unknown_error',
		typeof error.message === 'string' && error.message !== ''
			? error.message
			: __( 'An unknown error occurred.', 'ai-failover' ),
		typeof data.status === 'number' ? data.status : 0,
		fieldErrors,
		{ cause: error, data }
	);
}

/**
 * Parses a response body with its schema, so bad server data fails loudly at
 * the edge instead of deep in a component.
 *
 * @param schema Schema of the expected response.
 * @param body   Decoded response body.
 * @param route  Route, for the message.
 * @return Parsed data.
 */
export function parseResponse< S extends z.ZodType >(
	schema: S,
	body: unknown,
	route: string
): z.output< S > {
	const result = schema.safeParse( body );
	if ( ! result.success ) {
		throw new ApiError(
			'aifo_invalid_response',
			sprintf(
				/* translators: %s: REST route, e.g. /ai-failover/v1/settings. */
				__( 'Unexpected response from %s.', 'ai-failover' ),
				route
			),
			0,
			{},
			{ cause: result.error }
		);
	}
	return result.data;
}
