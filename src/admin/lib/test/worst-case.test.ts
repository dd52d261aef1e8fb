/**
 * Internal dependencies
 */
import { newFeatureForm } from '../../hooks/use-feature-form';
import { worstCase } from '../worst-case';

describe( 'worstCase', () => {
	it( 'adds attempt timeouts and backoff delays of every route', () => {
		const form = newFeatureForm();
		form.retry = {
			attempts_per_route: '3',
			base_delay_ms: '500',
			max_delay_ms: '800',
			total_budget_ms: '60000',
		};
		form.timeouts = { ...form.timeouts, total_ms: '5000' };
		form.fallbacks = [
			{ provider_id: 'b', model: 'm', weight: '1', over_budget: false },
		];

		// Per route: 3 x 5000 + 500 + min(1000, 800) = 16300; two routes.
		expect( worstCase( form ) ).toEqual( {
			routes: 2,
			attempts: 6,
			longestMs: 32600,
			boundByBudget: false,
			highestCost: null,
		} );
	} );

	it( 'is cut by the total time budget, and the cost by the ceiling', () => {
		const form = newFeatureForm();
		form.max_cost_per_request = '0.01';
		// Defaults: 2 attempts x 25000 + 500 = 50500 > budget 30000.
		expect( worstCase( form ) ).toEqual( {
			routes: 1,
			attempts: 2,
			longestMs: 30000,
			boundByBudget: true,
			highestCost: 0.02,
		} );
	} );

	it( 'says nothing while a number does not parse', () => {
		const form = newFeatureForm();
		form.timeouts = { ...form.timeouts, total_ms: '' };
		expect( worstCase( form ) ).toBeNull();
	} );
} );
