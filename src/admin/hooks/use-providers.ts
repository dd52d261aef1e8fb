/**
 * Internal dependencies
 */
import { getPresets, getProviders } from '../../api/providers';
import type { Provider } from '../../schemas';
import type { Preset } from '../../schemas/preset';
import { useResource, type Resource } from '../../lib/use-resource';

export type ProvidersData = {
	providers: Provider[];
	presets: Preset[];
};

const loadProviders = async (): Promise< ProvidersData > => {
	const [ providers, presets ] = await Promise.all( [
		getProviders(),
		getPresets(),
	] );
	return { providers, presets };
};

/**
 * The providers and the presets they are made from.
 *
 * @return Resource of both lists.
 */
export function useProviders(): Resource< ProvidersData > {
	return useResource( loadProviders );
}
