/**
 * Internal dependencies
 */
import {
	DrillResultSchema,
	FeatureDrillsStatusListSchema,
	type DrillResult,
	type FeatureDrillsStatus,
} from '../schemas/drill';
import { NAMESPACE, request, segment } from './request';

export const DRILLS_PATH = `${ NAMESPACE }/drills`;

/**
 * GET /ai-failover/v1/drills: each feature's drill settings and kept results.
 *
 * @return One row per feature.
 */
export function getDrills(): Promise< FeatureDrillsStatus[] > {
	return request( FeatureDrillsStatusListSchema, { path: DRILLS_PATH } );
}

/**
 * POST /ai-failover/v1/features/{id}/drills: drills the feature now.
 *
 * @param featureId Feature id.
 * @return The result, as kept.
 */
export function runDrill( featureId: string ): Promise< DrillResult > {
	return request( DrillResultSchema, {
		path: `${ NAMESPACE }/features/${ segment( featureId ) }/drills`,
		method: 'POST',
	} );
}
