/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	ProviderKeySchema,
	ProviderKeyTestSchema,
	type ProviderKey,
	type ProviderKeyInput,
	type ProviderKeyTest,
} from '../schemas';
import {
	deletedSchema,
	KeyTestResultSchema,
	type KeyTestResult,
} from '../schemas/responses';
import type { ApiError } from './errors';
import { NAMESPACE, request, segment } from './request';

/**
 * Path of a provider's keys.
 *
 * @param providerId Provider id.
 * @return Route.
 */
export const keysPath = ( providerId: string ) =>
	`${ NAMESPACE }/providers/${ segment( providerId ) }/keys`;

/**
 * Path of one key.
 *
 * @param providerId Provider id.
 * @param keyId      Key id.
 * @return Route.
 */
export const keyPath = ( providerId: string, keyId: string ) =>
	`${ keysPath( providerId ) }/${ segment( keyId ) }`;

const DeletedKeySchema = deletedSchema( ProviderKeySchema );

/**
 * GET /ai-failover/v1/providers/{id}/keys
 *
 * @param  providerId Provider id.
 * @return The provider's keys (environment, constant, then stored), masked.
 * @throws {ApiError} 404 `aifo_provider_not_found`.
 */
export function getKeys( providerId: string ): Promise< ProviderKey[] > {
	return request( z.array( ProviderKeySchema ), {
		path: keysPath( providerId ),
	} );
}

/**
 * POST /ai-failover/v1/providers/{id}/keys. The secret goes in and never
 * comes back: the answer shows `last4` only.
 *
 * @param  providerId Provider id.
 * @param  input      Label and secret.
 * @return The stored key, masked (201).
 * @throws {ApiError} 400 with `fieldErrors`, 400 `aifo_keyless_provider`.
 */
export function addKey(
	providerId: string,
	input: ProviderKeyInput
): Promise< ProviderKey > {
	return request( ProviderKeySchema, {
		path: keysPath( providerId ),
		method: 'POST',
		data: input,
	} );
}

/**
 * PATCH /ai-failover/v1/providers/{id}/keys/{key} with a new label.
 *
 * @param  providerId Provider id.
 * @param  keyId      Key id.
 * @param  label      New label.
 * @return The key.
 * @throws {ApiError} 400 `aifo_external_key` for environment/constant keys.
 */
export function renameKey(
	providerId: string,
	keyId: string,
	label: string
): Promise< ProviderKey > {
	return request( ProviderKeySchema, {
		path: keyPath( providerId, keyId ),
		method: 'PATCH',
		data: { label },
	} );
}

/**
 * PATCH /ai-failover/v1/providers/{id}/keys/{key} `{ state: 'active' }`: puts
 * a dead or cooling key back in rotation.
 *
 * @param  providerId Provider id.
 * @param  keyId      Key id.
 * @return The key.
 * @throws {ApiError} 404.
 */
export function reviveKey(
	providerId: string,
	keyId: string
): Promise< ProviderKey > {
	return request( ProviderKeySchema, {
		path: keyPath( providerId, keyId ),
		method: 'PATCH',
		data: { state: 'active' },
	} );
}

/**
 * DELETE /ai-failover/v1/providers/{id}/keys/{key}
 *
 * @param  providerId Provider id.
 * @param  keyId      Key id.
 * @return The deleted key, masked.
 * @throws {ApiError} 400 `aifo_external_key` for environment/constant keys.
 */
export async function deleteKey(
	providerId: string,
	keyId: string
): Promise< ProviderKey > {
	const body = await request( DeletedKeySchema, {
		path: keyPath( providerId, keyId ),
		method: 'DELETE',
	} );
	return body.previous;
}

/**
 * POST /ai-failover/v1/providers/{id}/keys/{key}/test: one real request with
 * this key, the model list by default or a one-token completion of a model
 * (`{ kind: 'completion', model }`). A failed test is a result, not an error.
 *
 * @param  providerId Provider id.
 * @param  keyId      Key id.
 * @param  test       What to test; the model list by default.
 * @return `{ ok: true, ... }` or `{ ok: false, error }`.
 * @throws {ApiError} 400 naming the field, 404, 409 `aifo_key_undecryptable`.
 */
export function testKey(
	providerId: string,
	keyId: string,
	test: ProviderKeyTest = {}
): Promise< KeyTestResult > {
	return request( KeyTestResultSchema, {
		path: `${ keyPath( providerId, keyId ) }/test`,
		method: 'POST',
		...( Object.keys( test ).length > 0
			? { data: ProviderKeyTestSchema.parse( test ) }
			: {} ),
	} );
}
