/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { toApiError } from '../../api/errors';
import { useIsMounted } from './use-is-mounted';

export type Resource< T > = {
	/** Last loaded value; kept while reloading and after a failed reload. */
	data: T | null;
	/** Message of the last failed load; null after a successful one. */
	error: string | null;
	isLoading: boolean;
	/** Loads again; resolves when done (never rejects). */
	reload: () => Promise< void >;
};

/**
 * Loads data on mount and whenever `load` changes (memoize it with
 * useCallback). Only the answer of the latest request is kept.
 *
 * @param load Loader, usually a src/api function.
 * @return The resource.
 */
export function useResource< T >( load: () => Promise< T > ): Resource< T > {
	const [ data, setData ] = useState< T | null >( null );
	const [ error, setError ] = useState< string | null >( null );
	const [ isLoading, setIsLoading ] = useState( true );
	const isMounted = useIsMounted();
	const latest = useRef( 0 );

	const reload = useCallback( async () => {
		const request = ++latest.current;
		setIsLoading( true );
		try {
			const value = await load();
			if ( isMounted() && request === latest.current ) {
				setData( () => value );
				setError( null );
			}
		} catch ( failure ) {
			if ( isMounted() && request === latest.current ) {
				setError( toApiError( failure ).message );
			}
		} finally {
			if ( isMounted() && request === latest.current ) {
				setIsLoading( false );
			}
		}
	}, [ load, isMounted ] );

	useEffect( () => {
		void reload();
	}, [ reload ] );

	return { data, error, isLoading, reload };
}
