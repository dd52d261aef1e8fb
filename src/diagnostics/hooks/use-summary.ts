/**
 * WordPress dependencies
 */
import { useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { toApiError } from '../../api/errors';
import { getSummary, type Summary, type SummaryQuery } from '../../api/events';

export type SummaryState = {
	/** The last summary loaded; kept while the next one loads. */
	summary: Summary | null;
	error: string | null;
	isLoading: boolean;
	/** When the last one arrived (ms). */
	loadedAt: number;
};

/**
 * Loads the summary for a query; only the latest answer is kept.
 *
 * @param query   Window, drills, feature, workflow.
 * @param refresh Bump to load again.
 * @return State.
 */
export function useSummary(
	query: SummaryQuery,
	refresh: number
): SummaryState {
	const key = JSON.stringify( query );
	const [ state, setState ] = useState< SummaryState >( {
		summary: null,
		error: null,
		isLoading: true,
		loadedAt: Date.now(),
	} );
	useEffect( () => {
		let isCurrent = true;
		setState( ( previous ) => ( { ...previous, isLoading: true } ) );
		getSummary( query ).then(
			( summary ) => {
				if ( isCurrent ) {
					setState( {
						summary,
						error: null,
						isLoading: false,
						loadedAt: Date.now(),
					} );
				}
			},
			( failure: unknown ) => {
				if ( isCurrent ) {
					setState( ( previous ) => ( {
						...previous,
						error: toApiError( failure ).message,
						isLoading: false,
					} ) );
				}
			}
		);
		return () => {
			isCurrent = false;
		};
		// `key` stands for `query`, compared by value.
		// eslint-disable-next-line react-hooks/exhaustive-deps
	}, [ key, refresh ] );
	return state;
}
