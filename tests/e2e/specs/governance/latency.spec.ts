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
	runAgain,
	saveFeature,
	testRun,
} from '../../utils/features';

const FEATURE_ID = 'e2e-latency';
const FEATURE_LABEL = 'E2E latency';

test.describe( 'the latency rule in the feature form', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'slow-400',
		fallback: 'ok+fast',
	} );

	test( 'a route slower than the threshold is left out of the next run', async ( {
		page,
	} ) => {
		let form = await editFeature( page, FEATURE_LABEL );
		let latency = form.getByRole( 'group', { name: 'Latency' } );
		await expect( latency ).toContainText(
			'Off: routes are tried in their order however slow they are'
		);
		await latency.getByLabel( 'Move away from slow routes' ).check();

		// Typed key by key, as an admin does: the field keeps what is typed.
		const threshold = latency.getByLabel(
			'Slow above (p95, milliseconds)'
		);
		await threshold.selectText();
		await threshold.pressSequentially( '2500' );
		await expect( threshold ).toHaveValue( '2500' );

		// Under the minimum: a field error at save, and the typed value stays.
		await threshold.fill( '50' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		await expect( latency.locator( '.aifo-field-error' ) ).toHaveText(
			'Enter a whole number from 100 to 120000.'
		);
		await expect( threshold ).toHaveAttribute( 'aria-invalid', 'true' );
		await expect( threshold ).toBeFocused();
		await expect( threshold ).toHaveValue( '50' );
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);

		await threshold.fill( '200' );
		await latency.getByLabel( 'Over the last (seconds)' ).fill( '60' );
		await latency.getByLabel( 'Counted from (requests)' ).fill( '1' );
		await latency.getByLabel( 'Probe every (seconds)' ).fill( '120' );
		await latency
			.getByLabel( 'A slow route is' )
			.selectOption( 'Left out until it recovers' );
		const explanation =
			'slow-400 → ok+fast when latency > 0.2 s: when more than 5 % of a route’s requests in the last 60 s took longer than 0.2 s (its p95 is over 0.2 s; counted from 1 request on), the route is left out. Every 120 s one request (never two at a time) tries it in its place: if that probe is fast, the route is back.';
		await expect(
			latency.locator( '.aifo-feature-form__hint' )
		).toContainText( explanation );
		await saveFeature( form );

		form = await editFeature( page, FEATURE_LABEL );
		latency = form.getByRole( 'group', { name: 'Latency' } );
		await expect(
			latency.getByLabel( 'Move away from slow routes' )
		).toBeChecked();
		await expect(
			latency.getByLabel( 'Slow above (p95, milliseconds)' )
		).toHaveValue( '200' );
		await expect( latency.getByLabel( 'A slow route is' ) ).toHaveValue(
			'skip'
		);
		await expect(
			latency.locator( '.aifo-feature-form__hint' )
		).toContainText( explanation );
		await form.getByRole( 'button', { name: 'Cancel' } ).click();

		// The first run is served slowly by the primary and fills its window...
		const dialog = await testRun( page, FEATURE_LABEL );
		// The fake provider's slow-400 answers after 400 ms.
		const slow = `${ feature.provider }/slow-400`;
		const fast = `${ feature.provider }/ok+fast`;
		const routes = dialog.locator( '.aifo-attempt-list__route' );
		await expect( routes ).toHaveText( [ slow ] );
		// ...so the next one leaves it out.
		await runAgain( dialog );
		await expect( routes ).toHaveText( [ slow, fast ] );
		const skipped = dialog.locator( '.aifo-attempt-list__item' ).first();
		await expect(
			skipped.locator( '.aifo-attempt-list__outcome' )
		).toHaveText( 'Skipped' );
		await expect( skipped ).toContainText( 'Error classlatency_demoted' );
		await expect(
			skipped.locator( '.aifo-attempt-list__reason' )
		).toHaveText(
			`p95 over 0.2 s over the last 60 s (1 of 1 request, 100.0 %, took longer than 0.2 s; a p95 allows 5 %): skipped, moving on to ${ fast }, until a probe shows it is fast again.`
		);
		await expect(
			dialog.locator( '.aifo-feature-run__served-by' )
		).toHaveText( /\/ ok\+fast$/ );
	} );
} );
