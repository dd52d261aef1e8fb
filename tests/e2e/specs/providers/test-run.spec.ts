/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const SIMULATOR_ID = 'simulator';
const FEATURE_ID = 'e2e-test-run';
const FEATURE_LABEL = 'E2E test run';
const PRIMARY = `${ SIMULATOR_ID }/sim-unavailable`;
const FALLBACK = `${ SIMULATOR_ID }/sim-echo`;
const DEGRADED_NOTICE = 'E2E: answered by the backup model.';
const RUN_PATH = `/ai-failover/v1/features/${ FEATURE_ID }/run`;

/**
 * Makes sure the Simulator provider exists (the plugin creates it on
 * activation; a site may have deleted it).
 *
 * @param page Page on a wp-admin screen.
 * @return Whether this call created it.
 */
async function ensureSimulator( page: Page ): Promise< boolean > {
	const { status } = await rest(
		page,
		'GET',
		`/ai-failover/v1/providers/${ SIMULATOR_ID }`
	);
	if ( status !== 404 ) {
		expect( status ).toBe( 200 );
		return false;
	}
	const created = await rest( page, 'POST', '/ai-failover/v1/providers', {
		id: SIMULATOR_ID,
		label: 'Simulator',
		preset: 'simulator',
	} );
	expect( created.status ).toBe( 201 );
	return true;
}

/**
 * Deletes what this spec created; a missing feature (404) is fine.
 *
 * @param page            Page on a wp-admin screen.
 * @param deleteSimulator Also delete the Simulator (when this spec made it).
 */
