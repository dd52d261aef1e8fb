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

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

describe( 'ThroughputSection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should be off by default, say when nothing can be held, explain the rule in plain words when it can, and send it with its trigger', async () => {
		( replaceFeature as jest.Mock ).mockImplementation(
			( _id: string, input: unknown ) =>
				Promise.resolve( FeatureSchema.parse( input ) )
		);
		const onSaved = jest.fn();
		const { container } = render(
			<FeatureForm
				feature={ FeatureSchema.parse( {
					...FEATURE,
					fallbacks: [
						{ provider_id: 'simulator', model: 'sim-fast' },
					],
				} ) }
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
		const section = within(
			container.querySelector(
				'.aifo-feature-form__throughput'
			) as HTMLElement
		);
		expect(
			section.getByText( /^Off: a stream’s text goes to the reader/ )
		).toBeTruthy();
		expect(
			section.queryByLabelText( /^Characters per second/ )
		).toBeNull();

		fireEvent.click(
			section.getByLabelText( 'Require a minimum stream speed' )
		);
		expect(
			section.getByText(
				/but moving to the next route is off, so no stream is held/
			)
		).toBeTruthy();
		fireEvent.change( section.getByLabelText( /^Characters per second/ ), {
			target: { value: '40' },
		} );
		fireEvent.change( section.getByLabelText( /^Over the first/ ), {
			target: { value: '1500' },
		} );
		fireEvent.click(
			section.getByLabelText(
				'Move to the next route when a stream is too slow'
			)
		);
		expect(
			section.getByText(
				/^A stream must deliver at least 40 characters per second over the first 1\.5 s of its text\. Until then its text is held back, and sent as soon as 60 characters are in .* the run moves on to sim-fast\. Once its text is sent, a stream stays on its route/
			)
		).toBeTruthy();

		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.routing.throughput ).toEqual( {
			enabled: true,
			probe_ms: 1500,
			min_chars_per_second: 40,
		} );
		expect( sent.triggers.slow_stream ).toBe( true );
	}, 30000 ); // A full form render on a shared, busy CPU.

	it( 'should keep a number as typed and refuse one out of range at its field, unsaved', async () => {
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
				'.aifo-feature-form__throughput'
			) as HTMLElement
		);
		fireEvent.click(
			section.getByLabelText( 'Require a minimum stream speed' )
		);
		const probe = section.getByLabelText(
			/^Over the first/
		) as HTMLInputElement;
		// The first key of "1500": not pushed up to the minimum under the cursor.
		fireEvent.change( probe, { target: { value: '1' } } );
		expect( probe.value ).toBe( '1' );
		fireEvent.change( probe, { target: { value: '' } } );
		expect(
			section.getByText(
				'Fill in every number below to see what the rule does.'
			)
		).toBeTruthy();

		fireEvent.change( probe, { target: { value: '20000' } } );
		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		expect(
			await section.findByText(
				'Enter a whole number from 100 to 10000.'
			)
		).toBeTruthy();
		expect( probe.getAttribute( 'aria-invalid' ) ).toBe( 'true' );
		expect( replaceFeature ).not.toHaveBeenCalled();
	}, 30000 );
} );
