/**
 * External dependencies
 */
import { fireEvent, render, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { SettingsScreen } from '..';
import { ApiError } from '../../../../api/errors';
import { getSettings, updateSettings } from '../../../../api/settings';
import { PluginSettingsSchema } from '../../../../schemas';

jest.mock( '../../../../api/settings', () => ( {
	getSettings: jest.fn(),
	updateSettings: jest.fn(),
} ) );

const mockGetSettings = getSettings as jest.MockedFunction<
	typeof getSettings
>;
const mockUpdateSettings = updateSettings as jest.MockedFunction<
	typeof updateSettings
>;

// What the server sends: every field, the alert settings at their defaults.
const SETTINGS = PluginSettingsSchema.parse( {
	log_retention_days: 30,
	log_previews: false,
	log_preview_max_chars: 500,
} );

/*
 * Queries are scoped to the rendered container: Notice also speaks its text
 * into the @wordpress/a11y live regions appended to <body>.
 */
async function renderLoaded() {
	const { container } = render( <SettingsScreen /> );
	const view = within( container );
	return {
		view,
		days: ( await view.findByLabelText(
			'Keep run logs for (days)'
		) ) as HTMLInputElement,
		previews: view.getByLabelText(
			'Store prompt and response previews'
		) as HTMLInputElement,
		chars: view.getByLabelText(
			'Preview length (characters)'
		) as HTMLInputElement,
		saveButton: view.getByRole( 'button', {
			name: 'Save settings',
		} ) as HTMLButtonElement,
	};
}

describe( 'SettingsScreen', () => {
	beforeEach( () => {
		mockGetSettings.mockReset().mockResolvedValue( SETTINGS );
		mockUpdateSettings.mockReset();
	} );

	it( 'should render the loaded values with Save disabled', async () => {
		const { days, previews, chars, saveButton } = await renderLoaded();

		expect( days.value ).toBe( '30' );
		expect( previews.checked ).toBe( false );
		expect( chars.value ).toBe( '500' );
		expect( saveButton.disabled ).toBe( true );
	} );

	it( 'should show an error notice when loading fails', async () => {
		mockGetSettings.mockRejectedValue(
			new ApiError( 'aifo_forbidden', 'Sorry, you are not allowed.', 403 )
		);
		const { container } = render( <SettingsScreen /> );

		expect(
			await within( container ).findByText(
				'The settings could not be loaded: Sorry, you are not allowed.'
			)
		).toBeTruthy();
	} );

	it( 'should send only the edited field and report success', async () => {
		mockUpdateSettings.mockResolvedValue( {
			...SETTINGS,
			log_preview_max_chars: 800,
		} );
		const { view, chars, saveButton } = await renderLoaded();

		fireEvent.change( chars, { target: { value: '800' } } );
		expect( saveButton.disabled ).toBe( false );
		fireEvent.click( saveButton );

		expect( await view.findByText( 'Settings saved.' ) ).toBeTruthy();
		expect( mockUpdateSettings ).toHaveBeenCalledTimes( 1 );
		expect( mockUpdateSettings ).toHaveBeenCalledWith( {
			log_preview_max_chars: 800,
		} );
		expect( chars.value ).toBe( '800' );
		expect( saveButton.disabled ).toBe( true );
	} );

	it( 'should show the server field error on a 400', async () => {
		const message =
			'log_retention_days must be between 1 (inclusive) and 365 (inclusive)';
		mockUpdateSettings.mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): log_retention_days',
				400,
				{ log_retention_days: message }
			)
		);
		const { view, days, saveButton } = await renderLoaded();

		fireEvent.change( days, { target: { value: '0' } } );
		fireEvent.click( saveButton );

		expect( await view.findByText( message ) ).toBeTruthy();
		expect( mockUpdateSettings ).toHaveBeenCalledWith( {
			log_retention_days: 0,
		} );
		expect(
			view.getByText(
				'Settings were not saved. Correct the highlighted fields and try again.'
			)
		).toBeTruthy();
		await waitFor( () => expect( saveButton.disabled ).toBe( false ) );
	} );

	it( 'should not call the server when a number field is empty', async () => {
		const { view, days, saveButton } = await renderLoaded();

		fireEvent.change( days, { target: { value: '' } } );
		fireEvent.click( saveButton );

		expect( await view.findByText( 'Enter a number.' ) ).toBeTruthy();
		expect( mockUpdateSettings ).not.toHaveBeenCalled();
	} );
} );
