/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Feature } from '../../../schemas';
import type { FeatureRoute } from './types';

/**
 * The feature's routes in its order (primary, then fallbacks), each once.
 *
 * @param feature Feature.
 * @return Routes.
 */
export function featureRoutes( feature: Feature ): FeatureRoute[] {
	const routes: FeatureRoute[] = [];
	const seen = new Set< string >();
	[ feature.primary, ...feature.fallbacks ].forEach( ( route, index ) => {
		const id = `${ route.provider_id }/${ route.model }`;
		if ( seen.has( id ) ) {
			return;
		}
		seen.add( id );
		routes.push( {
			id,
			role:
				index === 0
					? __( 'primary', 'ai-failover' )
					: sprintf(
							/* translators: %d: position of the fallback, from 1. */
							__( 'fallback %d', 'ai-failover' ),
							index
						),
		} );
	} );
	return routes;
}

/**
 * The Diagnostics screen's address of one run (relative to wp-admin).
 *
 * @param runId Run id.
 * @return URL.
 */
export const diagnosticsRunUrl = ( runId: string ) =>
	`admin.php?page=ai-failover-diagnostics#run=${ encodeURIComponent( runId ) }`;
