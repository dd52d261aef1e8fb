/**
 * External dependencies
 */
import { fireEvent, render, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { ProviderKeys } from '..';
import { ApiError } from '../../../../api/errors';
import {
	addKey,
	deleteKey,
	getKeys,
	reviveKey,
	testKey,
} from '../../../../api/keys';
import { KEY, OPENAI, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn( () =>
		Promise.resolve( { models: [], discoveryError: null } )
	),
} ) );
jest.mock( '../../../../api/keys', () => ( {
	getKeys: jest.fn(),
	addKey: jest.fn(),
	deleteKey: jest.fn(),
	reviveKey: jest.fn(),
	testKey: jest.fn(),
} ) );

const mockGetKeys = getKeys as jest.MockedFunction< typeof getKeys >;
const mockAddKey = addKey as jest.MockedFunction< typeof addKey >;

const SECRET = 'sk-unit-SECRET-1234567890-WXYZ';

const ENV_KEY = {
	...KEY,
	id: 'env',
	label: 'AIFO_KEY_OPENAI',
	source: 'env' as const,
	last4: 'ab12',
	state: 'dead' as const,
	state_since: '2026-11-21T23:59:59+00:00',
	state_reason: 'auth (HTTP 401): Incorrect API key provided.',
	created_at: null,
};

async function renderKeys( onChange = jest.fn() ) {
	const { container, baseElement } = render(
		<ProviderKeys provider={ OPENAI } onChange={ onChange } />
	);
	const view = within( container );
	await view.findByText( 'Add a key' );
	return { container, baseElement, view, onChange };
}

