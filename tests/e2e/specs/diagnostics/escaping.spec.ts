/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

/*
 * User-supplied strings (a provider label, a key label, a feature label) travel through REST, the
 * engine, the event log and three screens; everywhere they must show as text and never run.
 */
const FAKE = process.env.FAKE_PROVIDER_URL || 'http://127.0.0.1:8899';
const PROVIDER_ID = 'e2e-xss';
const BACKUP_ID = 'e2e-xss-sim';
const FEATURE_ID = 'e2e-xss';
const payload = ( n: number, text: string ) =>
	`<img src=x onerror="window.__aifoXss=${ n }">${ text }`;

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

async function expectNoScriptRan( page: Page ) {
	expect(
		await page.evaluate(
			() => ( window as unknown as { __aifoXss?: number } ).__aifoXss
		)
	).toBeUndefined();
}

test( 'user-supplied labels render as text on every screen', async ( {
	page,
	baseURL,
} ) => {
	const errors = new PageErrors( page, baseURL ?? '' ).watch();
	await login( page );
	await page.goto( '/wp-admin/admin.php?page=ai-failover' );
	await cleanUp( page );

	expect(
		(
			await rest( page, 'POST', '/ai-failover/v1/providers', {
				id: PROVIDER_ID,
				label: payload( 1, 'Provider' ),
				preset: 'openai',
				// The fake provider answers 500 on this path: the run falls back.
				base_url: `${ FAKE }/r/fail-500/v1`,
				allow_private_network: true,
			} )
		).status
	).toBe( 201 );
	expect(
		(
			await rest(
				page,
				'POST',
				`/ai-failover/v1/providers/${ PROVIDER_ID }/keys`,
				{ label: payload( 2, 'key' ), secret: 'fk-xss-e2e-0001' }
			)
		).status
	).toBe( 201 );
	expect(
		(
			await rest( page, 'POST', '/ai-failover/v1/providers', {
				id: BACKUP_ID,
				label: 'Simulator (escaping e2e)',
				preset: 'simulator',
			} )
		).status
	).toBe( 201 );
	expect(
		(
			await rest( page, 'POST', '/ai-failover/v1/features', {
				id: FEATURE_ID,
				label: payload( 3, 'Feature' ),
				primary: { provider_id: PROVIDER_ID, model: 'gpt-4o-mini' },
				fallbacks: [ { provider_id: BACKUP_ID, model: 'sim-echo' } ],
				retry: { attempts_per_route: 1 },
			} )
		).status
	).toBe( 201 );
	const run = await rest(
		page,
		'POST',
		`/ai-failover/v1/features/${ FEATURE_ID }/run`,
		{ messages: [ { role: 'user', content: 'escaping e2e' } ] }
	);
	expect( run.status ).toBe( 200 );
	expect( ( run.body as { status: string } ).status ).toBe( 'success' );

	await page.goto( '/wp-admin/admin.php?page=ai-failover#features' );
	await expect( page.getByText( payload( 3, 'Feature' ) ) ).toBeVisible();
	await expectNoScriptRan( page );

	await page.goto( '/wp-admin/admin.php?page=ai-failover#providers' );
	await expect( page.getByText( payload( 1, 'Provider' ) ) ).toBeVisible();
	await expectNoScriptRan( page );

	await page.goto(
		`/wp-admin/admin.php?page=ai-failover-diagnostics#run=${
			( run.body as { run_id: string } ).run_id
		}`
	);
	await expect( page.getByText( payload( 2, 'key' ) ).first() ).toBeVisible();
	await expectNoScriptRan( page );

	await cleanUp( page );
	expect( errors.messages ).toEqual( [] );
} );
