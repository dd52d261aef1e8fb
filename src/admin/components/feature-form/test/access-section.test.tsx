/**
 * External dependencies
 */
import { fireEvent, render, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FeatureForm } from '..';
import { replaceFeature } from '../../../../api/features';
import { getModels } from '../../../../api/models';
import { ApiError } from '../../../../api/errors';
import { FeatureSchema } from '../../../../schemas';
import { FEATURE, OPENAI, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

async function renderForm( onSaved = jest.fn() ) {
	const { container } = render(
		<FeatureForm
			feature={ FeatureSchema.parse( FEATURE ) }
			providers={ [ SIMULATOR, OPENAI ] }
			onSaved={ onSaved }
			onCancel={ jest.fn() }
		/>
	);
	await waitFor( () =>
		expect(
			container.querySelectorAll( 'datalist option' ).length
		).toBeGreaterThan( 0 )
	);
	return within( container );
}

describe( 'AccessSection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
		( replaceFeature as jest.Mock ).mockReset();
	} );

	it( 'should explain access, and send the roles and addresses chosen', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const view = await renderForm( onSaved );
		expect(
			view.getByText( /never reaches a provider, so it costs nothing/ )
		).toBeTruthy();
		expect(
			view.queryByLabelText( 'Allow scheduled and command-line runs' )
		).toBeNull();

		const section = within(
			view.getByText( 'Access' ).closest( 'fieldset' ) as HTMLElement
		);
		fireEvent.click( section.getByLabelText( 'editor' ) );
		fireEvent.change( view.getByLabelText( 'Other roles' ), {
			target: { value: 'premium_member, gold' },
		} );
		fireEvent.change( view.getByLabelText( 'Allowed addresses' ), {
			target: { value: '203.0.113.0/24\n\n 2001:db8::1 \n' },
		} );
		fireEvent.click(
			view.getByLabelText( 'Allow scheduled and command-line runs' )
		);
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		expect(
			( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ].access
		).toEqual( {
			roles: [ 'editor', 'premium_member', 'gold' ],
			ip_allow: [ '203.0.113.0/24', '2001:db8::1' ],
			allow_server_runs: false,
		} );
	}, 30000 ); // A full form render on a shared, busy CPU.

	it( 'should show the server’s error about one entry at the address list', async () => {
		( replaceFeature as jest.Mock ).mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): access.ip_allow[1]',
				400,
				{
					'access.ip_allow[1]':
						'"10.0.0.0/33" is not an IP address or a CIDR block such as 203.0.113.0/24 or 2001:db8::/32.',
				}
			)
		);
		const view = await renderForm();
		fireEvent.change( view.getByLabelText( 'Allowed addresses' ), {
			target: { value: '10.0.0.0/8\n10.0.0.0/33' },
		} );
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		const field = view.getByLabelText( 'Allowed addresses' );
		await waitFor( () =>
			expect( field.getAttribute( 'aria-invalid' ) ).toBe( 'true' )
		);
		expect(
			view.getAllByText( /"10.0.0.0\/33" is not an IP address/ )
		).toHaveLength( 1 );
	}, 30000 );
} );