describe( 'ProviderKeys', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		mockGetKeys.mockResolvedValue( [ ENV_KEY, KEY ] );
	} );

	it( 'should show keys masked, with source and state', async () => {
		const { view } = await renderKeys();

		expect( await view.findByText( '••••WXYZ' ) ).toBeTruthy();
		expect( view.getByText( '••••ab12' ) ).toBeTruthy();
		expect( view.getByText( 'Environment variable' ) ).toBeTruthy();
		expect( view.getByText( 'Stored (encrypted)' ) ).toBeTruthy();
		expect( view.getByText( ENV_KEY.state_reason ) ).toBeTruthy();
		expect( view.getByText( /^Dead since / ) ).toBeTruthy();
		// Revive only for the dead key, Delete only for the stored key.
		expect(
			view.getByRole( 'button', { name: 'Revive key AIFO_KEY_OPENAI' } )
		).toBeTruthy();
		expect(
			view.queryByRole( 'button', { name: 'Revive key prod-1' } )
		).toBeNull();
		expect(
			view.queryByRole( 'button', { name: 'Delete key AIFO_KEY_OPENAI' } )
		).toBeNull();
		expect(
			view.getByRole( 'button', { name: 'Delete key prod-1' } )
		).toBeTruthy();
	} );

	it( 'should never keep the secret in the DOM after saving', async () => {
		const { container, view, onChange } = await renderKeys();
		mockAddKey.mockResolvedValue( { ...KEY, id: 'k2', label: 'prod-2' } );

		fireEvent.change( view.getByLabelText( 'Key label' ), {
			target: { value: 'prod-2' },
		} );
		const secret = view.getByLabelText( 'Secret key' ) as HTMLInputElement;
		expect( secret.type ).toBe( 'password' );
		fireEvent.change( secret, { target: { value: SECRET } } );
		fireEvent.click( view.getByRole( 'button', { name: 'Add key' } ) );

		expect(
			await view.findByText(
				'Key ••••WXYZ added. It is stored encrypted and is never shown again.'
			)
		).toBeTruthy();
		expect( mockAddKey ).toHaveBeenCalledWith( 'openai', {
			label: 'prod-2',
			secret: SECRET,
		} );
		expect( secret.value ).toBe( '' );
		expect( container.innerHTML ).not.toContain( SECRET );
		expect( document.body.innerHTML ).not.toContain( SECRET );
		await waitFor( () => expect( onChange ).toHaveBeenCalled() );
		expect( mockGetKeys ).toHaveBeenCalledTimes( 2 );
	} );

	it( 'should show the server field error of the secret', async () => {
		const { view } = await renderKeys();
		mockAddKey.mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): secret',
				400,
				{ secret: 'secret does not match pattern ^\\S+$.' }
			)
		);

		fireEvent.change( view.getByLabelText( 'Key label' ), {
			target: { value: 'x' },
		} );
		fireEvent.change( view.getByLabelText( 'Secret key' ), {
			target: { value: 'has a space' },
		} );
		fireEvent.click( view.getByRole( 'button', { name: 'Add key' } ) );

		expect(
			await view.findByText( 'secret does not match pattern ^\\S+$.' )
		).toBeTruthy();
	} );

	it( 'should show a test result, ok or failed', async () => {
		const { view } = await renderKeys();
		( testKey as jest.Mock )
			.mockResolvedValueOnce( {
				ok: true,
				duration_ms: 12,
				model_count: 42,
			} )
			.mockResolvedValueOnce( {
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
			} );

		const button = await view.findByRole( 'button', {
			name: 'List models with key prod-1',
		} );
		fireEvent.click( button );
		expect(
			await view.findByText( 'OK: 42 models listed in 12 ms.' )
		).toBeTruthy();
		fireEvent.click( button );
		expect(
			await view.findByText(
				'Failed: auth (HTTP 401): Incorrect API key provided. (80 ms)'
			)
		).toBeTruthy();
		expect( testKey ).toHaveBeenCalledWith( 'openai', 'k1', {} );
	} );

	it( 'should test a one-token completion on the chosen model and show its latency and cost', async () => {
		const { view } = await renderKeys();
		( testKey as jest.Mock ).mockResolvedValueOnce( {
			ok: true,
			kind: 'completion',
			duration_ms: 340,
			model: 'gpt-4o-mini',
			input_tokens: 12,
			output_tokens: 1,
			cost: 0.0000024,
			priced: true,
		} );
		fireEvent.change(
			await view.findByLabelText( 'Model for the completion test' ),
			{ target: { value: 'gpt-4o-mini' } }
		);
		fireEvent.click(
			view.getByRole( 'button', {
				name: 'Test completion with key prod-1 on gpt-4o-mini',
			} )
		);

		expect(
			await view.findByText(
				'OK: gpt-4o-mini answered in 340 ms (12 tokens in, 1 out, $0.0000024).'
			)
		).toBeTruthy();
		expect( testKey ).toHaveBeenCalledWith( 'openai', 'k1', {
			kind: 'completion',
			model: 'gpt-4o-mini',
		} );
	} );

	it( 'should revive a dead key and delete a stored one', async () => {
		const { view, baseElement, onChange } = await renderKeys();
		( reviveKey as jest.Mock ).mockResolvedValue( {
			...ENV_KEY,
			state: 'active',
		} );
		( deleteKey as jest.Mock ).mockResolvedValue( KEY );

		fireEvent.click(
			await view.findByRole( 'button', {
				name: 'Revive key AIFO_KEY_OPENAI',
			} )
		);
		await waitFor( () =>
			expect( reviveKey ).toHaveBeenCalledWith( 'openai', 'env' )
		);

		fireEvent.click(
			view.getByRole( 'button', { name: 'Delete key prod-1' } )
		);
		const dialog = within(
			await within( baseElement ).findByRole( 'dialog' )
		);
		fireEvent.click( dialog.getByRole( 'button', { name: 'Delete key' } ) );
		await waitFor( () =>
			expect( within( baseElement ).queryByRole( 'dialog' ) ).toBeNull()
		);
		expect( deleteKey ).toHaveBeenCalledWith( 'openai', 'k1' );
		expect( onChange ).toHaveBeenCalled();
	} );

	it( 'should offer no key form for the Simulator', () => {
		const { container } = render( <ProviderKeys provider={ SIMULATOR } /> );

		expect(
			within( container ).getByText(
				'The Simulator needs no key: it runs inside WordPress.'
			)
		).toBeTruthy();
		expect(
			within( container ).queryByLabelText( 'Secret key' )
		).toBeNull();
		expect( getKeys ).not.toHaveBeenCalled();
	} );
} );
