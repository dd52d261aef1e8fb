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

describe( 'DrillsSection', () => {
	it( 'should explain drills, and send the schedule and the failures in order', async () => {
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
				feature={ FeatureSchema.parse( FEATURE ) }
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
			view.getByText( /checks that the fallbacks still answer/ )
		).toBeTruthy();

		fireEvent.click(
			view.getByLabelText( 'Drill this feature on a schedule' )
		);
		fireEvent.change( view.getByLabelText( 'How often' ), {
			target: { value: 'daily' },
		} );
		fireEvent.click( view.getByLabelText( 'Rate limited (429)' ) );
		fireEvent.click( view.getByLabelText( 'Unreachable' ) );
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		expect(
			( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ].drills
		).toEqual( {
			enabled: true,
			frequency: 'daily',
			steps: [ 'server', 'timeout', 'unreachable' ],
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
