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
import { missingFlags } from '../sections/privacy';

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

const NO_RETENTION: Provider = {
	...OPENAI,
	id: 'zdr',
	label: 'ZDR Cloud',
	region: 'eu',
	data_handling: { local: false, no_retention: true, no_training: false },
};

const FEATURE = FeatureSchema.parse( {
	id: 'notes',
	label: 'Notes',
	primary: { provider_id: 'simulator', model: 'sim-echo' },
	fallbacks: [
		{ provider_id: 'openai', model: 'gpt-4o' },
		{ provider_id: 'zdr', model: 'm' },
	],
} );

describe( 'PrivacySection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should read a provider’s flags, a local one declaring them all', () => {
		expect(
			missingFlags( SIMULATOR, [
				'local',
				'no_retention',
				'no_training',
			] )
		).toEqual( [] );
		expect(
			missingFlags( OPENAI, [ 'no_training', 'no_retention' ] )
		).toEqual( [ 'no_retention', 'no_training' ] );
		expect(
			missingFlags( NO_RETENTION, [ 'no_retention', 'no_training' ] )
		).toEqual( [ 'no_training' ] );
	} );

	it( 'should explain the rule, show which routes are eligible, and send it switched on', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ FEATURE }
				providers={ [ SIMULATOR, OPENAI, NO_RETENTION ] }
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
			view.getByText( /Off: any route of this feature may be used/ )
		).toBeTruthy();

		fireEvent.click(
			view.getByLabelText(
				'Private: only use routes that declare the data handling below'
			)
		);
		expect(
			view.getByText(
				/only ever sent to providers that declare no retention, no training or data collection\. Any other route is skipped/
			)
		).toBeTruthy();
		expect(
			view.getByText(
				'Primary (Simulator (built in, no key)) is eligible.'
			)
		).toBeTruthy();
		expect(
			view.getByText(
				'Fallback 1 (OpenAI) is not eligible: the provider does not declare no retention, no training or data collection.'
			)
		).toBeTruthy();
		expect(
			view.getByText(
				'Fallback 2 (ZDR Cloud) is not eligible: the provider does not declare no training or data collection.'
			)
		).toBeTruthy();

		// Requiring only "no retention" makes the second fallback eligible.
		fireEvent.click(
			view.getByLabelText( 'No training or data collection' )
		);
		expect(
			view.getByText( 'Fallback 2 (ZDR Cloud) is eligible.' )
		).toBeTruthy();

		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );
		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.routing.privacy ).toEqual( {
			private: true,
			requires: [ 'no_retention' ],
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.
} );
