/**
 * External dependencies
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { seriousViolations } from '../../utils/axe';
import { login, PageErrors, rest } from '../../utils/wp';

const FAKE = process.env.FAKE_PROVIDER_URL || 'http://127.0.0.1:8899';
const PROVIDERS_PAGE = '/wp-admin/admin.php?page=ai-failover';
const FEATURES_PAGE = '/wp-admin/admin.php?page=ai-failover-features';
// Fresh each run: the event log keeps the runs of an earlier run's provider of the same id.
const PROVIDER_ID = `e2e-new-admin-${ Date.now().toString( 36 ) }`;
const PROVIDER_LABEL = 'Fake provider (new admin)';
const FEATURE_ID = 'e2e-new-admin';
const FEATURE_LABEL = 'New admin summary';
const ARTIFACTS = 'artifacts/screens';

type Provider = { id: string; preset: string };
type Feature = {
	id: string;
	primary: { provider_id: string };
	fallbacks: Array< { provider_id: string } >;
};

/**
 * The site as a new admin finds it: no provider of their own (the built-in
 * Simulator may be there) and so no feature routed to one. Leftovers of
 * other specs' providers are removed with the features that use them.
 *
 * @param page Page on a wp-admin screen.
 */
async function emptySite( page: Page ) {
	const providers = ( await rest( page, 'GET', '/ai-failover/v1/providers' ) )
		.body as Provider[];
	const own = providers
		.filter( ( provider ) => provider.preset !== 'simulator' )
		.map( ( provider ) => provider.id );
	const features = ( await rest( page, 'GET', '/ai-failover/v1/features' ) )
		.body as Feature[];
	for ( const feature of features ) {
		const routes = [ feature.primary, ...feature.fallbacks ];
		if ( routes.some( ( route ) => own.includes( route.provider_id ) ) ) {
			await rest(
				page,
				'DELETE',
				`/ai-failover/v1/features/${ feature.id }`
			);
		}
	}
	for ( const id of own ) {
		expect(
			(
				await rest(
					page,
					'DELETE',
					`/ai-failover/v1/providers/${ id }`
				)
			).status
		).toBe( 200 );
	}
}

const checklist = ( page: Page ) => page.locator( '.aifo-first-run' );

