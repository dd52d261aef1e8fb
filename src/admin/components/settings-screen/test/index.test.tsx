/**
 * External dependencies
 */
import { fireEvent, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { renderWithSnackbars } from '../../../test-utils/snackbars';
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
	const { container } = renderWithSnackbars( <SettingsScreen /> );
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
		alertsEnabled: view.getByLabelText(
			'Raise alerts'
		) as HTMLInputElement,
		email: view.getByLabelText( 'Alert email' ) as HTMLInputElement,
		webhook: view.getByLabelText( 'Webhook URL' ) as HTMLInputElement,
		windowMinutes: view.getByLabelText(
			'Alert window (minutes)'
		) as HTMLInputElement,
		fallbackRate: view.getByLabelText(
			'Fallback rate threshold (percent)'
		) as HTMLInputElement,
		errorRate: view.getByLabelText(
			'Error rate threshold (percent)'
		) as HTMLInputElement,
		minRuns: view.getByLabelText( 'Minimum runs' ) as HTMLInputElement,
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

	it( 'should render the loaded alert settings', async () => {
		const {
			view,
			alertsEnabled,
			email,
			webhook,
			windowMinutes,
			fallbackRate,
			errorRate,
			minRuns,
		} = await renderLoaded();

		expect( view.getByRole( 'button', { name: 'Alerts' } ) ).toBeTruthy();
		expect( alertsEnabled.checked ).toBe( true );
		expect( email.value ).toBe( '' );
		expect( email.type ).toBe( 'email' );
		expect( webhook.value ).toBe( '' );
		expect( webhook.type ).toBe( 'url' );
		expect( windowMinutes.value ).toBe( '60' );
		expect( fallbackRate.value ).toBe( '25' );
		expect( errorRate.value ).toBe( '50' );
		expect( minRuns.value ).toBe( '5' );
	} );

	it( 'should send only the edited alert settings', async () => {
		const next = {
			...SETTINGS,
			alerts_enabled: false,
			alert_email: 'ops@example.com',
			alert_min_runs: 20,
		};
		mockUpdateSettings.mockResolvedValue( next );
		const { view, alertsEnabled, email, minRuns, webhook, saveButton } =
			await renderLoaded();

		fireEvent.click( alertsEnabled );
		fireEvent.change( email, { target: { value: ' ops@example.com ' } } );
		fireEvent.change( minRuns, { target: { value: '20' } } );
		// Whitespace alone is no change.
		fireEvent.change( webhook, { target: { value: '  ' } } );
		fireEvent.click( saveButton );

		expect( await view.findByText( 'Settings saved.' ) ).toBeTruthy();
		expect( mockUpdateSettings ).toHaveBeenCalledWith( {
			alerts_enabled: false,
			alert_email: 'ops@example.com',
			alert_min_runs: 20,
		} );
		expect( alertsEnabled.checked ).toBe( false );
		expect( email.value ).toBe( 'ops@example.com' );
		expect( minRuns.value ).toBe( '20' );
		expect( webhook.value ).toBe( '' );
		expect( saveButton.disabled ).toBe( true );
	} );

	it( 'should show a server error on alert_webhook_url at that field', async () => {
		const message = 'alert_webhook_url is invalid.';
		mockUpdateSettings.mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): alert_webhook_url',
				400,
				{ alert_webhook_url: message }
			)
		);
		const { view, webhook, saveButton } = await renderLoaded();

		fireEvent.change( webhook, {
			target: { value: 'ftp://hooks.example.com/aifo' },
		} );
		fireEvent.click( saveButton );

		const shown = await view.findByText( message );
		expect( shown.id ).toBe( 'aifo-error-alert_webhook_url' );
		expect( shown.closest( '.aifo-settings-field' ) ).toBe(
			webhook.closest( '.aifo-settings-field' )
		);
		expect( view.getAllByRole( 'alert' ) ).toHaveLength( 1 );
		expect( mockUpdateSettings ).toHaveBeenCalledWith( {
			alert_webhook_url: 'ftp://hooks.example.com/aifo',
		} );
		expect(
			view.getByText(
				'Settings were not saved. Correct the highlighted fields and try again.'
			)
		).toBeTruthy();

		// Editing the field clears its error.
		fireEvent.change( webhook, {
			target: { value: 'https://hooks.example.com/aifo' },
		} );
		expect( view.queryByText( message ) ).toBeNull();
	} );

	it( 'should show an error notice when loading fails', async () => {
		mockGetSettings.mockRejectedValue(
			new ApiError( 'aifo_forbidden', 'Sorry, you are not allowed.', 403 )
		);
		const { container } = renderWithSnackbars( <SettingsScreen /> );

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
	describe( 'site-wide spend budgets', () => {
		const budgetFields = async () => {
			const loaded = await renderLoaded();
			return {
				...loaded,
				daily: loaded.view.getByLabelText(
					'Site daily budget (US$)'
				) as HTMLInputElement,
				monthly: loaded.view.getByLabelText(
					'Site monthly budget (US$)'
				) as HTMLInputElement,
			};
		};

		it( 'should explain the downgrade, the cap, the fallback cost and where to see it', async () => {
			const { view, daily, monthly } = await budgetFields();

			expect(
				view.getByRole( 'button', { name: 'Spend budgets' } )
			).toBeTruthy();
			expect( daily.value ).toBe( '0' );
			expect( monthly.value ).toBe( '0' );
			const text = (
				view
					.getByRole( 'button', { name: 'Spend budgets' } )
					.closest( '.components-panel__body' ) as HTMLElement
			 ).textContent;
			expect( text ).toMatch( /From 80 % of a limit/ );
			expect( text ).toMatch( /a fallback’s own cost counts/ );
			expect( text ).toMatch( /may run over budget/ );
			expect( text ).toMatch( /Diagnostics > Budgets/ );
			expect( text ).toMatch( /0 means no limit/ );
		} );

		it( 'should send an edited site budget as a number', async () => {
			mockUpdateSettings.mockResolvedValue( {
				...SETTINGS,
				site_budget_daily_usd: 12.5,
			} );
			const { view, daily, saveButton } = await budgetFields();

			fireEvent.change( daily, { target: { value: '12.50' } } );
			fireEvent.click( saveButton );

			expect( await view.findByText( 'Settings saved.' ) ).toBeTruthy();
			expect( mockUpdateSettings ).toHaveBeenCalledWith( {
				site_budget_daily_usd: 12.5,
			} );
			expect( daily.value ).toBe( '12.5' );
		} );

		it( 'should refuse a negative budget at its field, keep it and send nothing', async () => {
			const { view, daily, monthly, saveButton } = await budgetFields();

			fireEvent.change( daily, { target: { value: '-5' } } );
			fireEvent.change( monthly, { target: { value: '' } } );
			fireEvent.click( saveButton );

			const negative = await view.findByText(
				'A budget cannot be negative: enter 0 for no limit, or an amount in US$.'
			);
			expect( negative.id ).toBe( 'aifo-error-site_budget_daily_usd' );
			expect( daily.getAttribute( 'aria-invalid' ) ).toBe( 'true' );
			expect( daily.getAttribute( 'aria-describedby' ) ).toBe(
				negative.id
			);
			expect(
				view.getByText( 'Enter an amount in US$, or 0 for no limit.' )
					.id
			).toBe( 'aifo-error-site_budget_monthly_usd' );
			expect( daily.value ).toBe( '-5' );
			expect( mockUpdateSettings ).not.toHaveBeenCalled();
		} );

		it( 'should refuse a budget above the maximum at its field', async () => {
			const { view, monthly, saveButton } = await budgetFields();

			fireEvent.change( monthly, { target: { value: '2000000' } } );
			fireEvent.click( saveButton );

			expect(
				await view.findByText(
					'Enter an amount from 0 to 1000000 US$.'
				)
			).toBeTruthy();
			expect( monthly.value ).toBe( '2000000' );
			expect( mockUpdateSettings ).not.toHaveBeenCalled();
		} );
	} );
} );
