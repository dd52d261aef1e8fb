/**
 * External dependencies
 */
import { fireEvent, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { renderWithSnackbars } from '../../../test-utils/snackbars';
import { FeaturesTab } from '..';
import {
	createFeature,
	deleteFeature,
	getFeatures,
} from '../../../../api/features';
import { getModels } from '../../../../api/models';
import { getProviders } from '../../../../api/providers';
import { FEATURE, OPENAI, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/features', () => ( {
	getFeatures: jest.fn(),
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
	deleteFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/providers', () => ( {
	getProviders: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

const XSS_LABEL = '<img src=x onerror=alert(1)>';

describe( 'FeaturesTab', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		( getFeatures as jest.Mock ).mockResolvedValue( [
			FEATURE,
			{
				...FEATURE,
				id: 'alt-text',
				label: XSS_LABEL,
				primary: {
					provider_id: 'openai',
					model: 'gpt-4o-mini',
					weight: 1,
				},
				fallbacks: [
					{ provider_id: 'simulator', model: 'sim-echo', weight: 1 },
				],
				strategy: 'balanced',
			},
		] );
		( getProviders as jest.Mock ).mockResolvedValue( [
			SIMULATOR,
			OPENAI,
		] );
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [],
			discoveryError: null,
		} );
	} );

	it( 'should list label, id, primary route, fallbacks and strategy', async () => {
		const { container } = renderWithSnackbars( <FeaturesTab /> );
		const view = within( container );
		const table = await view.findByRole( 'table' );
		const rows = within( table ).getAllByRole( 'row' );

		const summary = within( rows[ 1 ] as HTMLElement );
		expect( summary.getByText( 'Summary' ) ).toBeTruthy();
		expect( summary.getByText( 'summary' ) ).toBeTruthy();
		expect( summary.getByText( 'simulator / sim-echo' ) ).toBeTruthy();
		expect( summary.getByText( 'None' ) ).toBeTruthy();
		expect( summary.getByText( 'Manual' ) ).toBeTruthy();
		const alt = within( rows[ 2 ] as HTMLElement );
		expect( alt.getByText( XSS_LABEL ) ).toBeTruthy();
		expect( alt.getByText( 'openai / gpt-4o-mini' ) ).toBeTruthy();
		expect( alt.getByText( '1' ) ).toBeTruthy();
		expect( alt.getByText( 'Balanced' ) ).toBeTruthy();
		expect( container.querySelector( 'img' ) ).toBeNull();
	} );

	it( 'should create a feature and reload the list', async () => {
		( createFeature as jest.Mock ).mockResolvedValue( {
			...FEATURE,
			id: 'new-one',
			label: 'New one',
		} );
		const { container } = renderWithSnackbars( <FeaturesTab /> );
		const view = within( container );

		fireEvent.click(
			await view.findByRole( 'button', { name: 'Add feature' } )
		);
		fireEvent.change( view.getByLabelText( 'ID' ), {
			target: { value: 'new-one' },
		} );
		fireEvent.change( view.getByLabelText( 'Label' ), {
			target: { value: 'New one' },
		} );
		fireEvent.change( view.getByLabelText( 'Provider' ), {
			target: { value: 'simulator' },
		} );
		fireEvent.change( view.getByLabelText( 'Model' ), {
			target: { value: 'sim-echo' },
		} );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		expect(
			await view.findByText( 'Feature "New one" created.' )
		).toBeTruthy();
		expect( getFeatures ).toHaveBeenCalledTimes( 2 );
		expect(
			view.queryByRole( 'button', { name: 'Create feature' } )
		).toBeNull();
	}, 30000 ); // A full form render on a shared, busy CPU.

	it( 'should delete a feature after confirmation', async () => {
		( deleteFeature as jest.Mock ).mockResolvedValue( FEATURE );
		const { container, baseElement } = renderWithSnackbars(
			<FeaturesTab />
		);

		fireEvent.click(
			await within( container ).findByRole( 'button', {
				name: 'Delete feature Summary',
			} )
		);
		fireEvent.click(
			within(
				await within( baseElement ).findByRole( 'dialog' )
			).getByRole( 'button', { name: 'Delete feature' } )
		);

		expect(
			await within( container ).findByText( 'Feature "Summary" deleted.' )
		).toBeTruthy();
		expect( deleteFeature ).toHaveBeenCalledWith( 'summary' );
		await waitFor( () =>
			expect( within( baseElement ).queryByRole( 'dialog' ) ).toBeNull()
		);
	} );
} );
