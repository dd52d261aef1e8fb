/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	ModelListItemSchema,
	type CatalogEntryInput,
	type ModelListItem,
} from '../schemas';
import { DeletedModelSchema } from '../schemas/responses';
import type { ApiError } from './errors';
import { NAMESPACE, request, requestWithHeaders, segment } from './request';

/** Header set when asking the provider for its models failed. */
export const DISCOVERY_ERROR_HEADER = 'X-AIFO-Discovery-Error';

/**
 * Path of a provider's models.
 *
 * @param providerId Provider id.
 * @return Route.
 */
export const modelsPath = ( providerId: string ) =>
	`${ NAMESPACE }/providers/${ segment( providerId ) }/models`;

export type ModelList = {
	models: ModelListItem[];
	/** Why the provider's own list could not be fetched; null when it was. */
	discoveryError: string | null;
};

/**
 * GET /ai-failover/v1/providers/{id}/models[?refresh=true]: the catalog merged
 * with what the provider lists (cached 12 hours; `refresh` asks again).
 * Discovery failing is not the request failing: the catalog still answers.
 *
 * @param  providerId      Provider id.
 * @param  options         Options.
 * @param  options.refresh Skip the server's cache.
 * @return Models and the discovery error, if any.
 * @throws {ApiError} 404 `aifo_provider_not_found`.
 */
export async function getModels(
	providerId: string,
	{ refresh = false }: { refresh?: boolean } = {}
): Promise< ModelList > {
	const { data, header } = await requestWithHeaders(
		z.array( ModelListItemSchema ),
		{
			path: modelsPath( providerId ) + ( refresh ? '?refresh=true' : '' ),
		}
	);
	return { models: data, discoveryError: header( DISCOVERY_ERROR_HEADER ) };
}

/**
 * PUT /ai-failover/v1/providers/{id}/models: creates or edits a catalog entry.
 *
 * @param  providerId Provider id.
 * @param  entry      Catalog entry.
 * @return The entry as stored.
 * @throws {ApiError} 400 with `fieldErrors`.
 */
export function saveModel(
	providerId: string,
	entry: CatalogEntryInput
): Promise< ModelListItem > {
	return request( ModelListItemSchema, {
		path: modelsPath( providerId ),
		method: 'PUT',
		data: entry,
	} );
}

/**
 * DELETE /ai-failover/v1/providers/{id}/models?model=...: drops an admin's
 * edit (a seeded model goes back to its defaults).
 *
 * @param  providerId Provider id.
 * @param  model      Model id.
 * @throws {ApiError} 404 `aifo_model_not_edited`.
 */
export async function deleteModel(
	providerId: string,
	model: string
): Promise< void > {
	await request( DeletedModelSchema, {
		path: `${ modelsPath( providerId ) }?model=${ encodeURIComponent(
			model
		) }`,
		method: 'DELETE',
	} );
}
