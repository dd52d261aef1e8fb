/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import { getSettings, SETTINGS_PATH, updateSettings } from '../settings';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;

const SETTINGS = {
	log_retention_days: 30,
	log_previews: false,
	log_preview_max_chars: 500,
	alerts_enabled: true,
	alert_email: '',
	alert_webhook_url: '',
	alert_window_minutes: 60,
	alert_fallback_rate_pct: 25,
	alert_error_rate_pct: 50,
	alert_min_runs: 5,
	site_budget_daily_usd: 0,
	site_budget_monthly_usd: 0,
};

describe( 'settings API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
	} );

	it( 'should GET and parse the settings', async () => {
		mockApiFetch.mockResolvedValue( SETTINGS );

		await expect( getSettings() ).resolves.toEqual( SETTINGS );
		expect( mockApiFetch ).toHaveBeenCalledWith( { path: SETTINGS_PATH } );
	} );

	it( 'should fill defaults the server left out', async () => {
		mockApiFetch.mockResolvedValue( { log_previews: true } );

		await expect( getSettings() ).resolves.toEqual( {
			...SETTINGS,
			log_previews: true,
		} );
	} );

	it( 'should throw when the server answers with a bad shape', async () => {
		mockApiFetch.mockResolvedValue( {
			...SETTINGS,
			log_retention_days: 'thirty',
		} );

		const error = await getSettings().catch( ( e: unknown ) => e );
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( { code: 'aifo_invalid_response' } );
	} );

	it( 'should POST only the patch', async () => {
		mockApiFetch.mockResolvedValue( {
			...SETTINGS,
			log_retention_days: 45,
		} );

		await expect(
			updateSettings( { log_retention_days: 45 } )
		).resolves.toEqual( { ...SETTINGS, log_retention_days: 45 } );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: SETTINGS_PATH,
			method: 'POST',
			data: { log_retention_days: 45 },
		} );
	} );

	it( 'should map a 400 with params to an ApiError with field errors', async () => {
		mockApiFetch.mockRejectedValue( {
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): log_retention_days',
			data: {
				status: 400,
				params: {
					log_retention_days:
						'log_retention_days must be between 1 (inclusive) and 365 (inclusive)',
				},
				details: {},
			},
		} );

		const error = await updateSettings( { log_retention_days: 0 } ).catch(
			( e: unknown ) => e
		);
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( {
			code: 'rest_invalid_param',
			message: 'Invalid parameter(s): log_retention_days',
			status: 400,
			fieldErrors: {
				log_retention_days:
					'log_retention_days must be between 1 (inclusive) and 365 (inclusive)',
			},
		} );
	} );

	it( 'should map network failures to an ApiError without status', async () => {
		mockApiFetch.mockRejectedValue( {
			code: 'fetch_error',
			message: 'You are probably offline.',
		} );

		await expect( getSettings() ).rejects.toMatchObject( {
			code: 'fetch_error',
			status: 0,
			fieldErrors: {},
		} );
	} );
} );
