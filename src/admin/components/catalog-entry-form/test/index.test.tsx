/**
 * External dependencies
 */
import { fireEvent, render, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { CatalogEntryForm } from '..';
import { ApiError } from '../../../../api/errors';
import { saveModel } from '../../../../api/models';
import type { ModelListItem } from '../../../../schemas';

jest.mock( '../../../../api/models', () => ( { saveModel: jest.fn() } ) );

const SEEDED: ModelListItem = {
	model: 'gpt-4o-mini',
	capabilities: [ 'vision', 'tools' ],
	input_price_per_mtok: 0.15,
	output_price_per_mtok: 0.6,
	context_window: 128000,
	source: 'both',
	edited: false,
};

const fill = (
	view: ReturnType< typeof within >,
	label: string,
	value: string
) => fireEvent.change( view.getByLabelText( label ), { target: { value } } );

describe( 'CatalogEntryForm', () => {
	beforeEach( () => jest.clearAllMocks() );

	it( 'should show every error at once in words, focus the first, and send nothing', async () => {
		const { container } = render(
			<CatalogEntryForm
				providerId="fake"
				entry={ null }
				onSaved={ jest.fn() }
				onCancel={ jest.fn() }
			/>
		);
		const view = within( container );
		fill( view, 'Model ID', 'has space' );
		fill( view, 'Input price (US$ per million tokens)', '-1' );
		fill( view, 'Context window (tokens; 0 if unknown)', '1.5' );
		fireEvent.click( view.getByRole( 'button', { name: 'Save model' } ) );

		await waitFor( () =>
			expect(
				Array.from(
					container.querySelectorAll( '.aifo-field-error' ),
					( node ) => node.textContent
				)
			).toEqual( [
				'Enter the model id as the provider spells it: letters, digits and . _ : / @ + - (no spaces).',
				'Enter a price from 0 to 10000 US dollars per million input tokens.',
				'Enter a whole number of tokens from 0 (unknown) to 10000000.',
			] )
		);
		await waitFor( () =>
			expect( container.ownerDocument.activeElement ).toBe(
				view.getByLabelText( 'Model ID' )
			)
		);
		expect( saveModel ).not.toHaveBeenCalled();
	} );

	it( 'should save a custom provider’s prices as numbers', async () => {
		const onSaved = jest.fn();
		( saveModel as jest.Mock ).mockImplementation( ( _id, entry ) =>
			Promise.resolve( { ...entry, source: 'catalog', edited: true } )
		);
		const { container } = render(
			<CatalogEntryForm
				providerId="fake"
				entry={ null }
				onSaved={ onSaved }
				onCancel={ jest.fn() }
			/>
		);
		const view = within( container );
		fill( view, 'Model ID', 'fake-large' );
		fill( view, 'Input price (US$ per million tokens)', '2.5' );
		fill( view, 'Output price (US$ per million tokens)', '10' );
		fireEvent.click( view.getByLabelText( 'Tool calls' ) );
		fireEvent.click( view.getByRole( 'button', { name: 'Save model' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		expect( saveModel ).toHaveBeenCalledWith( 'fake', {
			model: 'fake-large',
			input_price_per_mtok: 2.5,
			output_price_per_mtok: 10,
			context_window: 0,
			capabilities: [ 'tools' ],
		} );
	} );

	it( 'should start from the seeded values and show the server’s field errors at their fields', async () => {
		( saveModel as jest.Mock ).mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): output_price_per_mtok',
				400,
				{
					output_price_per_mtok:
						'output_price_per_mtok must be at most 10000.',
				}
			)
		);
		const { container } = render(
			<CatalogEntryForm
				providerId="openai"
				entry={ SEEDED }
				onSaved={ jest.fn() }
				onCancel={ jest.fn() }
			/>
		);
		const view = within( container );
		expect(
			(
				view.getByLabelText(
					'Input price (US$ per million tokens)'
				) as HTMLInputElement
			 ).value
		).toBe( '0.15' );
		expect(
			( view.getByLabelText( 'Images (vision)' ) as HTMLInputElement )
				.checked
		).toBe( true );
		fireEvent.click( view.getByRole( 'button', { name: 'Save model' } ) );

		expect(
			await view.findByText(
				'Enter a price from 0 to 10000 US dollars per million output tokens.'
			)
		).toBeTruthy();
	} );
} );
