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

describe( 'BudgetSection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should explain the budget, and send its limits and the routes allowed over it', async () => {
		const feature = FeatureSchema.parse( {
			...FEATURE,
			fallbacks: [
				{ provider_id: 'simulator', model: 'sim-unavailable' },
			],
		} );
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ feature }
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
		expect( view.getByText( /^No limit: 0 for both/ ) ).toBeTruthy();

		fireEvent.change( view.getByLabelText( 'Daily limit (US$)' ), {
			target: { value: '2.5' },
		} );
		fireEvent.change(
			view.getByLabelText( 'Cheaper routes first from (%)' ),
			{
				target: { value: '75' },
			}
		);
		fireEvent.click(
			view.getByLabelText(
				'simulator/sim-unavailable may run over budget'
			)
		);
		expect(
			view.getByText(
				/From 75 % of a limit the cheapest routes go first/
			)
		).toBeTruthy();
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.budget ).toEqual( {
			daily_usd: 2.5,
			monthly_usd: 0,
			downgrade_at_pct: 75,
		} );
		expect( sent.primary.over_budget ).toBe( false );
		expect( sent.fallbacks[ 0 ].over_budget ).toBe( true );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
