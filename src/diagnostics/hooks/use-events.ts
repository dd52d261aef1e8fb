/**
 * WordPress dependencies
 */
import { useMemo } from '@wordpress/element';

/**
 * Internal dependencies
 */
import type { ApiError, FieldErrors } from '../../api/errors';
import { getEvents, type EventPage } from '../../api/events';
import { useResource } from '../../lib/use-resource';
import type { EventQuery } from '../../schemas';
import { toEventQuery, type ViewState } from '../view';

/** Wait after the last change before asking the server (typing in filters). */
export const QUERY_DELAY_MS = 250;

export type EventsState = {
	/** The last page loaded; kept while the next one loads. */
	page: EventPage | null;
	/** The validated query of the current view; null while it is invalid. */
	query: EventQuery | null;
	/** Filters the view or the server refused, by query parameter. */
	fieldErrors: FieldErrors;
	/** The last request's failure. */
	error: ApiError | null;
	isLoading: boolean;
};

const NO_FIELD_ERRORS: FieldErrors = {};

/**
 * Loads the page of events a view shows. The view is validated with
 * EventQuerySchema before every request (see toEventQuery); an invalid view
 * sends nothing and reports its field errors. Only the latest answer is kept
 * (useResource).
 *
 * @param view    View.
 * @param refresh Bump to load again (and move the time ranges to now).
 * @return State.
 */
export function useEvents( view: ViewState, refresh: number ): EventsState {
	// `refresh` is a dependency on purpose: it re-reads Date.now().
	const built = useMemo(
		() => toEventQuery( view, Date.now() ),
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[ view, refresh ]
	);
	const key = JSON.stringify( built );
	const query = built.query ?? null;
	const load = useMemo(
		() => ( query ? () => getEvents( query ) : null ),
		// `key` stands for `built`, compared by value.
		// eslint-disable-next-line react-hooks/exhaustive-deps
		[ key ]
	);
	const { data, failure, isLoading } = useResource( load, {
		delayMs: QUERY_DELAY_MS,
	} );

	let fieldErrors = NO_FIELD_ERRORS;
	if ( built.fieldErrors ) {
		fieldErrors = built.fieldErrors;
	} else if ( ! isLoading && failure ) {
		fieldErrors = failure.fieldErrors;
	}
	return { page: data, query, fieldErrors, error: failure, isLoading };
}
