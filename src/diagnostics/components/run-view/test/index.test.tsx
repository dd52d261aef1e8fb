/**
 * External dependencies
 */
import { fireEvent, render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { RunView } from '..';
import { ApiError } from '../../../../api/errors';
import { getRun } from '../../../../api/events';
import {
	EVENT,
	RUN,
	RUN_ID,
	SUCCESS_EVENT,
	XSS,
	XSS_EVENT,
} from '../../../test-utils';

jest.mock( '../../../../api/events', () => ( {
	getRun: jest.fn(),
} ) );

const mockGetRun = getRun as jest.Mock;

describe( 'RunView', () => {
	beforeEach( () => {
		jest.clearAllMocks();
	} );

	it( 'should draw one bar per attempt and list the reasons', async () => {
		mockGetRun.mockResolvedValue( RUN );
		const { container } = render(
			<RunView runId={ RUN_ID } onClose={ jest.fn() } />
		);

		expect( await screen.findByText( EVENT.reason ) ).toBeTruthy();
		expect( mockGetRun ).toHaveBeenCalledWith( RUN_ID );
		expect( screen.getByText( SUCCESS_EVENT.reason ) ).toBeTruthy();

		const svg = container.querySelector( 'svg.aifo-waterfall' );
		expect( svg?.getAttribute( 'role' ) ).toBe( 'img' );
		expect( svg?.querySelector( 'title' )?.textContent ).toBe(
			`Timeline of run ${ RUN_ID }`
		);
		expect( svg?.querySelector( 'desc' )?.textContent ).toMatch(
			/^2 attempts over 2\.2 ms\. Attempt 1, sim\/sim-unavailable: Error/
		);
		const bars = container.querySelectorAll( '.aifo-waterfall__bar' );
		expect( bars ).toHaveLength( 2 );
		expect( bars[ 0 ]?.getAttribute( 'class' ) ).toContain( 'is-error' );
		expect( bars[ 1 ]?.getAttribute( 'class' ) ).toContain( 'is-success' );
		// The second bar starts after the first one ends.
		const first = Number( bars[ 0 ]?.getAttribute( 'x' ) );
		const second = Number( bars[ 1 ]?.getAttribute( 'x' ) );
		expect( second ).toBeGreaterThan(
			first + Number( bars[ 0 ]?.getAttribute( 'width' ) )
		);
		// The fallback is an arrow from the first attempt to the second.
		expect(
			container.querySelectorAll( '.aifo-waterfall__link.is-fallback' )
		).toHaveLength( 1 );

		const items = container.querySelectorAll( 'ol.aifo-attempt-list > li' );
		expect( items ).toHaveLength( 2 );
		expect( items[ 0 ]?.textContent ).toContain( 'sim/sim-unavailable' );
		expect( items[ 0 ]?.textContent ).toContain( '503' );
		expect( items[ 0 ]?.textContent ).toContain( 'server' );
		expect( items[ 0 ]?.textContent ).toContain( 'Fell back' );
		expect( items[ 0 ]?.textContent ).toContain( EVENT.message );
		expect(
			screen.getByText( /Feature summary: 2 attempts/ )
		).toBeTruthy();
	} );

	it( 'should mark a skipped route and show user strings as text', async () => {
		mockGetRun.mockResolvedValue( {
			run_id: XSS_EVENT.run_id,
			feature: 'summary',
			attempts: [
				{
					...EVENT,
					id: 10,
					outcome: 'skipped',
					decision: 'skip',
					latency_ms: 0,
					start_ms: 0,
					reason: 'Skipped sim/sim-unavailable: its circuit breaker is open.',
				},
				{ ...XSS_EVENT, id: 11, attempt: 2, decision: 'rotate_key' },
				{ ...SUCCESS_EVENT, id: 12, attempt: 3, start_ms: 2500 },
			],
		} );
		const { container } = render(
			<RunView runId={ XSS_EVENT.run_id } onClose={ jest.fn() } />
		);

		expect( await screen.findByText( XSS_EVENT.reason ) ).toBeTruthy();
		expect( screen.getByText( XSS ) ).toBeTruthy();
		expect( container.querySelector( 'img' ) ).toBeNull();
		expect(
			container.querySelectorAll( '.aifo-waterfall__attempt' )
		).toHaveLength( 3 );
		expect(
			container.querySelectorAll( '.aifo-waterfall__marker.is-skipped' )
		).toHaveLength( 1 );
		expect(
			container.querySelectorAll( '.aifo-waterfall__bar' )
		).toHaveLength( 2 );
		expect(
			container.querySelectorAll( '.aifo-waterfall__link.is-rotate_key' )
		).toHaveLength( 1 );
		// Past a second, the axis counts in seconds.
		const ticks = Array.from(
			container.querySelectorAll( '.aifo-waterfall__tick' )
		).map( ( tick ) => tick.textContent );
		expect( ticks ).toEqual( [ '0 ms', '1 s', '2 s', '3 s' ] );
	} );

	it( 'should show a missing run and close', async () => {
		mockGetRun.mockRejectedValue(
			new ApiError(
				'aifo_run_not_found',
				'No run with this id in the event log.',
				404
			)
		);
		const onClose = jest.fn();
		const { container } = render(
			<RunView runId="0123456789abcdef" onClose={ onClose } />
		);

		// Within the screen: Notice also speaks the message in a live region.
		expect(
			await within( container ).findByText(
				'No run with this id in the event log.'
			)
		).toBeTruthy();
		fireEvent.click( screen.getByRole( 'button', { name: 'Close run' } ) );
		expect( onClose ).toHaveBeenCalled();
	} );
} );
