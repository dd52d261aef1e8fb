/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import { deleteModel, getModels, saveModel } from '../models';
import { fakeResponse, MODEL, restError } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;
const MODELS_PATH = '/ai-failover/v1/providers/openai/models';

describe( 'models API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
	} );

	it( 'should GET the models without parsing in apiFetch', async () => {
		mockApiFetch.mockResolvedValue(
			fakeResponse( [ MODEL ], 200, { 'X-WP-Total': '1' } )
		);

		await expect( getModels( 'openai' ) ).resolves.toEqual( {
			models: [ MODEL ],
			discoveryError: null,
		} );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: MODELS_PATH,
			parse: false,
		} );
	} );

	it( 'should ask for a refresh and report the discovery error', async () => {
		mockApiFetch.mockResolvedValue(
			fakeResponse( [ { ...MODEL, source: 'catalog' } ], 200, {
				'X-AIFO-Discovery-Error': 'auth (HTTP 401)',
			} )
		);

		await expect(
			getModels( 'openai', { refresh: true } )
		).resolves.toEqual( {
			models: [ { ...MODEL, source: 'catalog' } ],
			discoveryError: 'auth (HTTP 401)',
		} );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: `${ MODELS_PATH }?refresh=true`,
			parse: false,
		} );
	} );

	it( 'should throw on a bad shape', async () => {
		mockApiFetch.mockResolvedValue(
			fakeResponse( [ { ...MODEL, source: 'manual' } ] )
		);

		const error = await getModels( 'openai' ).catch( ( e: unknown ) => e );
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( {
			code: 'aifo_invalid_response',
			message: `Unexpected response from ${ MODELS_PATH }.`,
		} );
	} );

	it( 'should read the WP_Error out of a rejected raw response', async () => {
		mockApiFetch.mockRejectedValue(
			fakeResponse(
				restError(
					'aifo_provider_not_found',
					'No provider with this id.',
					{
						status: 404,
					}
				),
				404
			)
		);

		await expect( getModels( 'openai' ) ).rejects.toMatchObject( {
			code: 'aifo_provider_not_found',
			status: 404,
			message: 'No provider with this id.',
		} );
	} );

	it( 'should map a rejected raw response without a JSON error', async () => {
		mockApiFetch.mockRejectedValue( {
			...fakeResponse( null, 502 ),
			statusText: 'Bad Gateway',
			json: () => Promise.reject( new Error( 'not JSON' ) ),
		} );

		await expect( getModels( 'openai' ) ).rejects.toMatchObject( {
			code: 'aifo_http_error',
			status: 502,
			message: 'Bad Gateway',
		} );
	} );

	it( 'should PUT a catalog entry and map a 400 field error', async () => {
		const entry = {
			model: 'gpt-4o-mini',
			input_price_per_mtok: 0.2,
		};
		mockApiFetch.mockResolvedValueOnce( {
			...MODEL,
			input_price_per_mtok: 0.2,
			source: 'catalog',
			edited: true,
		} );
		await expect( saveModel( 'openai', entry ) ).resolves.toMatchObject( {
			input_price_per_mtok: 0.2,
			edited: true,
		} );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: MODELS_PATH,
			method: 'PUT',
			data: entry,
		} );

		mockApiFetch.mockRejectedValueOnce(
			restError( 'rest_invalid_param', 'Invalid parameter(s): model', {
				status: 400,
				params: { model: 'model does not match pattern.' },
			} )
		);
		await expect(
			saveModel( 'openai', { model: 'gpt 4o' } )
		).rejects.toMatchObject( {
			status: 400,
			fieldErrors: { model: 'model does not match pattern.' },
		} );
	} );

	it( 'should DELETE an edit by model query and map a 404', async () => {
		mockApiFetch.mockResolvedValueOnce( { deleted: true } );
		await deleteModel( 'openai', 'meta-llama/llama-3.1-8b' );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: `${ MODELS_PATH }?model=meta-llama%2Fllama-3.1-8b`,
			method: 'DELETE',
		} );

		mockApiFetch.mockRejectedValueOnce(
			restError(
				'aifo_model_not_edited',
				'This model has no edited catalog entry.',
				{ status: 404 }
			)
		);
		await expect( deleteModel( 'openai', 'gpt-4o' ) ).rejects.toMatchObject(
			{ code: 'aifo_model_not_edited', status: 404 }
		);
	} );
} );
