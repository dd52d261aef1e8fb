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
	alerts_enabled: z
		.boolean()
		.default( true )
		.describe(
			'Raise alerts (admin notice, email, webhook) when a feature degrades.'
		),
	alert_email: z
		.union( [ z.email().max( 200 ), z.literal( '' ) ] )
		.default( '' )
		.describe( 'Where alert emails go; empty means the site admin email.' ),
	alert_webhook_url: z
		.union( [
			z
				.string()
				.max( 2048 )
				.regex( /^https?:\/\/[^\s]+$(?!\n)/ ),
			z.literal( '' ),
		] )
		.default( '' )
		.describe( 'Optional URL that receives each alert as a JSON POST.' ),
	alert_window_minutes: z.number().int().min( 5 ).max( 1440 ).default( 60 ),
	alert_fallback_rate_pct: z
		.number()
		.int()
		.min( 1 )
		.max( 100 )
		.default( 25 )
		.describe(
			"Alert when at least this share of a feature's runs needed a fallback or key rotation."
		),
	alert_error_rate_pct: z
		.number()
		.int()
		.min( 1 )
		.max( 100 )
		.default( 50 )
		.describe(
			"Alert when at least this share of a feature's runs failed."
		),
	alert_min_runs: z
		.number()
		.int()
		.min( 1 )
		.max( 10000 )
		.default( 5 )
		.describe(
			'Runs needed in the window before rates can raise an alert.'
		),
	site_budget_daily_usd: z
		.number()
		.min( 0 )
		.max( 1000000 )
		.default( 0 )
		.describe(
			'Spend limit of all features together per day (US$); 0 = none.'
		),
	site_budget_monthly_usd: z
		.number()
		.min( 0 )
		.max( 1000000 )
		.default( 0 )
		.describe(
			'Spend limit of all features together per calendar month (US$); 0 = none.'
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
	alerts_enabled: fields.alerts_enabled.unwrap().optional(),
	alert_email: fields.alert_email.unwrap().optional(),
	alert_webhook_url: fields.alert_webhook_url.unwrap().optional(),
	alert_window_minutes: fields.alert_window_minutes.unwrap().optional(),
	alert_fallback_rate_pct: fields.alert_fallback_rate_pct.unwrap().optional(),
	alert_error_rate_pct: fields.alert_error_rate_pct.unwrap().optional(),
	alert_min_runs: fields.alert_min_runs.unwrap().optional(),
	site_budget_daily_usd: fields.site_budget_daily_usd.unwrap().optional(),
	site_budget_monthly_usd: fields.site_budget_monthly_usd.unwrap().optional(),
} );

export type PluginSettingsPatch = z.input< typeof PluginSettingsPatchSchema >;
