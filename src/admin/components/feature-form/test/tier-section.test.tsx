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

describe( 'TierSection', () => {
	it( 'should explain who gets a fallback, and send the notice rule and the roles', async () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ FeatureSchema.parse( {
					...FEATURE,
					degraded_notice: 'A standard model answered.',
				} ) }
				providers={ [ SIMULATOR, OPENAI ] }
				onSaved={ onSaved }
				onCancel={ jest.fn() }
			/>
		);
		const view = within( container );
		await waitFor( () =>
			expect(
				container.querySelectorAll( 'datalist option' ).length
			).toBeGreaterThan( 0 )
		);
		expect(
			view.getByText(
				'None chosen: every caller may be served by a fallback.'
			)
		).toBeTruthy();

		fireEvent.click(
			view.getByLabelText( 'Always tell users when a fallback answered' )
		);
		const section = within(
			view
				.getByText( 'Paid tiers and notices' )
				.closest( 'fieldset' ) as HTMLElement
		);
		fireEvent.click( section.getByLabelText( 'editor' ) );
		fireEvent.change(
			view.getByLabelText( 'Other roles that may get a fallback' ),
			{ target: { value: 'gold_member' } }
		);
		expect(
			view.getByText( /Everyone else gets the first route only/ )
		).toBeTruthy();
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		expect(
			( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ].tier
		).toEqual( {
			notice_required: true,
			fallback_roles: [ 'editor', 'gold_member' ],
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
