/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

/**
 * The workflow run named in the URL fragment (`#workflow-run=<id>`), the
 * link provenance, the queue and the workflow editor point at.
 *
 * @param hash URL fragment, with its "#".
 * @return Workflow run id, or null when the fragment names none.
 */
export function workflowRunIdFromHash(
	hash: string = window.location.hash
): string | null {
	const match = /^#workflow-run=(.*)$/.exec( hash );
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
 * The open workflow run, following the URL fragment like useRunHash().
 *
 * @return The open workflow run id and a function that closes it.
 */
export function useWorkflowRunHash(): {
	workflowRunId: string | null;
	closeWorkflowRun: () => void;
} {
	const [ workflowRunId, setId ] = useState< string | null >( () =>
		workflowRunIdFromHash()
	);
	useEffect( () => {
		const follow = () => setId( workflowRunIdFromHash() );
		window.addEventListener( 'hashchange', follow );
		return () => window.removeEventListener( 'hashchange', follow );
	}, [] );
	const closeWorkflowRun = useCallback( () => {
		if ( workflowRunIdFromHash() !== null ) {
			window.history.pushState(
				null,
				'',
				window.location.pathname + window.location.search
			);
		}
		setId( null );
	}, [] );
	return { workflowRunId, closeWorkflowRun };
}
