/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

/*
 * Security suite: every string an administrator can type (provider label, key label, feature
 * label and degraded notice) carries a payload, travels through REST, the engine
 * and the event log, and is shown on every plugin screen: as text, with no script run (no global
 * set, no dialog opened). Model names, the other strings shown, refuse markup at input.
 */
const FAKE = process.env.FAKE_PROVIDER_URL || 'http://127.0.0.1:8899';
const PROVIDER_ID = 'e2e-xss';
const BACKUP_ID = 'e2e-xss-sim';
const FEATURE_ID = 'e2e-xss';
const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';

// Each payload sets window.__aifoXss or opens a dialog if it ever runs; each kind of markup once.
const payload = ( n: number, text: string ): string =>
	String(
		[
			`<img src=x onerror="window.__aifoXss=${ n }">${ text }`,
			`<svg onload="window.__aifoXss=${ n }">${ text }`,
			`<script>window.__aifoXss=${ n }</script>${ text }`,
			`"><img src=x onerror=alert(${ n })>${ text }`,
		][ n % 4 ]
	);

const STRINGS = {
	provider: payload( 1, 'Provider' ),
	key: payload( 2, 'key' ),
	feature: payload( 3, 'Feature' ),
	degraded: payload( 4, 'degraded' ),
	model: payload( 6, 'model' ),
	catalogModel: payload( 7, 'catalog' ),
};

async function cleanUp( page: Page ) {
	for ( const route of [
		`/ai-failover/v1/features/${ FEATURE_ID }`,
		`/ai-failover/v1/providers/${ PROVIDER_ID }`,
		`/ai-failover/v1/providers/${ BACKUP_ID }`,
	] ) {
		const { status } = await rest( page, 'DELETE', route );
		expect( [ 200, 404 ] ).toContain( status );
	}
}

async function expectNoScriptRan( page: Page, dialogs: string[] ) {
	expect(
		await page.evaluate(
			() => ( window as unknown as { __aifoXss?: number } ).__aifoXss
		)
	).toBeUndefined();
	expect( dialogs ).toEqual( [] );
}

test.describe( 'security: user-supplied strings', { tag: '@security' }, () => {
	test( 'render as text on every screen and never run', async ( {
		page,
		baseURL,
	} ) => {
		const errors = new PageErrors( page, baseURL ?? '' ).watch();
		const dialogs: string[] = [];
		page.on( 'dialog', ( dialog ) => {
			dialogs.push( dialog.message() );
			void dialog.dismiss();
		} );
		await login( page );
		await page.goto( ADMIN_PAGE );
		await cleanUp( page );

		const created = [
			await rest( page, 'POST', '/ai-failover/v1/providers', {
				id: PROVIDER_ID,
				label: STRINGS.provider,
				preset: 'openai',
				// The fake provider answers 500 on this path: the run falls back.
				base_url: `${ FAKE }/r/fail-500/v1`,
				allow_private_network: true,
			} ),
			await rest(
				page,
				'POST',
				`/ai-failover/v1/providers/${ PROVIDER_ID }/keys`,
				{ label: STRINGS.key, secret: 'fk-xss-e2e-0001' }
			),
			await rest( page, 'POST', '/ai-failover/v1/providers', {
				id: BACKUP_ID,
				label: 'Simulator (escaping e2e)',
				preset: 'simulator',
			} ),
			await rest( page, 'POST', '/ai-failover/v1/features', {
				id: FEATURE_ID,
				label: STRINGS.feature,
				degraded_notice: STRINGS.degraded,
				primary: { provider_id: PROVIDER_ID, model: 'gpt-4o-mini' },
				fallbacks: [ { provider_id: BACKUP_ID, model: 'sim-echo' } ],
				retry: { attempts_per_route: 1 },
			} ),
		];
		expect( created.map( ( response ) => response.status ) ).toEqual( [
			201, 201, 201, 201,
		] );
		const models = [
			await rest(
				page,
				'PUT',
				`/ai-failover/v1/providers/${ PROVIDER_ID }/models`,
				{ model: STRINGS.catalogModel }
			),
			await rest(
				page,
				'PATCH',
				`/ai-failover/v1/features/${ FEATURE_ID }`,
				{
					primary: { provider_id: PROVIDER_ID, model: STRINGS.model },
				}
			),
		];
		expect( models.map( ( response ) => response.status ) ).toEqual( [
			400, 400,
		] );
		const run = await rest(
			page,
			'POST',
			`/ai-failover/v1/features/${ FEATURE_ID }/run`,
			{ messages: [ { role: 'user', content: 'escaping e2e' } ] }
		);
		expect( run.status ).toBe( 200 );
		expect( ( run.body as { status: string } ).status ).toBe( 'success' );

		await page.goto( `${ ADMIN_PAGE }#features` );
		const featureRow = page.locator( '.aifo-feature-list tbody tr', {
			hasText: FEATURE_ID,
		} );
		await expect( featureRow.getByText( STRINGS.feature ) ).toBeVisible();
		await expectNoScriptRan( page, dialogs );

		// The feature form shows the label and the notice.
		await featureRow
			.getByRole( 'button', {
				name: `Edit feature ${ STRINGS.feature }`,
			} )
			.click();
		await expect( page.getByLabel( 'Label', { exact: true } ) ).toHaveValue(
			STRINGS.feature
		);
		const values = await page
			.locator( 'textarea, input[type="text"], input:not([type])' )
			.evaluateAll( ( fields ) =>
				fields.map( ( field ) => ( field as HTMLInputElement ).value )
			);
		expect( values ).toEqual(
			expect.arrayContaining( [ STRINGS.feature, STRINGS.degraded ] )
		);
		await expectNoScriptRan( page, dialogs );

		// A test run from the screen: degraded, so the notice is shown.
		await page.goto( `${ ADMIN_PAGE }#features` );
		await featureRow
			.getByRole( 'button', {
				name: `Test run feature ${ STRINGS.feature }`,
			} )
			.click();
		const dialog = page.getByRole( 'dialog' );
		await dialog.getByRole( 'button', { name: 'Run' } ).click();
		await expect(
			dialog.locator( '.aifo-feature-run__degraded' )
		).toContainText( STRINGS.degraded );
		await expectNoScriptRan( page, dialogs );

		await page.goto( `${ ADMIN_PAGE }#providers` );
		await expect( page.getByText( STRINGS.provider ) ).toBeVisible();
		await page
			.getByRole( 'button', {
				name: `Keys and models of ${ STRINGS.provider }`,
			} )
			.click();
		await expect( page.getByText( STRINGS.key ).first() ).toBeVisible();
		await expectNoScriptRan( page, dialogs );

		await page.goto(
			`${ DIAGNOSTICS_PAGE }#run=${
				( run.body as { run_id: string } ).run_id
			}`
		);
		await expect( page.getByText( STRINGS.key ).first() ).toBeVisible();
		await expectNoScriptRan( page, dialogs );

		// The event log and the health panel.
		await page.goto( DIAGNOSTICS_PAGE );
		await expect( page.getByText( STRINGS.key ).first() ).toBeVisible();
		await expectNoScriptRan( page, dialogs );

		await cleanUp( page );
		expect( errors.messages ).toEqual( [] );
	} );
} );
