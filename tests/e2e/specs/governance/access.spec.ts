/**
 * External dependencies
 */
import { expect, test } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const FEATURE = 'governance-e2e';

test.describe( 'a feature’s access rule, set in the feature form', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
		await page.goto( `${ ADMIN_PAGE }#features` );
		await rest( page, 'DELETE', `/ai-failover/v1/features/${ FEATURE }` );
		const created = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE,
			label: 'Governance e2e',
			primary: { provider_id: 'simulator', model: 'sim-echo' },
		} );
		expect( created.status ).toBe( 201 );
	} );

	test.afterEach( async ( { page } ) => {
		await rest( page, 'DELETE', `/ai-failover/v1/features/${ FEATURE }` );
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'roles and addresses are explained, checked at save, and refuse a run with a 403', async ( {
		page,
	} ) => {
		await page.reload();
		await page
			.getByRole( 'button', { name: 'Edit feature Governance e2e' } )
			.click();
		const form = page.locator( '.aifo-feature-form' );
		const access = form.locator( 'fieldset', {
			has: page.getByText( 'Access', { exact: true } ),
		} );
		await expect(
			access.getByText( /never reaches a provider, so it costs nothing/ )
		).toBeVisible();

		// The save the server refuses is logged by the browser as a failed resource.
		errors.expect(
			/status of 400/,
			new RegExp( `/ai-failover/v1/features/${ FEATURE }` )
		);
		await access.getByLabel( 'editor' ).check();
		await access
			.getByLabel( 'Allowed addresses' )
			.fill( '127.0.0.1\n10.0.0.0/33' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();

		// The server names the entry that is no address or block, at the field.
		await expect( access.locator( '.aifo-field-error' ) ).toHaveText(
			/"10.0.0.0\/33" is not an IP address or a CIDR block/
		);
		await expect(
			access.getByLabel( 'Allowed addresses' )
		).toHaveAttribute( 'aria-invalid', 'true' );

		await access.getByLabel( 'Allowed addresses' ).fill( '127.0.0.1' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		await expect( form ).toHaveCount( 0 );

		const stored = await rest(
			page,
			'GET',
			`/ai-failover/v1/features/${ FEATURE }`
		);
		expect( ( stored.body as { access: unknown } ).access ).toEqual( {
			roles: [ 'editor' ],
			ip_allow: [ '127.0.0.1' ],
			allow_server_runs: true,
		} );

		// The administrator is not an editor: refused before any provider call.
		const run = await rest(
			page,
			'POST',
			`/ai-failover/v1/features/${ FEATURE }/run`,
			{ messages: [ { role: 'user', content: 'Hi' } ] }
		);
		expect( run.status ).toBe( 403 );
		expect( run.body ).toMatchObject( {
			code: 'aifo_access_denied',
			data: { status: 403, reason: 'role' },
		} );
	} );
} );
