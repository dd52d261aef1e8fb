/**
 * The event log's view: filters, sorting, paging and visible columns; how a
 * view becomes an EventQuery, and saved views in localStorage.
 */

/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldErrors } from '../api/errors';
import { SlugSchema } from '../schemas/common';
import { EventQuerySchema, OUTCOMES, type EventQuery } from '../schemas/event';
import { EVENT_FIELD_IDS, SORTABLE_FIELD_IDS } from './fields';

export const RANGES = [ '1h', '24h', '7d', 'all', 'custom' ] as const;
export type Range = ( typeof RANGES )[ number ];

/** Length of each preset range, in milliseconds. */
export const RANGE_MS: Record< Exclude< Range, 'all' | 'custom' >, number > = {
	'1h': 3600e3,
	'24h': 24 * 3600e3,
	'7d': 7 * 24 * 3600e3,
};

export const PER_PAGE_OPTIONS = [ 25, 50, 100 ] as const;
export type PerPage = ( typeof PER_PAGE_OPTIONS )[ number ];

const QUERY = EventQuerySchema.shape;

/**
 * The filter form's values. Empty strings mean "any". The text filters
 * accept what the query accepts (or ''), so a saved view that would make an
 * invalid request is refused when read back.
 */
export const FiltersSchema = z.strictObject( {
	range: z.enum( RANGES ),
	/** Custom range bounds, as `<input type="datetime-local">` values. */
	after: z.string().max( 40 ),
	before: z.string().max( 40 ),
	feature: z.union( [ z.literal( '' ), SlugSchema ] ),
	provider: z.union( [ z.literal( '' ), SlugSchema ] ),
	/** Added after saved views existed: an older saved view has neither. */
	workflow: z.string().max( 64 ).default( '' ),
	step: z.string().max( 64 ).default( '' ),
	outcome: z.union( [ z.literal( '' ), z.enum( OUTCOMES ) ] ),
	error_class: z.union( [ z.literal( '' ), z.string().max( 32 ) ] ),
	simulated: z.enum( [ '', 'yes', 'no' ] ),
	search: z.string().max( 200 ),
} );
export type Filters = z.output< typeof FiltersSchema >;

export const SortSchema = z.strictObject( {
	orderby: z.enum( SORTABLE_FIELD_IDS ),
	order: QUERY.order.unwrap(),
} );
export type Sort = z.output< typeof SortSchema >;

const ColumnsSchema = z
	.array( z.enum( EVENT_FIELD_IDS ) )
	.max( EVENT_FIELD_IDS.length );

/** A saved view: a name, the filters, the sort, the page size and the columns. */
export const SavedViewSchema = z.strictObject( {
	name: z.string().trim().min( 1 ).max( 60 ),
	filters: FiltersSchema,
	sort: SortSchema,
	perPage: z.literal( PER_PAGE_OPTIONS ),
	columns: ColumnsSchema,
} );
export type SavedView = z.output< typeof SavedViewSchema >;

export type ViewState = Omit< SavedView, 'name' > & { page: number };

export const DEFAULT_FILTERS: Filters = {
	range: '24h',
	after: '',
	before: '',
	feature: '',
	provider: '',
	workflow: '',
	step: '',
	outcome: '',
	error_class: '',
	simulated: '',
	search: '',
};

export const DEFAULT_VIEW: ViewState = {
	filters: DEFAULT_FILTERS,
	sort: { orderby: 'created_at', order: 'desc' },
	perPage: 50,
	page: 1,
	columns: [ ...EVENT_FIELD_IDS ],
};

/**
 * Whether two filter sets ask for the same events (a view read back from the
 * URL is a new object with the same values).
 *
 * @param a Filters.
 * @param b Filters.
 * @return Same values.
 */
export function sameFilters( a: Filters, b: Filters ): boolean {
	return ( Object.keys( DEFAULT_FILTERS ) as ( keyof Filters )[] ).every(
		( name ) => a[ name ] === b[ name ]
	);
}

/** localStorage key of the saved views (a JSON array). */
export const SAVED_VIEWS_KEY = 'aifo-diagnostics-views';

/**
 * A friendly message for a filter the query schema refused.
 *
 * @param field Query parameter.
 * @return Message.
 */
function filterMessage( field: string ): string {
	switch ( field ) {
		case 'feature':
		case 'provider':
			return __(
				'Use an id: lowercase letters, digits and dashes.',
				'ai-failover'
			);
		case 'search':
			return __( 'Use at most 200 characters.', 'ai-failover' );
		case 'error_class':
			return __( 'Pick an error class from the list.', 'ai-failover' );
		case 'after':
		case 'before':
			return __( 'Enter a valid date and time.', 'ai-failover' );
		default:
			return __( 'This value is not valid.', 'ai-failover' );
	}
}

