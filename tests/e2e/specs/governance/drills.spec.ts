/**
 * External dependencies
 */
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

const FEATURE_ID = 'e2e-drills';
const FEATURE_LABEL = 'E2E drills';
const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';

test.describe( 'scheduled drills in the feature form and Diagnostics', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'ok+first',
		fallback: 'ok+second',
	} );

	test( 'a daily drill is set, kept, explained, and run from Diagnostics', async ( {
		page,
	} ) => {
		let form = await editFeature( page, FEATURE_LABEL );
		let drills = form.getByRole( 'group', { name: 'Scheduled drills' } );
		await expect(
			drills.locator( '.aifo-feature-form__hint' )
		).toContainText(
			'A drill checks that the fallbacks still answer before a real outage does.'
		);
		await drills.getByLabel( 'Drill this feature on a schedule' ).check();
		await drills.getByLabel( 'How often' ).selectOption( 'daily' );
		// A 429 does not fall back unless the feature says so (Triggers):
		// drilled, that chain would rightly not hold.
		await drills.getByLabel( 'Rate limited (429)' ).uncheck();
		await drills.getByLabel( 'Time-out' ).uncheck();
		await saveFeature( form );

		// Kept: the saved feature's form shows the schedule again.
		form = await editFeature( page, FEATURE_LABEL );
		drills = form.getByRole( 'group', { name: 'Scheduled drills' } );
		await expect(
			drills.getByLabel( 'Drill this feature on a schedule' )
		).toBeChecked();
		await expect( drills.getByLabel( 'How often' ) ).toHaveValue( 'daily' );
		await expect( drills.getByLabel( 'Server error (503)' ) ).toBeChecked();
		await expect(
			drills.getByLabel( 'Rate limited (429)' )
		).not.toBeChecked();
		await expect( drills.getByLabel( 'Time-out' ) ).not.toBeChecked();
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);
		await form.getByRole( 'button', { name: 'Cancel' } ).click();

		await page.goto( DIAGNOSTICS_PAGE );
		const panel = page.getByRole( 'region', { name: 'Scheduled drills' } );
		const row = panel
			.locator( 'tbody tr' )
			.filter( { hasText: FEATURE_LABEL } );
		await expect( row.locator( 'td' ).nth( 1 ) ).toHaveText(
			/^Daily, next /
		);
		// Drilled now; results of an earlier feature of this id may show before.
		const drilled = page.waitForResponse(
			( r ) =>
				r.request().method() === 'POST' &&
				decodeURIComponent( r.url() ).includes(
					`/features/${ FEATURE_ID }/drills`
				)
		);
		await row.getByRole( 'button', { name: /^Drill now/ } ).click();
		expect( ( await drilled ).status() ).toBe( 200 );
		await expect( row.locator( 'td' ).nth( 2 ) ).toContainText(
			'The chain held'
		);
		await expect( row.locator( 'td' ).nth( 2 ) ).toContainText(
			`server: answered by ${ feature.provider }/ok+second`
		);
		expect( await seriousViolations( page, '.aifo-drills-panel' ) ).toEqual(
			[]
		);
	} );
} );
