/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { PROTOCOLS, ProviderPresetSchema } from './provider';

/**
 * One row of GET /ai-failover/v1/presets: a service the plugin can talk to.
 *
 * Response-only, so it is not in the schema registry (no JSON Schema file,
 * no contract fixtures): the UI parses it, PHP never validates it.
 *
 * `base_url` is a plain string on purpose: the Simulator's is
 * "simulator://local" and the custom preset's is empty.
 *
 * @see \AI_Failover\Providers\Provider_Presets
 */
export const PresetSchema = z.strictObject( {
	id: ProviderPresetSchema,
	label: z.string(),
	protocol: z.enum( PROTOCOLS ),
	base_url: z.string(),
	requires_key: z.boolean(),
	local: z.boolean(),
} );

export type Preset = z.output< typeof PresetSchema >;
