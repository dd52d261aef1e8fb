/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useRef, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { toApiError, type ApiError } from '../api/errors';
import { useIsMounted } from './use-is-mounted';

export type Resource< T > = {
	/** Last loaded value; kept while reloading and after a failed reload. */
	data: T | null;
	/** Message of the last failed load; null after a successful one. */
	error: string | null;
	/** The last failed load (with its field errors); null after a successful one. */
	failure: ApiError | null;
	isLoading: boolean;
	/** Loads again; resolves when done (never rejects). */
	reload: () => Promise< void >;
};

export type ResourceOptions = {
	/** Wait after `load` changes before calling it (typing in filters). */
	delayMs?: number;
};

/**
 * Loads data on mount and whenever `load` changes (memoize it with
 * useCallback or useMemo). Only the answer of the latest request is kept: a
 * change of `load` drops the answers of the earlier ones, even during the
 * delay. A null `load` means there is nothing to load: no request, no error,
 * the last data kept.
 *
 * The only fetch primitive of the screens: `load` is a src/api function
 * (only src/api calls apiFetch).
 *
 * @param load            Loader, usually a src/api function; null to load nothing.
 * @param options         Options.
 * @param options.delayMs
 * @return The resource.
 */
export function useResource< T >(
	load: ( () => Promise< T > ) | null,
	{ delayMs = 0 }: ResourceOptions = {}
): Resource< T > {
	const [ data, setData ] = useState< T | null >( null );
	const [ failure, setFailure ] = useState< ApiError | null >( null );
	const [ isLoading, setIsLoading ] = useState( true );
	const isMounted = useIsMounted();
	const latest = useRef( 0 );

	const fetchFor = useCallback(
		async ( request: number ) => {
			if ( ! load ) {
				return;
			}
			const isLatest = () => isMounted() && request === latest.current;
			try {
				const value = await load();
				if ( isLatest() ) {
					setData( () => value );
					setFailure( null );
				}
			} catch ( caught ) {
				if ( isLatest() ) {
					setFailure( toApiError( caught ) );
				}
			} finally {
				if ( isLatest() ) {
					setIsLoading( false );
				}
			}
		},
		[ load, isMounted ]
	);

	const reload = useCallback( async () => {
		if ( ! load ) {
			return;
		}
		const request = ++latest.current;
		setIsLoading( true );
		await fetchFor( request );
	}, [ load, fetchFor ] );

	useEffect( () => {
		const request = ++latest.current;
		if ( ! load ) {
			setFailure( null );
			setIsLoading( false );
			return;
		}
		setIsLoading( true );
		if ( delayMs <= 0 ) {
			void fetchFor( request );
			return;
		}
		const timer = window.setTimeout(
			() => void fetchFor( request ),
			delayMs
		);
		return () => window.clearTimeout( timer );
	}, [ load, fetchFor, delayMs ] );

	return {
		data,
		error: failure ? failure.message : null,
		failure,
		isLoading,
		reload,
	};
}
