/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	EventQuerySchema,
	EventSchema,
	HealthQuerySchema,
	HealthRowSchema,
	EventFacetsSchema,
	SummaryQuerySchema,
	SummarySchema,
	type EventQuery,
	type LogEvent,
} from '../schemas/event';
import { ApiError, type FieldErrors } from './errors';
import { NAMESPACE, request, requestWithHeaders } from './request';

export const EVENTS_PATH = `${ NAMESPACE }/events`;
export const EXPORT_PATH = `${ NAMESPACE }/events/export`;
export const RUNS_PATH = `${ NAMESPACE }/runs`;
export const HEALTH_PATH = `${ NAMESPACE }/health`;
export const SUMMARY_PATH = `${ NAMESPACE }/summary`;

/** A run id as the engine writes it: 16 lowercase hex digits. */
export const RUN_ID_PATTERN = /^[0-9a-f]{16}$/;

/**
 * GET /runs/{run_id}: every attempt of one run, in attempt order. Composed
 * here from EventSchema (src/schemas has no schema for this envelope; it is
 * not validated by PHP, only produced by it).
 */
export const RunSchema = z.strictObject( {
	run_id: z.string(),
	feature: z.string(),
	attempts: z.array( EventSchema ),
} );

export type Run = z.output< typeof RunSchema >;
export type HealthRow = z.output< typeof HealthRowSchema >;
export type HealthWindow = z.output< typeof HealthQuerySchema >[ 'window' ];
export type Summary = z.output< typeof SummarySchema >;
export type EventFacets = z.output< typeof EventFacetsSchema >;
export type SummaryQuery = z.input< typeof SummaryQuerySchema >;

export type EventPage = {
	events: LogEvent[];
	/** Events matching the filters (X-WP-Total). */
	total: number;
	/** Pages at the requested page size (X-WP-TotalPages), at least 1. */
	totalPages: number;
};

export type HealthReport = {
	/** One row per listed route, then one per key. */
	rows: HealthRow[];
	/** Routes with traffic in the window (X-AIFO-Routes-Total). */
	routesTotal: number;
	/**
	 * Of those, the ones not listed: only the busiest are rows
	 * (X-AIFO-Routes-Omitted).
	 */
	routesOmitted: number;
};

/** A count header: a non-negative integer, as a string. */
const CountHeaderSchema = z
	.string()
	.regex( /^\d+$/ )
	.transform( ( value ) => Number( value ) );

/**
 * Validates a query with EventQuerySchema (so a bad filter never reaches the
 * server) and turns it into query-string pairs, defaults included.
 *
 * @param  query Filters, sorting and paging.
 * @return Name => value, in the schema's order.
 * @throws {ApiError} `aifo_invalid_query` with `fieldErrors` by parameter.
 */
export function eventQueryArgs( query: EventQuery ): Record< string, string > {
	const result = EventQuerySchema.safeParse( query );
	if ( ! result.success ) {
		const fieldErrors: FieldErrors = {};
		for ( const issue of result.error.issues ) {
			const field = String( issue.path[ 0 ] ?? '' );
			fieldErrors[ field ] ??= issue.message;
		}
		throw new ApiError(
			'aifo_invalid_query',
			__( 'Some filters are not valid.', 'ai-failover' ),
			0,
			fieldErrors,
			{ cause: result.error }
		);
	}
	const args: Record< string, string > = {};
	for ( const [ name, value ] of Object.entries( result.data ) ) {
		if ( value !== undefined && value !== '' ) {
			args[ name ] = String( value );
		}
	}
	return args;
}

/**
 * A path with a query string.
 *
 * @param path Route.
 * @param args Query arguments.
 * @return Path such as /ai-failover/v1/events?page=2.
 */
function withArgs( path: string, args: Record< string, string > ): string {
	const search = new URLSearchParams( args ).toString();
	return search === '' ? path : `${ path }?${ search }`;
}

/**
 * GET /ai-failover/v1/events: one page of the event log.
 *
 * @param  query Filters, sorting and paging (validated before the request).
 * @return The events and the X-WP-Total / X-WP-TotalPages counts.
 * @throws {ApiError} `aifo_invalid_query` before any request, 400
 *                    `rest_invalid_param` with `fieldErrors`, or
 *                    `aifo_invalid_response` (body or count headers).
 */
export async function getEvents( query: EventQuery ): Promise< EventPage > {
	const { data, header } = await requestWithHeaders( z.array( EventSchema ), {
		path: withArgs( EVENTS_PATH, eventQueryArgs( query ) ),
	} );
	const total = CountHeaderSchema.safeParse( header( 'X-WP-Total' ) );
	const pages = CountHeaderSchema.safeParse( header( 'X-WP-TotalPages' ) );
	if ( ! total.success || ! pages.success ) {
		throw new ApiError(
			'aifo_invalid_response',
			__(
				'The event log answered without its X-WP-Total and X-WP-TotalPages headers.',
				'ai-failover'
			)
		);
	}
	return {
		events: data,
		total: total.data,
		totalPages: Math.max( 1, pages.data ),
	};
}

/**
 * GET /ai-failover/v1/runs/{run_id}
 *
 * @param  runId Run id (16 hex digits).
 * @return The run with its attempts in order.
 * @throws {ApiError} `aifo_invalid_run_id` before any request, 404
 *                    `aifo_run_not_found`.
 */
