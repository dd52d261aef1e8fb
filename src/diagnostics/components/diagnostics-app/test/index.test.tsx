/**
 * External dependencies
 */
import { act, fireEvent, render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { DiagnosticsApp } from '..';
import {
	exportUrl,
	getEvents,
	getHealth,
	getRun,
	getSummary,
} from '../../../../api/events';
import {
	EVENT,
	HEALTH_ROW,
	RUN,
	RUN_ID,
	SUMMARY,
	eventPage,
} from '../../../test-utils';

jest.mock( '../../../../api/audit', () => ( {
	getAuditLog: jest.fn( () =>
		Promise.resolve( { entries: [], total: 0, totalPages: 1 } )
	),
	getWholeAuditLog: jest.fn(),
} ) );
jest.mock( '../../../../api/drills', () => ( {
	getDrills: jest.fn( () => Promise.resolve( [] ) ),
	runDrill: jest.fn(),
} ) );
jest.mock( '../../../../api/events', () => ( {
	getEvents: jest.fn(),
	getRun: jest.fn(),
	getHealth: jest.fn(),
	getSummary: jest.fn(),
	getFacets: jest.fn( () =>
		Promise.resolve( {
			features: [],
			providers: [],
			error_classes: [],
			workflows: [],
			steps: [],
		} )
	),
	exportUrl: jest.fn(),
} ) );
jest.mock( '../../../../api/policy-state', () => ( {
	getPolicyState: jest.fn( () =>
		Promise.resolve( {
			generated_at: '2026-12-01T14:00:00Z',
			budgets: { site: { periods: [] }, features: [] },
			error_rate: {
				cooldown_ms: 30000,
				consecutive_threshold: 5,
				routes: [],
			},
		} )
	),
} ) );
jest.mock( '../../../../api/features', () => ( {
	getFeatures: jest.fn( () => Promise.resolve( [] ) ),
} ) );

describe( 'DiagnosticsApp', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		window.history.replaceState( null, '', '/wp-admin/admin.php?page=x' );
		( getEvents as jest.Mock ).mockResolvedValue( eventPage( [ EVENT ] ) );
		( getRun as jest.Mock ).mockResolvedValue( RUN );
		( getHealth as jest.Mock ).mockResolvedValue( {
			rows: [ HEALTH_ROW ],
			routesTotal: 1,
			routesOmitted: 0,
		} );
		( exportUrl as jest.Mock ).mockReturnValue( 'http://example.test/x' );
		( getSummary as jest.Mock ).mockResolvedValue( SUMMARY );
	} );

	it( 'should open the run named in the URL and close it', async () => {
		window.history.replaceState( null, '', `#run=${ RUN_ID }` );
		const { container } = render( <DiagnosticsApp /> );

		expect( await screen.findByText( EVENT.reason ) ).toBeTruthy();
		expect( getRun ).toHaveBeenCalledWith( RUN_ID );
		const heading = screen.getByRole( 'heading', {
			name: `Run ${ RUN_ID }`,
		} );
		expect( heading.ownerDocument.activeElement ).toBe( heading );

		fireEvent.click( screen.getByRole( 'button', { name: 'Close run' } ) );
		expect( container.querySelector( '.aifo-run-view' ) ).toBeNull();
		expect( window.location.hash ).toBe( '' );
		expect( window.location.search ).toBe( '?page=x' );
	} );

	it( 'should open a run from its link in the table', async () => {
		const { container } = render( <DiagnosticsApp /> );
		// The log waits for typing to pause before it asks: allow for a slow machine.
		const link = await screen.findByRole(
			'link',
			{ name: `Run ${ RUN_ID } #1` },
			{ timeout: 5000 }
		);
		expect( container.querySelector( '.aifo-run-view' ) ).toBeNull();

		// jsdom does not follow fragment links: do what the browser does.
		act( () => {
			window.location.hash = link.getAttribute( 'href' ) ?? '';
			window.dispatchEvent( new HashChangeEvent( 'hashchange' ) );
		} );

		expect(
			await screen.findByRole( 'heading', { name: `Run ${ RUN_ID }` } )
		).toBeTruthy();
		expect(
			container.querySelectorAll( '.aifo-waterfall__bar' )
		).toHaveLength( 2 );
	} );

	it( 'should report a malformed run id from the URL', async () => {
		window.history.replaceState( null, '', '#run=nope' );
		( getRun as jest.Mock ).mockRejectedValue( {
			code: 'aifo_invalid_run_id',
			message: 'A run id is 16 hexadecimal digits.',
		} );
		const { container } = render( <DiagnosticsApp /> );

		expect(
			await within( container ).findByText(
				'A run id is 16 hexadecimal digits.'
			)
		).toBeTruthy();
		expect( getRun ).toHaveBeenCalledWith( 'nope' );
	} );
} );
