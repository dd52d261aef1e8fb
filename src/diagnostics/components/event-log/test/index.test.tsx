/**
 * External dependencies
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { EventLog } from '..';
import { exportUrl, getEvents } from '../../../../api/events';
import { DEFAULT_FILTERS, SAVED_VIEWS_KEY } from '../../../view';
import {
	EVENT,
	SUCCESS_EVENT,
	XSS,
	XSS_EVENT,
	eventPage,
} from '../../../test-utils';

jest.mock( '../../../../api/events', () => ( {
	getEvents: jest.fn(),
	exportUrl: jest.fn(),
	getFacets: jest.fn( ( workflow: string ) =>
		Promise.resolve( {
			features: [ 'summary' ],
			providers: [ 'openai' ],
			error_classes: [ 'server' ],
			workflows: [ '42' ],
			steps: workflow === '42' ? [ 'draft' ] : [],
		} )
	),
} ) );
jest.mock( '../../../../api/features', () => ( {
	getFeatures: jest.fn( () =>
		Promise.resolve( [ { id: 'summary', label: 'Post summary' } ] )
	),
} ) );

const mockGetEvents = getEvents as jest.Mock;
const mockExportUrl = exportUrl as jest.Mock;

/** The query of the latest getEvents call. */
const lastQuery = () =>
	mockGetEvents.mock.calls[ mockGetEvents.mock.calls.length - 1 ]?.[ 0 ];

/** Longer than the request delay after a change (QUERY_DELAY_MS). */
const settle = () =>
	act( () => new Promise( ( resolve ) => setTimeout( resolve, 400 ) ) );

jest.setTimeout( 20000 );

