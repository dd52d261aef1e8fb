/**
 * External dependencies
 */
import { fireEvent, render, waitFor, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FeatureForm } from '..';
import { ApiError } from '../../../../api/errors';
import { createFeature, replaceFeature } from '../../../../api/features';
import { getModels } from '../../../../api/models';
import { FeatureSchema } from '../../../../schemas';
import { forgetModelIds } from '../../../hooks/use-models';
import { FEATURE, OPENAI, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/features', () => ( {
	createFeature: jest.fn(),
	replaceFeature: jest.fn(),
} ) );
jest.mock( '../../../../api/models', () => ( {
	getModels: jest.fn(),
} ) );

const mockCreate = createFeature as jest.MockedFunction< typeof createFeature >;

const LOCKED = [
	'Invalid request',
	'Key rejected (authentication)',
	'Out of credit (payment)',
	'Forbidden',
	'Unsupported capability',
];

/**
 * Renders the form; for a saved feature, waits until the primary route's
 * model suggestions are loaded (the datalist). A new feature has no
 * provider chosen, so nothing loads until one is.
 *
 * @param props Props to override.
 */
async function renderForm(
	props: Partial< Parameters< typeof FeatureForm >[ 0 ] > = {}
) {
	const onSaved = jest.fn();
	const onCancel = jest.fn();
	const { container } = render(
		<FeatureForm
			feature={ null }
			providers={ [ SIMULATOR, OPENAI ] }
			onSaved={ onSaved }
			onCancel={ onCancel }
			{ ...props }
		/>
	);
	if ( props.feature ) {
		await waitFor( () =>
			expect(
				container.querySelectorAll( 'datalist option' ).length
			).toBeGreaterThan( 0 )
		);
	}
	return { container, view: within( container ), onSaved, onCancel };
}

/**
 * Fills what a new feature needs to pass the client's check.
 *
 * @param view Queries bound to the form.
 */
function fillValidFeature( view: ReturnType< typeof within > ) {
	fireEvent.change( view.getByLabelText( 'ID' ), {
		target: { value: 'alt' },
	} );
	fireEvent.change( view.getByLabelText( 'Label' ), {
		target: { value: ' Alt ' },
	} );
	fireEvent.change( view.getByLabelText( 'Provider' ), {
		target: { value: 'simulator' },
	} );
	fireEvent.change( view.getByLabelText( 'Model' ), {
		target: { value: 'sim-echo' },
	} );
}

// The form has a dozen sections: on a shared, busy CPU one full render, fill
// and save takes longer than jest's default 5 s (as the section tests allow).
jest.setTimeout( 30000 );

