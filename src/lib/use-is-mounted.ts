/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useRef } from '@wordpress/element';

/**
 * Whether the component is still mounted, for state updates after an await.
 *
 * WordPress 6.1 runs React 17, which logs "Can't perform a React state update
 * on an unmounted component" as a console error (a failed e2e run), for
 * example when a tab is left while its request is in flight.
 *
 * @return Function answering whether the component is mounted.
 */
export function useIsMounted(): () => boolean {
	const mounted = useRef( false );
	useEffect( () => {
		mounted.current = true;
		return () => {
			mounted.current = false;
		};
	}, [] );
	return useCallback( () => mounted.current, [] );
}
