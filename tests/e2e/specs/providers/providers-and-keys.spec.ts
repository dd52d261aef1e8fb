/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, pluginDebugLogLines, rest } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const PROVIDER_ID = 'e2e-openai';
const PROVIDER_LABEL = 'E2E OpenAI';
const BASE_URL = 'http://127.0.0.1:8899/v1';
const KEY_LABEL = 'e2e-key';
const SECRET = 'sk-e2e-SECRET-1234567890-WXYZ';
const SECRET_PREFIX = 'sk-e2e-SECRET-1234567890';
const FEATURE_ID = 'e2e-feature';
const FEATURE_LABEL = 'E2E feature';
const SIMULATOR_ID = 'simulator';

/**
 * Deletes what this spec creates, so it can run again after a failure.
 * Missing items (404) are fine.
 *
 * @param page            Page on a wp-admin screen.
 * @param deleteSimulator Also delete the Simulator (when this spec made it).
 */
async function cleanUp( page: Page, deleteSimulator = false ) {
	const routes = [
		`/ai-failover/v1/features/${ FEATURE_ID }`,
		`/ai-failover/v1/providers/${ PROVIDER_ID }`,
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
 * The providers table row of a provider, found by its id.
 *
 * @param page Page.
 * @param id   Provider id.
 */
const providerRow = ( page: Page, id: string ) =>
	page.locator( '.aifo-provider-list tbody tr' ).filter( {
		has: page.locator( '.aifo-provider-list__id', {
			hasText: new RegExp( `^${ id }$` ),
		} ),
	} );

/**
 * Makes sure the Simulator provider exists, adding it through the form when
 * this site lacks it (the plugin creates it on activation).
 *
 * @param page Page showing the Providers tab.
 * @return Whether this call created it.
 */
async function ensureSimulator( page: Page ): Promise< boolean > {
	const { status } = await rest(
		page,
		'GET',
		`/ai-failover/v1/providers/${ SIMULATOR_ID }`
	);
	if ( status !== 404 ) {
		return false;
	}
	await page.getByLabel( 'ID', { exact: true } ).fill( SIMULATOR_ID );
	await page.getByLabel( 'Label', { exact: true } ).fill( 'Simulator' );
	await page.getByLabel( 'Preset' ).selectOption( 'simulator' );
	await page.getByRole( 'button', { name: 'Add provider' } ).click();
	await providerRow( page, SIMULATOR_ID ).waitFor();
	return true;
}

test.describe( 'providers, keys and features', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		// No console errors or uncaught exceptions beyond the expected ones.
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'add a provider and a key, use it in a feature, refuse to delete a used provider', async ( {
		page,
	} ) => {
		await page.goto( `${ ADMIN_PAGE }#providers` );
		await cleanUp( page );
		await page.reload();

		// One menu: every screen is an entry of AI Failover, in this order.
		await expect(
			page.locator( '#toplevel_page_ai-failover .wp-submenu a' )
		).toHaveText( [
			'Providers',
			'Features',
			'Workflows',
			'Diagnostics',
			'Settings',
			'Queue',
		] );
		await expect( page.locator( '.aifo-provider-list' ) ).toBeVisible();

		// The rig creates the Simulator on activation; create it if this site lacks it.
		const createdSimulator = await ensureSimulator( page );

		// Add the provider: a loopback base URL needs "Allow private network".
		await page.getByLabel( 'ID', { exact: true } ).fill( PROVIDER_ID );
		await page
			.getByLabel( 'Label', { exact: true } )
			.fill( PROVIDER_LABEL );
		await page.getByLabel( 'Preset' ).selectOption( 'openai' );
		const baseUrl = page.getByLabel( 'Base URL' );
		await expect( baseUrl ).toHaveAttribute(
			'placeholder',
			'https://api.openai.com/v1'
		);
		await baseUrl.fill( BASE_URL );

		errors.expect( /status of 400/, /ai-failover\/v1\/providers/ );
		const refused = page.waitForResponse(
			( r ) =>
				r.url().includes( '/ai-failover/v1/providers' ) &&
				r.request().method() === 'POST'
		);
		await page.getByRole( 'button', { name: 'Add provider' } ).click();
		expect( ( await refused ).status() ).toBe( 400 );
		await expect(
			page.locator( '.aifo-provider-form .aifo-field-error' )
		).toHaveCount( 1 );

		await page.getByLabel( 'Allow private network' ).check();
		await expect(
			page.locator( '.aifo-provider-form .aifo-field-error' )
		).toHaveCount( 0 );
		const created = page.waitForResponse(
			( r ) =>
				r.url().includes( '/ai-failover/v1/providers' ) &&
				r.request().method() === 'POST'
		);
		await page.getByRole( 'button', { name: 'Add provider' } ).click();
		expect( ( await created ).status() ).toBe( 201 );
		await expect(
			page.locator( '.aifo-snackbars .components-snackbar' )
		).toContainText( `Provider "${ PROVIDER_LABEL }" added.` );
		const row = providerRow( page, PROVIDER_ID );
		await expect( row ).toContainText( PROVIDER_LABEL );
		await expect( row ).toContainText( BASE_URL );
		await expect( row.locator( '.aifo-provider-list__keys' ) ).toHaveText(
			'0'
		);

		// Add a key: the new provider's keys panel is open.
		const keys = page.locator( '.aifo-provider-keys' );
		await expect( keys.getByText( /^No keys yet/ ) ).toBeVisible();
		await keys.getByLabel( 'Key label' ).fill( KEY_LABEL );
		const secret = keys.getByLabel( 'Secret key' );
		await expect( secret ).toHaveAttribute( 'type', 'password' );
		await secret.fill( SECRET );
		const keyCreated = page.waitForResponse(
			( r ) =>
				r.url().includes( `/providers/${ PROVIDER_ID }/keys` ) &&
				r.request().method() === 'POST'
		);
		await keys.getByRole( 'button', { name: 'Add key' } ).click();
		const keyResponse = await keyCreated;
		expect( keyResponse.status() ).toBe( 201 );
		expect( await keyResponse.text() ).not.toContain( SECRET_PREFIX );

		const keyRow = keys.locator( 'tbody tr', { hasText: KEY_LABEL } );
		await expect( keyRow ).toContainText( 'WXYZ' );
		await expect( keyRow ).toContainText( 'Stored (encrypted)' );
		await expect( secret ).toHaveValue( '' );
		await expect( row.locator( '.aifo-provider-list__keys' ) ).toHaveText(
			'1'
		);
		expect( await page.content() ).not.toContain( SECRET_PREFIX );

		// Test connection: the fake provider may or may not be listening.
		await keyRow
			.getByRole( 'button', {
				name: `List models with key ${ KEY_LABEL }`,
			} )
			.click();
		await expect(
			keyRow.locator( '.aifo-provider-keys__test' )
		).toHaveText( /^(OK: \d+ models listed|Failed: )/ );

		// After a reload the key is still there, still masked.
		await page.reload();
		await providerRow( page, PROVIDER_ID )
			.getByRole( 'button', {
				name: `Keys and models of ${ PROVIDER_LABEL }`,
			} )
			.click();
		await expect(
			page.locator( '.aifo-provider-keys tbody tr', {
				hasText: KEY_LABEL,
			} )
		).toContainText( '••••WXYZ' );
		expect( await page.content() ).not.toContain( SECRET_PREFIX );

		// A feature on the Simulator, without fallbacks.
		await page
			.locator( '#toplevel_page_ai-failover' )
			.getByRole( 'link', { name: 'Features', exact: true } )
			.click();
		await expect( page ).toHaveURL( /page=ai-failover-features$/ );
		await page.getByRole( 'button', { name: 'Add feature' } ).click();
		const form = page.locator( '.aifo-feature-form' );
		await form.getByLabel( 'ID', { exact: true } ).fill( FEATURE_ID );
		await form.getByLabel( 'Label', { exact: true } ).fill( FEATURE_LABEL );
		const primary = form.locator( '.aifo-route-fields' ).first();
		await primary.getByLabel( 'Provider' ).selectOption( SIMULATOR_ID );
		await primary.getByLabel( 'Model' ).fill( 'sim-echo' );
		await expect(
			form.getByText(
				'No fallbacks: a failure fails, is logged, and stops.'
			)
		).toBeVisible();
		for ( const locked of [
			'Invalid request',
			'Key rejected (authentication)',
			'Out of credit (payment)',
			'Forbidden',
			'Unsupported capability',
		] ) {
			await expect( form.getByLabel( locked ) ).toBeDisabled();
			await expect( form.getByLabel( locked ) ).not.toBeChecked();
		}
		const featureCreated = page.waitForResponse(
			( r ) =>
				r.url().includes( '/ai-failover/v1/features' ) &&
				r.request().method() === 'POST'
		);
		await form.getByRole( 'button', { name: 'Create feature' } ).click();
		expect( ( await featureCreated ).status() ).toBe( 201 );
		const featureRow = page.locator( '.aifo-feature-list tbody tr', {
			hasText: FEATURE_ID,
		} );
		await expect( featureRow ).toContainText( FEATURE_LABEL );
		await expect( featureRow ).toContainText(
			`${ SIMULATOR_ID } / sim-echo`
		);
		await expect(
			featureRow.locator( '.aifo-feature-list__fallbacks' )
		).toHaveText( 'None' );

		// The Simulator is used by the feature: deleting it is refused (409).
		const saved = await rest(
			page,
			'GET',
			`/ai-failover/v1/features/${ FEATURE_ID }`
		);
		expect( saved.body ).toMatchObject( {
			primary: { provider_id: SIMULATOR_ID },
		} );
		await page
			.locator( '#toplevel_page_ai-failover' )
			.getByRole( 'link', { name: 'Providers', exact: true } )
			.click();
		await providerRow( page, SIMULATOR_ID )
			.getByRole( 'button', { name: /^Delete / } )
			.click();
		const dialog = page.getByRole( 'dialog' );
		errors.expect( /status of 409/, /ai-failover\/v1\/providers/ );
		const refusedDelete = page.waitForResponse(
			( r ) =>
				r.url().includes( `/providers/${ SIMULATOR_ID }` ) &&
				[ 'DELETE', 'POST' ].includes( r.request().method() )
		);
		await dialog.getByRole( 'button', { name: 'Delete provider' } ).click();
		expect( ( await refusedDelete ).status() ).toBe( 409 );
		await expect(
			dialog.locator( '.aifo-confirm-dialog__error' )
		).toContainText( 'This provider is used by these features:' );
		await expect(
			dialog.locator( '.aifo-confirm-dialog__list' )
		).toContainText( FEATURE_ID );
		await dialog.getByRole( 'button', { name: 'Cancel' } ).click();
		await expect( dialog ).toHaveCount( 0 );
		await expect( providerRow( page, SIMULATOR_ID ) ).toHaveCount( 1 );

		await cleanUp( page, createdSimulator );
		await page.reload();
		await expect( providerRow( page, PROVIDER_ID ) ).toHaveCount( 0 );
	} );

	// Runs last (one worker, file order): covers the PHP requests of the test above.
	test( 'WordPress debug log has no notices from the plugin', () => {
		// eslint-disable-next-line playwright/no-skipped-test -- Only meaningful against a rig that logs.
		test.skip(
			! process.env.WP_DEBUG_LOG_FILE,
			'WP_DEBUG_LOG_FILE is not set'
		);
		expect( pluginDebugLogLines() ).toEqual( [] );
	} );
} );
