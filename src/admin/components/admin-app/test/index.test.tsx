/**
 * External dependencies
 */
import { act, fireEvent, render, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { AdminApp } from '..';
import { getFeatures } from '../../../../api/features';
import { getPresets, getProviders } from '../../../../api/providers';
import { getSettings } from '../../../../api/settings';
import { PluginSettingsSchema } from '../../../../schemas';
import { FEATURE, PRESETS, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/providers', () => ( {
	getProviders: jest.fn(),
	getPresets: jest.fn(),
} ) );
jest.mock( '../../../../api/features', () => ( {
	getFeatures: jest.fn(),
} ) );
jest.mock( '../../../../api/settings', () => ( {
	getSettings: jest.fn(),
	updateSettings: jest.fn(),
} ) );

describe( 'AdminApp', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		window.history.replaceState( null, '', '#' );
		( getProviders as jest.Mock ).mockResolvedValue( [ SIMULATOR ] );
		( getPresets as jest.Mock ).mockResolvedValue( PRESETS );
		( getFeatures as jest.Mock ).mockResolvedValue( [ FEATURE ] );
		// What getSettings() resolves with: every field, defaults applied.
		( getSettings as jest.Mock ).mockResolvedValue(
			PluginSettingsSchema.parse( {} )
		);
	} );

	it( 'should open on Providers and remember the tab in the URL', async () => {
		const { container } = render( <AdminApp /> );
		const view = within( container );

		expect( await view.findByText( SIMULATOR.label ) ).toBeTruthy();

		fireEvent.click( view.getByRole( 'tab', { name: 'Features' } ) );
		expect( await view.findByText( 'simulator / sim-echo' ) ).toBeTruthy();
		expect( window.location.hash ).toBe( '#features' );

		fireEvent.click( view.getByRole( 'tab', { name: 'Settings' } ) );
		expect(
			await view.findByLabelText( 'Keep run logs for (days)' )
		).toBeTruthy();
		expect( window.location.hash ).toBe( '#settings' );
	} );

	it( 'should open the tab named in the URL', async () => {
		window.history.replaceState( null, '', '#settings' );
		const { container } = render( <AdminApp /> );

		expect(
			await within( container ).findByLabelText(
				'Keep run logs for (days)'
			)
		).toBeTruthy();
		expect( getProviders ).not.toHaveBeenCalled();
	} );

	it( 'should follow a changed URL fragment', async () => {
		const { container } = render( <AdminApp /> );
		const view = within( container );
		expect( await view.findByText( SIMULATOR.label ) ).toBeTruthy();

		act( () => {
			window.location.hash = '#features';
			window.dispatchEvent( new HashChangeEvent( 'hashchange' ) );
		} );

		expect( await view.findByText( 'simulator / sim-echo' ) ).toBeTruthy();
		expect(
			view
				.getByRole( 'tab', { name: 'Features' } )
				.getAttribute( 'aria-selected' )
		).toBe( 'true' );
	} );
} );
