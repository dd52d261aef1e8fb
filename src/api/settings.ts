/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import {
	PluginSettingsSchema,
	type PluginSettings,
	type PluginSettingsPatch,
} from '../schemas';
import { parseResponse, toApiError, type ApiError } from './errors';

export const SETTINGS_PATH = '/ai-failover/v1/settings';

/**
 * GET /ai-failover/v1/settings
 *
 * @return Current settings.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export async function getSettings(): Promise< PluginSettings > {
	const body = await apiFetch< unknown >( { path: SETTINGS_PATH } ).catch(
		( error: unknown ) => {
			throw toApiError( error );
		}
	);
	return parseResponse( PluginSettingsSchema, body, SETTINGS_PATH );
}

/**
 * POST /ai-failover/v1/settings with only the changed fields. The server
 * validates (its args come from the same schema) and answers with all fields.
 *
 * @param  patch Changed fields.
 * @return Settings after the update.
 * @throws {ApiError} On any REST error (400 carries `fieldErrors`) or an unexpected response shape.
 */
export async function updateSettings(
	patch: PluginSettingsPatch
): Promise< PluginSettings > {
	const body = await apiFetch< unknown >( {
		path: SETTINGS_PATH,
		method: 'POST',
		data: patch,
	} ).catch( ( error: unknown ) => {
		throw toApiError( error );
	} );
	return parseResponse( PluginSettingsSchema, body, SETTINGS_PATH );
}
