/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import {
	createProvider,
	deleteProvider,
	getPresets,
	getProvider,
	getProviders,
	patchProvider,
	providerInUseBy,
	updateProvider,
} from '../providers';
import { LINKS, PROVIDER, restError } from './fixtures';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;

const INPUT = {
	id: 'e2e-openai',
	label: 'OpenAI (fake)',
	preset: 'openai',
	base_url: 'http://127.0.0.1:8899/v1',
	allow_private_network: true,
	enabled: true,
} as const;

describe( 'providers API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
	} );

	it( 'should GET the presets', async () => {
		const presets = [
			{
				id: 'simulator',
				label: 'Simulator',
				protocol: 'simulator',
				base_url: 'simulator://local',
				requires_key: false,
				local: true,
			},
			{
				id: 'custom',
				label: 'OpenAI-compatible (custom base URL)',
				protocol: 'openai',
				base_url: '',
				requires_key: false,
				local: false,
			},
		];
		mockApiFetch.mockResolvedValue( presets );

		await expect( getPresets() ).resolves.toEqual( presets );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/presets',
		} );
	} );

	it( 'should GET the providers and drop _links before parsing', async () => {
		mockApiFetch.mockResolvedValue( [ { ...PROVIDER, _links: LINKS } ] );

		await expect( getProviders() ).resolves.toEqual( [ PROVIDER ] );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/providers',
		} );
	} );

	it( 'should GET one provider with an encoded id', async () => {
		mockApiFetch.mockResolvedValue( { ...PROVIDER, _links: LINKS } );

		await expect( getProvider( 'openai' ) ).resolves.toEqual( PROVIDER );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/providers/openai',
		} );
	} );

	it( 'should throw aifo_invalid_response on a bad shape', async () => {
		mockApiFetch.mockResolvedValue( [ { ...PROVIDER, key_count: 'one' } ] );

		const error = await getProviders().catch( ( e: unknown ) => e );
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( {
			code: 'aifo_invalid_response',
			message: 'Unexpected response from /ai-failover/v1/providers.',
		} );
	} );

	it( 'should throw on an unknown extra field (strict schema)', async () => {
		mockApiFetch.mockResolvedValue( { ...PROVIDER, secret: 'sk-x' } );

		await expect( getProvider( 'openai' ) ).rejects.toMatchObject( {
			code: 'aifo_invalid_response',
		} );
	} );

	it( 'should POST a new provider', async () => {
		const saved = {
			...PROVIDER,
			id: INPUT.id,
			label: INPUT.label,
			base_url: INPUT.base_url,
			custom_base_url: true,
			allow_private_network: true,
			key_count: 0,
		};
		mockApiFetch.mockResolvedValue( { ...saved, _links: LINKS } );

		await expect( createProvider( INPUT ) ).resolves.toEqual( saved );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/providers',
			method: 'POST',
			data: INPUT,
		} );
	} );

	it( 'should map a 400 on base_url to a field error', async () => {
		const message =
			'The base URL points at a private or loopback address. Allow private network to use it.';
		mockApiFetch.mockRejectedValue(
			restError( 'rest_invalid_param', message, {
				status: 400,
				params: { base_url: message },
			} )
		);

		const error = await createProvider( {
			...INPUT,
			allow_private_network: false,
		} ).catch( ( e: unknown ) => e );
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( {
			code: 'rest_invalid_param',
			status: 400,
			fieldErrors: { base_url: message },
		} );
	} );

	it( 'should map a 409 on an existing id to a field error', async () => {
		mockApiFetch.mockRejectedValue(
			restError(
				'aifo_provider_exists',
				'A provider with this id already exists.',
				{ status: 409, params: { id: 'Already taken.' } }
			)
		);

		await expect( createProvider( INPUT ) ).rejects.toMatchObject( {
			code: 'aifo_provider_exists',
			status: 409,
			fieldErrors: { id: 'Already taken.' },
		} );
	} );

	it( 'should PUT and PATCH one provider', async () => {
		mockApiFetch.mockResolvedValue( { ...PROVIDER, _links: LINKS } );

		await updateProvider( 'openai', {
			id: 'openai',
			label: 'OpenAI',
			preset: 'openai',
		} );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/ai-failover/v1/providers/openai',
			method: 'PUT',
			data: { id: 'openai', label: 'OpenAI', preset: 'openai' },
		} );

		await patchProvider( 'openai', { enabled: false } );
		expect( mockApiFetch ).toHaveBeenLastCalledWith( {
			path: '/ai-failover/v1/providers/openai',
			method: 'PATCH',
			data: { enabled: false },
		} );
	} );

	it( 'should DELETE and return the previous provider', async () => {
		mockApiFetch.mockResolvedValue( {
			deleted: true,
			previous: { ...PROVIDER, _links: LINKS },
		} );

		await expect( deleteProvider( 'openai' ) ).resolves.toEqual( PROVIDER );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/providers/openai',
			method: 'DELETE',
		} );
	} );

	it( 'should expose the features of a 409 aifo_provider_in_use', async () => {
		const message =
			'This provider is used by these features: summary, alt-text. Remove it from their routes first.';
		mockApiFetch.mockRejectedValue(
			restError( 'aifo_provider_in_use', message, {
				status: 409,
				features: [ 'summary', 'alt-text' ],
			} )
		);

		const error = await deleteProvider( 'openai' ).catch(
			( e: unknown ) => e
		);
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( { status: 409, message } );
		expect( providerInUseBy( error as ApiError ) ).toEqual( [
			'summary',
			'alt-text',
		] );
	} );

	it( 'should find no features in other errors or malformed data', () => {
		expect(
			providerInUseBy( new ApiError( 'aifo_provider_not_found', 'x' ) )
		).toEqual( [] );
		expect(
			providerInUseBy(
				new ApiError(
					'aifo_provider_in_use',
					'x',
					409,
					{},
					{
						data: { features: 'summary' },
					}
				)
			)
		).toEqual( [] );
	} );
} );
