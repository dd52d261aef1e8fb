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
import { FeatureSchema } from '../../../../schemas';
import { FEATURE, OPENAI, SIMULATOR } from '../../../test-utils';
import { renderFeatureForm } from '../../../test-utils/feature-form';

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

describe( 'QualitySection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should explain the stored rules and their escalation, and send them with the trigger', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const container = await renderFeatureForm(
			FEATURE,
			[ SIMULATOR, OPENAI ],
			onSaved
		);
		const section = within(
			container.querySelector(
				'.aifo-feature-form__quality'
			) as HTMLElement
		);
		expect(
			section.getByText( /^No rules: every answer is accepted/ )
		).toBeTruthy();

		fireEvent.click( section.getByLabelText( 'Not empty' ) );
		fireEvent.change(
			section.getByLabelText( 'Minimum length (characters)' ),
			{ target: { value: '40' } }
		);
		expect(
			section.getByText(
				/^Every answer must be not empty, at least 40 characters\. One that fails is logged as validation_failed and the run stops/
			)
		).toBeTruthy();
		fireEvent.change(
			section.getByLabelText( 'Minimum length (characters)' ),
			{ target: { value: '1' } }
		);
		expect(
			section.getByText(
				/^Every answer must be not empty, at least 1 character\. /
			)
		).toBeTruthy();
		fireEvent.change(
			section.getByLabelText( 'Minimum length (characters)' ),
			{ target: { value: '40' } }
		);
		fireEvent.click(
			section.getByLabelText(
				'Escalate to the next route when an answer fails them'
			)
		);
		expect(
			section.getByText( /the run escalates to the next route/ )
		).toBeTruthy();

		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.routing.quality ).toEqual( {
			non_empty: true,
			min_length: 40,
			regex: '',
			json: false,
		} );
		expect( sent.triggers.validation_failed ).toBe( true );
	}, 30000 ); // A full form render on a shared, busy CPU.
	it( 'should keep a minimum length as typed and refuse one out of range at its field, unsaved', async () => {
		( replaceFeature as jest.Mock ).mockClear();
		const { container } = render(
			<FeatureForm
				feature={ FEATURE }
				providers={ [ SIMULATOR, OPENAI ] }
				onSaved={ jest.fn() }
				onCancel={ jest.fn() }
			/>
		);
		const section = within(
			container.querySelector(
				'.aifo-feature-form__quality'
			) as HTMLElement
		);
		const minLength = section.getByLabelText(
			'Minimum length (characters)'
		) as HTMLInputElement;
		// Cleared on the way to another number: empty, not pushed back to 0.
		fireEvent.change( minLength, { target: { value: '' } } );
		expect( minLength.value ).toBe( '' );
		// Not clamped to 100000 under the cursor.
		fireEvent.change( minLength, { target: { value: '200000' } } );
		expect( minLength.value ).toBe( '200000' );

		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		const error = await section.findByText(
			'Enter a whole number from 0 to 100000.'
		);
		expect( minLength.getAttribute( 'aria-invalid' ) ).toBe( 'true' );
		expect( minLength.getAttribute( 'aria-describedby' ) ).toBe( error.id );
		expect( minLength.value ).toBe( '200000' );
		expect( replaceFeature ).not.toHaveBeenCalled();

		// Editing the field clears its error.
		fireEvent.change( minLength, { target: { value: '20' } } );
		expect(
			section.queryByText( 'Enter a whole number from 0 to 100000.' )
		).toBeNull();
	}, 30000 );
} );