describe( 'FeatureForm', () => {
	// Each test renders the whole form (every section): slow on a shared, busy CPU.
	jest.setTimeout( 30000 );
	beforeEach( () => {
		jest.clearAllMocks();
		forgetModelIds();
		( getModels as jest.Mock ).mockImplementation( ( id: string ) =>
			Promise.resolve( {
				models: ( id === 'simulator'
					? [ 'sim-echo', 'sim-unavailable' ]
					: [ 'gpt-4o-mini' ]
				).map( ( model ) => ( {
					model,
					capabilities: [],
					input_price_per_mtok: 0,
					output_price_per_mtok: 0,
					context_window: 0,
					source: 'catalog',
					edited: false,
				} ) ),
				discoveryError: null,
			} )
		);
	} );

	it( 'should say that no fallbacks means fail, log and stop', async () => {
		const { view, container } = await renderForm();

		expect(
			view.getByText(
				'No fallbacks: a failure fails, is logged, and stops.'
			)
		).toBeTruthy();
		// No provider is preselected: nothing is chosen for the user.
		const provider = view.getByLabelText( 'Provider' ) as HTMLSelectElement;
		expect( provider.value ).toBe( '' );
		expect( getModels ).not.toHaveBeenCalled();
		fireEvent.change( provider, { target: { value: 'simulator' } } );
		// The datalist offers the chosen provider's models.
		await waitFor( () =>
			expect(
				container.querySelectorAll( 'datalist option' )
			).toHaveLength( 2 )
		);
		expect( getModels ).toHaveBeenCalledWith( 'simulator' );
	} );

	it( 'should show every error at once, in words, with focus on the first', async () => {
		const { view, container } = await renderForm();

		fireEvent.change( view.getByLabelText( 'First retry delay (ms)' ), {
			target: { value: '5000' },
		} );
		fireEvent.change( view.getByLabelText( 'Longest retry delay (ms)' ), {
			target: { value: '1000' },
		} );
		fireEvent.change( view.getByLabelText( 'Attempt timeout (ms)' ), {
			target: { value: '99999' },
		} );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		const expected: Array< [ string, string ] > = [
			[ 'ID', 'Enter an ID, such as "post-summary".' ],
			[ 'Label', 'Enter a label.' ],
			[ 'Provider', 'Choose a provider.' ],
			[ 'Model', 'Enter a model, such as one the list suggests.' ],
			[
				'Longest retry delay (ms)',
				'Make the longest retry delay at least the first retry delay.',
			],
			[
				'Attempt timeout (ms)',
				'Enter a whole number from 1000 to 60000.',
			],
		];
		await waitFor( () =>
			expect( container.ownerDocument.activeElement ).toBe(
				view.getByLabelText( 'ID' )
			)
		);
		for ( const [ label, message ] of expected ) {
			const control = view.getByLabelText( label );
			const error = view.getByText( message );
			expect( control.getAttribute( 'aria-invalid' ) ).toBe( 'true' );
			// Read with its field: the control is described by the error.
			const describedBy = (
				control.getAttribute( 'aria-describedby' ) ?? ''
			).split( ' ' );
			expect(
				describedBy.some( ( id ) =>
					document.getElementById( id )?.contains( error )
				)
			).toBe( true );
			expect(
				error.closest(
					'.aifo-feature-form__field, .aifo-route-fields > div'
				)
			).toBe(
				control.closest(
					'.aifo-feature-form__field, .aifo-route-fields > div'
				)
			);
		}
		expect(
			view.getByText( '6 fields need correcting; each is marked below.' )
		).toBeTruthy();
		// The summary sits at the top, before the first section.
		expect(
			container.querySelector( 'form > :first-child' )?.className
		).toContain( 'aifo-feature-form__notice' );
		expect( mockCreate ).not.toHaveBeenCalled();
	} );

	it( 'should word the server’s field errors like its own', async () => {
		// The server found a problem the client did not (a stricter rule):
		// its schema wording becomes the same plain words, at the field.
		const schemaMessage =
			'retry[base_delay_ms] must be between 0 (inclusive) and 10000 (inclusive).';
		mockCreate.mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): retry',
				400,
				{
					retry: schemaMessage,
					'retry.base_delay_ms': schemaMessage,
				}
			)
		);
		const { view, container } = await renderForm();
		fillValidFeature( view );

		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		const shown = await view.findByText(
			'Enter a whole number from 0 to 10000.'
		);
		const control = view.getByLabelText( 'First retry delay (ms)' );
		expect( shown.closest( '.aifo-feature-form__field' ) ).toBe(
			control.closest( '.aifo-feature-form__field' )
		);
		expect( view.queryByText( schemaMessage ) ).toBeNull();
		expect(
			container.querySelector( '.aifo-feature-form__other-errors' )
		).toBeNull();
		await waitFor( () =>
			expect( container.ownerDocument.activeElement ).toBe( control )
		);
	} );

	it( 'should show the locked triggers disabled and unchecked, with why', async () => {
		const { view } = await renderForm();

		for ( const label of LOCKED ) {
			const box = view.getByLabelText( label ) as HTMLInputElement;
			expect( box.disabled ).toBe( true );
			expect( box.checked ).toBe( false );
		}
		expect(
			view.getByText(
				'Never falls back: a bad request is bad everywhere, so another route would fail the same way.'
			)
		).toBeTruthy();
		const server = view.getByLabelText(
			'Server error (HTTP 5xx)'
		) as HTMLInputElement;
		expect( server.disabled ).toBe( false );
		expect( server.checked ).toBe( true );
	} );

	it( 'should flag a fallback whose provider no longer exists next to that route', async () => {
		const { view, container } = await renderForm( {
			feature: {
				...FEATURE,
				fallbacks: [
					{
						provider_id: 'gone',
						model: 'x',
						weight: 1,
						over_budget: false,
					},
				],
			},
		} );

		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		const fallback = container.querySelector(
			'.aifo-feature-form__fallback'
		) as HTMLElement;
		expect(
			await within( fallback ).findByText(
				'This provider no longer exists: choose another one.'
			)
		).toBeTruthy();
		expect(
			view.getByText(
				'The feature was not saved. Correct the highlighted fields and try again.'
			)
		).toBeTruthy();
		expect( replaceFeature ).not.toHaveBeenCalled();
		// The missing provider stays selectable, named as missing.
		expect(
			within( fallback ).getByText( 'gone (missing provider)' )
		).toBeTruthy();
	} );

	it( 'should show the server error for fallbacks[0].provider_id next to that route', async () => {
		// Deleted on the server after the form loaded its providers.
		const message =
			'fallbacks[0] uses provider "openai", which does not exist.';
		( replaceFeature as jest.Mock ).mockRejectedValue(
			new ApiError( 'rest_invalid_param', message, 400, {
				'fallbacks[0].provider_id': message,
			} )
		);
		const { view, container } = await renderForm( {
			feature: {
				...FEATURE,
				fallbacks: [
					{
						provider_id: 'openai',
						model: 'gpt-4o-mini',
						weight: 1,
						over_budget: false,
					},
				],
			},
		} );

		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		const fallback = container.querySelector(
			'.aifo-feature-form__fallback'
		) as HTMLElement;
		expect( await within( fallback ).findByText( message ) ).toBeTruthy();
		// The select is described by its error: SelectControl puts its own
		// aria-describedby over a passed one, so the error must be its help.
		const provider = within( fallback ).getByRole( 'combobox', {
			name: 'Provider',
		} );
		expect( provider.getAttribute( 'aria-invalid' ) ).toBe( 'true' );
		const described = ( provider.getAttribute( 'aria-describedby' ) ?? '' )
			.split( ' ' )
			.map( ( id ) => document.getElementById( id )?.textContent );
		expect( described ).toContain( message );
		expect( replaceFeature ).toHaveBeenCalledWith(
			'summary',
			expect.objectContaining( {
				fallbacks: [
					{
						provider_id: 'openai',
						model: 'gpt-4o-mini',
						weight: 1,
						over_budget: false,
					},
				],
			} )
		);
	} );

	it( 'should list server errors that belong to no field', async () => {
		mockCreate.mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): x',
				400,
				{
					something_new: 'something_new is not allowed.',
				}
			)
		);
		const { view } = await renderForm();
		fillValidFeature( view );

		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		expect(
			await view.findByText( 'something_new is not allowed.' )
		).toBeTruthy();
	} );

	it( 'should add, move and remove fallbacks, at most 5', async () => {
		const { view, container } = await renderForm();
		const add = view.getByRole( 'button', { name: 'Add fallback' } );

		for ( let i = 0; i < 5; i++ ) {
			fireEvent.click( add );
		}
		expect( ( add as HTMLButtonElement ).disabled ).toBe( true );
		const models = () =>
			Array.from(
				container.querySelectorAll< HTMLInputElement >(
					'.aifo-feature-form__fallback input[list]'
				)
			);
		expect( models() ).toHaveLength( 5 );
		fireEvent.change( models()[ 0 ] as HTMLInputElement, {
			target: { value: 'first' },
		} );
		fireEvent.change( models()[ 1 ] as HTMLInputElement, {
			target: { value: 'second' },
		} );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Move up fallback 2' } )
		);
		expect(
			models()
				.map( ( input ) => input.value )
				.slice( 0, 2 )
		).toEqual( [ 'second', 'first' ] );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Remove fallback 1' } )
		);
		expect( models()[ 0 ]?.value ).toBe( 'first' );
		expect( models() ).toHaveLength( 4 );
		expect( ( add as HTMLButtonElement ).disabled ).toBe( false );
		expect(
			view.queryByText(
				'No fallbacks: a failure fails, is logged, and stops.'
			)
		).toBeNull();
	} );

	it( 'should send the whole feature with numbers and locked triggers false', async () => {
		mockCreate.mockResolvedValue( { ...FEATURE, id: 'alt', label: 'Alt' } );
		const { view, onSaved } = await renderForm();
		fillValidFeature( view );
		fireEvent.change( view.getByLabelText( 'Attempts per route' ), {
			target: { value: '3' },
		} );
		fireEvent.click( view.getByLabelText( 'Rate limited (HTTP 429)' ) );
		fireEvent.click( view.getByLabelText( 'vision' ) );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		expect( mockCreate ).toHaveBeenCalledWith( {
			id: 'alt',
			label: 'Alt',
			primary: {
				provider_id: 'simulator',
				model: 'sim-echo',
				weight: 1,
				over_budget: false,
			},
			fallbacks: [],
			triggers: { ...FEATURE.triggers, rate_limited: true },
			retry: { ...FEATURE.retry, attempts_per_route: 3 },
			timeouts: FEATURE.timeouts,
			requires: [ 'vision' ],
			strategy: 'manual',
			prefer_local: false,
			retry_timeouts: false,
			prefer_lower_cost: false,
			max_cost_per_request: 0,
			degraded_notice: '',
			alerts: { fallback_rate_pct: 0, error_rate_pct: 0 },
			error_rate_breaker: FEATURE.error_rate_breaker,
			budget: FEATURE.budget,
			access: FEATURE.access,
			tier: FEATURE.tier,
			drills: FEATURE.drills,
			routing: FEATURE.routing,
		} );
	} );

	it( 'should round-trip a feature’s own alert thresholds', async () => {
		const feature = {
			...FEATURE,
			alerts: { fallback_rate_pct: 10, error_rate_pct: 0 },
		};
		( replaceFeature as jest.Mock ).mockResolvedValue( feature );
		const { view, onSaved } = await renderForm( { feature } );

		const fallbackRate = view.getByLabelText(
			'Fallback rate alert (percent)'
		) as HTMLInputElement;
		const errorRate = view.getByLabelText(
			'Error rate alert (percent)'
		) as HTMLInputElement;
		expect( fallbackRate.value ).toBe( '10' );
		expect( errorRate.value ).toBe( '0' );
		expect(
			view.getAllByText( '0 uses the site-wide threshold (Settings).' )
		).toHaveLength( 2 );

		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () =>
			expect( onSaved ).toHaveBeenCalledWith( feature, false )
		);
		// Saved as loaded: nothing resets to 0, nothing else changes.
		expect( replaceFeature ).toHaveBeenCalledWith(
			'summary',
			expect.objectContaining( {
				alerts: { fallback_rate_pct: 10, error_rate_pct: 0 },
			} )
		);
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( FeatureSchema.parse( sent ) ).toEqual( feature );
	} );

	it( 'should keep a feature’s retry_timeouts through an edit', async () => {
		const feature = { ...FEATURE, retry_timeouts: true };
		( replaceFeature as jest.Mock ).mockResolvedValue( feature );
		const { view, onSaved } = await renderForm( { feature } );

		const toggle = view.getByLabelText(
			'Retry a timed-out route before falling back'
		) as HTMLInputElement;
		expect( toggle.checked ).toBe( true );
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () =>
			expect( onSaved ).toHaveBeenCalledWith( feature, false )
		);
		const sent = ( replaceFeature as jest.Mock ).mock.calls[ 0 ][ 1 ];
		expect( FeatureSchema.parse( sent ) ).toEqual( feature );
	} );

	it( 'should send edited alert thresholds as numbers', async () => {
		( replaceFeature as jest.Mock ).mockResolvedValue( FEATURE );
		const { view, onSaved } = await renderForm( { feature: FEATURE } );

		fireEvent.change( view.getByLabelText( 'Error rate alert (percent)' ), {
			target: { value: '40' },
		} );
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		await waitFor( () => expect( onSaved ).toHaveBeenCalled() );
		expect( replaceFeature ).toHaveBeenCalledWith(
			'summary',
			expect.objectContaining( {
				alerts: { fallback_rate_pct: 0, error_rate_pct: 40 },
			} )
		);
	} );

	it( 'should show a server alert threshold error once, at its field, until edited', async () => {
		// WordPress names the nested field; the plugin files it under both keys.
		const message =
			'alerts[fallback_rate_pct] must be between 0 (inclusive) and 100 (inclusive).';
		( replaceFeature as jest.Mock ).mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): alerts',
				400,
				{
					alerts: message,
					'alerts.fallback_rate_pct': message,
				}
			)
		);
		const { view, container } = await renderForm( { feature: FEATURE } );
		const fallbackRate = view.getByLabelText(
			'Fallback rate alert (percent)'
		);

		// A value the client accepts; the server (stricter here) refuses it.
		fireEvent.change( fallbackRate, { target: { value: '100' } } );
		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		const plain = 'Enter a whole number from 0 to 100.';
		const shown = await view.findByText( plain );
		expect( view.getAllByText( plain ) ).toHaveLength( 1 );
		expect( view.queryByText( message ) ).toBeNull();
		expect( shown.id ).toBe(
			'aifo-feature-summary-error-alerts-fallback_rate_pct'
		);
		expect( shown.closest( '.aifo-feature-form__field' ) ).toBe(
			fallbackRate.closest( '.aifo-feature-form__field' )
		);
		// Neither copy is listed as an error of no field.
		expect(
			container.querySelector( '.aifo-feature-form__other-errors' )
		).toBeNull();

		fireEvent.change( fallbackRate, { target: { value: '90' } } );
		expect( view.queryByText( plain ) ).toBeNull();
	} );

	it( 'should show a server error on the alerts object itself in its section', async () => {
		const message = 'alerts is not of type object.';
		( replaceFeature as jest.Mock ).mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): alerts',
				400,
				{
					alerts: message,
				}
			)
		);
		const { view } = await renderForm( { feature: FEATURE } );

		fireEvent.click( view.getByRole( 'button', { name: 'Save feature' } ) );

		expect( ( await view.findByText( message ) ).id ).toBe(
			'aifo-feature-summary-error-alerts'
		);
		expect( view.getAllByText( message ) ).toHaveLength( 1 );
	} );

	it( 'should not call the server when an alert threshold is not a number', async () => {
		const { view } = await renderForm();

		fireEvent.change(
			view.getByLabelText( 'Fallback rate alert (percent)' ),
			{
				target: { value: '' },
			}
		);
		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		expect(
			view.getByText( 'Enter a whole number from 0 to 100.' )
		).toBeTruthy();
		expect( mockCreate ).not.toHaveBeenCalled();
	} );

	it( 'should not call the server when a number field is not a number', async () => {
		const { view } = await renderForm();

		fireEvent.change( view.getByLabelText( 'Attempt timeout (ms)' ), {
			target: { value: '' },
		} );
		fireEvent.click(
			view.getByRole( 'button', { name: 'Create feature' } )
		);

		expect(
			view.getByText( 'Enter a whole number from 1000 to 60000.' )
		).toBeTruthy();
		expect( mockCreate ).not.toHaveBeenCalled();
	} );

	it( 'should explain in words why a rate limit does not fall back by default', async () => {
		const { view } = await renderForm();

		const box = view.getByLabelText(
			'Rate limited (HTTP 429)'
		) as HTMLInputElement;
		expect( box.checked ).toBe( false );
		expect(
			view.getByText(
				/^First waits as the provider asks and rotates to a spare key/
			)
		).toBeTruthy();
	} );

	it( 'should show the worst case and update it as bounds change', async () => {
		const { view } = await renderForm( { feature: FEATURE } );

		fireEvent.change(
			view.getByLabelText( 'Cost ceiling per request (US$)' ),
			{
				target: { value: '0.5' },
			}
		);
		fireEvent.click( view.getByRole( 'button', { name: 'Add fallback' } ) );

		const attempts = 2 * Number( FEATURE.retry.attempts_per_route );
		expect(
			view.getByText(
				`Highest cost: about US$${ ( attempts * 0.5 ).toFixed( 3 ) } (${ attempts } attempts, each at most the cost ceiling).`
			)
		).toBeTruthy();
		expect(
			view.getByText(
				/^Longest time: [0-9.]+ s \(\d+ attempts on 2 routes/
			)
		).toBeTruthy();
	} );

	it( 'should warn when a model is not in the provider’s list', async () => {
		const { view } = await renderForm( { feature: FEATURE } );

		fireEvent.change( view.getByLabelText( 'Model' ), {
			target: { value: 'sim-ecko' },
		} );

		expect(
			view.getByText( /^“sim-ecko” is not in this provider’s model list/ )
		).toBeTruthy();
		fireEvent.change( view.getByLabelText( 'Model' ), {
			target: { value: 'sim-echo' },
		} );
		expect(
			view.queryByText( /is not in this provider’s model list/ )
		).toBeNull();
	} );
} );
