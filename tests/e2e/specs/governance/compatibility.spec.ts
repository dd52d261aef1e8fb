/**
 * External dependencies
 */
import { expect, test } from '@playwright/test';

/**
 * Internal dependencies
 */
import { seriousViolations } from '../../utils/axe';
import {
	deleteAll,
	editFeature,
	FAKE_PROVIDER,
	fakeProviderFeature,
	saveFeature,
} from '../../utils/features';
import { rest } from '../../utils/wp';

const FEATURE_ID = 'e2e-compatibility';
const FEATURE_LABEL = 'E2E compatibility';
const FEATURE_ROUTE = `/ai-failover/v1/features/${ FEATURE_ID }`;

test.describe( 'compatibility in the feature form', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'ok+first',
		fallback: 'ok+second',
	} );
	// A second provider on the fake one, declared of another API family.
	const other = `e2e-claude-${ Date.now().toString( 36 ) }`;

	test.afterEach( async ( { page } ) => {
		await deleteAll( page, [ `/ai-failover/v1/providers/${ other }` ] );
	} );

	test( 'a cross-family fallback is refused at save unless allowed, with the tone and style caveat', async ( {
		page,
	} ) => {
		const created = await rest( page, 'POST', '/ai-failover/v1/providers', {
			id: other,
			label: other,
			preset: 'custom',
			base_url: `${ FAKE_PROVIDER }/v1`,
			allow_private_network: true,
			api_family: 'anthropic',
		} );
		expect( created.status, JSON.stringify( created.body ) ).toBe( 201 );

		let form = await editFeature( page, FEATURE_LABEL );
		let compatibility = form.getByRole( 'group', {
			name: 'Compatibility',
		} );
		await expect( compatibility ).toContainText(
			'Checked when you save: a fallback of another API family than the primary'
		);
		const caveat = compatibility.locator(
			'.aifo-feature-form__caveat .components-notice__content'
		);
		await expect( caveat ).toHaveCount( 0 );

		// The fallback moves to the other family: the caveat says so at once.
		const fallbackProvider = form
			.locator( '.aifo-feature-form__fallback' )
			.getByLabel( 'Provider' );
		await fallbackProvider.selectOption( other );
		await expect( caveat ).toHaveText(
			'Tone and style may change after a cross-family fallback: the primary is of the openai family, and fallback 1 (anthropic) of another. The same prompt can give a differently worded, longer or shorter answer.'
		);

		// Not allowed: refused at the fallback's provider, the choice kept.
		feature.errors.expect( /status of 400/, new RegExp( FEATURE_ROUTE ) );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		const fallback = form.locator( '.aifo-feature-form__fallback' );
		await expect( fallback.locator( '.aifo-field-error' ) ).toHaveText(
			`${ other } (ok+second) is of the anthropic API family and the primary of openai: after a cross-family fallback, answers may change in tone and style. Allow cross-family fallbacks under Compatibility, or choose a route of the same family.`
		);
		await expect( fallbackProvider ).toHaveAttribute(
			'aria-invalid',
			'true'
		);
		await expect( fallbackProvider ).toHaveAccessibleDescription(
			/is of the anthropic API family/
		);
		await expect( fallbackProvider ).toHaveValue( other );
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);

		await compatibility
			.getByLabel( 'Allow fallbacks of another API family' )
			.check();
		await saveFeature( form );

		// Kept: the saved feature's form shows the fallback, the switch and the caveat.
		form = await editFeature( page, FEATURE_LABEL );
		compatibility = form.getByRole( 'group', { name: 'Compatibility' } );
		await expect(
			compatibility.getByLabel( 'Allow fallbacks of another API family' )
		).toBeChecked();
		await expect(
			form
				.locator( '.aifo-feature-form__fallback' )
				.getByLabel( 'Provider' )
		).toHaveValue( other );
		await expect(
			compatibility.locator( '.aifo-feature-form__caveat' )
		).toContainText( 'fallback 1 (anthropic)' );
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);
		await form.getByRole( 'button', { name: 'Cancel' } ).click();

		const stored = await rest( page, 'GET', FEATURE_ROUTE );
		expect( stored.body ).toMatchObject( {
			fallbacks: [ { provider_id: other, model: 'ok+second' } ],
			routing: { compatibility: { allow_cross_family: true } },
		} );
	} );
} );
