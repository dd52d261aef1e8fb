/**
 * External dependencies
 */
import { expect, test } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const FEATURE_ID = 'e2e-private-notes';
const FEATURE_LABEL = 'E2E private notes';
const COLLECTOR_ID = 'e2e-collector';
const COLLECTOR_LABEL = 'E2E Collector';

/**
 * Deletes what this spec created; missing ones (404) are fine.
 *
 * @param page Page on a wp-admin screen.
 */
async function cleanUp( page: Parameters< typeof rest >[ 0 ] ) {
	for ( const route of [
		`/ai-failover/v1/features/${ FEATURE_ID }`,
		`/ai-failover/v1/providers/${ COLLECTOR_ID }`,
	] ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
}

/**
 * Makes sure the Simulator provider exists (the plugin creates it on
 * activation; a site may have deleted it).
 *
 * @param page Page on a wp-admin screen.
 */
async function ensureSimulator( page: Parameters< typeof rest >[ 0 ] ) {
	const { status } = await rest(
		page,
		'GET',
		'/ai-failover/v1/providers/simulator'
	);
	if ( status === 404 ) {
		const created = await rest( page, 'POST', '/ai-failover/v1/providers', {
			id: 'simulator',
			label: 'Simulator',
			preset: 'simulator',
		} );
		expect( created.status ).toBe( 201 );
	}
}

test.describe( 'privacy eligibility in the feature form', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'a private feature shows which routes are eligible and cannot be saved with one that is not', async ( {
		page,
	} ) => {
		await page.goto( `${ ADMIN_PAGE }#features` );
		await cleanUp( page );
		await ensureSimulator( page );
		const provider = await rest(
			page,
			'POST',
			'/ai-failover/v1/providers',
			{
				id: COLLECTOR_ID,
				label: COLLECTOR_LABEL,
				preset: 'openai',
				base_url: 'http://127.0.0.1:9/v1',
				allow_private_network: true,
				region: 'us',
			}
		);
		expect( provider.status ).toBe( 201 );
		const feature = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE_ID,
			label: FEATURE_LABEL,
			primary: { provider_id: 'simulator', model: 'sim-echo' },
			fallbacks: [ { provider_id: COLLECTOR_ID, model: 'gpt-4o-mini' } ],
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
			const section = form.locator( '.aifo-feature-form__privacy' );
			await expect( section ).toContainText(
				'Off: any route of this feature may be used'
			);

			await section
				.getByLabel(
					'Private: only use routes that declare the data handling below'
				)
				.check();
			await expect( section ).toContainText(
				'only ever sent to providers that declare no retention, no training or data collection'
			);
			await expect(
				section.locator( '.aifo-feature-form__eligibility li' )
			).toHaveText( [
				/^Primary \(.+\) is eligible\.$/,
				`Fallback 1 (${ COLLECTOR_LABEL }) is not eligible: the provider does not declare no retention, no training or data collection.`,
			] );

			// The server refuses it, at the ineligible route's provider field.
			errors.expect(
				/status of 400/,
				new RegExp( `ai-failover/v1/features/${ FEATURE_ID }` )
			);
			await form.getByRole( 'button', { name: 'Save feature' } ).click();
			await expect( form.locator( '.aifo-field-error' ) ).toHaveText( [
				`This feature is private, and ${ COLLECTOR_LABEL } does not declare no retention, no training or data collection: choose a provider that does (its data handling is set on the Providers screen), or remove this route.`,
			] );
			const stored = await rest(
				page,
				'GET',
				`/ai-failover/v1/features/${ FEATURE_ID }`
			);
			expect(
				(
					stored.body as {
						routing: { privacy: { private: boolean } };
					}
				 ).routing.privacy.private
			).toBe( false );

			// Without the route it saves, private.
			await form
				.getByRole( 'button', { name: 'Remove fallback 1' } )
				.click();
			await form.getByRole( 'button', { name: 'Save feature' } ).click();
			await expect( form ).toHaveCount( 0 );
			const saved = await rest(
				page,
				'GET',
				`/ai-failover/v1/features/${ FEATURE_ID }`
			);
			expect( saved.body ).toMatchObject( {
				fallbacks: [],
				routing: {
					privacy: {
						private: true,
						requires: [ 'no_retention', 'no_training' ],
					},
				},
			} );
		} finally {
			await cleanUp( page );
		}
	} );
} );
