/**
 * External dependencies
 */
import { expect, test, type Locator, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from './wp';

/** The fake AI provider bin/test.sh starts (tests/fake-provider). */
export const FAKE_PROVIDER =
	process.env.FAKE_PROVIDER_URL || 'http://127.0.0.1:8899';

export const FEATURES_PAGE = '/wp-admin/admin.php?page=ai-failover#features';

/**
 * Creates an OpenAI-compatible provider on the fake provider, where each
 * route's model name picks its behaviour (`ok+first`, whose answer says
 * `route=ok+first`; `slow-400`; `fail-503`: tests/fake-provider/README.md).
 * Give it a fresh id per run: breakers and latency windows are kept per
 * route, across runs.
 *
 * @param page Page on a wp-admin screen.
 * @param id   Provider id.
 */
export async function createFakeProvider( page: Page, id: string ) {
	const created = await rest( page, 'POST', '/ai-failover/v1/providers', {
		id,
		label: id,
		preset: 'custom',
		base_url: `${ FAKE_PROVIDER }/v1`,
		allow_private_network: true,
	} );
	expect( created.status, JSON.stringify( created.body ) ).toBe( 201 );
}

/**
 * Registers, in the calling describe block, the hooks of a spec about one
 * feature on the fake provider: before each test, log in and create a fresh
 * provider (its id unique to this run) and the feature, primary then one
 * fallback; after it, delete both and expect no console errors.
 *
 * @param feature          The feature.
 * @param feature.id       Its id.
 * @param feature.label    Its label.
 * @param feature.primary  The primary's model on the fake provider.
 * @param feature.fallback The fallback's model.
 * @return The provider id, and the page errors of the running test.
 */
export function fakeProviderFeature( feature: {
	id: string;
	label: string;
	primary: string;
	fallback: string;
} ) {
	const provider = `${ feature.id }-${ Date.now().toString( 36 ) }`;
	const featureRoute = `/ai-failover/v1/features/${ feature.id }`;
	const state = { provider, errors: null as unknown as PageErrors };

	test.beforeEach( async ( { page, baseURL } ) => {
		state.errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
		await page.goto( FEATURES_PAGE );
		await deleteAll( page, [ featureRoute ] );
		await createFakeProvider( page, provider );
		const created = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: feature.id,
			label: feature.label,
			primary: { provider_id: provider, model: feature.primary },
			fallbacks: [ { provider_id: provider, model: feature.fallback } ],
			retry: { attempts_per_route: 1 },
		} );
		expect( created.status, JSON.stringify( created.body ) ).toBe( 201 );
	} );

	test.afterEach( async ( { page } ) => {
		await deleteAll( page, [
			featureRoute,
			`/ai-failover/v1/providers/${ provider }`,
		] );
		expect( state.errors.messages ).toEqual( [] );
	} );

	return state;
}

/**
 * Deletes what a spec created; what is missing already (404) is fine.
 *
 * @param page   Page on a wp-admin screen.
 * @param routes REST routes, such as /ai-failover/v1/features/x.
 */
export async function deleteAll( page: Page, routes: string[] ) {
	for ( const route of routes ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
}

/**
 * Opens the Features tab afresh (what is shown comes from the server) and the
 * form of one feature.
 *
 * @param page  Page.
 * @param label Feature label.
 * @return The form.
 */
export async function editFeature( page: Page, label: string ) {
	await page.goto( FEATURES_PAGE );
	await page
		.getByRole( 'button', { name: `Edit feature ${ label }` } )
		.click();
	const form = page.locator( '.aifo-feature-form' );
	await expect( form ).toBeVisible();
	return form;
}

/**
 * Saves the form and waits until it has closed (saved).
 *
 * @param form The feature form.
 */
export async function saveFeature( form: Locator ) {
	await form.getByRole( 'button', { name: 'Save feature' } ).click();
	await expect( form ).toHaveCount( 0 );
}

/**
 * Runs a feature from its Test run dialog and waits for the result.
 *
 * @param page  Page on the Features tab.
 * @param label Feature label.
 * @return The dialog, showing the result.
 */
export async function testRun( page: Page, label: string ) {
	await page
		.getByRole( 'button', { name: `Test run feature ${ label }` } )
		.click();
	const dialog = page.getByRole( 'dialog' );
	await runAgain( dialog );
	return dialog;
}

/**
 * Runs again in an open Test run dialog and waits for the new result.
 *
 * @param dialog The Test run dialog.
 */
export async function runAgain( dialog: Locator ) {
	const response = dialog
		.page()
		.waitForResponse(
			( r ) =>
				r.request().method() === 'POST' &&
				/\/features\/[^/]+\/run\b/.test( decodeURIComponent( r.url() ) )
		);
	await dialog.getByRole( 'button', { name: 'Run' } ).click();
	expect( ( await response ).status() ).toBe( 200 );
	await expect( dialog.locator( '.aifo-feature-run__status' ) ).toBeVisible();
}