async function cleanUp( page: Page, deleteSimulator: boolean ) {
	const routes = [
		`/ai-failover/v1/features/${ FEATURE_ID }`,
		...( deleteSimulator
			? [ `/ai-failover/v1/providers/${ SIMULATOR_ID }` ]
			: [] ),
	];
	for ( const route of routes ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
}

/**
 * Waits until the primary route's circuit breaker lets a request through.
 * `sim-unavailable` never succeeds, so its failures only add up: after five
 * (three runs of this spec) the breaker opens for 30 s, then lets one probe
 * through. An open breaker skips the route instead of calling it, and the
 * run would not show the 503 and its fallback.
 *
 * @param page  Page on a wp-admin screen.
 * @param route Route id.
 */
async function waitForBreakerNotOpen( page: Page, route: string ) {
	await expect
		.poll(
			async () => {
				const { status, body } = await rest(
					page,
					'GET',
					'/ai-failover/v1/health?window=24h'
				);
				expect( status ).toBe( 200 );
				const row = ( body as Array< Record< string, unknown > > ).find(
					( item ) => item.kind === 'route' && item.subject === route
				);
				return row?.breaker ?? 'closed';
			},
			{ timeout: 40_000, intervals: [ 1_000, 2_000, 5_000 ] }
		)
		.not.toBe( 'open' );
}

/**
 * Waits for the run request the dialog sends and returns its body.
 *
 * @param page Page.
 */
const runRequest = ( page: Page ) =>
	page.waitForResponse(
		( response ) =>
			response.url().includes( encodeURIComponent( RUN_PATH ) ) ||
			response.url().includes( RUN_PATH )
	);

test.describe( 'feature test run', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		// No console errors or uncaught exceptions (React warnings included).
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'runs a feature from the Features tab: a fallback, then a drill that fails it', async ( {
		page,
	} ) => {
		// Up to 40 s waiting for an open breaker, plus the test itself.
		test.setTimeout( 120_000 );
		await page.goto( `${ ADMIN_PAGE }#features` );
		const deleted = await rest(
			page,
			'DELETE',
			`/ai-failover/v1/features/${ FEATURE_ID }`
		);
		expect( [ 200, 404 ] ).toContain( deleted.status );
		const createdSimulator = await ensureSimulator( page );
		const created = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE_ID,
			label: FEATURE_LABEL,
			primary: { provider_id: SIMULATOR_ID, model: 'sim-unavailable' },
			fallbacks: [ { provider_id: SIMULATOR_ID, model: 'sim-echo' } ],
			retry: { attempts_per_route: 1 },
			degraded_notice: DEGRADED_NOTICE,
		} );
		expect( created.status ).toBe( 201 );
		await waitForBreakerNotOpen( page, PRIMARY );

		try {
			await page.reload();
			const row = page.locator( '.aifo-feature-list tbody tr', {
				hasText: FEATURE_ID,
			} );
			await row
				.getByRole( 'button', {
					name: `Test run feature ${ FEATURE_LABEL }`,
				} )
				.click();
			const dialog = page.getByRole( 'dialog' );
			await expect( dialog ).toContainText(
				`Test run: ${ FEATURE_LABEL }`
			);
			await expect( dialog.getByLabel( 'Prompt' ) ).toHaveValue(
				'Summarise: WordPress is a free and open-source content management system.'
			);

			// 1. The primary answers 503, the fallback answers: degraded success.
			const first = runRequest( page );
			await dialog.getByRole( 'button', { name: 'Run' } ).click();
			const firstResponse = await first;
			expect( firstResponse.status() ).toBe( 200 );
			expect( firstResponse.request().postDataJSON() ).toEqual( {
				messages: [
					{
						role: 'user',
						content:
							'Summarise: WordPress is a free and open-source content management system.',
					},
				],
			} );

			const status = dialog.locator( '.aifo-feature-run__status' );
			await expect( status ).toHaveText( 'Success' );
			await expect( status ).toHaveClass( /\bis-success\b/ );
			const degraded = dialog.locator( '.aifo-feature-run__degraded' );
			await expect( degraded ).toContainText( 'Degraded' );
			await expect( degraded ).toContainText( DEGRADED_NOTICE );
			await expect(
				dialog.locator( '.aifo-feature-run__served-by' )
			).toHaveText( /^Served by .+ \/ sim-echo$/ );
			await expect(
				dialog.locator( '.aifo-feature-run__answer' )
			).toContainText( 'Summarise: WordPress is a free' );

			const attempts = dialog.locator( '.aifo-attempt-list__item' );
			await expect( attempts ).toHaveCount( 2 );
			await expect(
				attempts.locator( '.aifo-attempt-list__route' )
			).toHaveText( [ PRIMARY, FALLBACK ] );
			await expect( attempts.nth( 0 ) ).toContainText( '503' );
			await expect( attempts.nth( 0 ) ).toContainText( 'server' );
			await expect(
				attempts.nth( 0 ).locator( '.aifo-attempt-list__reason' )
			).toContainText( `fell back to ${ FALLBACK }` );
			await expect(
				attempts.nth( 1 ).locator( '.aifo-attempt-list__outcome' )
			).toHaveText( 'Success' );
			await expect(
				dialog.getByRole( 'link', { name: 'Open in Diagnostics' } )
			).toHaveAttribute(
				'href',
				/^admin\.php\?page=ai-failover-diagnostics#run=[0-9a-f]{16}$/
			);

			// 2. A drill on the fallback: the run fails, and says so.
			await dialog
				.getByLabel( new RegExp( `^Fail ${ FALLBACK }` ) )
				.check();
			await dialog
				.getByLabel( `Error class for ${ FALLBACK }` )
				.selectOption( 'server' );
			const second = runRequest( page );
			await dialog.getByRole( 'button', { name: 'Run' } ).click();
			const secondResponse = await second;
			expect( secondResponse.status() ).toBe( 200 );
			expect( secondResponse.request().postDataJSON() ).toMatchObject( {
				simulate: [ { route: FALLBACK, error_class: 'server' } ],
			} );

			await expect( status ).toHaveText( 'Failed' );
			await expect( status ).toHaveClass( /\bis-failed\b/ );
			await expect( degraded ).toHaveCount( 0 );
			await expect(
				dialog.locator( '.aifo-feature-run__served-by' )
			).toHaveText( 'No route answered.' );
			await expect( attempts ).toHaveCount( 2 );
			await expect(
				attempts.nth( 1 ).locator( '.aifo-attempt-list__simulated' )
			).toHaveText( 'Simulated' );
			await expect(
				dialog.locator( '.aifo-feature-run__error' )
			).toContainText( 'server' );

			// The dialog stayed open through both runs and closes on Escape.
			await page.keyboard.press( 'Escape' );
			await expect( dialog ).toHaveCount( 0 );
		} finally {
			await cleanUp( page, createdSimulator );
		}
	} );
} );
