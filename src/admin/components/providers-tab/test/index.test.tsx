/**
 * External dependencies
 */
import { fireEvent, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { renderWithSnackbars } from '../../../test-utils/snackbars';
import { ProvidersTab } from '..';
import { ApiError } from '../../../../api/errors';
import { getKeys } from '../../../../api/keys';
import { getModels } from '../../../../api/models';
import {
	createProvider,
	deleteProvider,
	getPresets,
	getProviders,
	updateProvider,
} from '../../../../api/providers';
import { OPENAI, PRESETS, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/providers', () => ( {
	...jest.requireActual( '../../../../api/providers' ),
	getProviders: jest.fn(),
	getPresets: jest.fn(),
	createProvider: jest.fn(),
	updateProvider: jest.fn(),
	deleteProvider: jest.fn(),
} ) );
jest.mock( '../../../../api/keys', () => ( {
	getKeys: jest.fn(),
	addKey: jest.fn(),
	deleteKey: jest.fn(),
	reviveKey: jest.fn(),
	testKey: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

const mockGetProviders = getProviders as jest.MockedFunction<
	typeof getProviders
>;
const mockCreateProvider = createProvider as jest.MockedFunction<
	typeof createProvider
>;
const mockDeleteProvider = deleteProvider as jest.MockedFunction<
	typeof deleteProvider
>;

const XSS_LABEL = '<img src=x onerror=alert(1)>';

describe( 'ProvidersTab', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		mockGetProviders.mockResolvedValue( [ SIMULATOR, OPENAI ] );
		( getPresets as jest.Mock ).mockResolvedValue( PRESETS );
		( getKeys as jest.Mock ).mockResolvedValue( [] );
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [],
			discoveryError: null,
		} );
	} );

	it( 'should list the providers with preset, URL, keys and badges', async () => {
		const { container } = renderWithSnackbars( <ProvidersTab /> );
		const view = within( container );
		const table = await view.findByRole( 'table' );
		const rows = within( table ).getAllByRole( 'row' );

		expect( rows ).toHaveLength( 3 );
		const simulatorRow = within( rows[ 1 ] as HTMLElement );
		expect( simulatorRow.getByText( SIMULATOR.label ) ).toBeTruthy();
		expect( simulatorRow.getByText( 'Simulator' ) ).toBeTruthy();
		expect( simulatorRow.getByText( 'Local' ) ).toBeTruthy();
		expect( simulatorRow.getByText( 'none needed' ) ).toBeTruthy();
		const openaiRow = within( rows[ 2 ] as HTMLElement );
		expect(
			openaiRow.getByText( 'https://api.openai.com/v1' )
		).toBeTruthy();
		expect( openaiRow.getByText( '(preset default)' ) ).toBeTruthy();
		expect( openaiRow.getByText( 'Enabled' ) ).toBeTruthy();
		expect( openaiRow.queryByText( 'Local' ) ).toBeNull();
	} );

	it( 'should render a label with markup as text, never as HTML', async () => {
		mockGetProviders.mockResolvedValue( [
			{ ...OPENAI, label: XSS_LABEL },
		] );
		const { container } = renderWithSnackbars( <ProvidersTab /> );

		expect(
			await within( container ).findByText( XSS_LABEL )
		).toBeTruthy();
		expect( container.querySelector( 'img' ) ).toBeNull();
		expect( container.innerHTML ).toContain(
			'&lt;img src=x onerror=alert(1)&gt;'
		);
	} );

	it( 'should add a provider, show server field errors, then select it', async () => {
		const message =
			'The base URL points at a private or loopback address. Turn on "Allow private network" to use it.';
		mockCreateProvider
			.mockRejectedValueOnce(
				new ApiError( 'rest_invalid_param', message, 400, {
					base_url: message,
				} )
			)
			.mockResolvedValueOnce( {
				...OPENAI,
				id: 'fake',
				label: 'Fake',
				base_url: 'http://127.0.0.1:8899/v1',
				custom_base_url: true,
				allow_private_network: true,
				key_count: 0,
			} );
		const { container } = renderWithSnackbars( <ProvidersTab /> );
		const view = within( container );

		fireEvent.change( await view.findByLabelText( 'ID' ), {
			target: { value: 'fake' },
		} );
		fireEvent.change( view.getByLabelText( 'Label' ), {
			target: { value: 'Fake' },
		} );
		const baseUrl = view.getByLabelText( 'Base URL' ) as HTMLInputElement;
		expect( baseUrl.placeholder ).toBe( 'https://api.openai.com/v1' );
		fireEvent.change( baseUrl, {
			target: { value: 'http://127.0.0.1:8899/v1' },
		} );
		fireEvent.click( view.getByRole( 'button', { name: 'Add provider' } ) );

		expect( await view.findByText( message ) ).toBeTruthy();
		expect( mockCreateProvider ).toHaveBeenLastCalledWith( {
			id: 'fake',
			label: 'Fake',
			preset: 'openai',
			base_url: 'http://127.0.0.1:8899/v1',
			allow_private_network: false,
			enabled: true,
			region: '',
			api_family: '',
			data_handling: {
				local: false,
				no_retention: false,
				no_training: false,
			},
		} );

		fireEvent.click( view.getByLabelText( 'Allow private network' ) );
		expect( view.queryByText( message ) ).toBeNull();
		fireEvent.click( view.getByRole( 'button', { name: 'Add provider' } ) );

		expect(
			await view.findByText(
				'Provider "Fake" added. Add its keys below the list.'
			)
		).toBeTruthy();
		expect( mockCreateProvider ).toHaveBeenLastCalledWith(
			expect.objectContaining( { allow_private_network: true } )
		);
		expect( mockGetProviders ).toHaveBeenCalledTimes( 2 );
		// The form is empty again.
		expect(
			( view.getByLabelText( 'ID' ) as HTMLInputElement ).value
		).toBe( '' );
	} );

	it( 'should follow the preset for the private network toggle until changed', async () => {
		const { container } = renderWithSnackbars( <ProvidersTab /> );
		const view = within( container );
		const preset = await view.findByLabelText( 'Preset' );
		const toggle = view.getByLabelText(
			'Allow private network'
		) as HTMLInputElement;

		expect( toggle.checked ).toBe( false );
		fireEvent.change( preset, { target: { value: 'ollama' } } );
		expect( toggle.checked ).toBe( true );
		expect(
			( view.getByLabelText( 'Base URL' ) as HTMLInputElement )
				.placeholder
		).toBe( 'http://127.0.0.1:11434/v1' );
	} );

	it( 'should show the 409 of a provider in use inside the dialog', async () => {
		const message =
			'This provider is used by these features: summary, alt-text. Remove it from their routes first.';
		mockDeleteProvider.mockRejectedValue(
			new ApiError(
				'aifo_provider_in_use',
				message,
				409,
				{},
				{ data: { status: 409, features: [ 'summary', 'alt-text' ] } }
			)
		);
		const { container, baseElement } = renderWithSnackbars(
			<ProvidersTab />
		);

		fireEvent.click(
			await within( container ).findByRole( 'button', {
				name: `Delete ${ SIMULATOR.label }`,
			} )
		);
		const dialog = within(
			await within( baseElement ).findByRole( 'dialog' )
		);
		fireEvent.click(
			dialog.getByRole( 'button', { name: 'Delete provider' } )
		);

		expect( await dialog.findByText( message ) ).toBeTruthy();
		expect( dialog.getByText( 'alt-text' ) ).toBeTruthy();
		expect( mockDeleteProvider ).toHaveBeenCalledWith( 'simulator' );
		// Nothing was removed from the list.
		expect( within( container ).getByText( SIMULATOR.label ) ).toBeTruthy();
	} );

	it( 'should delete a provider after confirmation', async () => {
		mockDeleteProvider.mockResolvedValue( OPENAI );
		const { container, baseElement } = renderWithSnackbars(
			<ProvidersTab />
		);
		const view = within( container );

		fireEvent.click(
			await view.findByRole( 'button', { name: 'Delete OpenAI' } )
		);
		mockGetProviders.mockResolvedValue( [ SIMULATOR ] );
		fireEvent.click(
			within(
				await within( baseElement ).findByRole( 'dialog' )
			).getByRole( 'button', { name: 'Delete provider' } )
		);

		expect(
			await view.findByText( 'Provider "OpenAI" deleted.' )
		).toBeTruthy();
		await waitFor( () =>
			expect( within( baseElement ).queryByRole( 'dialog' ) ).toBeNull()
		);
		await waitFor( () =>
			expect(
				view.queryByRole( 'button', { name: 'Delete OpenAI' } )
			).toBeNull()
		);
	} );

	it( 'should show the keys panel of a selected provider', async () => {
		const { container } = renderWithSnackbars( <ProvidersTab /> );
		const view = within( container );

		fireEvent.click(
			await view.findByRole( 'button', {
				name: 'Keys and models of OpenAI',
			} )
		);

		expect(
			await view.findByText( /^No keys yet: this provider cannot answer/ )
		).toBeTruthy();
		expect( getKeys ).toHaveBeenCalledWith( 'openai' );
		expect( view.getByLabelText( 'Secret key' ) ).toBeTruthy();
	} );

	it( 'should edit a provider with a PUT of every field, id fixed', async () => {
		( updateProvider as jest.Mock ).mockResolvedValue( {
			...OPENAI,
			label: 'OpenAI prod',
		} );
		const { container } = renderWithSnackbars( <ProvidersTab /> );
		const view = within( container );

		fireEvent.click(
			await view.findByRole( 'button', { name: 'Edit OpenAI' } )
		);
		expect( view.getByText( 'Edit provider: OpenAI' ) ).toBeTruthy();
		const id = view.getByLabelText( 'ID' ) as HTMLInputElement;
		expect( id.value ).toBe( 'openai' );
		expect( id.disabled ).toBe( true );
		// The preset default is not copied into the field.
		expect(
			( view.getByLabelText( 'Base URL' ) as HTMLInputElement ).value
		).toBe( '' );
		fireEvent.change( view.getByLabelText( 'Label' ), {
			target: { value: 'OpenAI prod' },
		} );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Save provider' } )
		);

		expect(
			await view.findByText( 'Provider "OpenAI prod" saved.' )
		).toBeTruthy();
		expect( updateProvider ).toHaveBeenCalledWith( 'openai', {
			id: 'openai',
			label: 'OpenAI prod',
			preset: 'openai',
			base_url: '',
			allow_private_network: false,
			enabled: true,
			region: '',
			api_family: '',
			data_handling: {
				local: false,
				no_retention: false,
				no_training: false,
			},
		} );
		expect(
			view.getByText( 'Add provider', { selector: 'h2' } )
		).toBeTruthy();
	} );

	it( 'should ask before a new base URL deletes the stored keys, and send the confirmation', async () => {
		const message =
			"This change sends the provider's key somewhere else. Confirm that its 1 stored key is deleted, then add it again for the new address.";
		( updateProvider as jest.Mock )
			.mockRejectedValueOnce(
				new ApiError( 'aifo_key_destination_changed', message, 409, {
					confirm_key_reset: message,
				} )
			)
			.mockResolvedValueOnce( {
				...OPENAI,
				base_url: 'https://proxy.example.com/v1',
				custom_base_url: true,
				key_count: 0,
			} );
		const { container } = renderWithSnackbars( <ProvidersTab /> );
		const view = within( container );

		fireEvent.click(
			await view.findByRole( 'button', { name: 'Edit OpenAI' } )
		);
		const confirmLabel =
			'Delete the 1 stored key of this provider; I will add it again for the new address';
		expect( view.queryByLabelText( confirmLabel ) ).toBeNull();
		fireEvent.change( view.getByLabelText( 'Base URL' ), {
			target: { value: 'https://proxy.example.com/v1' },
		} );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Save provider' } )
		);

		expect( await view.findByText( message ) ).toBeTruthy();
		expect( updateProvider ).toHaveBeenLastCalledWith(
			'openai',
			expect.not.objectContaining( { confirm_key_reset: true } )
		);

		fireEvent.click( view.getByLabelText( confirmLabel ) );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Save provider' } )
		);

		expect(
			await view.findByText( 'Provider "OpenAI" saved.' )
		).toBeTruthy();
		expect( updateProvider ).toHaveBeenLastCalledWith(
			'openai',
			expect.objectContaining( {
				base_url: 'https://proxy.example.com/v1',
				confirm_key_reset: true,
			} )
		);
	} );

	it( 'should show an error when the providers cannot be loaded', async () => {
		mockGetProviders.mockRejectedValue(
			new ApiError( 'aifo_forbidden', 'Sorry, you are not allowed.', 403 )
		);
		const { container } = renderWithSnackbars( <ProvidersTab /> );

		expect(
			await within( container ).findByText(
				'The providers could not be loaded: Sorry, you are not allowed.'
			)
		).toBeTruthy();
	} );
} );
