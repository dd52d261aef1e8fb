/**
 * WordPress dependencies
 */
import { useEffect, useRef } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { getPolicyState } from '../../api/policy-state';
import { useResource, type Resource } from '../../lib/use-resource';
import type { PolicyState } from '../../schemas/policy-state';

/**
 * The budgets and error-rate breakers, loaded once for both panels and again
 * whenever `refreshKey` changes (live mode, Refresh).
 *
 * @param refreshKey Reload when it changes.
 * @return The resource.
 */
export function usePolicyState( refreshKey = 0 ): Resource< PolicyState > {
	const resource = useResource( getPolicyState );
	const { reload } = resource;
	const isFirst = useRef( true );
	useEffect( () => {
		if ( isFirst.current ) {
			// useResource loads on mount by itself.
			isFirst.current = false;
			return;
		}
		void reload();
	}, [ refreshKey, reload ] );
	return resource;
}