describe( 'EventLog', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		window.localStorage.clear();
		mockGetEvents.mockResolvedValue(
			eventPage( [ SUCCESS_EVENT, EVENT, XSS_EVENT ] )
		);
		mockExportUrl.mockReturnValue(
			'http://example.test/wp-json/ai-failover/v1/events/export?_wpnonce=n'
		);
	} );

	it( 'should render one row per event, with user strings as text', async () => {
		const { container } = render( <EventLog /> );

		expect( await screen.findByText( XSS ) ).toBeTruthy();
		expect( container.querySelectorAll( 'tbody tr' ) ).toHaveLength( 3 );
		expect( container.querySelector( 'img' ) ).toBeNull();
		expect(
			container.querySelector( 'tbody tr .aifo-badge.is-error' )
				?.textContent
		).toBe( 'Error' );
		expect(
			screen.getAllByRole( 'link', { name: /^Run 30df591bbf808466/ } )
		).toHaveLength( 2 );
		expect(
			screen
				.getByRole( 'link', {
					name: 'Run 30df591bbf808466 #1',
				} )
				.getAttribute( 'href' )
		).toBe( '#run=30df591bbf808466' );
		expect( screen.getByText( '3 events' ) ).toBeTruthy();
	} );

	it( 'should validate the view and ask for the last 24 hours by default', async () => {
		const before = Date.now();
		render( <EventLog /> );
		await screen.findByText( XSS );

		expect( mockGetEvents ).toHaveBeenCalledTimes( 1 );
		const query = lastQuery();
		expect( query ).toMatchObject( {
			orderby: 'created_at',
			order: 'desc',
			page: 1,
			per_page: 50,
		} );
		const after = Date.parse( query.after );
		expect( after ).toBeGreaterThanOrEqual( before - 24 * 3600e3 - 5 );
		expect( after ).toBeLessThanOrEqual( Date.now() - 24 * 3600e3 + 5 );
	} );

	it( 'should send the filters and keep an invalid one from the server', async () => {
		render( <EventLog /> );
		await screen.findByText( XSS );

		fireEvent.change( screen.getByLabelText( 'Outcome' ), {
			target: { value: 'error' },
		} );
		fireEvent.change( screen.getByLabelText( 'Simulated' ), {
			target: { value: 'yes' },
		} );
		fireEvent.change( screen.getByLabelText( 'Time' ), {
			target: { value: 'all' },
		} );
		await settle();
		expect( mockGetEvents ).toHaveBeenCalledTimes( 2 );
		expect( lastQuery() ).toEqual( {
			outcome: 'error',
			simulated: true,
			orderby: 'created_at',
			order: 'desc',
			page: 1,
			per_page: 50,
		} );

		// Dropdowns of what the log knows, features with their labels.
		await screen.findByRole( 'option', { name: 'Post summary (summary)' } );
		fireEvent.change( screen.getByLabelText( 'Feature' ), {
			target: { value: 'summary' },
		} );
		await settle();
		expect( mockGetEvents ).toHaveBeenCalledTimes( 3 );
		expect( lastQuery() ).toMatchObject( { feature: 'summary' } );

		expect( screen.queryByLabelText( 'Step' ) ).toBeNull();
		fireEvent.change( screen.getByLabelText( 'Workflow' ), {
			target: { value: '42' },
		} );
		await screen.findByRole( 'option', { name: 'draft' } );
		fireEvent.change( screen.getByLabelText( 'Step' ), {
			target: { value: 'draft' },
		} );
		await settle();
		expect( lastQuery() ).toMatchObject( {
			feature: 'summary',
			workflow: '42',
			step: 'draft',
		} );

		// Engine classes (not only the providers' ones) can be filtered on.
		fireEvent.change( screen.getByLabelText( 'Error class' ), {
			target: { value: 'breaker_open' },
		} );
		await settle();
		expect( lastQuery() ).toMatchObject( {
			feature: 'summary',
			error_class: 'breaker_open',
		} );
	} );

	it( 'should follow the URL filters when they change under it (back/forward)', async () => {
		const onFiltersChange = jest.fn();
		const atFirst = { ...DEFAULT_FILTERS, outcome: 'error' as const };
		const { rerender } = render(
			<EventLog filters={ atFirst } onFiltersChange={ onFiltersChange } />
		);
		await screen.findByText( XSS );
		expect( lastQuery() ).toMatchObject( { outcome: 'error' } );

		// The browser went back to an entry with other filters.
		const restored = { ...DEFAULT_FILTERS, feature: 'summary' };
		rerender(
			<EventLog
				filters={ restored }
				onFiltersChange={ onFiltersChange }
			/>
		);
		await settle();
		expect( lastQuery() ).toMatchObject( { feature: 'summary' } );
		expect( lastQuery() ).not.toHaveProperty( 'outcome' );
		expect(
			( screen.getByLabelText( 'Outcome' ) as HTMLSelectElement ).value
		).toBe( '' );
		expect( onFiltersChange ).toHaveBeenLastCalledWith( restored );

		// The same values again (the URL written back) change nothing.
		const calls = mockGetEvents.mock.calls.length;
		rerender(
			<EventLog
				filters={ { ...restored } }
				onFiltersChange={ onFiltersChange }
			/>
		);
		await settle();
		expect( mockGetEvents ).toHaveBeenCalledTimes( calls );
	} );

	it( 'should sort by a column and page through the results', async () => {
		mockGetEvents.mockResolvedValue( {
			...eventPage( [ EVENT ] ),
			total: 120,
			totalPages: 3,
		} );
		const { container } = render( <EventLog /> );
		await screen.findByText( 'Page 1 of 3' );

		fireEvent.click( screen.getByRole( 'button', { name: 'Latency' } ) );
		await settle();
		expect( lastQuery() ).toMatchObject( {
			orderby: 'latency_ms',
			order: 'desc',
		} );
		expect(
			container
				.querySelector( 'th.is-latency_ms' )
				?.getAttribute( 'aria-sort' )
		).toBe( 'descending' );

		fireEvent.click( screen.getByRole( 'button', { name: 'Latency' } ) );
		await settle();
		expect( lastQuery() ).toMatchObject( {
			orderby: 'latency_ms',
			order: 'asc',
		} );

		fireEvent.click( screen.getByRole( 'button', { name: 'Next page' } ) );
		await settle();
		expect( lastQuery() ).toMatchObject( { page: 2 } );

		fireEvent.change( screen.getByLabelText( 'Per page' ), {
			target: { value: '100' },
		} );
		await settle();
		expect( lastQuery() ).toMatchObject( { page: 1, per_page: 100 } );
	} );

	it( 'should hide a column from the column picker', async () => {
		const { container } = render( <EventLog /> );
		await screen.findByText( XSS );
		expect( container.querySelector( 'th.is-key_label' ) ).not.toBeNull();

		fireEvent.click( screen.getByRole( 'button', { name: 'Columns' } ) );
		const checkbox = await screen.findByRole( 'checkbox', {
			name: 'Key',
		} );
		fireEvent.click( checkbox );

		expect( container.querySelector( 'th.is-key_label' ) ).toBeNull();
		expect( screen.queryByText( XSS ) ).toBeNull();
		// Time and Run cannot be hidden.
		expect( screen.queryByRole( 'checkbox', { name: 'Time' } ) ).toBeNull();
	} );

	it( 'should link the CSV export to the current filters', async () => {
		render( <EventLog /> );
		await screen.findByText( XSS );

		const link = screen.getByRole( 'link', { name: 'Export CSV' } );
		expect( link.getAttribute( 'href' ) ).toBe(
			'http://example.test/wp-json/ai-failover/v1/events/export?_wpnonce=n'
		);
		expect( mockExportUrl ).toHaveBeenLastCalledWith( lastQuery() );
	} );

	it( 'should show the server refusing the query', async () => {
		mockGetEvents.mockRejectedValue(
			Object.assign( new Error( 'Invalid parameter(s): search' ), {
				code: 'rest_invalid_param',
			} )
		);
		const { container } = render( <EventLog /> );

		expect(
			await within( container ).findByText(
				'Invalid parameter(s): search'
			)
		).toBeTruthy();
	} );

	describe( 'saved views', () => {
		it( 'should survive a reload', async () => {
			const first = render( <EventLog /> );
			await screen.findByText( XSS );

			fireEvent.change( screen.getByLabelText( 'Outcome' ), {
				target: { value: 'error' },
			} );
			fireEvent.click(
				screen.getByRole( 'button', { name: 'Columns' } )
			);
			fireEvent.click(
				await screen.findByRole( 'checkbox', { name: 'Cost' } )
			);
			await settle();
			fireEvent.change( screen.getByLabelText( 'Save this view as' ), {
				target: { value: 'Errors only' },
			} );
			fireEvent.click(
				screen.getByRole( 'button', { name: 'Save view' } )
			);

			expect(
				JSON.parse(
					window.localStorage.getItem( SAVED_VIEWS_KEY ) ?? ''
				)
			).toEqual( [
				expect.objectContaining( {
					name: 'Errors only',
					filters: expect.objectContaining( { outcome: 'error' } ),
				} ),
			] );
			first.unmount();

			// "Reload": a fresh screen with the default view.
			const { container } = render( <EventLog /> );
			await screen.findByText( XSS );
			expect( container.querySelector( 'th.is-cost' ) ).not.toBeNull();
			const choose = screen.getByLabelText( 'Saved view' );
			expect(
				within( choose ).getByRole( 'option', { name: 'Errors only' } )
			).toBeTruthy();

			fireEvent.change( choose, { target: { value: 'Errors only' } } );
			await settle();
			expect( lastQuery() ).toMatchObject( { outcome: 'error' } );
			expect(
				( screen.getByLabelText( 'Outcome' ) as HTMLSelectElement )
					.value
			).toBe( 'error' );
			expect( container.querySelector( 'th.is-cost' ) ).toBeNull();

			fireEvent.click(
				screen.getByRole( 'button', { name: 'Delete "Errors only"' } )
			);
			expect(
				JSON.parse(
					window.localStorage.getItem( SAVED_VIEWS_KEY ) ?? ''
				)
			).toEqual( [] );
		} );

		it( 'should ignore a value that is not JSON', async () => {
			window.localStorage.setItem( SAVED_VIEWS_KEY, '{not json' );
			render( <EventLog /> );

			expect( await screen.findByText( XSS ) ).toBeTruthy();
			expect( screen.queryByLabelText( 'Saved view' ) ).toBeNull();
		} );

		it( 'should ignore corrupt entries and keep the valid ones', async () => {
			const valid = {
				name: 'Slow',
				filters: {
					range: '7d',
					after: '',
					before: '',
					feature: '',
					provider: '',
					outcome: '',
					error_class: '',
					simulated: '',
					search: '',
				},
				sort: { orderby: 'latency_ms', order: 'desc' },
				perPage: 25,
				columns: [ 'created_at', 'run_id', 'latency_ms' ],
			};
			window.localStorage.setItem(
				SAVED_VIEWS_KEY,
				JSON.stringify( [
					{ ...valid, name: '' },
					{ ...valid, name: 'Evil', columns: [ XSS ] },
					{
						...valid,
						name: 'Bad filter',
						filters: { ...valid.filters, provider: '../x' },
					},
					{ ...valid, name: 'Huge', perPage: 5000 },
					'a string',
					null,
					valid,
				] )
			);
			render( <EventLog /> );
			await screen.findByText( XSS );

			const options = within(
				screen.getByLabelText( 'Saved view' )
			).getAllByRole( 'option' );
			expect( options.map( ( option ) => option.textContent ) ).toEqual( [
				'Choose…',
				'Slow',
			] );
		} );
	} );
} );
