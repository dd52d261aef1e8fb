/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const FEATURE_ID = 'e2e-throughput';
const FEATURE_LABEL = 'E2E throughput';

/**
 * Deletes what this spec created; a missing one (404) is fine.
 *
 * @param page Page on a wp-admin screen.
 */
async function cleanUp( page: Page ) {
	const { status } = await rest(
		page,
		'DELETE',
		`/ai-failover/v1/features/${ FEATURE_ID }`
	);
	expect( [ 200, 404 ] ).toContain( status );
}

/**
 * Opens the feature's form and returns it with its throughput section.
 *
 * @param page Page on the features screen.
 */
async function openForm( page: Page ) {
	await page
		.getByRole( 'button', { name: `Edit feature ${ FEATURE_LABEL }` } )
		.click();
	const form = page.locator( '.aifo-feature-form' );
	return { form, section: form.locator( '.aifo-feature-form__throughput' ) };
}

test.describe( 'stream throughput in the feature form', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'a minimum throughput is set, saved, and explained again after a reload', async ( {
		page,
	} ) => {
		await page.goto( `${ ADMIN_PAGE }#features` );
		await cleanUp( page );
		const feature = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE_ID,
			label: FEATURE_LABEL,
			primary: { provider_id: 'simulator', model: 'sim-echo' },
			fallbacks: [
				{ provider_id: 'simulator', model: 'sim-slow-first-token' },
			],
		} );
		expect( feature.status ).toBe( 201 );

		try {
			await page.reload();
			let { form, section } = await openForm( page );
			await expect( section ).toContainText(
				'Off: a stream’s text goes to the reader as it arrives'
			);
			await section
				.getByLabel( 'Require a minimum stream speed' )
				.check();
			await expect( section ).toContainText(
				'moving to the next route is off, so no stream is held'
			);
			await section
				.getByLabel( 'Characters per second, at least' )
				.fill( '40' );
			await section
				.getByLabel( 'Over the first (milliseconds)' )
				.fill( '1500' );
			await section
				.getByLabel(
					'Move to the next route when a stream is too slow'
				)
				.check();
			await form.getByRole( 'button', { name: 'Save feature' } ).click();
			await expect( form ).toHaveCount( 0 );

			const saved = await rest(
				page,
				'GET',
				`/ai-failover/v1/features/${ FEATURE_ID }`
			);
			expect( saved.body ).toMatchObject( {
				triggers: { slow_stream: true },
				routing: {
					throughput: {
						enabled: true,
						probe_ms: 1500,
						min_chars_per_second: 40,
					},
				},
			} );

			await page.reload();
			( { form, section } = await openForm( page ) );
			await expect(
				section.getByLabel( 'Require a minimum stream speed' )
			).toBeChecked();
			await expect(
				section.locator( '.aifo-feature-form__hint' )
			).toHaveText(
				/^A stream must deliver at least 40 characters per second over the first 1\.5 s of its text\. Until then its text is held back, and sent as soon as 60 characters are in .* logged as slow_stream with the measured speed, and the run moves on to sim-slow-first-token\./
			);
			await expect(
				form
					.getByRole( 'group', { name: 'When to fall back' } )
					.getByLabel( 'Stream too slow (minimum throughput)' )
			).toBeChecked();
		} finally {
			await cleanUp( page );
		}
	} );
} );
