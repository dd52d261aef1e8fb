/**
 * External dependencies
 */
import { render, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { AdminApp } from '..';
import { getEvents } from '../../../../api/events';
import { getFeatures } from '../../../../api/features';
import { getPresets, getProviders } from '../../../../api/providers';
import { getSettings } from '../../../../api/settings';
import { PluginSettingsSchema } from '../../../../schemas';
import { movedTabUrl, screenFrom } from '../../../lib/screens';
import { FEATURE, PRESETS, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/providers', () => ( {
	getProviders: jest.fn(),
	getPresets: jest.fn(),
} ) );
jest.mock( '../../../../api/features', () => ( {
	getFeatures: jest.fn(),
} ) );
jest.mock( '../../../../api/events', () => ( {
	getEvents: jest.fn(),
} ) );
jest.mock( '../../../../api/settings', () => ( {
	getSettings: jest.fn(),
	updateSettings: jest.fn(),
} ) );

describe( 'AdminApp', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		window.localStorage.clear();
		( getProviders as jest.Mock ).mockResolvedValue( [ SIMULATOR ] );
		( getPresets as jest.Mock ).mockResolvedValue( PRESETS );
		( getFeatures as jest.Mock ).mockResolvedValue( [ FEATURE ] );
		( getEvents as jest.Mock ).mockResolvedValue( {
			events: [],
			total: 0,
			totalPages: 1,
		} );
		// What getSettings() resolves with: every field, defaults applied.
		( getSettings as jest.Mock ).mockResolvedValue(
			PluginSettingsSchema.parse( {} )
		);
	} );

	it( 'should show the screen its page names, the checklist above it', async () => {
		const { container } = render( <AdminApp screen="features" /> );
		const view = within( container );

		expect( await view.findByText( 'simulator / sim-echo' ) ).toBeTruthy();
		expect( await view.findByText( 'Get started' ) ).toBeTruthy();
		expect( getSettings ).not.toHaveBeenCalled();
	} );

	it( 'should show Settings without the checklist', async () => {
		const { container } = render( <AdminApp screen="settings" /> );

		expect(
			await within( container ).findByLabelText(
				'Keep run logs for (days)'
			)
		).toBeTruthy();
		expect( within( container ).queryByText( 'Get started' ) ).toBeNull();
	} );
} );

describe( 'screens', () => {
	it( 'should read the screen from the mount point, Providers otherwise', () => {
		expect( screenFrom( 'settings' ) ).toBe( 'settings' );
		expect( screenFrom( 'nonsense' ) ).toBe( 'providers' );
		expect( screenFrom( undefined ) ).toBe( 'providers' );
	} );

	it( 'should send a link to a former tab to its page', () => {
		expect( movedTabUrl( '?page=ai-failover', '#features' ) ).toBe(
			'admin.php?page=ai-failover-features'
		);
		expect( movedTabUrl( '?page=ai-failover', '#settings' ) ).toBe(
			'admin.php?page=ai-failover-settings'
		);
		expect( movedTabUrl( '?page=ai-failover', '#providers' ) ).toBeNull();
		expect(
			movedTabUrl( '?page=ai-failover', '#add-provider' )
		).toBeNull();
		expect(
			movedTabUrl( '?page=ai-failover-diagnostics', '#features' )
		).toBeNull();
	} );
} );
