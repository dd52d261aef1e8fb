/**
 * External dependencies
 */
import { readFileSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, pluginDebugLogLines, rest } from '../../utils/wp';

const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';
/**
 * A Simulator provider of this spec's own (preset "simulator", like the
 * built-in `simulator`): circuit breakers are per route ("provider/model"),
 * so other specs failing `simulator/sim-unavailable` at the same time would
 * open the breaker this spec's run needs closed, and a feature of theirs
 * would keep the provider from being deleted.
 */
const SIMULATOR_ID = 'e2e-diagnostics-sim';
const FEATURE_ID = 'e2e-diagnostics';

type RunResult = {
	run_id: string;
	status: string;
	attempts: Array< { outcome: string; decision: string } >;
};

/**
 * Creates this spec's Simulator provider.
 *
 * @param page Page on a wp-admin screen.
 */
async function createSimulator( page: Page ) {
	const created = await rest( page, 'POST', '/ai-failover/v1/providers', {
		id: SIMULATOR_ID,
		label: 'Simulator (diagnostics e2e)',
		preset: 'simulator',
	} );
	expect( created.status ).toBe( 201 );
}

/**
 * Deletes what this spec creates, feature first; missing items (404) are
 * fine, so the spec can run again after a failure.
 *
 * @param page Page on a wp-admin screen.
 */
