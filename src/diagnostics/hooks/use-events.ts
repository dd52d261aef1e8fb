/**
 * WordPress dependencies
 */
import { useEffect, useMemo, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { toApiError, type ApiError, type FieldErrors } from '../../api/errors';
import { getEvents, type EventPage } from '../../api/events';
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

/**
 * Loads the page of events a view shows. The view is validated with
 * EventQuerySchema before every request (see toEventQuery); an invalid view
 * sends nothing and reports its field errors. Only the latest answer is kept.
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
	const [ state, setState ] = useState< EventsState >( {
		page: null,
		query: null,
		fieldErrors: {},
		error: null,
		isLoading: true,
	} );

	useEffect( () => {
		if ( ! built.query ) {
			setState( ( previous ) => ( {
				...previous,
				query: null,
				fieldErrors: built.fieldErrors,
				error: null,
				isLoading: false,
			} ) );
			return;
		}
		const query = built.query;
		let isCurrent = true;
		setState( ( previous ) => ( {
			...previous,
			query,
			fieldErrors: {},
			isLoading: true,
		} ) );
		const timer = window.setTimeout( () => {
			getEvents( query ).then(
				( page ) => {
					if ( isCurrent ) {
						setState( {
							page,
							query,
							fieldErrors: {},
							error: null,
							isLoading: false,
						} );
					}
				},
				( failure: unknown ) => {
					if ( isCurrent ) {
						const error = toApiError( failure );
						setState( ( previous ) => ( {
							...previous,
							fieldErrors: error.fieldErrors,
							error,
							isLoading: false,
						} ) );
					}
				}
			);
		}, QUERY_DELAY_MS );
		return () => {
			isCurrent = false;
			window.clearTimeout( timer );
		};
		// `key` stands for `built`, compared by value.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [ key ] );

	return state;
}