test.describe( 'a new admin, from an empty site to a run in Diagnostics', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( async ( { page } ) => {
		await rest(
			page,
			'DELETE',
			`/ai-failover/v1/features/${ FEATURE_ID }`
		);
		await rest(
			page,
			'DELETE',
			`/ai-failover/v1/providers/${ PROVIDER_ID }`
		);
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'checklist, a provider with two keys, a feature with a fallback, a test run, the run in Diagnostics', async ( {
		page,
	} ) => {
		test.setTimeout( 120_000 );
		mkdirSync( ARTIFACTS, { recursive: true } );
		await page.setViewportSize( { width: 1400, height: 900 } );
		await page.goto( PROVIDERS_PAGE );
		await emptySite( page );
		await page.reload();

		// 1. The checklist says what to do first.
		await expect( checklist( page ) ).toContainText( 'Get started' );
		await expect( checklist( page ) ).toContainText( '0 of 5 done' );
		await page.screenshot( {
			path: `${ ARTIFACTS }/new-admin-checklist-1400.png`,
			fullPage: true,
		} );
		await checklist( page )
			.getByRole( 'link', { name: 'Add a provider' } )
			.click();
		await expect( page ).toHaveURL( /#add-provider$/ );

		// 2. A provider on the fake provider, and two keys.
		const form = page.locator( '#add-provider' );
		await form.getByLabel( 'ID', { exact: true } ).fill( PROVIDER_ID );
		await form
			.getByLabel( 'Label', { exact: true } )
			.fill( PROVIDER_LABEL );
		await form.getByLabel( 'Preset' ).selectOption( 'openai' );
		await form.getByLabel( 'Base URL' ).fill( `${ FAKE }/v1` );
		await form.getByLabel( 'Allow private network' ).check();
		await form.getByRole( 'button', { name: 'Add provider' } ).click();
		await expect(
			page.locator( '.aifo-snackbars .components-snackbar' )
		).toContainText( `Provider "${ PROVIDER_LABEL }" added.` );
		await expect( checklist( page ) ).toContainText( '1 of 5 done' );

		const keys = page.locator( '.aifo-provider-keys' );
		for ( const [ label, secret ] of [
			[ 'first', 'fk-ok-first-0123456789' ],
			[ 'second', 'fk-ok-second-0123456789' ],
		] as const ) {
			await keys.getByLabel( 'Key label' ).fill( label );
			await keys.getByLabel( 'Secret key' ).fill( secret );
			await keys.getByRole( 'button', { name: 'Add key' } ).click();
			await expect(
				keys.locator( 'tbody tr', { hasText: label } )
			).toContainText( 'Stored (encrypted)' );
		}
		await expect( checklist( page ) ).toContainText( '2 of 5 done' );

		// The real proof a key works: a one-token completion.
		await keys
			.getByLabel( 'Model for the completion test' )
			.fill( 'ok-model' );
		await keys
			.getByRole( 'button', {
				name: 'Test completion with key first on ok-model',
			} )
			.click();
		await expect(
			keys.locator( 'tbody tr', { hasText: 'first' } )
		).toContainText( /OK: ok-model answered in \d+ ms/ );

		// 3. A feature with a fallback: the primary model always fails with 503.
		await checklist( page )
			.getByRole( 'link', { name: 'Add a feature' } )
			.click();
		await expect( page ).toHaveURL( /page=ai-failover-features#new$/ );
		const feature = page.locator( '.aifo-feature-form' );
		await feature.getByLabel( 'ID', { exact: true } ).fill( FEATURE_ID );
		await feature
			.getByLabel( 'Label', { exact: true } )
			.fill( FEATURE_LABEL );
		const primary = feature.locator( '.aifo-route-fields' ).first();
		await primary.getByLabel( 'Provider' ).selectOption( PROVIDER_ID );
		await primary.getByLabel( 'Model' ).fill( 'fail-503' );
		await feature.getByRole( 'button', { name: 'Add fallback' } ).click();
		const fallback = feature.locator( '.aifo-route-fields' ).nth( 1 );
		await fallback.getByLabel( 'Provider' ).selectOption( PROVIDER_ID );
		await fallback.getByLabel( 'Model' ).fill( 'ok-fallback' );
		await feature.getByRole( 'button', { name: 'Create feature' } ).click();
		const row = page.locator( '.aifo-feature-list tbody tr', {
			hasText: FEATURE_ID,
		} );
		await expect( row ).toContainText( FEATURE_LABEL );
		await expect( checklist( page ) ).toContainText( '3 of 5 done' );

		// 4. A test run: served by the fallback.
		await row
			.getByRole( 'button', {
				name: `Test run feature ${ FEATURE_LABEL }`,
			} )
			.click();
		const dialog = page.getByRole( 'dialog' );
		await dialog.getByRole( 'button', { name: 'Run' } ).click();
		await expect(
			dialog.locator( '.aifo-feature-run__status' )
		).toHaveText( 'Success' );
		await expect(
			dialog.locator( '.aifo-feature-run__served-by' )
		).toHaveText( /\/ ok-fallback\b/ );
		expect(
			await seriousViolations( page, '.components-modal__frame' )
		).toEqual( [] );
		await page.screenshot( {
			path: `${ ARTIFACTS }/test-run-dialog-1400.png`,
		} );

		// 5. The run in Diagnostics.
		const open = dialog.getByRole( 'link', {
			name: 'Open in Diagnostics',
		} );
		await expect( open ).toHaveAttribute(
			'href',
			/admin\.php\?page=ai-failover-diagnostics#run=[0-9a-f]{16}$/
		);
		await open.click();
		await expect( page ).toHaveURL( /page=ai-failover-diagnostics#run=/ );
		const runView = page.locator( '.aifo-run-view' );
		await expect( runView ).toBeVisible();
		await expect( runView ).toContainText( 'fail-503' );
		await expect( runView ).toContainText( 'ok-fallback' );
		await page.screenshot( {
			path: `${ ARTIFACTS }/new-admin-diagnostics-run-1400.png`,
			fullPage: true,
		} );

		// Every step done: the checklist has gone.
		await page.goto( PROVIDERS_PAGE );
		await page.locator( '.aifo-provider-list' ).waitFor();
		await expect( checklist( page ) ).toHaveCount( 0 );
	} );

	test( 'the Test run dialog at 360 and 390 px: no sideways scroll, its close button visible and usable', async ( {
		page,
	} ) => {
		await page.goto( FEATURES_PAGE );
		const simulator = (
			await rest( page, 'GET', '/ai-failover/v1/providers' )
		).body as Provider[];
		const sim = simulator.find( ( p ) => p.preset === 'simulator' );
		// The rig creates the Simulator on activation.
		expect( sim ).toBeDefined();
		const created = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE_ID,
			label: FEATURE_LABEL,
			primary: { provider_id: sim?.id, model: 'sim-echo' },
		} );
		expect( created.status ).toBe( 201 );

		for ( const width of [ 390, 360 ] ) {
			await page.setViewportSize( { width, height: 740 } );
			await page.reload();
			await page
				.locator( '.aifo-feature-list tbody tr', {
					hasText: FEATURE_ID,
				} )
				.getByRole( 'button', {
					name: `Test run feature ${ FEATURE_LABEL }`,
				} )
				.click();
			const dialog = page.getByRole( 'dialog' );
			await dialog.getByRole( 'button', { name: 'Run' } ).click();
			await expect(
				dialog.locator( '.aifo-feature-run__status' )
			).toHaveText( 'Success' );
			const close = dialog.getByRole( 'button', { name: /^Close/ } );
			await expect( close ).toBeInViewport();
			expect(
				await page.evaluate(
					() =>
						document.documentElement.scrollWidth -
						document.documentElement.clientWidth
				),
				`${ width } px`
			).toBe( 0 );
			await page.screenshot( {
				path: `${ ARTIFACTS }/test-run-dialog-${ width }.png`,
			} );
			await close.click();
			await expect( dialog ).toHaveCount( 0 );
		}
	} );
} );
