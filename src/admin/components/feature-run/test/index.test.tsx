/**
 * External dependencies
 */
import {
	fireEvent,
	render,
	screen,
	waitFor,
	within,
} from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FeatureRun } from '..';
import { ApiError } from '../../../../api/errors';
import { runFeature } from '../../../../api/runs';
import {
	FAILED_RESULT,
	FALLBACK_REASON,
	FALLBACK_RESULT,
} from '../../../../api/test/fixtures/runs';
import type { Feature, RunResult } from '../../../../schemas';
import { FEATURE } from '../../../test-utils';

jest.mock( '../../../../api/runs', () => ( {
	runFeature: jest.fn(),
} ) );

const mockRunFeature = runFeature as jest.MockedFunction< typeof runFeature >;

const WITH_FALLBACKS: Feature = {
	...FEATURE,
	primary: {
		provider_id: 'simulator',
		model: 'sim-unavailable',
		weight: 1,
		over_budget: false,
	},
	fallbacks: [
		{
			provider_id: 'openai',
			model: 'gpt-4o-mini',
			weight: 1,
			over_budget: false,
		},
		{
			provider_id: 'simulator',
			model: 'sim-echo',
			weight: 1,
			over_budget: false,
		},
	],
	degraded_notice: 'Answered by a backup model.',
};

/**
 * Renders the button, opens the dialog and returns queries scoped to it
 * (Notice also speaks its text into live regions appended to <body>).
 *
 * @param feature Feature.
 */
function openDialog( feature: Feature = WITH_FALLBACKS ) {
	render( <FeatureRun feature={ feature } /> );
	fireEvent.click(
		screen.getByRole( 'button', {
			name: `Test run feature ${ feature.label }`,
		} )
	);
	const dialog = within( screen.getByRole( 'dialog' ) );
	return {
		dialog,
		run: () =>
			fireEvent.click( dialog.getByRole( 'button', { name: 'Run' } ) ),
	};
}

/**
 * The run's status badge, once a result is shown.
 *
 * @param dialog Queries scoped to the dialog.
 */
async function findStatus( dialog: ReturnType< typeof within > ) {
	await dialog.findByText( 'Open in Diagnostics' );
	return screen
		.getByRole( 'dialog' )
		.querySelector( '.aifo-feature-run__status' )?.textContent;
}

