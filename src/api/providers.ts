/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { ProviderSchema, type Provider, type ProviderInput } from '../schemas';
import { PresetSchema, type Preset } from '../schemas/preset';
import { deletedSchema, ProviderInUseDataSchema } from '../schemas/responses';
import type { ApiError } from './errors';
import { NAMESPACE, request, segment, withoutLinks } from './request';

export const PRESETS_PATH = `${ NAMESPACE }/presets`;
export const PROVIDERS_PATH = `${ NAMESPACE }/providers`;

/**
 * Path of one provider.
 *
 * @param id Provider id.
 * @return Route.
 */
export const providerPath = ( id: string ) =>
	`${ PROVIDERS_PATH }/${ segment( id ) }`;

const DeletedProviderSchema = deletedSchema( ProviderSchema );

/**
 * GET /ai-failover/v1/presets
 *
 * @return Every provider preset, in the server's order.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getPresets(): Promise< Preset[] > {
	return request( z.array( PresetSchema ), { path: PRESETS_PATH } );
}

/**
 * GET /ai-failover/v1/providers
 *
 * @return Every provider (never with keys).
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getProviders(): Promise< Provider[] > {
	return request(
		z.array( ProviderSchema ),
		{ path: PROVIDERS_PATH },
		withoutLinks
	);
}

/**
 * GET /ai-failover/v1/providers/{id}
 *
 * @param  id Provider id.
 * @return The provider.
 * @throws {ApiError} 404 `aifo_provider_not_found`.
 */
export function getProvider( id: string ): Promise< Provider > {
	return request(
		ProviderSchema,
		{ path: providerPath( id ) },
		withoutLinks
	);
}

/**
 * POST /ai-failover/v1/providers
 *
 * @param  input New provider.
 * @return The provider as saved (201).
 * @throws {ApiError} 400 with `fieldErrors` (e.g. `base_url` on a private
 *                    address), 409 `aifo_provider_exists` (`fieldErrors.id`).
 */
export function createProvider( input: ProviderInput ): Promise< Provider > {
	return request(
		ProviderSchema,
		{ path: PROVIDERS_PATH, method: 'POST', data: input },
		withoutLinks
	);
}

/**
 * PUT /ai-failover/v1/providers/{id}: sends every field; the id cannot change.
 *
 * @param  id    Provider id.
 * @param  input Provider.
 * @return The provider as saved.
 * @throws {ApiError} 400 with `fieldErrors`, 404.
 */
export function updateProvider(
	id: string,
	input: ProviderInput
): Promise< Provider > {
	return request(
		ProviderSchema,
		{ path: providerPath( id ), method: 'PUT', data: input },
		withoutLinks
	);
}

/**
 * PATCH /ai-failover/v1/providers/{id}: changes only the fields sent.
 *
 * @param  id    Provider id.
 * @param  patch Changed fields.
 * @return The provider as saved.
 * @throws {ApiError} 400 with `fieldErrors`, 404.
 */
export function patchProvider(
	id: string,
	patch: Partial< ProviderInput >
): Promise< Provider > {
	return request(
		ProviderSchema,
		{ path: providerPath( id ), method: 'PATCH', data: patch },
		withoutLinks
	);
}

/**
 * DELETE /ai-failover/v1/providers/{id}: the provider, its keys and its
 * catalog edits.
 *
 * @param  id Provider id.
 * @return The deleted provider.
 * @throws {ApiError} 409 `aifo_provider_in_use` (see providerInUseBy()), 404.
 */
export async function deleteProvider( id: string ): Promise< Provider > {
	const body = await request(
		DeletedProviderSchema,
		{ path: providerPath( id ), method: 'DELETE' },
		( raw ) =>
			raw && typeof raw === 'object' && 'previous' in raw
				? { ...raw, previous: withoutLinks( raw.previous ) }
				: raw
	);
	return body.previous;
}

/**
 * The ids of the features that keep a provider from being deleted.
 *
 * @param error Error thrown by deleteProvider().
 * @return Feature ids; empty for any other error.
 */
export function providerInUseBy( error: ApiError ): string[] {
	if ( error.code !== 'aifo_provider_in_use' ) {
		return [];
	}
	const parsed = ProviderInUseDataSchema.safeParse( error.data );
	return parsed.success ? parsed.data.features : [];
}
