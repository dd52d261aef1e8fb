/**
 * Internal dependencies
 */
import type { FeatureForm } from '../hooks/use-feature-form';

export type WorstCase = {
	/** Routes that may be tried: the primary and every fallback. */
	routes: number;
	/** Attempts the engine may make, every route used up. */
	attempts: number;
	/** Longest a request can take, in ms: the routes' sum, cut by the budget. */
	longestMs: number;
	/** Whether the total time budget is what bounds the time. */
	boundByBudget: boolean;
	/**
	 * Highest estimated cost in US$: each attempt at most the ceiling; null
	 * without a ceiling (the feature does not bound it).
	 */
	highestCost: number | null;
};

/**
 * The worst a feature's bounds allow: every route fails slowly, each
 * attempt up to its timeout, with the full backoff between retries, until
 * the total time budget stops the request. Null while a number does not
 * parse (the form shows that error instead).
 *
 * @param form Form values.
 * @return Worst case.
 */
export function worstCase( form: FeatureForm ): WorstCase | null {
	const num = ( text: string ) => Number( text.trim() || NaN );
	const attemptsPerRoute = num( form.retry.attempts_per_route );
	const base = num( form.retry.base_delay_ms );
	const maxDelay = num( form.retry.max_delay_ms );
	const budget = num( form.retry.total_budget_ms );
	const attemptMs = num( form.timeouts.total_ms );
	const ceiling = num( form.max_cost_per_request );
	if (
		! [
			attemptsPerRoute,
			base,
			maxDelay,
			budget,
			attemptMs,
			ceiling,
		].every( Number.isFinite )
	) {
		return null;
	}
	let routeMs = attemptsPerRoute * attemptMs;
	for ( let retry = 0; retry < attemptsPerRoute - 1; retry++ ) {
		routeMs += Math.min( base * 2 ** retry, maxDelay );
	}
	const routes = 1 + form.fallbacks.length;
	const attempts = routes * attemptsPerRoute;
	const unbounded = routes * routeMs;
	return {
		routes,
		attempts,
		longestMs: Math.min( unbounded, budget ),
		boundByBudget: budget < unbounded,
		highestCost: ceiling > 0 ? attempts * ceiling : null,
	};
}
