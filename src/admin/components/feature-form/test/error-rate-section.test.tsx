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
import { FeatureSchema } from '../../../../schemas';
import { FEATURE, OPENAI, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

describe( 'ErrorRateSection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should explain the breaker, and send the rule switched on with its numbers', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ FEATURE }
				providers={ [ SIMULATOR, OPENAI ] }
				onSaved={ onSaved }
				onCancel={ jest.fn() }
			/>
		);
		const view = within( container );
		// The model suggestions load first (nothing updates after the test).
		await waitFor( () =>
			expect(
				container.querySelectorAll( 'datalist option' ).length
			).toBeGreaterThan( 0 )
		);
		expect(
			view.getByText( /opens only after 5 failures in a row/ )
		).toBeTruthy();
		expect( view.queryByLabelText( 'Failure share (%)' ) ).toBeNull();

		fireEvent.click(
			view.getByLabelText( 'Open a route’s breaker on its failure rate' )
		);
		fireEvent.change( view.getByLabelText( 'Failure share (%)' ), {
			target: { value: '2.5' },
		} );
		fireEvent.change( view.getByLabelText( 'Minimum requests' ), {
			target: { value: '40' },
		} );
		expect(
			view.getByText(
				/When at least 2\.5 % of the requests .* within 60 s, counted once there are 40 of them/
			)
		).toBeTruthy();
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.error_rate_breaker ).toEqual( {
			enabled: true,
			percent: 2.5,
			min_requests: 40,
			window_s: 60,
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
