/**
 * Internal dependencies
 */
import {
	DEFAULT_VIEW,
	SAVED_VIEWS_KEY,
	loadSavedViews,
	storeSavedViews,
	toEventQuery,
	type ViewState,
} from '../view';

const NOW = Date.parse( '2026-11-22T06:00:00.000Z' );

const withFilters = ( filters: Partial< ViewState[ 'filters' ] > ) => ( {
	...DEFAULT_VIEW,
	filters: { ...DEFAULT_VIEW.filters, ...filters },
} );

describe( 'toEventQuery', () => {
	it( 'should turn a preset range into "after"', () => {
		expect( toEventQuery( withFilters( { range: '1h' } ), NOW ) ).toEqual( {
			query: {
				after: '2026-11-22T05:00:00.000Z',
				orderby: 'created_at',
				order: 'desc',
				page: 1,
				per_page: 50,
			},
		} );
		expect(
			toEventQuery( withFilters( { range: '7d' } ), NOW ).query?.after
		).toBe( '2026-11-15T06:00:00.000Z' );
		expect(
			toEventQuery( withFilters( { range: 'all' } ), NOW ).query
		).not.toHaveProperty( 'after' );
	} );

	it( 'should send a custom range in UTC', () => {
		const local = '2026-11-20T08:30';
		const { query } = toEventQuery(
			withFilters( { range: 'custom', after: local, before: '' } ),
			NOW
		);
		expect( query?.after ).toBe( new Date( local ).toISOString() );
		expect( query ).not.toHaveProperty( 'before' );
	} );

	it( 'should trim text filters and map "simulated"', () => {
		expect(
			toEventQuery(
				withFilters( {
					range: 'all',
					feature: ' summary ',
					provider: 'openai',
					error_class: 'breaker_open',
					simulated: 'no',
					search: '  prod-2 ',
				} ),
				NOW
			).query
		).toEqual( {
			feature: 'summary',
			provider: 'openai',
			error_class: 'breaker_open',
			simulated: false,
			search: 'prod-2',
			orderby: 'created_at',
			order: 'desc',
			page: 1,
			per_page: 50,
		} );
	} );

	it( 'should report invalid filters by field instead of a query', () => {
		expect(
			toEventQuery(
				withFilters( {
					range: 'custom',
					after: 'yesterday-ish',
					provider: 'Open AI',
					error_class: 'Rate limited',
					search: 'x'.repeat( 201 ),
				} ),
				NOW
			)
		).toEqual( {
			fieldErrors: {
				after: 'Enter a valid date and time.',
				provider: 'Use an id: lowercase letters, digits and dashes.',
				error_class: 'Pick an error class from the list.',
				search: 'Use at most 200 characters.',
			},
		} );
	} );
} );

describe( 'saved views storage', () => {
	beforeEach( () => window.localStorage.clear() );

	it( 'should round-trip views', () => {
		const view = {
			name: 'Errors',
			filters: { ...DEFAULT_VIEW.filters, outcome: 'error' as const },
			sort: DEFAULT_VIEW.sort,
			perPage: 25 as const,
			columns: [ 'created_at' as const, 'run_id' as const ],
		};
		expect( storeSavedViews( [ view ] ) ).toBe( true );
		expect( loadSavedViews() ).toEqual( [ view ] );
	} );

	it( 'should ignore what is not a list of views', () => {
		for ( const raw of [ '{', '{"name":"x"}', '42', 'null' ] ) {
			window.localStorage.setItem( SAVED_VIEWS_KEY, raw );
			expect( loadSavedViews() ).toEqual( [] );
		}
	} );

	it( 'should survive storage that throws', () => {
		const broken = {
			getItem: () => {
				throw new Error( 'SecurityError' );
			},
			setItem: () => {
				throw new Error( 'QuotaExceededError' );
			},
		} as unknown as Storage;
		expect( loadSavedViews( broken ) ).toEqual( [] );
		expect( storeSavedViews( [], broken ) ).toBe( false );
	} );
} );
