/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { FeatureSchema, type Feature, type FeatureInput } from '../schemas';
import { deletedSchema } from '../schemas/responses';
import type { ApiError } from './errors';
import { NAMESPACE, request, segment, withoutLinks } from './request';

export const FEATURES_PATH = `${ NAMESPACE }/features`;

/**
 * Path of one feature.
 *
 * @param id Feature id.
 * @return Route.
 */
export const featurePath = ( id: string ) =>
	`${ FEATURES_PATH }/${ segment( id ) }`;

const DeletedFeatureSchema = deletedSchema( FeatureSchema );

/**
 * GET /ai-failover/v1/features
 *
 * @return Every feature, defaults filled in.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getFeatures(): Promise< Feature[] > {
	return request(
		z.array( FeatureSchema ),
		{ path: FEATURES_PATH },
		withoutLinks
	);
}

/**
 * GET /ai-failover/v1/features/{id}
 *
 * @param  id Feature id.
 * @return The feature.
 * @throws {ApiError} 404 `aifo_feature_not_found`.
 */
export function getFeature( id: string ): Promise< Feature > {
	return request( FeatureSchema, { path: featurePath( id ) }, withoutLinks );
}

/**
 * POST /ai-failover/v1/features. Without `fallbacks` the feature has none: a
 * failure fails, is logged, and stops.
 *
 * @param  input New feature.
 * @return The feature as saved (201).
 * @throws {ApiError} 400 with `fieldErrors` keyed by field or path (`fallbacks[1]`,
 *                    `fallbacks[0].provider_id`, `timeouts.total_ms`), 409 `aifo_feature_exists`.
 */
export function createFeature( input: FeatureInput ): Promise< Feature > {
	return request(
		FeatureSchema,
		{ path: FEATURES_PATH, method: 'POST', data: input },
		withoutLinks
	);
}

/**
 * PUT /ai-failover/v1/features/{id}: replaces the feature; what the body
 * leaves out takes its default.
 *
 * @param  id    Feature id.
 * @param  input Whole feature.
 * @return The feature as saved.
 * @throws {ApiError} 400 with `fieldErrors`, 404.
 */
export function replaceFeature(
	id: string,
	input: FeatureInput
): Promise< Feature > {
	return request(
		FeatureSchema,
		{ path: featurePath( id ), method: 'PUT', data: input },
		withoutLinks
	);
}

/**
 * PATCH /ai-failover/v1/features/{id}: changes the top-level fields sent.
 *
 * @param  id    Feature id.
 * @param  patch Top-level fields to change.
 * @return The feature as saved.
 * @throws {ApiError} 400 with `fieldErrors`, 404.
 */
export function patchFeature(
	id: string,
	patch: Partial< FeatureInput >
): Promise< Feature > {
	return request(
		FeatureSchema,
		{ path: featurePath( id ), method: 'PATCH', data: patch },
		withoutLinks
	);
}

/**
 * DELETE /ai-failover/v1/features/{id}
 *
 * @param  id Feature id.
 * @return The deleted feature.
 * @throws {ApiError} 404.
 */
export async function deleteFeature( id: string ): Promise< Feature > {
	const body = await request( DeletedFeatureSchema, {
		path: featurePath( id ),
		method: 'DELETE',
	} );
	return body.previous;
}
