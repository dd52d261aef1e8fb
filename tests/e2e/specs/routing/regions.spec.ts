/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const FEATURE_ID = 'e2e-regions';
const FEATURE_LABEL = 'E2E regions';
const EU_ID = 'e2e-eu-cloud';

/**
 * Deletes what this spec created; missing ones (404) are fine.
 *
 * @param page Page on a wp-admin screen.
 */
async function cleanUp( page: Page ) {
	for ( const route of [
		`/ai-failover/v1/features/${ FEATURE_ID }`,
		`/ai-failover/v1/providers/${ EU_ID }`,
	] ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
}

test.describe( 'regions in the feature form', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'a required region is refused for a route outside it; a preferred one is saved', async ( {
		page,
	} ) => {
		await page.goto( `${ ADMIN_PAGE }#features` );
		await cleanUp( page );
		const provider = await rest(
			page,
			'POST',
			'/ai-failover/v1/providers',
			{
				id: EU_ID,
				label: 'E2E EU Cloud',
				preset: 'openai',
				base_url: 'http://127.0.0.1:9/v1',
				allow_private_network: true,
				region: 'eu',
			}
		);
		expect( provider.status ).toBe( 201 );
		const feature = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE_ID,
			label: FEATURE_LABEL,
			primary: { provider_id: EU_ID, model: 'gpt-4o-mini' },
			fallbacks: [ { provider_id: 'simulator', model: 'sim-echo' } ],
		} );
		expect( feature.status ).toBe( 201 );

		try {
			await page.reload();
			await page
				.getByRole( 'button', {
					name: `Edit feature ${ FEATURE_LABEL }`,
				} )
				.click();
			const form = page.locator( '.aifo-feature-form' );
			const section = form.locator( '.aifo-feature-form__regions' );
			await expect( section ).toContainText(
				'a run skips that region as a whole'
			);
			await section
				.getByRole( 'group', { name: 'Only use routes in' } )
				.getByLabel( 'eu' )
				.check();
			await expect(
				section.locator( '.aifo-feature-form__eligibility li' )
			).toHaveText( [
				'Primary: region eu.',
				'Fallback 1: no declared region, outside the required regions.',
			] );

			errors.expect(
				/status of 400/,
				new RegExp( `ai-failover/v1/features/${ FEATURE_ID }` )
			);
			await form.getByRole( 'button', { name: 'Save feature' } ).click();
			await expect( form.locator( '.aifo-field-error' ) ).toHaveText( [
				/serves from no declared region, and this feature only uses routes in eu/,
			] );

			await section
				.getByRole( 'group', { name: 'Only use routes in' } )
				.getByLabel( 'eu' )
				.uncheck();
			await section
				.getByRole( 'group', { name: 'Prefer routes in' } )
				.getByLabel( 'eu' )
				.check();
			await form.getByRole( 'button', { name: 'Save feature' } ).click();
			await expect( form ).toHaveCount( 0 );
			const saved = await rest(
				page,
				'GET',
				`/ai-failover/v1/features/${ FEATURE_ID }`
			);
			expect( saved.body ).toMatchObject( {
				routing: { regions: { require: [], prefer: [ 'eu' ] } },
			} );
		} finally {
			await cleanUp( page );
		}
	} );
} );
