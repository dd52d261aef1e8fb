/**
 * Issue 13, shown in Diagnostics: a feature's daily spend budget, spent by
 * real runs against the fake provider, goes from normal to downgrading to
 * capped in the budgets panel, with the routes that still run; a route whose
 * failure rate opened its breaker shows open, opened by the rate, with its
 * window's counts, beside the consecutive-failure count. Both panels pass axe.
 */

/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { seriousViolations } from '../../utils/axe';
import { login, PageErrors, pluginDebugLogLines, rest } from '../../utils/wp';

const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';
const SETTINGS_PAGE = '/wp-admin/admin.php?page=ai-failover-settings';
const FAKE = process.env.FAKE_PROVIDER_URL || 'http://127.0.0.1:8899';
const TAG = `e2epol${ Date.now().toString( 36 ) }`;
/** Priced like OpenAI's models (the catalog's gpt-4o and gpt-4o-mini), answered by the fake provider. */
const PAID = `${ TAG }-paid`;
/** Always 503: its failure rate opens its breaker. */
const FLAKY = `${ TAG }-flaky`;
const SIMULATOR = `${ TAG }-sim`;
const BUDGETED = `${ TAG }-budget`;
const RATED = `${ TAG }-rate`;
/** About 1 000 prompt tokens and at most 16 out: one gpt-4o run is ~$0.0025. */
const RUN = {
	messages: [ { role: 'user', content: 'Summarise this. '.repeat( 250 ) } ],
	max_tokens: 16,
};

type BudgetEntry = { feature: string; state: string };

/**
 * Deletes what this spec creates; missing items (404) are fine.
 *
 * @param page Page on a wp-admin screen.
 */
