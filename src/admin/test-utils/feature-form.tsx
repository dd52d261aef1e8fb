/**
 * External dependencies
 */
import { render, waitFor } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FeatureForm } from '../components/feature-form';
import type { Feature, Provider } from '../../schemas';

/**
 * Renders the feature form and waits for its model suggestions, which load
 * after the first render (nothing may update after a test ends): one
 * definition for the section tests.
 *
 * @param feature   Feature edited.
 * @param providers Providers offered.
 * @param onSaved   Called with the saved feature.
 * @return The rendered container.
 */
export async function renderFeatureForm(
	feature: Feature,
	providers: Provider[],
	onSaved: ( feature: Feature, isNew: boolean ) => void = jest.fn()
): Promise< HTMLElement > {
	const { container } = render(
		<FeatureForm
			feature={ feature }
			providers={ providers }
			onSaved={ onSaved }
			onCancel={ jest.fn() }
		/>
	);
	await waitFor( () =>
		expect(
			container.querySelectorAll( 'datalist option' ).length
		).toBeGreaterThan( 0 )
	);
	return container;
}
