/**
 * WordPress dependencies
 */
import { useCallback, useEffect, useState } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { getModels, type ModelList } from '../../api/models';
import { useResource, type Resource } from '../../lib/use-resource';

export type UseModels = Resource< ModelList > & {
	/** Asks the provider again instead of using the server's cache. */
	refresh: () => Promise< void >;
	isRefreshing: boolean;
};

/**
 * A provider's models: the catalog merged with what the provider lists.
 *
 * @param providerId Provider id.
 * @return Models, the discovery error and a refresh action.
 */
export function useModels( providerId: string ): UseModels {
	const [ refreshToken, setRefreshToken ] = useState( 0 );
	const load = useCallback(
		() => getModels( providerId, { refresh: refreshToken > 0 } ),
		[ providerId, refreshToken ]
	);
	const resource = useResource( load );
	const refresh = useCallback( async () => {
		setRefreshToken( ( n ) => n + 1 );
	}, [] );
	return {
		...resource,
		refresh,
		isRefreshing: refreshToken > 0 && resource.isLoading,
	};
}

const pendingIds = new Map< string, Promise< string[] > >();
const knownIds = new Map< string, string[] >();

/**
 * Model ids of a provider for a datalist, fetched once per page load per
 * provider. Failures give an empty list (and are asked again next time): any
 * model id may be typed by hand.
 *
 * @param providerId Provider id; empty for none.
 * @return Model ids.
 */
export function useModelIds( providerId: string ): string[] {
	const [ ids, setIds ] = useState< string[] >(
		() => knownIds.get( providerId ) ?? []
	);
	useEffect( () => {
		const known = providerId ? knownIds.get( providerId ) : [];
		if ( known ) {
			setIds( known );
			return;
		}
		let active = true;
		let pending = pendingIds.get( providerId );
		if ( ! pending ) {
			pending = getModels( providerId ).then(
				( { models } ) => {
					const list = models.map( ( { model } ) => model );
					knownIds.set( providerId, list );
					return list;
				},
				() => {
					pendingIds.delete( providerId );
					return [];
				}
			);
			pendingIds.set( providerId, pending );
		}
		void pending.then( ( list ) => {
			if ( active ) {
				setIds( list );
			}
		} );
		return () => {
			active = false;
		};
	}, [ providerId ] );
	return ids;
}

/**
 * Forgets cached model ids (after a provider changed; tests).
 *
 * @param providerId Provider id; all when omitted.
 */
export function forgetModelIds( providerId?: string ): void {
	if ( providerId === undefined ) {
		pendingIds.clear();
		knownIds.clear();
	} else {
		pendingIds.delete( providerId );
		knownIds.delete( providerId );
	}
}
