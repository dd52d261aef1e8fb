/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import {
	addKey,
	deleteKey,
	getKeys,
	renameKey,
	reviveKey,
	testKey,
} from '../keys';
import { KEY, restError } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;
const KEYS_PATH = '/ai-failover/v1/providers/openai/keys';

describe( 'keys API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
	} );

	it( 'should GET the keys of a provider', async () => {
		const cooling = {
			...KEY,
			id: 'env',
			source: 'env',
			label: 'AIFO_KEY_OPENAI',
			state: 'cooling',
			state_until: '2026-11-22T06:05:00+00:00',
			state_reason: 'rate_limited (HTTP 429)',
			created_at: null,
		};
		mockApiFetch.mockResolvedValue( [ cooling, KEY ] );

		await expect( getKeys( 'openai' ) ).resolves.toEqual( [
			cooling,
			KEY,
		] );
		expect( mockApiFetch ).toHaveBeenCalledWith( { path: KEYS_PATH } );
	} );

	it( 'should POST a key and get it back masked', async () => {
		mockApiFetch.mockResolvedValue( KEY );

		await expect(
			addKey( 'openai', { label: 'prod-1', secret: 'sk-test-WXYZ' } )
		).resolves.toEqual( KEY );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: KEYS_PATH,
			method: 'POST',
			data: { label: 'prod-1', secret: 'sk-test-WXYZ' },
		} );
	} );

	it( 'should refuse a response that carries a secret', async () => {
		mockApiFetch.mockResolvedValue( { ...KEY, secret: 'sk-test-WXYZ' } );

		const error = await addKey( 'openai', {
			label: 'prod-1',
			secret: 'sk-test-WXYZ',
		} ).catch( ( e: unknown ) => e );
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( { code: 'aifo_invalid_response' } );
	} );

	it( 'should map a 400 on the secret to a field error', async () => {
		mockApiFetch.mockRejectedValue(
			restError( 'rest_invalid_param', 'Invalid parameter(s): secret', {
				status: 400,
				params: {
					secret: 'secret must be at least 8 characters long.',
				},
			} )
		);

		await expect(
			addKey( 'openai', { label: 'x', secret: 'short' } )
		).rejects.toMatchObject( {
			status: 400,
			fieldErrors: {
				secret: 'secret must be at least 8 characters long.',
			},
		} );
	} );

	it( 'should map a 409 undecryptable key on test', async () => {
		mockApiFetch.mockRejectedValue(
			restError(
				'aifo_key_undecryptable',
				'This key cannot be decrypted with the current secret.',
				{ status: 409 }
			)
		);

		await expect( testKey( 'openai', 'k1' ) ).rejects.toMatchObject( {
			code: 'aifo_key_undecryptable',
			status: 409,
		} );
	} );

	it( 'should PATCH a label and a revive', async () => {
		mockApiFetch.mockResolvedValue( KEY );

		await renameKey( 'openai', 'k1', 'prod-2' );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: `${ KEYS_PATH }/k1`,
			method: 'PATCH',
			data: { label: 'prod-2' },
		} );
		await reviveKey( 'openai', 'k1' );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: `${ KEYS_PATH }/k1`,
			method: 'PATCH',
			data: { state: 'active' },
		} );
	} );

	it( 'should DELETE a key and map aifo_external_key', async () => {
		mockApiFetch.mockResolvedValueOnce( { deleted: true, previous: KEY } );
		await expect( deleteKey( 'openai', 'k1' ) ).resolves.toEqual( KEY );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: `${ KEYS_PATH }/k1`,
			method: 'DELETE',
		} );

		mockApiFetch.mockRejectedValueOnce(
			restError(
				'aifo_external_key',
				'This key comes from the environment or a constant: remove it there.',
				{ status: 400 }
			)
		);
		await expect( deleteKey( 'openai', 'env' ) ).rejects.toMatchObject( {
			code: 'aifo_external_key',
			status: 400,
		} );
	} );

	it( 'should parse both test outcomes', async () => {
		mockApiFetch.mockResolvedValueOnce( {
			ok: true,
			duration_ms: 120,
			model_count: 42,
		} );
		await expect( testKey( 'openai', 'k1' ) ).resolves.toEqual( {
			ok: true,
			kind: 'models',
			duration_ms: 120,
			model_count: 42,
		} );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: `${ KEYS_PATH }/k1/test`,
			method: 'POST',
		} );

		const failed = {
			ok: false,
			duration_ms: 80,
			error: {
				class: 'auth',
				http_status: 401,
				provider_code: 'invalid_api_key',
				message: 'Incorrect API key provided.',
				retry_after: null,
				transient: false,
			},
		};
		mockApiFetch.mockResolvedValueOnce( failed );
		await expect( testKey( 'openai', 'k1' ) ).resolves.toEqual( {
			...failed,
			kind: 'models',
		} );
	} );

	it( 'should send a completion test with its model and parse its cost', async () => {
		const passed = {
			ok: true,
			kind: 'completion',
			duration_ms: 340,
			model: 'gpt-4o-mini',
			input_tokens: 12,
			output_tokens: 1,
			cost: 0.0000024,
			priced: true,
		};
		mockApiFetch.mockResolvedValueOnce( passed );
		await expect(
			testKey( 'openai', 'k1', {
				kind: 'completion',
				model: 'gpt-4o-mini',
			} )
		).resolves.toEqual( passed );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: `${ KEYS_PATH }/k1/test`,
			method: 'POST',
			data: { kind: 'completion', model: 'gpt-4o-mini' },
		} );
	} );

	it( 'should reject a test result with an unknown error class', async () => {
		mockApiFetch.mockResolvedValue( {
			ok: false,
			duration_ms: 80,
			error: {
				class: 'teapot',
				http_status: 418,
				provider_code: '',
				message: '',
				retry_after: null,
				transient: false,
			},
		} );

		await expect( testKey( 'openai', 'k1' ) ).rejects.toMatchObject( {
			code: 'aifo_invalid_response',
		} );
	} );
} );
