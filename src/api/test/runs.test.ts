/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import { runFeature } from '../runs';
import { restError } from './fixtures';
import { FAILED_RESULT, FALLBACK_RESULT } from './fixtures/runs';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;
const REQUEST = {
	messages: [ { role: 'user' as const, content: 'Summarise: WordPress.' } ],
};

describe( 'runs API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
	} );

	it( 'should POST the request and parse a fallback result', async () => {
		mockApiFetch.mockResolvedValue( FALLBACK_RESULT );

		await expect( runFeature( 'summary', REQUEST ) ).resolves.toEqual(
			FALLBACK_RESULT
		);
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/features/summary/run',
			method: 'POST',
			data: REQUEST,
		} );
	} );

	it( 'should resolve a failed run (HTTP 200) with its error', async () => {
		mockApiFetch.mockResolvedValue( FAILED_RESULT );
		const simulate = [
			{ route: 'openai/gpt-4o-mini', error_class: 'server' as const },
		];

		await expect(
			runFeature( 'summary', { ...REQUEST, simulate } )
		).resolves.toMatchObject( {
			status: 'failed',
			served_by: null,
			error: { class: 'server' },
		} );
		expect( mockApiFetch ).toHaveBeenCalledWith(
			expect.objectContaining( {
				data: { ...REQUEST, simulate },
			} )
		);
	} );

	it( 'should accept an error whose provider asked for no wait', async () => {
		mockApiFetch.mockResolvedValue( {
			...FAILED_RESULT,
			attempts: [],
			route_order: [],
			error: {
				class: 'no_route',
				message: 'No route of this feature could be tried.',
				retry_after: null,
			},
		} );

		await expect( runFeature( 'summary', REQUEST ) ).resolves.toMatchObject(
			{
				error: { class: 'no_route' },
			}
		);
	} );

	it.each( [
		[ 'an unknown status', { ...FALLBACK_RESULT, status: 'ok' } ],
		[ 'an unknown key', { ...FALLBACK_RESULT, extra: true } ],
		[
			'an attempt with an unknown decision',
			{
				...FALLBACK_RESULT,
				attempts: [
					{ ...FALLBACK_RESULT.attempts[ 0 ], decision: 'switch' },
				],
			},
		],
		[
			'served_by without key_label',
			{
				...FALLBACK_RESULT,
				served_by: {
					provider_id: 'openai',
					provider: 'OpenAI',
					model: 'gpt-4o-mini',
				},
			},
		],
	] )( 'should throw ApiError on %s', async ( _name, body ) => {
		mockApiFetch.mockResolvedValue( body );

		const error = await runFeature( 'summary', REQUEST ).catch(
			( e: unknown ) => e
		);
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( {
			code: 'aifo_invalid_response',
			message:
				'Unexpected response from /ai-failover/v1/features/summary/run.',
		} );
	} );

	it( 'should map a 400 to field errors', async () => {
		const message =
			'messages[0][content] must be at least 1 character long.';
		mockApiFetch.mockRejectedValue(
			restError( 'rest_invalid_param', 'Invalid parameter(s): messages', {
				status: 400,
				params: { messages: message, 'messages[0].content': message },
			} )
		);

		await expect(
			runFeature( 'summary', {
				messages: [ { role: 'user', content: '' } ],
			} )
		).rejects.toMatchObject( {
			code: 'rest_invalid_param',
			status: 400,
			fieldErrors: { 'messages[0].content': message },
		} );
	} );

	it( 'should map a 403 on simulate and encode the feature id', async () => {
		mockApiFetch.mockRejectedValue(
			restError(
				'aifo_forbidden',
				'Only administrators can simulate failures.',
				{
					status: 403,
					params: { simulate: 'Not allowed for your role.' },
				}
			)
		);

		await expect( runFeature( 'a/b', REQUEST ) ).rejects.toMatchObject( {
			code: 'aifo_forbidden',
			status: 403,
			fieldErrors: { simulate: 'Not allowed for your role.' },
		} );
		expect( mockApiFetch ).toHaveBeenCalledWith(
			expect.objectContaining( {
				path: '/ai-failover/v1/features/a%2Fb/run',
			} )
		);
	} );
} );
