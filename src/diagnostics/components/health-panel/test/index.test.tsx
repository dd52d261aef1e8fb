/**
 * External dependencies
 */
import { render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { HealthPanel } from '..';
import { getHealth } from '../../../../api/events';
import { HEALTH_ROW, KEY_ROW, XSS } from '../../../test-utils';

jest.mock( '../../../../api/events', () => ( {
	getHealth: jest.fn(),
} ) );

const mockGetHealth = getHealth as jest.Mock;

describe( 'HealthPanel', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		mockGetHealth.mockResolvedValue( [ HEALTH_ROW, KEY_ROW ] );
	} );

	it( 'should show rates as percentages per route and key', async () => {
		const { container } = render( <HealthPanel window="24h" /> );

		const routes = await screen.findByRole( 'table', { name: 'Routes' } );
		expect( mockGetHealth ).toHaveBeenCalledWith( '24h', {} );
		const route = within( routes ).getByRole( 'row', {
			name: /sim\/sim-unavailable/,
		} );
		const cells = within( route )
			.getAllByRole( 'cell' )
			.map( ( cell ) => cell.textContent );
		expect( cells.slice( 0, 7 ) ).toEqual( [
			'21 served, 1 fell back (50%)',
			'44 sent, 0 skipped',
			'25%',
			'75%',
			'1 ms',
			'1.3 s',
			'$0.0123',
		] );
		expect( within( route ).getByText( 'Open' ) ).toBeTruthy();
		expect( within( route ).getByText( 'server' ) ).toBeTruthy();
		expect(
			within( route ).getByText( /^opened .+, next probe .+$/ )
		).toBeTruthy();
		expect(
			within( route ).getByText( /^first seen .+, last seen .+$/ )
		).toBeTruthy();
		expect(
			within( route ).getByRole( 'img' ).getAttribute( 'aria-label' )
		).toBe( 'Requests and failures per hour: 4 requests, 3 failures.' );
		expect(
			container.querySelectorAll( '.aifo-sparkline__failures' ).length
		).toBe( 1 );

		const keys = screen.getByRole( 'table', { name: 'Keys' } );
		const key = within( keys ).getByRole( 'row', { name: /prod-2/ } );
		expect( within( key ).getByText( '90%' ) ).toBeTruthy();
		expect( within( key ).getByText( 'Dead' ) ).toBeTruthy();
		expect(
			within( key ).getByText(
				'401 auth from OpenAI: the key was revoked.'
			)
		).toBeTruthy();
	} );

	it( 'should count by run and say how many runs skipped an open breaker', async () => {
		mockGetHealth.mockResolvedValue( [
			{
				...HEALTH_ROW,
				runs: 13,
				runs_served: 0,
				runs_fell_back: 13,
				runs_breaker_skipped: 10,
				fallback_rate: 1,
				attempts: 18,
				requests: 8,
				skipped: 10,
			},
		] );
		render( <HealthPanel window="24h" /> );
		const routes = await screen.findByRole( 'table', { name: 'Routes' } );
		expect(
			within( routes ).getByText( '0 served, 13 fell back (100%)' )
		).toBeTruthy();
		expect(
			within( routes ).getByText( '10 after a breaker skip' )
		).toBeTruthy();
		expect(
			within( routes ).getByText( '8 sent, 10 skipped' )
		).toBeTruthy();
	} );

	it( 'should load the 7-day window it is given', async () => {
		const { rerender } = render( <HealthPanel window="24h" /> );
		await screen.findByRole( 'table', { name: 'Routes' } );

		mockGetHealth.mockResolvedValue( [
			{ ...HEALTH_ROW, success_rate: 1 / 3, series: [] },
		] );
		rerender( <HealthPanel window="7d" simulated /> );

		expect( await screen.findByText( '33.3%' ) ).toBeTruthy();
		expect( mockGetHealth ).toHaveBeenLastCalledWith( '7d', {
			simulated: true,
		} );
		expect( screen.queryByRole( 'table', { name: 'Keys' } ) ).toBeNull();
	} );

	it( 'should render key labels and reasons as text', async () => {
		mockGetHealth.mockResolvedValue( [
			{
				...KEY_ROW,
				subject: `openai:${ XSS }`,
				key_state_reason: XSS,
			},
		] );
		const { container } = render( <HealthPanel window="24h" /> );

		expect( ( await screen.findAllByText( XSS ) ).length ).toBe( 2 );
		expect( container.querySelector( 'img' ) ).toBeNull();
	} );

	it( 'should say when a window has no traffic', async () => {
		mockGetHealth.mockResolvedValue( [] );
		render( <HealthPanel window="24h" /> );

		expect(
			await screen.findByText( 'No requests in this window.' )
		).toBeTruthy();
	} );
} );
