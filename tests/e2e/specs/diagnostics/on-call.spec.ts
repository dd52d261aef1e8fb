/**
 * The on-call path of issue 12: after an incident (a primary answering 503,
 * its breaker opening, every run served by the fallback), Diagnostics shows
 * the summary figures and the chart, a dropdown filters to the feature, the
 * URL shares the filtered view, and a run opens from the log. At 390 px, with
 * no horizontal page scroll.
 */

/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, pluginDebugLogLines, rest } from '../../utils/wp';

const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';
/** This spec's own Simulator provider: breakers are per route, and deleting the provider drops its state. */
const SIMULATOR_ID = 'e2e-oncall-sim';
/** New for each run: the events of an earlier run stay in the log under its id. */
const FEATURE_ID = `e2e-oncall-${ Date.now().toString( 36 ) }`;
const RUNS = 7;

/**
 * Deletes what this spec creates; missing items (404) are fine.
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

/**
 * Whether the page scrolls sideways.
 *
 * @param page Page.
 */
const scrollsSideways = ( page: Page ) =>
	page.evaluate(
		() =>
			document.documentElement.scrollWidth >
			document.documentElement.clientWidth
	);

test.describe( 'diagnostics on call', () => {
	let errors: PageErrors;
	let logLines = 0;

	test.beforeEach( async ( { page, baseURL } ) => {
		logLines = pluginDebugLogLines().length;
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await page.setViewportSize( { width: 390, height: 844 } );
		await login( page );
		await page.goto( DIAGNOSTICS_PAGE );
		await cleanUp( page );
	} );

	test.afterEach( async ( { page } ) => {
		await cleanUp( page );
		expect( errors.messages ).toEqual( [] );
		expect( pluginDebugLogLines().slice( logLines ) ).toEqual( [] );
	} );

	test( 'an incident: figures and chart, a dropdown filter, a shared URL, a run', async ( {
		page,
	} ) => {
		test.setTimeout( 120_000 );
		expect(
			(
				await rest( page, 'POST', '/ai-failover/v1/providers', {
					id: SIMULATOR_ID,
					label: 'Simulator (on-call e2e)',
					preset: 'simulator',
				} )
			).status
		).toBe( 201 );
		expect(
			(
				await rest( page, 'POST', '/ai-failover/v1/features', {
					id: FEATURE_ID,
					label: 'E2E on call',
					primary: {
						provider_id: SIMULATOR_ID,
						model: 'sim-unavailable',
					},
					fallbacks: [
						{ provider_id: SIMULATOR_ID, model: 'sim-echo' },
					],
					retry: { attempts_per_route: 1 },
				} )
			).status
		).toBe( 201 );
		let lastRun = '';
		for ( let i = 0; i < RUNS; i++ ) {
			const ran = await rest(
				page,
				'POST',
				`/ai-failover/v1/features/${ FEATURE_ID }/run`,
				{ messages: [ { role: 'user', content: `incident ${ i }` } ] }
			);
			expect( ran.status ).toBe( 200 );
			const body = ran.body as { status: string; run_id: string };
			expect( body.status ).toBe( 'success' );
			lastRun = body.run_id;
		}

		// Filter by dropdown: the summary, the health table and the log follow.
		await page.reload();
		const featureFilter = page.getByLabel( 'Feature', { exact: true } );
		await expect(
			featureFilter.locator( `option[value="${ FEATURE_ID }"]` )
		).toHaveCount( 1 );
		await featureFilter.selectOption( FEATURE_ID );
		await expect( page ).toHaveURL(
			new RegExp( `[?&]feature=${ FEATURE_ID }(&|$|#)` )
		);

		const figure = ( name: string ) =>
			page.locator(
				`.aifo-summary-figures__item.is-${ name } .aifo-summary-figures__value`
			);
		await expect( figure( 'runs' ) ).toHaveText( String( RUNS ) );
		await expect( figure( 'fallback' ) ).toHaveText( String( RUNS ) );
		await expect( figure( 'failed' ) ).toHaveText( '0' );
		await expect(
			page.getByRole( 'img', { name: /^Runs by outcome/ } )
		).toBeVisible();
		// Five failures opened the breaker: the rest skipped the primary, and a skip is a fallback.
		const primary = page
			.getByRole( 'table', { name: 'Routes' } )
			.getByRole( 'row', {
				name: new RegExp( `^${ SIMULATOR_ID }/sim-unavailable\\b` ),
			} );
		await expect( primary ).toContainText(
			`0 served, ${ RUNS } fell back (100%)`
		);
		await expect( primary ).toContainText( 'after a breaker skip' );
		await expect( primary ).toContainText( 'next probe' );
		expect( await scrollsSideways( page ) ).toBe( false );
		await page.screenshot( {
			path: 'artifacts/diagnostics-on-call-390.png',
			fullPage: true,
		} );

		// The URL is the view: a colleague opening it sees the same.
		const shared = page.url();
		await page.goto( 'about:blank' );
		await page.goto( shared );
		await expect( featureFilter ).toHaveValue( FEATURE_ID );
		await expect( figure( 'fallback' ) ).toHaveText( String( RUNS ) );

		// A run from the log opens its timeline.
		await page.getByRole( 'link', { name: `Run ${ lastRun } #1` } ).click();
		await expect( page ).toHaveURL( new RegExp( `#run=${ lastRun }$` ) );
		await expect(
			page.getByRole( 'heading', { name: `Run ${ lastRun }` } )
		).toBeFocused();
		expect( await scrollsSideways( page ) ).toBe( false );

		// Back and forward restore each entry's filters, in the log and the figures.
		await page.goBack();
		await expect( page ).not.toHaveURL( /#run=/ );
		await expect( featureFilter ).toHaveValue( FEATURE_ID );
		await featureFilter.selectOption( '' );
		await expect( page ).not.toHaveURL( /[?&]feature=/ );
		await page.goForward();
		await expect( page ).toHaveURL( new RegExp( `#run=${ lastRun }$` ) );
		await expect( featureFilter ).toHaveValue( FEATURE_ID );
		await expect( figure( 'fallback' ) ).toHaveText( String( RUNS ) );
	} );
} );
