/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { readUrlView, writeUrlView, type UrlView } from '../url-view';

/**
 * The view kept in the page URL: read at load and on back/forward, written
 * with replaceState (a filter change is not a history step; opening a run is).
 *
 * @return The view and a function that changes part of it.
 */
export function useUrlView(): [
	UrlView,
	( patch: Partial< UrlView > ) => void,
] {
	const [ view, setView ] = useState< UrlView >( () =>
		readUrlView( window.location.search )
	);
	useEffect( () => {
		const follow = () => setView( readUrlView( window.location.search ) );
		window.addEventListener( 'popstate', follow );
		return () => window.removeEventListener( 'popstate', follow );
	}, [] );
	const update = useCallback( ( patch: Partial< UrlView > ) => {
		setView( ( current ) => {
			const next = { ...current, ...patch };
			const search = writeUrlView( next, window.location.search );
			if ( search !== window.location.search ) {
				window.history.replaceState(
					window.history.state,
					'',
					window.location.pathname + search + window.location.hash
				);
			}
			return next;
		} );
	}, [] );
	return [ view, update ];
}
