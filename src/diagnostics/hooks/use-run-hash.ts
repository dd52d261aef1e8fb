/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

/**
 * The run id named in the URL fragment (`#run=<id>`), as written: the run
 * view reports a malformed id instead of ignoring it.
 *
 * @param hash URL fragment, with its "#".
 * @return Run id, or null when the fragment names no run.
 */
export function runIdFromHash(
	hash: string = window.location.hash
): string | null {
	const match = /^#run=(.*)$/.exec( hash );
	if ( ! match ) {
		return null;
	}
	try {
		return decodeURIComponent( match[ 1 ] ?? '' );
	} catch {
		return match[ 1 ] ?? '';
	}
}

/**
 * The open run, following the URL fragment: run links are plain
 * `<a href="#run=…">` (so the back button closes the run and a copied URL
 * opens it), and closing drops the fragment.
 *
 * @return The open run id and a function that closes it.
 */
export function useRunHash(): {
	runId: string | null;
	closeRun: () => void;
} {
	const [ runId, setRunId ] = useState< string | null >( () =>
		runIdFromHash()
	);
	useEffect( () => {
		const follow = () => setRunId( runIdFromHash() );
		window.addEventListener( 'hashchange', follow );
		return () => window.removeEventListener( 'hashchange', follow );
	}, [] );
	const closeRun = useCallback( () => {
		if ( runIdFromHash() !== null ) {
			window.history.pushState(
				null,
				'',
				window.location.pathname + window.location.search
			);
		}
		setRunId( null );
	}, [] );
	return { runId, closeRun };
}