async function cleanUp( page: Page ) {
	for ( const route of [
		`/ai-failover/v1/features/${ FEATURE_ID }`,
		`/ai-failover/v1/providers/${ SIMULATOR_ID }`,
	] ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
}

type HealthRow = { subject: string; breaker: string };

/**
 * Waits until a route's circuit breaker lets a request through. The
 * primary always fails, so from this spec's fifth run on the same site its
 * breaker opens for 30 s after each failure, and a run made meanwhile would
 * skip the route instead of calling it.
 *
 * @param page  Page on a wp-admin screen.
 * @param route Route id, "provider/model".
 */
async function waitForBreaker( page: Page, route: string ) {
	await expect
		.poll(
			async () => {
				const { body } = await rest(
					page,
					'GET',
					'/ai-failover/v1/health?window=24h'
				);
				return (
					( body as HealthRow[] ).find(
						( row ) => row.subject === route
					)?.breaker ?? 'closed'
				);
			},
			{ timeout: 40_000, intervals: [ 2_000 ] }
		)
		.not.toBe( 'open' );
}

test.describe( 'diagnostics', () => {
	let errors: PageErrors;
	let logLines = 0;

	test.beforeEach( async ( { page, baseURL } ) => {
		// The debug log is shared (PHPUnit writes to it too): only lines
		// written during this test count.
		logLines = pluginDebugLogLines().length;
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
		await page.goto( DIAGNOSTICS_PAGE );
		await cleanUp( page );
		await createSimulator( page );
	} );

	test.afterEach( async ( { page } ) => {
		await cleanUp( page );
		// No console errors or uncaught exceptions, no PHP notices.
		expect( errors.messages ).toEqual( [] );
		expect( pluginDebugLogLines().slice( logLines ) ).toEqual( [] );
	} );

	test( 'a fallback run shows up in the log, its timeline and the health panel', async ( {
		page,
	} ) => {
		test.setTimeout( 120_000 );
		await waitForBreaker( page, `${ SIMULATOR_ID }/sim-unavailable` );

		// A feature whose primary always answers 503 and whose fallback echoes.
		const feature = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE_ID,
			label: 'E2E diagnostics',
			primary: { provider_id: SIMULATOR_ID, model: 'sim-unavailable' },
			fallbacks: [ { provider_id: SIMULATOR_ID, model: 'sim-echo' } ],
			retry: { attempts_per_route: 1 },
		} );
		expect( feature.status ).toBe( 201 );

		const ran = await rest(
			page,
			'POST',
			`/ai-failover/v1/features/${ FEATURE_ID }/run`,
			{ messages: [ { role: 'user', content: 'e2e' } ] }
		);
		expect( ran.status ).toBe( 200 );
		const run = ran.body as RunResult;
		expect( run.status ).toBe( 'success' );
		expect( run.attempts.map( ( attempt ) => attempt.outcome ) ).toEqual( [
			'error',
			'success',
		] );
		expect( run.run_id ).toMatch( /^[0-9a-f]{16}$/ );

		// The event log: find the run by its id (the search also matches run ids).
		await page.reload();
		const table = page.locator( '.aifo-event-table' );
		await expect( table ).toBeVisible();
		await page.getByLabel( 'Search', { exact: true } ).fill( run.run_id );
		const rows = table.locator( 'tbody tr' );
		await expect( rows ).toHaveCount( 2 );
		await expect( page.locator( '.aifo-pagination__total' ) ).toHaveText(
			'2 events'
		);
		// Newest first: the fallback's answer, then the failed primary.
		await expect( rows.locator( '.aifo-badge' ) ).toHaveText( [
			'Success',
			'Error',
		] );
		await expect( rows.nth( 1 ) ).toContainText(
			`${ SIMULATOR_ID }/sim-unavailable`
		);
		await expect( rows.nth( 1 ) ).toContainText( '503' );
		await expect( rows.nth( 1 ) ).toContainText( 'server' );
		await expect( rows.nth( 1 ) ).toContainText( 'Fell back' );

		// The CSV export of the same filter.
		const [ download ] = await Promise.all( [
			page.waitForEvent( 'download' ),
			page.getByRole( 'link', { name: 'Export CSV' } ).click(),
		] );
		expect( download.suggestedFilename() ).toMatch(
			/^ai-failover-events-\d{8}-\d{6}\.csv$/
		);
		const csv = readFileSync( ( await download.path() ) ?? '', 'utf8' )
			.trim()
			.split( '\n' );
		expect( csv[ 0 ] ).toMatch( /^created_at,run_id,attempt,/ );
		expect( csv.slice( 1 ) ).toHaveLength( 2 );
		expect( csv[ 1 ] ).toContain( run.run_id );

		// The run: one bar per attempt and the engine's reasons as text.
		await rows
			.nth( 1 )
			.getByRole( 'link', { name: `Run ${ run.run_id } #1` } )
			.click();
		await expect( page ).toHaveURL( new RegExp( `#run=${ run.run_id }$` ) );
		const runView = page.locator( '.aifo-run-view' );
		await expect(
			runView.getByRole( 'heading', { name: `Run ${ run.run_id }` } )
		).toBeFocused();
		await expect( runView.locator( '.aifo-waterfall__bar' ) ).toHaveCount(
			2
		);
		await expect(
			runView.locator( '.aifo-waterfall__bar.is-error' )
		).toHaveCount( 1 );
		await expect(
			runView.locator( '.aifo-waterfall__bar.is-success' )
		).toHaveCount( 1 );
		await expect(
			runView.locator( '.aifo-waterfall__link.is-fallback' )
		).toHaveCount( 1 );
		await expect(
			runView.getByRole( 'img', {
				name: `Timeline of run ${ run.run_id }`,
			} )
		).toBeVisible();
		const attempts = runView.locator( 'ol.aifo-attempt-list > li' );
		await expect( attempts ).toHaveCount( 2 );
		await expect(
			attempts.nth( 0 ).locator( '.aifo-attempt-list__reason' )
		).toContainText(
			`fell back to ${ SIMULATOR_ID }/sim-echo because the feature allows fallback on server`
		);
		await expect(
			attempts.nth( 1 ).locator( '.aifo-attempt-list__reason' )
		).toContainText( 'Answered' );

		// A deep link opens the same run after a reload; closing drops it.
		await page.reload();
		await expect( runView.locator( '.aifo-waterfall__bar' ) ).toHaveCount(
			2
		);
		await runView.getByRole( 'button', { name: 'Close run' } ).click();
		await expect( runView ).toHaveCount( 0 );
		expect( new URL( page.url() ).hash ).toBe( '' );

		// Health: both routes have a row; the primary never succeeds.
		const routes = page.getByRole( 'table', { name: 'Routes' } );
		const primary = routes.getByRole( 'row', {
			name: new RegExp( `^${ SIMULATOR_ID }/sim-unavailable\\b` ),
		} );
		await expect( primary ).toHaveCount( 1 );
		// Cells: runs, attempts, success (of sent), errors (of sent), ...
		const cells = primary.getByRole( 'cell' );
		expect(
			Number(
				( await cells
					.nth( 0 )
					.locator( '.aifo-health-table__count' )
					.textContent() ) ?? ''
			)
		).toBeGreaterThanOrEqual( 1 );
		await expect( cells.nth( 2 ) ).toHaveText( '0%' );
		await expect(
			routes.getByRole( 'row', {
				name: new RegExp( `^${ SIMULATOR_ID }/sim-echo\\b` ),
			} )
		).toHaveCount( 1 );

		await page.getByLabel( 'Window' ).selectOption( '7d' );
		await expect(
			page.getByRole( 'heading', {
				name: 'Health of routes and keys, last 7 days',
			} )
		).toBeVisible();
		await expect( primary ).toHaveCount( 1 );
		await expect( primary.getByRole( 'cell' ).nth( 2 ) ).toHaveText( '0%' );
	} );
} );
