/**
 * The Diagnostics view in the page URL's query string, so a filtered view can
 * be shared: `admin.php?page=ai-failover-diagnostics&window=7d&feature=summary
 * &error_class=server#run=…`. The fragment stays for the open run
 * (`#run=<id>`) and the workflow run (`#workflow-run=<id>`). Every value is
 * validated when read: a hand-edited URL never makes an invalid request.
 */

/**
 * Internal dependencies
 */
import {
	DEFAULT_FILTERS,
	FiltersSchema,
	sameFilters,
	type Filters,
} from './view';

export type Window = '24h' | '7d';

export type UrlView = {
	window: Window;
	/** Count drills in the summary and health figures. */
	drills: boolean;
	/** Refresh every few seconds. */
	live: boolean;
	/** The event log's filters ('' = any). */
	filters: Filters;
};

export const DEFAULT_URL_VIEW: UrlView = {
	window: '24h',
	drills: false,
	live: false,
	filters: DEFAULT_FILTERS,
};

/** Filter names as they appear in the URL (the same as the query's). */
const FILTER_NAMES = Object.keys( DEFAULT_FILTERS ) as ( keyof Filters )[];

/**
 * Reads the view from a query string; unknown or invalid values fall back to
 * the defaults.
 *
 * @param search Such as "?page=ai-failover-diagnostics&window=7d".
 * @return View.
 */
export function readUrlView( search: string ): UrlView {
	const params = new URLSearchParams( search );
	const filters: Record< string, unknown > = { ...DEFAULT_FILTERS };
	for ( const name of FILTER_NAMES ) {
		const value = params.get( name );
		if ( value === null ) {
			continue;
		}
		const parsed = FiltersSchema.shape[ name ].safeParse( value );
		if ( parsed.success ) {
			filters[ name ] = parsed.data;
		}
	}
	return {
		window: params.get( 'window' ) === '7d' ? '7d' : '24h',
		drills: params.get( 'drills' ) === '1',
		live: params.get( 'live' ) === '1',
		filters: filters as Filters,
	};
}

/**
 * Whether two views are the same (so following the URL re-renders nothing
 * when it did not change).
 *
 * @param a View.
 * @param b View.
 * @return Same values.
 */
export function sameUrlView( a: UrlView, b: UrlView ): boolean {
	return (
		a.window === b.window &&
		a.drills === b.drills &&
		a.live === b.live &&
		sameFilters( a.filters, b.filters )
	);
}

/**
 * Writes the view into a query string, keeping its other parameters (page)
 * and leaving defaults out so the URL stays short.
 *
 * @param view   View.
 * @param search The current query string.
 * @return New query string, with its "?".
 */
export function writeUrlView( view: UrlView, search: string ): string {
	const params = new URLSearchParams( search );
	const set = ( name: string, value: string, fallback: string ) => {
		if ( value === fallback ) {
			params.delete( name );
		} else {
			params.set( name, value );
		}
	};
	set( 'window', view.window, DEFAULT_URL_VIEW.window );
	set( 'drills', view.drills ? '1' : '', '' );
	set( 'live', view.live ? '1' : '', '' );
	for ( const name of FILTER_NAMES ) {
		set( name, String( view.filters[ name ] ), DEFAULT_FILTERS[ name ] );
	}
	const out = params.toString();
	return out === '' ? '' : `?${ out }`;
}