export function getRun( runId: string ): Promise< Run > {
	if ( ! RUN_ID_PATTERN.test( runId ) ) {
		return Promise.reject(
			new ApiError(
				'aifo_invalid_run_id',
				__( 'A run id is 16 hexadecimal digits.', 'ai-failover' )
			)
		);
	}
	return request( RunSchema, { path: `${ RUNS_PATH }/${ runId }` } );
}

/**
 * GET /ai-failover/v1/health?window=24h|7d
 *
 * @param  window            Time window.
 * @param  options
 * @param  options.simulated
 * @param  options.feature
 * @return One row per route (the busiest only), then one per key, and how
 *         many routes there were and were left out. Without the count
 *         headers (a proxy that drops them) nothing counts as left out.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export async function getHealth(
	window: HealthWindow = '24h',
	options: { simulated?: boolean; feature?: string } = {}
): Promise< HealthReport > {
	const query = HealthQuerySchema.parse( { window, ...options } );
	const { data, header } = await requestWithHeaders(
		z.array( HealthRowSchema ),
		{ path: withArgs( HEALTH_PATH, compactArgs( query ) ) }
	);
	const listed = data.filter( ( row ) => row.kind === 'route' ).length;
	const total = CountHeaderSchema.safeParse(
		header( 'X-AIFO-Routes-Total' )
	);
	const omitted = CountHeaderSchema.safeParse(
		header( 'X-AIFO-Routes-Omitted' )
	);
	return {
		rows: data,
		routesTotal: total.success ? Math.max( listed, total.data ) : listed,
		routesOmitted: omitted.success ? omitted.data : 0,
	};
}

/**
 * Query-string pairs of the set values ('' and false left out).
 *
 * @param query Parsed query.
 * @return Name => value.
 */
function compactArgs(
	query: Record< string, string | boolean >
): Record< string, string > {
	const args: Record< string, string > = {};
	for ( const [ name, value ] of Object.entries( query ) ) {
		if ( value !== '' && value !== false ) {
			args[ name ] = String( value );
		}
	}
	return args;
}

/**
 * GET /ai-failover/v1/events/facets: the values the filter dropdowns offer.
 *
 * @param  workflow A workflow whose steps to list too ('' for none).
 * @return Features, providers, error classes, workflows and steps in the log.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getFacets( workflow = '' ): Promise< EventFacets > {
	return request( EventFacetsSchema, {
		path: withArgs(
			`${ EVENTS_PATH }/facets`,
			workflow === '' ? {} : { workflow }
		),
	} );
}

/**
 * GET /ai-failover/v1/summary: the figures at the top of Diagnostics, the
 * chart's series and the alerts active now.
 *
 * @param  query Window, drills, feature, workflow.
 * @return The summary.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getSummary( query: SummaryQuery = {} ): Promise< Summary > {
	return request( SummarySchema, {
		path: withArgs(
			SUMMARY_PATH,
			compactArgs( SummaryQuerySchema.parse( query ) )
		),
	} );
}

type WpGlobals = {
	wpApiSettings?: { root?: unknown };
};

/**
 * The REST API root URL, ending in "/" or "?rest_route=/".
 *
 * WordPress 6.1's wp-api-fetch keeps its root only inside the closure of
 * `createRootURLMiddleware()`: nothing exposes it. `wpApiSettings.root` exists
 * when the `wp-api-request` script is on the page, so it is used when
 * present. Otherwise the `?rest_route=` form is built on the folder above
 * wp-admin/, which every WordPress serves whatever its permalink settings.
 *
 * @param location Page URL (the admin screen).
 * @return Root URL.
 */
export function restRoot( location: string = window.location.href ): string {
	const root = ( window as unknown as WpGlobals ).wpApiSettings?.root;
	if ( typeof root === 'string' && /^https?:\/\//.test( root ) ) {
		return root;
	}
	return new URL( '../?rest_route=/', location ).toString();
}

type NonceHolder = { nonceMiddleware?: { nonce?: unknown } };

/**
 * The REST nonce wp-api-fetch sends: `wp.apiFetch.nonceMiddleware.nonce`,
 * set by WordPress' inline script and refreshed by apiFetch itself after a
 * `rest_cookie_invalid_nonce`. Read at call time, never cached.
 *
 * @return Nonce, or '' when none is known.
 */
export function restNonce(): string {
	const nonce = ( apiFetch as unknown as NonceHolder ).nonceMiddleware?.nonce;
	return typeof nonce === 'string' ? nonce : '';
}

/**
 * URL of GET /ai-failover/v1/events/export for the same filters: a CSV
 * download (Content-Disposition: attachment) for a plain link or
 * `window.location`, authenticated by the login cookie plus `_wpnonce`.
 * Paging does not apply: the export has every matching row.
 *
 * @param  query Filters (validated; sorting and paging are dropped).
 * @param  root  REST root URL, see restRoot().
 * @return Absolute URL.
 * @throws {ApiError} `aifo_invalid_query` when a filter is not valid.
 */
export function exportUrl( query: EventQuery, root = restRoot() ): string {
	const {
		page: _page,
		per_page: _perPage,
		orderby: _orderby,
		order: _order,
		...filters
	} = eventQueryArgs( query );
	const nonce = restNonce();
	const args = new URLSearchParams( {
		...filters,
		...( nonce ? { _wpnonce: nonce } : {} ),
	} ).toString();
	const route = EXPORT_PATH.replace( /^\//, '' );
	const url = root + route;
	if ( args === '' ) {
		return url;
	}
	return url + ( url.includes( '?' ) ? '&' : '?' ) + args;
}
