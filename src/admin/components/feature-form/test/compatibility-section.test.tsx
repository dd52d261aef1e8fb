/**
 * External dependencies
 */
import { fireEvent, render, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FeatureForm } from '..';
import { replaceFeature } from '../../../../api/features';
import { getModels } from '../../../../api/models';
import { FeatureSchema, type Provider } from '../../../../schemas';
import { OPENAI, SIMULATOR } from '../../../test-utils';
import { familyOf } from '../sections/compatibility';

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

const ANTHROPIC: Provider = {
	...OPENAI,
	id: 'anthropic',
	label: 'Anthropic',
	preset: 'anthropic',
	protocol: 'anthropic',
};

const FEATURE = FeatureSchema.parse( {
	id: 'opus-first',
	label: 'Opus first',
	primary: { provider_id: 'anthropic', model: 'claude-opus-4-1' },
	fallbacks: [
		{ provider_id: 'simulator', model: 'sim-echo' },
		{ provider_id: 'openai', model: 'gpt-4o' },
	],
} );

describe( 'CompatibilitySection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should take the declared family, else the protocol', () => {
		expect( familyOf( OPENAI ) ).toBe( 'openai' );
		expect( familyOf( { ...OPENAI, api_family: 'meta' } ) ).toBe( 'meta' );
	} );

	it( 'should show the tone and style caveat for a cross-family fallback, and send what is allowed', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ FEATURE }
				providers={ [ SIMULATOR, OPENAI, ANTHROPIC ] }
				onSaved={ onSaved }
				onCancel={ jest.fn() }
			/>
		);
		await waitFor( () =>
			expect(
				container.querySelectorAll( 'datalist option' ).length
			).toBeGreaterThan( 0 )
		);
		const section = within(
			container.querySelector(
				'.aifo-feature-form__compatibility'
			) as HTMLElement
		);
		// The Simulator (fallback 1) stands in for any family; GPT-4o does not.
		expect(
			section.getByText(
				'Tone and style may change after a cross-family fallback: the primary is of the anthropic family, and fallback 2 (openai) of another. The same prompt can give a differently worded, longer or shorter answer.'
			)
		).toBeTruthy();

		fireEvent.click(
			section.getByLabelText( 'Allow fallbacks of another API family' )
		);
		fireEvent.change(
			section.getByLabelText( 'Minimum context window (tokens)' ),
			{ target: { value: '100000' } }
		);
		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.routing.compatibility ).toEqual( {
			allow_cross_family: true,
			allow_incapable: false,
			min_context_tokens: 100000,
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
