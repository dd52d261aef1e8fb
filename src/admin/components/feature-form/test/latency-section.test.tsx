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

describe( 'LatencySection', () => {
	beforeEach( () => {
		( getModels as jest.Mock ).mockResolvedValue( {
			models: [ { model: 'sim-echo' } ],
		} );
	} );

	it( 'should be off by default, explain the rule in plain words when on, and send it', async () => {
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
				'.aifo-feature-form__latency'
			) as HTMLElement
		);
		expect(
			section.getByText( /^Off: routes are tried in their order/ )
		).toBeTruthy();
		expect( section.queryByLabelText( /^Slow above/ ) ).toBeNull();

		fireEvent.click(
			section.getByLabelText( 'Move away from slow routes' )
		);
		fireEvent.change( section.getByLabelText( /^Slow above/ ), {
			target: { value: '5000' },
		} );
		fireEvent.change( section.getByLabelText( /^Counted from/ ), {
			target: { value: '10' },
		} );
		expect(
			section.getByText(
				/ when latency > 5 s: when more than 5 % of a route’s requests in the last 60 s took longer than 5 s \(its p95 is over 5 s; counted from 10 requests on\), the route is tried after the feature’s other routes\. Every 30 s one request \(never two at a time\) tries it/
			)
		).toBeTruthy();
		// One request, in the singular.
		fireEvent.change( section.getByLabelText( /^Counted from/ ), {
			target: { value: '1' },
		} );
		expect(
			section.getByText(
				/\(its p95 is over 5 s; counted from 1 request on\)/
			)
		).toBeTruthy();
		fireEvent.change( section.getByLabelText( /^Counted from/ ), {
			target: { value: '10' },
		} );
		fireEvent.change( section.getByLabelText( 'A slow route is' ), {
			target: { value: 'skip' },
		} );
		expect( section.getByText( /the route is left out\./ ) ).toBeTruthy();

		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( sent.routing.latency ).toEqual( {
			enabled: true,
			threshold_ms: 5000,
			window_s: 60,
			min_requests: 10,
			probe_every_s: 30,
			action: 'skip',
		} );
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
				'.aifo-feature-form__latency'
			) as HTMLElement
		);
		fireEvent.click(
			section.getByLabelText( 'Move away from slow routes' )
		);
		const threshold = section.getByLabelText(
			/^Slow above/
		) as HTMLInputElement;
		// The first key of "2500": not pushed up to the minimum under the cursor.
		fireEvent.change( threshold, { target: { value: '2' } } );
		expect( threshold.value ).toBe( '2' );
		fireEvent.change( threshold, { target: { value: '' } } );
		expect( threshold.value ).toBe( '' );
		expect(
			section.getByText(
				'Fill in every number below to see what the rule does.'
			)
		).toBeTruthy();

		fireEvent.change( threshold, { target: { value: '50' } } );
		fireEvent.click(
			container.querySelector( 'button[type="submit"]' ) as HTMLElement
		);
		expect(
			await section.findByText(
				'Enter a whole number from 100 to 120000.'
			)
		).toBeTruthy();
		expect( threshold.getAttribute( 'aria-invalid' ) ).toBe( 'true' );
		expect( threshold.value ).toBe( '50' );
		expect( replaceFeature ).not.toHaveBeenCalled();
	}, 30000 );
} );
