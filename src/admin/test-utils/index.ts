/**
 * Data shared by the admin component tests.
 */

/**
 * Internal dependencies
 */
import { FeatureSchema } from '../../schemas';
import type { Feature, Provider, ProviderKey } from '../../schemas';
import type { Preset } from '../../schemas/preset';

export const PRESETS: Preset[] = [
	{
		id: 'simulator',
		label: 'Simulator',
		protocol: 'simulator',
		base_url: 'simulator://local',
		requires_key: false,
		local: true,
	},
	{
		id: 'openai',
		label: 'OpenAI',
		protocol: 'openai',
		base_url: 'https://api.openai.com/v1',
		requires_key: true,
		local: false,
	},
	{
		id: 'ollama',
		label: 'Ollama (local)',
		protocol: 'openai',
		base_url: 'http://127.0.0.1:11434/v1',
		requires_key: false,
		local: true,
	},
];

export const SIMULATOR: Provider = {
	id: 'simulator',
	label: 'Simulator (built in, no key)',
	preset: 'simulator',
	protocol: 'simulator',
	base_url: 'simulator://local',
	custom_base_url: false,
	allow_private_network: true,
	enabled: true,
	requires_key: false,
	is_local: true,
	key_count: 0,
};

export const OPENAI: Provider = {
	id: 'openai',
	label: 'OpenAI',
	preset: 'openai',
	protocol: 'openai',
	base_url: 'https://api.openai.com/v1',
	custom_base_url: false,
	allow_private_network: false,
	enabled: true,
	requires_key: true,
	is_local: false,
	key_count: 1,
};

export const KEY: ProviderKey = {
	id: 'k1',
	provider_id: 'openai',
	label: 'prod-1',
	source: 'database',
	last4: 'WXYZ',
	state: 'active',
	state_until: null,
	state_since: null,
	state_reason: null,
	created_at: '2026-11-22T06:00:00+00:00',
};

// The schema's own defaults, so this fixture cannot drift from the feature schema.
export const FEATURE: Feature = FeatureSchema.parse( {
	id: 'summary',
	label: 'Summary',
	primary: { provider_id: 'simulator', model: 'sim-echo' },
} );
