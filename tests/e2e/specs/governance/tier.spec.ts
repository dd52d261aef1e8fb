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
	testRun,
} from '../../utils/features';

const FEATURE_ID = 'e2e-tier';
const FEATURE_LABEL = 'E2E paid tier';
const FEATURE_ROUTE = `/ai-failover/v1/features/${ FEATURE_ID }`;
const NOTICE = 'Our premium model is busy: a backup model answered.';

test.describe( 'paid tiers and notices in the feature form', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'fail-503',
		fallback: 'ok+backup',
	} );

	test( 'fallbacks reserved for some roles, and a notice every degraded answer must show', async ( {
		page,
	} ) => {
		// Three saves and two runs: about 25 s on an idle machine, 45 s under load.
		test.setTimeout( 120_000 );
		let form = await editFeature( page, FEATURE_LABEL );
		let tier = form.getByRole( 'group', {
			name: 'Paid tiers and notices',
		} );
		await expect( tier ).toContainText(
			'None chosen: every caller may be served by a fallback.'
		);

		// Notice required but none written, and a role slug that cannot be one.
		feature.errors.expect( /status of 400/, new RegExp( FEATURE_ROUTE ) );
		await tier
			.getByLabel( 'Always tell users when a fallback answered' )
			.check();
		await tier.getByLabel( 'editor', { exact: true } ).check();
		await expect( tier ).toContainText(
			'Only these roles are served by a fallback route. Everyone else gets the first route only'
		);
		const other = tier.getByLabel( 'Other roles that may get a fallback' );
		await other.fill( 'Premium Member' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		// Checked on the client: nothing is sent, and the typed text stays.
		await expect( tier.locator( '.aifo-field-error' ) ).toHaveText(
			'"Premium" is not a role slug: use the slug the role’s plugin registers (lowercase letters, digits, dashes and underscores, such as premium_member).'
		);
		await expect( other ).toBeFocused();
		await expect( other ).toHaveAttribute( 'aria-invalid', 'true' );
		await expect( other ).toHaveValue( 'Premium Member' );

		await other.fill( 'premium_member' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		const notice = form.getByLabel( 'Notice shown to users' );
		await expect(
			form
				.getByRole( 'group', { name: 'Degraded notice' } )
				.locator( '.aifo-field-error' )
		).toHaveText(
			'This feature must show users when a fallback served them: write the degraded notice they see.'
		);
		await expect( notice ).toHaveAttribute( 'aria-invalid', 'true' );
		await expect( notice ).toBeFocused();
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);
		// Too long: refused on the client, the text kept to be shortened.
		const long = `${ NOTICE } ${ 'x'.repeat( 500 ) }`;
		await notice.fill( long );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		await expect(
			form
				.getByRole( 'group', { name: 'Degraded notice' } )
				.locator( '.aifo-field-error' )
		).toHaveText( 'Use at most 500 characters.' );
		await expect( notice ).toHaveValue( long );
		await notice.fill( NOTICE );
		await saveFeature( form );

		form = await editFeature( page, FEATURE_LABEL );
		tier = form.getByRole( 'group', { name: 'Paid tiers and notices' } );
		await expect(
			tier.getByLabel( 'Always tell users when a fallback answered' )
		).toBeChecked();
		await expect(
			tier.getByLabel( 'editor', { exact: true } )
		).toBeChecked();
		await expect(
			tier.getByLabel( 'Other roles that may get a fallback' )
		).toHaveValue( 'premium_member' );
		await expect( form.getByLabel( 'Notice shown to users' ) ).toHaveValue(
			NOTICE
		);
		await form.getByRole( 'button', { name: 'Cancel' } ).click();

		// The administrator is neither: the first route only, and told why.
		let dialog = await testRun( page, FEATURE_LABEL );
		const status = dialog.locator( '.aifo-feature-run__status' );
		await expect( status ).toHaveText( 'Failed' );
		await expect(
			dialog.locator( '.aifo-feature-run__error' )
		).toContainText(
			'Fallback routes are reserved for these roles: editor, premium_member. This request is served by its first route only, and fails if that route fails.'
		);
		await expect(
			dialog.locator( '.aifo-attempt-list__route' )
		).toHaveText( [ `${ feature.provider }/fail-503` ] );
		await page.keyboard.press( 'Escape' );

		// With the administrator among them: the fallback answers, with the notice.
		form = await editFeature( page, FEATURE_LABEL );
		await form
			.getByRole( 'group', { name: 'Paid tiers and notices' } )
			.getByLabel( 'administrator', { exact: true } )
			.check();
		await saveFeature( form );
		dialog = await testRun( page, FEATURE_LABEL );
		await expect( status ).toHaveText( 'Success' );
		const degraded = dialog.locator( '.aifo-feature-run__degraded' );
		await expect( degraded ).toContainText( NOTICE );
		await expect( degraded ).toContainText(
			'This feature requires the notice to be shown to users with every answer a fallback served.'
		);
		await expect(
			dialog.locator( '.aifo-attempt-list__route' )
		).toHaveText( [
			`${ feature.provider }/fail-503`,
			`${ feature.provider }/ok+backup`,
		] );
		expect(
			await seriousViolations( page, '.components-modal__frame' )
		).toEqual( [] );
	} );
} );