describe( 'FeatureRun', () => {
	beforeEach( () => {
		mockRunFeature.mockReset();
	} );

	it( 'should run the default prompt and show a fallback result', async () => {
		mockRunFeature.mockResolvedValue( FALLBACK_RESULT );
		const { dialog, run } = openDialog();

		expect(
			( dialog.getByLabelText( 'Prompt' ) as HTMLTextAreaElement ).value
		).toBe(
			'Summarise: WordPress is a free and open-source content management system.'
		);
		run();

		expect( await findStatus( dialog ) ).toBe( 'Success' );
		expect( mockRunFeature ).toHaveBeenCalledWith( 'summary', {
			messages: [
				{
					role: 'user',
					content:
						'Summarise: WordPress is a free and open-source content management system.',
				},
			],
		} );

		const degraded = dialog
			.getByText( 'Degraded' )
			.closest( '.aifo-feature-run__degraded' ) as HTMLElement;
		expect( degraded.textContent ).toContain(
			'Answered by a backup model.'
		);
		expect(
			dialog.getByText( "Served by OpenAI / gpt-4o-mini (key 'prod-1')" )
		).toBeTruthy();
		expect(
			dialog.getByText( 'WordPress is a free, open-source CMS.' )
		).toBeTruthy();

		const attempts = dialog.getAllByRole( 'listitem' );
		expect( attempts ).toHaveLength( 2 );
		const first = within( attempts[ 0 ] as HTMLElement );
		expect( first.getByText( 'simulator/sim-unavailable' ) ).toBeTruthy();
		expect( first.getByText( 'Error' ) ).toBeTruthy();
		expect( first.getByText( 'server' ) ).toBeTruthy();
		expect( first.getByText( '503' ) ).toBeTruthy();
		expect( first.getByText( '1.3 ms' ) ).toBeTruthy();
		expect( first.getAllByText( '—' ).length ).toBeGreaterThan( 0 );
		expect( first.getByText( 'Fell back' ) ).toBeTruthy();
		expect( first.getByText( FALLBACK_REASON ) ).toBeTruthy();
		const second = within( attempts[ 1 ] as HTMLElement );
		expect( second.getByText( 'openai/gpt-4o-mini' ) ).toBeTruthy();
		expect( second.getByText( 'prod-1' ) ).toBeTruthy();
		expect( second.getByText( '200' ) ).toBeTruthy();
		expect( second.getByText( '412.5 ms' ) ).toBeTruthy();
		expect(
			second.getByText(
				'Answered (degraded: an earlier route or key failed).'
			)
		).toBeTruthy();

		expect(
			dialog
				.getByRole( 'link', { name: 'Open in Diagnostics' } )
				.getAttribute( 'href' )
		).toBe( 'admin.php?page=ai-failover-diagnostics#run=a3f4442c505c4950' );
	} );

	it( 'should say when the feature requires its degraded notice to be shown', async () => {
		mockRunFeature.mockResolvedValue( {
			...FALLBACK_RESULT,
			notice_required: true,
		} );
		const { dialog, run } = openDialog();
		run();
		await findStatus( dialog );
		const degraded = dialog
			.getByText( 'Degraded' )
			.closest( '.aifo-feature-run__degraded' ) as HTMLElement;
		expect( degraded.textContent ).toContain(
			'Answered by a backup model. This feature requires the notice to be shown to users with every answer a fallback served.'
		);
	} );

	it( 'should send simulate only for the ticked routes', async () => {
		mockRunFeature.mockResolvedValue( FAILED_RESULT );
		const { dialog, run } = openDialog();

		// One checkbox per route, primary first.
		expect(
			dialog
				.getAllByRole( 'checkbox' )
				.map( ( box ) => box.closest( 'div' )?.textContent )
		).toEqual( [
			'Fail simulator/sim-unavailable (primary)',
			'Fail openai/gpt-4o-mini (fallback 1)',
			'Fail simulator/sim-echo (fallback 2)',
		] );
		expect( dialog.queryAllByRole( 'combobox' ) ).toHaveLength( 0 );

		fireEvent.click( dialog.getByLabelText( /^Fail openai\/gpt-4o-mini/ ) );
		fireEvent.change(
			dialog.getByLabelText( 'Error class for openai/gpt-4o-mini' ),
			{ target: { value: 'timeout' } }
		);
		// Ticked, then unticked: not sent.
		fireEvent.click(
			dialog.getByLabelText( /^Fail simulator\/sim-unavailable/ )
		);
		fireEvent.click(
			dialog.getByLabelText( /^Fail simulator\/sim-unavailable/ )
		);
		fireEvent.click( dialog.getByLabelText( /^Fail simulator\/sim-echo/ ) );
		run();

		expect( await findStatus( dialog ) ).toBe( 'Failed' );
		expect( mockRunFeature ).toHaveBeenCalledTimes( 1 );
		expect( mockRunFeature.mock.calls[ 0 ]?.[ 1 ].simulate ).toEqual( [
			{ route: 'openai/gpt-4o-mini', error_class: 'timeout' },
			{ route: 'simulator/sim-echo', error_class: 'server' },
		] );
		expect( dialog.getByText( 'No route answered.' ) ).toBeTruthy();
		expect(
			dialog.getByText( 'Error class server: Simulated server (drill).' )
		).toBeTruthy();
		// Every attempt of a drill is marked, the real fallback call too.
		expect( dialog.getAllByText( 'Simulated' ) ).toHaveLength( 2 );
		expect( dialog.queryByText( 'Degraded' ) ).toBeNull();
	} );

	it( 'should keep Run focusable while running and ignore a second click', async () => {
		let resolve: ( result: RunResult ) => void = () => undefined;
		mockRunFeature.mockReturnValue(
			new Promise( ( done ) => {
				resolve = done;
			} )
		);
		const { dialog, run } = openDialog();

		run();
		const button = dialog.getByRole( 'button', { name: 'Run' } );
		await waitFor( () =>
			expect( button.getAttribute( 'aria-disabled' ) ).toBe( 'true' )
		);
		expect( ( button as HTMLButtonElement ).disabled ).toBe( false );
		run();
		expect( mockRunFeature ).toHaveBeenCalledTimes( 1 );

		resolve( FALLBACK_RESULT );
		expect( await findStatus( dialog ) ).toBe( 'Success' );
		expect( button.getAttribute( 'aria-disabled' ) ).toBe( 'false' );
	} );

	it( 'should render server text as text, never as HTML', async () => {
		const html = '<img src=x onerror=alert(1)>';
		mockRunFeature.mockResolvedValue( {
			...FALLBACK_RESULT,
			output: { ...FALLBACK_RESULT.output, text: html },
			degraded_notice: html,
			attempts: FALLBACK_RESULT.attempts.map( ( attempt ) => ( {
				...attempt,
				reason: `${ html } ${ attempt.attempt }`,
			} ) ),
		} );
		const { dialog, run } = openDialog();
		run();

		expect( await dialog.findByText( `${ html } 1` ) ).toBeTruthy();
		// The answer and the degraded notice.
		expect( dialog.getAllByText( html ) ).toHaveLength( 2 );
		expect( document.querySelector( 'img' ) ).toBeNull();
	} );

	it( 'should show a refused request and its field error', async () => {
		const message = 'messages[0][content] must be at least 1 character.';
		mockRunFeature.mockRejectedValue(
			new ApiError(
				'rest_invalid_param',
				'Invalid parameter(s): messages',
				400,
				{ messages: message, 'messages[0].content': message }
			)
		);
		const { dialog, run } = openDialog( FEATURE );

		expect( dialog.getAllByRole( 'checkbox' ) ).toHaveLength( 1 );
		run();

		expect(
			await dialog.findByText( 'Invalid parameter(s): messages' )
		).toBeTruthy();
		expect( dialog.getByText( message ) ).toBeTruthy();
		expect( dialog.queryByText( 'Result' ) ).toBeNull();
	} );

	it( 'should not send an empty prompt', () => {
		const { dialog, run } = openDialog();

		fireEvent.change( dialog.getByLabelText( 'Prompt' ), {
			target: { value: '   ' },
		} );
		run();

		expect( dialog.getByText( 'Enter a prompt.' ) ).toBeTruthy();
		expect( mockRunFeature ).not.toHaveBeenCalled();
	} );
} );
