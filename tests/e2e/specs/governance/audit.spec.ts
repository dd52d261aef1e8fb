/**
 * External dependencies
 */
import { readFile } from 'node:fs/promises';
import { expect, test } from '@playwright/test';

/**
 * Internal dependencies
 */
import { seriousViolations } from '../../utils/axe';
import {
	editFeature,
	fakeProviderFeature,
	saveFeature,
} from '../../utils/features';
import { rest } from '../../utils/wp';

const FEATURE_ID = 'e2e-audit';
const FEATURE_LABEL = 'E2E audit';
const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';

test.describe( 'the audit log of a change made in the feature form', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'ok+first',
		fallback: 'ok+second',
	} );

	test( 'shows who changed what, before and after, never a key, and exports it', async ( {
		page,
	} ) => {
		const secret = `sk-e2e-audit-${ Date.now().toString( 36 ) }-SECRET`;
		const key = await rest(
			page,
			'POST',
			`/ai-failover/v1/providers/${ feature.provider }/keys`,
			{ label: 'audit key', secret }
		);
		expect( key.status, JSON.stringify( key.body ) ).toBe( 201 );

		const form = await editFeature( page, FEATURE_LABEL );
		await form
			.getByRole( 'group', { name: 'Spend budget' } )
			.getByLabel( 'Daily limit (US$)' )
			.fill( '3' );
		await saveFeature( form );

		await page.goto( DIAGNOSTICS_PAGE );
		const audit = page.getByRole( 'region', {
			name: 'Audit log of policy changes',
		} );
		await expect( audit ).toContainText(
			'API keys appear as their label and last 4 characters only, never the key.'
		);
		const change = audit
			.locator( 'tbody tr' )
			.filter( { hasText: `Changed: Feature ${ FEATURE_ID }` } )
			.first();
		await expect( change.locator( 'td' ).nth( 1 ) ).toHaveText( 'admin' );
		await expect( change.locator( 'td' ).nth( 3 ) ).toContainText(
			'budget'
		);
		await change
			.getByRole( 'button', { name: 'Before and after' } )
			.click();
		const details = audit.locator( '.aifo-audit-log__details' );
		const [ before, after ] = [
			details.locator( 'pre' ).nth( 0 ),
			details.locator( 'pre' ).nth( 1 ),
		];
		await expect( before ).toContainText( '"daily_usd": 0' );
		await expect( after ).toContainText( '"daily_usd": 3' );
		await expect( after ).toContainText( `"id": "${ FEATURE_ID }"` );

		// The key's creation is logged by its label and last 4, never the key.
		await expect(
			audit.locator( 'tbody tr' ).filter( {
				hasText: `Created: API key ${ feature.provider }`,
			} )
		).not.toHaveCount( 0 );
		await expect( page.locator( 'body' ) ).not.toContainText( secret );
		expect( await seriousViolations( page, '.aifo-audit-log' ) ).toEqual(
			[]
		);

		const download = page.waitForEvent( 'download' );
		await audit.getByRole( 'button', { name: 'Download CSV' } ).click();
		const csv = await readFile(
			( await ( await download ).path() ) ?? '',
			'utf8'
		);
		expect( csv ).toContain( FEATURE_ID );
		expect( csv ).toContain( 'daily_usd' );
		expect( csv ).not.toContain( secret );
	} );
} );