/**
 * A datetime-local value (the browser's time zone) as UTC ISO 8601.
 *
 * @param value Such as 2026-11-22T07:30.
 * @return ISO time, or null when the value is not a date.
 */
function localToIso( value: string ): string | null {
	const time = new Date( value ).getTime();
	return Number.isNaN( time ) ? null : new Date( time ).toISOString();
}

export type BuiltQuery =
	| { query: EventQuery; fieldErrors?: never }
	| { query?: never; fieldErrors: FieldErrors };

/**
 * Turns a view into the GET /events query and validates it with
 * EventQuerySchema, so an invalid filter is shown next to its field instead
 * of being sent.
 *
 * @param view View.
 * @param now  Current time (ms), the end of the preset ranges.
 * @return The query, or the filters' errors by query parameter.
 */
export function toEventQuery( view: ViewState, now: number ): BuiltQuery {
	const { filters } = view;
	const query: Record< string, unknown > = {
		orderby: view.sort.orderby,
		order: view.sort.order,
		page: view.page,
		per_page: view.perPage,
	};
	const fieldErrors: FieldErrors = {};
	if ( filters.range === 'custom' ) {
		for ( const bound of [ 'after', 'before' ] as const ) {
			const value = filters[ bound ].trim();
			if ( value === '' ) {
				continue;
			}
			const iso = localToIso( value );
			if ( iso === null ) {
				fieldErrors[ bound ] = filterMessage( bound );
			} else {
				query[ bound ] = iso;
			}
		}
	} else if ( filters.range !== 'all' ) {
		query.after = new Date( now - RANGE_MS[ filters.range ] ).toISOString();
	}
	for ( const name of [
		'feature',
		'provider',
		'workflow',
		'step',
		'outcome',
		'error_class',
	] as const ) {
		const value = filters[ name ].trim();
		if ( value !== '' ) {
			query[ name ] = value;
		}
	}
	if ( filters.search.trim() !== '' ) {
		query.search = filters.search.trim();
	}
	if ( filters.simulated !== '' ) {
		query.simulated = filters.simulated === 'yes';
	}
	const result = EventQuerySchema.safeParse( query );
	if ( ! result.success ) {
		for ( const issue of result.error.issues ) {
			const field = String( issue.path[ 0 ] ?? '' );
			fieldErrors[ field ] ??= filterMessage( field );
		}
	}
	if ( Object.keys( fieldErrors ).length > 0 || ! result.success ) {
		return { fieldErrors };
	}
	return { query: result.data };
}

/**
 * The saved views in localStorage. Each entry is validated: a corrupt or
 * outdated entry (or a value that is not JSON at all) is skipped, never
 * trusted.
 *
 * @param storage Storage (window.localStorage).
 * @return Valid views, unique by name.
 */
export function loadSavedViews(
	storage: Storage | null = safeLocalStorage()
): SavedView[] {
	let raw: string | null = null;
	try {
		raw = storage?.getItem( SAVED_VIEWS_KEY ) ?? null;
	} catch {
		return [];
	}
	if ( ! raw ) {
		return [];
	}
	let parsed: unknown;
	try {
		parsed = JSON.parse( raw );
	} catch {
		return [];
	}
	if ( ! Array.isArray( parsed ) ) {
		return [];
	}
	const views: SavedView[] = [];
	for ( const entry of parsed ) {
		const result = SavedViewSchema.safeParse( entry );
		if (
			result.success &&
			! views.some( ( view ) => view.name === result.data.name )
		) {
			views.push( result.data );
		}
	}
	return views;
}

/**
 * Writes the saved views.
 *
 * @param views   Views.
 * @param storage Storage (window.localStorage).
 * @return Whether they were stored (false when storage is full or blocked).
 */
export function storeSavedViews(
	views: SavedView[],
	storage: Storage | null = safeLocalStorage()
): boolean {
	try {
		if ( ! storage ) {
			return false;
		}
		storage.setItem( SAVED_VIEWS_KEY, JSON.stringify( views ) );
		return true;
	} catch {
		return false;
	}
}

/**
 * window.localStorage, or null where reading it throws (blocked storage).
 *
 * @return Storage.
 */
function safeLocalStorage(): Storage | null {
	try {
		return window.localStorage;
	} catch {
		return null;
	}
}
