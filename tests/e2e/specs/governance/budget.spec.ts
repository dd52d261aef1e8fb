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
import { rest } from '../../utils/wp';

const FEATURE_ID = 'e2e-budget';
const FEATURE_LABEL = 'E2E budget';
const FEATURE_ROUTE = `/ai-failover/v1/features/${ FEATURE_ID }`;

test.describe( 'spend budget and error-rate breaker in the feature form', () => {
	const feature = fakeProviderFeature( {
		id: FEATURE_ID,
		label: FEATURE_LABEL,
		primary: 'ok+first',
		fallback: 'ok+second',
	} );

	test( 'a budget and a failure-rate breaker are set, refused when out of range, kept and explained', async ( {
		page,
	} ) => {
		let form = await editFeature( page, FEATURE_LABEL );
		let budget = form.getByRole( 'group', { name: 'Spend budget' } );
		let breaker = form.getByRole( 'group', {
			name: 'Error-rate breaker',
		} );
		await expect( budget.locator( '.aifo-feature-form__hint' ) ).toHaveText(
			'No limit: 0 for both. The site-wide limits (Settings) still apply.'
		);
		await expect(
			breaker.locator( '.aifo-feature-form__hint' )
		).toHaveText( /^Off: a route’s circuit breaker opens only after 5/ );

		// Out of range in both: refused at each field, what was typed kept.
		feature.errors.expect( /status of 400/, new RegExp( FEATURE_ROUTE ) );
		await budget.getByLabel( 'Daily limit (US$)' ).fill( '2.5' );
		await budget.getByLabel( 'Monthly limit (US$)' ).fill( '40' );
		const downgrade = budget.getByLabel( 'Cheaper routes first from (%)' );
		await downgrade.fill( '150' );
		await breaker
			.getByLabel( 'Open a route’s breaker on its failure rate' )
			.check();
		const windowSeconds = breaker.getByLabel( 'Window (seconds)' );
		await windowSeconds.fill( '5' );
		await form.getByRole( 'button', { name: 'Save feature' } ).click();
		for ( const [ field, error ] of [
			[ downgrade, 'Enter a whole number from 1 to 100.' ],
			[ windowSeconds, 'Enter a whole number from 10 to 600.' ],
		] as const ) {
			await expect( field ).toHaveAttribute( 'aria-invalid', 'true' );
			await expect( field ).toHaveAccessibleDescription( error );
		}
		await expect( downgrade ).toHaveValue( '150' );
		await expect( windowSeconds ).toHaveValue( '5' );
		await expect( budget.getByLabel( 'Daily limit (US$)' ) ).toHaveValue(
			'2.5'
		);
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);

		await downgrade.fill( '80' );
		await windowSeconds.fill( '60' );
		await breaker.getByLabel( 'Failure share (%)' ).fill( '10' );
		await breaker.getByLabel( 'Minimum requests' ).fill( '20' );
		await budget
			.getByLabel( `${ feature.provider }/ok+second may run over budget` )
			.check();
		await expect( budget.locator( '.aifo-feature-form__hint' ) ).toHaveText(
			/^Counted from the cost of every attempt, fallbacks included, .* From 80 % of a limit the cheapest routes go first; an attempt that would pass a limit is skipped/
		);
		await expect(
			breaker.locator( '.aifo-feature-form__hint' )
		).toHaveText(
			'When at least 10 % of the requests to one of this feature’s routes fail within 60 s, counted once there are 20 of them, the route’s circuit breaker opens: the route is skipped for 30 s, then one probe request at a time tests it. Each opening is explained in the run’s attempts and logged.'
		);
		await saveFeature( form );

		// Kept: the saved feature's form shows it all again.
		form = await editFeature( page, FEATURE_LABEL );
		budget = form.getByRole( 'group', { name: 'Spend budget' } );
		breaker = form.getByRole( 'group', { name: 'Error-rate breaker' } );
		await expect( budget.getByLabel( 'Daily limit (US$)' ) ).toHaveValue(
			'2.5'
		);
		await expect( budget.getByLabel( 'Monthly limit (US$)' ) ).toHaveValue(
			'40'
		);
		await expect(
			budget.getByLabel(
				`${ feature.provider }/ok+second may run over budget`
			)
		).toBeChecked();
		await expect(
			budget.getByLabel(
				`${ feature.provider }/ok+first may run over budget`
			)
		).not.toBeChecked();
		await expect(
			breaker.getByLabel( 'Open a route’s breaker on its failure rate' )
		).toBeChecked();
		await expect(
			breaker.locator( '.aifo-feature-form__hint' )
		).toContainText( 'When at least 10 % of the requests' );
		expect( await seriousViolations( page, '.aifo-feature-form' ) ).toEqual(
			[]
		);
		await form.getByRole( 'button', { name: 'Cancel' } ).click();

		const stored = await rest( page, 'GET', FEATURE_ROUTE );
		expect( stored.body ).toMatchObject( {
			budget: { daily_usd: 2.5, monthly_usd: 40, downgrade_at_pct: 80 },
			error_rate_breaker: {
				enabled: true,
				percent: 10,
				min_requests: 20,
				window_s: 60,
			},
			fallbacks: [ { over_budget: true } ],
		} );
	} );
} );
