/**
 * External dependencies
 */
import { render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { HealthPanel } from '..';
import { getHealth, type HealthRow } from '../../../../api/events';
import { HEALTH_ROW, KEY_ROW, XSS } from '../../../test-utils';

jest.mock( '../../../../api/events', () => ( {
	getHealth: jest.fn(),
} ) );

const mockGetHealth = getHealth as jest.Mock;

/**
 * What getHealth resolves with: these rows, every route listed unless told.
 *
 * @param rows    Health rows.
 * @param omitted Routes left out.
 */
const resolveRows = ( rows: HealthRow[], omitted = 0 ) =>
	mockGetHealth.mockResolvedValue( {
		rows,
		routesTotal:
			rows.filter( ( row ) => row.kind === 'route' ).length + omitted,
		routesOmitted: omitted,
	} );

describe( 'HealthPanel', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		resolveRows( [ HEALTH_ROW, KEY_ROW ] );
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

	it( 'should say how many routes are left out and how to see them', async () => {
		resolveRows( [ HEALTH_ROW, KEY_ROW ], 1204 );

		render( <HealthPanel window="24h" /> );

		expect(
			await screen.findByText(
				'Showing the 1 busiest of 1205 routes; filter by feature to see the rest.'
			)
		).toBeTruthy();
	} );

	it( 'should say so within a feature too, and nothing when every route is listed', async () => {
		resolveRows( [ HEALTH_ROW ], 3 );
		const { unmount } = render(
			<HealthPanel window="7d" feature="summarize" />
		);
		expect(
			await screen.findByText(
				'Showing the 1 busiest of 4 routes of this feature.'
			)
		).toBeTruthy();
		unmount();

		resolveRows( [ HEALTH_ROW ] );
		render( <HealthPanel window="24h" /> );
		await screen.findByRole( 'table', { name: 'Routes' } );
		expect( screen.queryByText( /busiest/ ) ).toBeNull();
	} );

	it( 'should count by run and say how many runs skipped an open breaker', async () => {
		resolveRows( [
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

		resolveRows( [ { ...HEALTH_ROW, success_rate: 1 / 3, series: [] } ] );
		rerender( <HealthPanel window="7d" simulated /> );

		expect( await screen.findByText( '33.3%' ) ).toBeTruthy();
		expect( mockGetHealth ).toHaveBeenLastCalledWith( '7d', {
			simulated: true,
		} );
		expect( screen.queryByRole( 'table', { name: 'Keys' } ) ).toBeNull();
	} );

	it( 'should render key labels and reasons as text', async () => {
		resolveRows( [
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
		resolveRows( [] );
		render( <HealthPanel window="24h" /> );

		expect(
			await screen.findByText( 'No requests in this window.' )
		).toBeTruthy();
	} );
} );
