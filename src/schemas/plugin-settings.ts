/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Site-wide diagnostics settings (the `aifo_settings` option).
 *
 * @see \AI_Failover\Config\Settings_Registrar
 * @see includes/Schema/json/plugin-settings.schema.json (generated)
 */
export const PluginSettingsSchema = z.strictObject( {
	log_retention_days: z
		.number()
		.int()
		.min( 1 )
		.max( 365 )
		.default( 30 )
		.describe(
			'Days to keep run log rows before the daily cleanup deletes them.'
		),
	log_previews: z
		.boolean()
		.default( false )
		.describe(
			'Whether run log rows store a truncated preview of the prompt and the response.'
		),
	log_preview_max_chars: z
		.number()
		.int()
		.min( 0 )
		.max( 4000 )
		.default( 500 )
		.describe(
			'Maximum characters kept per preview when previews are enabled.'
		),
} );

/**
 * Settings as stored and returned by the server (defaults applied).
 */
export type PluginSettings = z.output< typeof PluginSettingsSchema >;

const fields = PluginSettingsSchema.shape;

/**
 * Payload of POST /ai-failover/v1/settings: any subset of the fields.
 *
 * Built from the unwrapped fields rather than `.partial()`, because zod 4
 * still applies defaults inside `.optional()`: a partial would fill in every
 * omitted field and turn a one-field patch into a full reset.
 */
export const PluginSettingsPatchSchema = z.strictObject( {
	log_retention_days: fields.log_retention_days.unwrap().optional(),
	log_previews: fields.log_previews.unwrap().optional(),
	log_preview_max_chars: fields.log_preview_max_chars.unwrap().optional(),
} );

export type PluginSettingsPatch = z.input< typeof PluginSettingsPatchSchema >;
