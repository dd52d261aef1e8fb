/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import {
	createFeature,
	deleteFeature,
	getFeature,
	getFeatures,
	patchFeature,
	replaceFeature,
} from '../features';
import { FEATURE, restError } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;
const INPUT = {
	id: 'summary',
	label: 'Summary',
	primary: { provider_id: 'simulator', model: 'sim-echo' },
};

describe( 'features API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
	} );

	it( 'should GET the features', async () => {
		mockApiFetch.mockResolvedValue( [ FEATURE ] );

		await expect( getFeatures() ).resolves.toEqual( [ FEATURE ] );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/features',
		} );
	} );

	it( 'should fill in defaults the server left out', async () => {
		mockApiFetch.mockResolvedValue( INPUT );

		await expect( getFeature( 'summary' ) ).resolves.toEqual( {
			...FEATURE,
			primary: { ...FEATURE.primary },
		} );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/features/summary',
		} );
	} );

	it( 'should throw on a locked trigger set to true', async () => {
		mockApiFetch.mockResolvedValue( [
			{ ...FEATURE, triggers: { ...FEATURE.triggers, auth: true } },
		] );

		const error = await getFeatures().catch( ( e: unknown ) => e );
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( { code: 'aifo_invalid_response' } );
	} );

	it( 'should POST a feature', async () => {
		mockApiFetch.mockResolvedValue( FEATURE );

		await expect( createFeature( INPUT ) ).resolves.toEqual( FEATURE );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/features',
			method: 'POST',
			data: INPUT,
		} );
	} );

	it( 'should keep cross-field paths as field error keys', async () => {
		const message =
			'fallbacks[0] uses provider "gone", which does not exist.';
		mockApiFetch.mockRejectedValue(
			restError( 'rest_invalid_param', message, {
				status: 400,
				params: { 'fallbacks[0].provider_id': message },
			} )
		);

		await expect(
			createFeature( {
				...INPUT,
				fallbacks: [ { provider_id: 'gone', model: 'x' } ],
			} )
		).rejects.toMatchObject( {
			code: 'rest_invalid_param',
			status: 400,
			fieldErrors: { 'fallbacks[0].provider_id': message },
		} );
	} );

	it( 'should map a 409 on an existing id', async () => {
		mockApiFetch.mockRejectedValue(
			restError(
				'aifo_feature_exists',
				'A feature with this id already exists.',
				{ status: 409, params: { id: 'Already taken.' } }
			)
		);

		await expect( createFeature( INPUT ) ).rejects.toMatchObject( {
			status: 409,
			fieldErrors: { id: 'Already taken.' },
		} );
	} );

	it( 'should PUT, PATCH and DELETE one feature', async () => {
		mockApiFetch.mockResolvedValue( FEATURE );
		await replaceFeature( 'summary', INPUT );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/ai-failover/v1/features/summary',
			method: 'PUT',
			data: INPUT,
		} );
		await patchFeature( 'summary', { label: 'Short summary' } );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/ai-failover/v1/features/summary',
			method: 'PATCH',
			data: { label: 'Short summary' },
		} );

		mockApiFetch.mockResolvedValue( { deleted: true, previous: FEATURE } );
		await expect( deleteFeature( 'summary' ) ).resolves.toEqual( FEATURE );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/ai-failover/v1/features/summary',
			method: 'DELETE',
		} );
	} );
} );
