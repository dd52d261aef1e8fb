/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import {
	readUrlView,
	sameUrlView,
	writeUrlView,
	type UrlView,
} from '../url-view';

/**
 * The view kept in the page URL: read at load and again whenever the URL
 * moves under it (back/forward: `popstate`; a fragment change such as opening
 * or closing a run, or an edited address: `hashchange`, which some browsers
 * fire without `popstate`), written with replaceState (a filter change is not
 * a history step; opening a run is). Each history entry keeps the view it
 * was left with, so going back to it restores that view.
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
		const follow = () => {
			const read = readUrlView( window.location.search );
			setView( ( current ) =>
				sameUrlView( current, read ) ? current : read
			);
		};
		window.addEventListener( 'popstate', follow );
		window.addEventListener( 'hashchange', follow );
		return () => {
			window.removeEventListener( 'popstate', follow );
			window.removeEventListener( 'hashchange', follow );
		};
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
