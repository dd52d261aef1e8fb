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

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

const EU: Provider = {
	...OPENAI,
	id: 'eu-cloud',
	label: 'EU Cloud',
	region: 'eu',
};
const US: Provider = { ...OPENAI, region: 'us' };

const FEATURE = FeatureSchema.parse( {
	id: 'geo',
	label: 'Geo',
	primary: { provider_id: 'openai', model: 'gpt-4o' },
	fallbacks: [
		{ provider_id: 'eu-cloud', model: 'm' },
		{ provider_id: 'simulator', model: 'sim-echo' },
	],
} );

describe( 'RegionsSection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should explain regional outages, show each route’s region, and send the required and preferred regions in the order chosen', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ FEATURE }
				providers={ [ SIMULATOR, US, EU ] }
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
				'.aifo-feature-form__regions'
			) as HTMLElement
		);
		expect(
			section.getByText(
				/^Any region, in the order of the routes above\. Whatever you choose, when every route of one region \(two or more\) has an open circuit breaker, a run skips that region as a whole/
			)
		).toBeTruthy();
		expect( section.getByText( 'Primary: region us.' ) ).toBeTruthy();
		expect(
			section.getByText( 'Fallback 2: no declared region.' )
		).toBeTruthy();

		const prefer = within(
			section.getByRole( 'group', { name: 'Prefer routes in' } )
		);
		fireEvent.click( prefer.getByLabelText( 'eu' ) );
		fireEvent.click( prefer.getByLabelText( 'us' ) );
		expect(
			section.getByText( /Routes in eu, us go first, in that order/ )
		).toBeTruthy();

		const require = within(
			section.getByRole( 'group', { name: 'Only use routes in' } )
		);
		fireEvent.click( require.getByLabelText( 'eu' ) );
		expect(
			section.getByText( /^Only routes in eu are used/ )
		).toBeTruthy();
		expect(
			section.getByText(
				'Primary: region us, outside the required regions.'
			)
		).toBeTruthy();
		expect( section.getByText( 'Fallback 1: region eu.' ) ).toBeTruthy();
		fireEvent.click( require.getByLabelText( 'eu' ) );

		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.routing.regions ).toEqual( {
			require: [],
			prefer: [ 'eu', 'us' ],
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
