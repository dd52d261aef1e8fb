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

const FEATURE_ID = 'e2e-quality';
const FEATURE_LABEL = 'E2E quality';
const FEATURE_ROUTE = `/ai-failover/v1/features/${ FEATURE_ID }`;

test.describe( 'quality rules in the feature form', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'ok+first',
		fallback: 'ok+second',
	} );

	test( 'a rule the primary’s answer fails escalates the run to the next route', async ( {
		page,
	} ) => {
		let form = await editFeature( page, FEATURE_LABEL );
		let quality = form.getByRole( 'group', { name: 'Quality' } );
		await expect( quality ).toContainText(
			'No rules: every answer is accepted'
		);

		// A pattern PHP cannot compile: refused at the field, what was typed kept.
		feature.errors.expect( /status of 400/, new RegExp( FEATURE_ROUTE ) );
		const pattern = quality.getByLabel( 'Must match (regular expression)' );
		await pattern.fill( 'route=(ok' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		await expect( quality.locator( '.aifo-field-error' ) ).toHaveText(
			'This is not a valid regular expression.'
		);
		await expect( pattern ).toHaveAttribute( 'aria-invalid', 'true' );
		await expect( pattern ).toBeFocused();
		await expect( pattern ).toHaveValue( 'route=(ok' );
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);

		await pattern.fill( 'route=ok\\+second' );
		await quality
			.getByLabel(
				'Escalate to the next route when an answer fails them'
			)
			.check();
		await expect(
			quality.locator( '.aifo-feature-form__hint' )
		).toHaveText(
			'Every answer must be matching route=ok\\+second. One that fails is logged as validation_failed and the run escalates to the next route (it was paid for, and its cost counts). A streamed answer is held until it passed, so a rejected one never reaches the reader. A run request can add its own checks on top.'
		);
		await saveFeature( form );

		// Kept: the form of the saved feature shows it again.
		form = await editFeature( page, FEATURE_LABEL );
		quality = form.getByRole( 'group', { name: 'Quality' } );
		await expect(
			quality.getByLabel( 'Must match (regular expression)' )
		).toHaveValue( 'route=ok\\+second' );
		await expect(
			quality.getByLabel(
				'Escalate to the next route when an answer fails them'
			)
		).toBeChecked();
		await form.getByRole( 'button', { name: 'Cancel' } ).click();

		// The primary's answer does not match: the run moves on to the fallback.
		const dialog = await testRun( page, FEATURE_LABEL );
		await expect(
			dialog.locator( '.aifo-feature-run__status' )
		).toHaveText( 'Success' );
		await expect(
			dialog.locator( '.aifo-feature-run__served-by' )
		).toHaveText( /\/ ok\+second$/ );
		const attempts = dialog.locator( '.aifo-attempt-list__item' );
		await expect(
			attempts.locator( '.aifo-attempt-list__route' )
		).toHaveText( [
			`${ feature.provider }/ok+first`,
			`${ feature.provider }/ok+second`,
		] );
		await expect( attempts.nth( 0 ) ).toContainText(
			'Error classvalidation_failed'
		);
		await expect(
			attempts.nth( 0 ).locator( '.aifo-attempt-list__reason' )
		).toContainText( `${ feature.provider }/ok+second` );
		await expect(
			attempts.nth( 1 ).locator( '.aifo-attempt-list__outcome' )
		).toHaveText( 'Success' );
		expect(
			await seriousViolations( page, '.components-modal__frame' )
		).toEqual( [] );
	} );
} );