async function cleanUp( page: Page ) {
	for ( const route of [
		`/ai-failover/v1/features/${ BUDGETED }`,
		`/ai-failover/v1/features/${ RATED }`,
		`/ai-failover/v1/providers/${ PAID }`,
		`/ai-failover/v1/providers/${ FLAKY }`,
		`/ai-failover/v1/providers/${ SIMULATOR }`,
	] ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
	// No site-wide budget, as a fresh site has: it would count against every run.
	const reset = await rest( page, 'POST', '/ai-failover/v1/settings', {
		site_budget_daily_usd: 0,
		site_budget_monthly_usd: 0,
	} );
	expect( reset.status ).toBe( 200 );
}

/**
 * Creates a provider on the fake provider with one key.
 *
 * @param page  Page.
 * @param id    Provider id.
 * @param route Fake route the key's secret picks.
 */
async function fakeProvider( page: Page, id: string, route: string ) {
	const created = await rest( page, 'POST', '/ai-failover/v1/providers', {
		id,
		label: id,
		preset: 'openai',
		base_url: `${ FAKE }/v1`,
		allow_private_network: true,
	} );
	expect( created.status ).toBe( 201 );
	const key = await rest(
		page,
		'POST',
		`/ai-failover/v1/providers/${ id }/keys`,
		{ label: 'a', secret: `fk-${ route }-${ TAG }` }
	);
	expect( key.status ).toBe( 201 );
}

/**
 * Runs a feature once over REST.
 *
 * @param page    Page.
 * @param feature Feature id.
 * @return The run result.
 */
async function run( page: Page, feature: string ) {
	const ran = await rest(
		page,
		'POST',
		`/ai-failover/v1/features/${ feature }/run`,
		RUN
	);
	expect( ran.status ).toBe( 200 );
	return ran.body as { status: string; served_by: { model: string } | null };
}

/**
 * The budget state the endpoint reports for the feature.
 *
 * @param page Page.
 * @return State.
 */
async function budgetState( page: Page ): Promise< string > {
	const state = await rest( page, 'GET', '/ai-failover/v1/policy-state' );
	const entries = ( state.body as { budgets: { features: BudgetEntry[] } } )
		.budgets.features;
	return entries.find( ( entry ) => entry.feature === BUDGETED )?.state ?? '';
}

/**
 * Runs the budgeted feature until its budget is capped (at most 10 runs).
 *
 * @param page Page.
 * @return The models that served those runs, each once.
 */
async function spendUntilCapped( page: Page ): Promise< string[] > {
	const models = new Set< string >();
	for (
		let i = 0;
		i < 10 && ( await budgetState( page ) ) !== 'capped';
		i++
	) {
		models.add( ( await run( page, BUDGETED ) ).served_by?.model ?? '' );
	}
	return [ ...models ];
}

test.describe( 'policies in Diagnostics', () => {
	let errors: PageErrors;
	let logLines = 0;

	test.beforeEach( async ( { page, baseURL } ) => {
		logLines = pluginDebugLogLines().length;
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
		await page.goto( DIAGNOSTICS_PAGE );
		await cleanUp( page );
	} );

	test.afterEach( async ( { page } ) => {
		await cleanUp( page );
		expect( errors.messages ).toEqual( [] );
		expect( pluginDebugLogLines().slice( logLines ) ).toEqual( [] );
	} );

	test( 'a budget spent by real runs and a breaker opened by the error rate', async ( {
		page,
	} ) => {
		test.setTimeout( 120_000 );
		await fakeProvider( page, PAID, 'ok' );
		await fakeProvider( page, FLAKY, 'fail-503' );
		expect(
			(
				await rest( page, 'POST', '/ai-failover/v1/providers', {
					id: SIMULATOR,
					label: SIMULATOR,
					preset: 'simulator',
				} )
			).status
		).toBe( 201 );
		const features = [
			await rest( page, 'POST', '/ai-failover/v1/features', {
				id: BUDGETED,
				label: 'E2E budgeted',
				primary: { provider_id: PAID, model: 'gpt-4o' },
				fallbacks: [
					{
						provider_id: PAID,
						model: 'gpt-4o-mini',
						over_budget: true,
					},
				],
				retry: { attempts_per_route: 1 },
				budget: { daily_usd: 0.003, downgrade_at_pct: 80 },
			} ),
			await rest( page, 'POST', '/ai-failover/v1/features', {
				id: RATED,
				label: 'E2E error rate',
				primary: { provider_id: FLAKY, model: 'gpt-4o-mini' },
				fallbacks: [ { provider_id: SIMULATOR, model: 'sim-echo' } ],
				retry: { attempts_per_route: 1 },
				error_rate_breaker: {
					enabled: true,
					percent: 50,
					min_requests: 2,
					window_s: 60,
				},
			} ),
		];
		expect( features.map( ( response ) => response.status ) ).toEqual( [
			201, 201,
		] );

		// One gpt-4o run spends over 80 % of the $0.003: downgrading.
		expect( ( await run( page, BUDGETED ) ).served_by?.model ).toBe(
			'gpt-4o'
		);
		// Two 503s in a row: fewer than 5, but 100 % of the 2 requests the rule needs.
		await run( page, RATED );
		await run( page, RATED );

		await page.reload();
		const budgetRow = page
			.getByRole( 'table', { name: 'Today and this month' } )
			.getByRole( 'row', { name: /E2E budgeted/ } );
		await expect( budgetRow ).toContainText(
			'Downgrading to cheaper routes'
		);
		await expect( budgetRow ).toContainText( '$0.003' );
		await expect( budgetRow ).toContainText( '80 %' );
		const routes = page
			.getByRole( 'table', { name: 'Which routes run now' } )
			.getByRole( 'row', { name: /E2E budgeted/ } );
		await expect( routes.getByRole( 'listitem' ).first() ).toContainText(
			`${ PAID }/gpt-4o-mini`
		);

		const breakers = page.getByRole( 'table', {
			name: 'Routes of features with an error-rate breaker',
		} );
		const flaky = breakers.getByRole( 'row', {
			name: new RegExp( `${ FLAKY }/gpt-4o-mini` ),
		} );
		await expect( flaky ).toContainText( 'Open' );
		await expect( flaky ).toContainText( 'opened by the error rate' );
		await expect( flaky ).toContainText( 'next probe' );
		await expect( flaky ).toContainText( '2 of 5' );
		await expect( flaky ).toContainText( '2 failed of 2 in 60 s' );
		await expect( flaky ).toContainText(
			'100% opens at 50 % of at least 2 requests'
		);
		// Beside it, the health panel's consecutive-failure view of the same breaker.
		await expect(
			page
				.getByRole( 'table', { name: 'Routes', exact: true } )
				.getByRole( 'row', {
					name: new RegExp( `^${ FLAKY }/gpt-4o-mini\\b` ),
				} )
		).toContainText( 'Open' );

		// The cheaper route runs over budget until the budget is capped.
		expect( await spendUntilCapped( page ) ).toEqual( [ 'gpt-4o-mini' ] );
		expect( await budgetState( page ) ).toBe( 'capped' );

		await page.reload();
		await expect( budgetRow ).toContainText( 'Capped' );
		await expect( routes.getByRole( 'listitem' ) ).toHaveCount( 1 );
		await expect( routes.getByRole( 'listitem' ) ).toContainText(
			'may run over budget'
		);
		await expect( routes ).toContainText( `${ PAID }/gpt-4o` );
		await page
			.locator( '.aifo-error-rate-panel' )
			.screenshot( { path: 'artifacts/diagnostics-error-rate.png' } );
		await page
			.locator( '.aifo-budgets-panel' )
			.screenshot( { path: 'artifacts/diagnostics-budgets.png' } );

		for ( const panel of [
			'.aifo-budgets-panel',
			'.aifo-error-rate-panel',
		] ) {
			expect( await seriousViolations( page, panel ) ).toEqual( [] );
		}
	} );

	test( 'a site-wide daily budget set in Settings is kept and listed in Diagnostics', async ( {
		page,
	} ) => {
		await page.goto( SETTINGS_PAGE );
		const daily = page.getByLabel( 'Site daily budget (US$)' );
		await expect( daily ).toHaveValue( '0' );
		await expect(
			page.getByText( /Diagnostics > Budgets/ ).first()
		).toBeVisible();

		// A negative amount is refused at its field, kept, and nothing is saved.
		await daily.fill( '-2' );
		await page.getByRole( 'button', { name: 'Save settings' } ).click();
		await expect( daily ).toHaveAttribute( 'aria-invalid', 'true' );
		await expect(
			page.locator( '#aifo-error-site_budget_daily_usd' )
		).toHaveText(
			'A budget cannot be negative: enter 0 for no limit, or an amount in US$.'
		);
		await expect( daily ).toHaveValue( '-2' );

		await daily.fill( '25.5' );
		await page.getByRole( 'button', { name: 'Save settings' } ).click();
		await expect(
			page.locator( '.aifo-snackbars .components-snackbar' )
		).toContainText( 'Settings saved.' );
		await page.reload();
		await expect(
			page.getByLabel( 'Site daily budget (US$)' )
		).toHaveValue( '25.5' );
		await expect(
			page.getByLabel( 'Site monthly budget (US$)' )
		).toHaveValue( '0' );

		await page.goto( DIAGNOSTICS_PAGE );
		const site = page
			.getByRole( 'table', { name: 'Today and this month' } )
			.getByRole( 'row', { name: /Whole site/ } );
		await expect( site ).toHaveCount( 1 );
		await expect( site ).toContainText( '$25.5' );
		await expect( site ).toContainText( '80 %' );
		await expect( site ).toContainText( 'Normal' );
		expect(
			await seriousViolations( page, '.aifo-budgets-panel' )
		).toEqual( [] );
	} );
} );
