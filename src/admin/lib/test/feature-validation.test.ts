/**
 * Internal dependencies
 */
import { FEATURE } from '../../test-utils';
import { validateFeature } from '../feature-validation';

describe( 'validateFeature', () => {
	it( 'should name a typed role that is no role slug, in plain words', () => {
		const errors = validateFeature( {
			...FEATURE,
			access: { ...FEATURE.access, roles: [ 'editor', 'Gold' ] },
			tier: { ...FEATURE.tier, fallback_roles: [ 'gold member' ] },
		} );
		const slug = ( typed: string ) =>
			`"${ typed }" is not a role slug: use the slug the role’s plugin registers (lowercase letters, digits, dashes and underscores, such as premium_member).`;
		expect( errors[ 'access.roles[1]' ] ).toBe( slug( 'Gold' ) );
		expect( errors[ 'tier.fallback_roles[0]' ] ).toBe(
			slug( 'gold member' )
		);
	} );

	it( 'should say the range of a budget and an error-rate breaker number in words', () => {
		const errors = validateFeature( {
			...FEATURE,
			budget: { daily_usd: -1, monthly_usd: 40, downgrade_at_pct: 150 },
			error_rate_breaker: {
				enabled: true,
				percent: 0,
				min_requests: 20,
				window_s: 5,
			},
		} );
		expect( errors[ 'budget.daily_usd' ] ).toBe(
			'Enter an amount from 0 to 1000000 US$.'
		);
		expect( errors[ 'budget.downgrade_at_pct' ] ).toBe(
			'Enter a whole number from 1 to 100.'
		);
		expect( errors[ 'error_rate_breaker.percent' ] ).toBe(
			'Enter a number from 0.1 to 100.'
		);
		expect( errors[ 'error_rate_breaker.window_s' ] ).toBe(
			'Enter a whole number from 10 to 600.'
		);
	} );

	it( 'should say the range of a routing policy number, and refuse an empty one', () => {
		const latency = ( thresholdMs: number ) =>
			validateFeature( {
				...FEATURE,
				routing: {
					...FEATURE.routing,
					latency: {
						...FEATURE.routing.latency,
						threshold_ms: thresholdMs,
					},
				},
			} )[ 'routing.latency.threshold_ms' ];
		expect( latency( 50 ) ).toBe(
			'Enter a whole number from 100 to 120000.'
		);
		expect( latency( Number.NaN ) ).toBe(
			'Enter a whole number from 100 to 120000.'
		);
		expect( latency( 2500 ) ).toBeUndefined();
	} );
} );
