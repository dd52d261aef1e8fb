<?php
/**
 * The order in which a feature's routes are tried.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Random_Source;

/**
 * Strategies choose an order among the feature's own routes, never others: manual (as
 * configured), balanced (weighted random), capability (the routes that fit the request first:
 * a context window known to hold the prompt and the answer, then unknown windows, then windows
 * known to be too small), adaptive (healthiest first, by a failure score that decays with time,
 * and now and then the demoted route first, as a probe). Routes a private feature may not use
 * (Privacy_Rule), outside the feature's required regions (Region_Rule), lacking a required
 * capability, over the cost ceiling, or on a disabled provider are skipped under every strategy
 * and reported, with the first rule that excluded them. "Prefer lower cost", "prefer local" and
 * then the preferred regions reorder, stably, within that (the last one is the strongest).
 *
 * @since 0.1.0
 */
final class Route_Planner {

	/** Output tokens assumed for cost estimates when the request sets no max_tokens. */
	public const DEFAULT_OUTPUT_TOKENS = 1024;

	/** Share of adaptive runs that try a demoted (but not broken) route first, so it can recover. */
	public const PROBE_SHARE = 0.1;

	/**
	 * @param Random_Source     $random   Randomness (weights, probes).
	 * @param Circuit_Breaker   $breakers Breakers.
	 * @param Route_Health|null $health   Decaying failure scores (adaptive); null ranks by breakers only.
	 */
	public function __construct(
		private readonly Random_Source $random,
		private readonly Circuit_Breaker $breakers,
		private readonly ?Route_Health $health = null,
	) {
	}

	/**
	 * @param Feature_Policy $policy        Policy.
	 * @param list<Route>    $routes        The feature's routes, primary first.
	 * @param int            $input_tokens  Estimated prompt tokens.
	 * @param int            $output_tokens Output tokens to budget for.
	 * @return array{order: list<Route>, skipped: list<array{route: Route, class: Engine_Class, reason: string}>}
	 */
	public function plan( Feature_Policy $policy, array $routes, int $input_tokens, int $output_tokens ): array {
		$order   = array();
		$skipped = array();
		foreach ( $routes as $route ) {
			$undeclared = null === $policy->privacy ? array() : $policy->privacy->missing( $route->provider );
			if ( $undeclared ) {
				// First, and never tried under any strategy: the feature's content must not go there.
				$skipped[] = array(
					'route'  => $route,
					'class'  => Engine_Class::Privacy_Ineligible,
					'reason' => Explainer::privacy_ineligible( $route, $undeclared ),
				);
				continue;
			}
			if ( null !== $policy->regions && ! $policy->regions->allows( $route->provider->region ) ) {
				$skipped[] = array(
					'route'  => $route,
					'class'  => Engine_Class::Region_Excluded,
					'reason' => Explainer::region_excluded( $route, $policy->regions->require ),
				);
				continue;
			}
			if ( ! $route->provider->enabled ) {
				$skipped[] = array(
					'route'  => $route,
					'class'  => Engine_Class::Provider_Disabled,
					'reason' => Explainer::provider_disabled( $route ),
				);
				continue;
			}
			$missing = array_values( array_diff( $policy->requires, $route->capabilities ) );
			if ( $missing ) {
				$skipped[] = array(
					'route'  => $route,
					'class'  => Engine_Class::Capability_Missing,
					'reason' => Explainer::capability_missing( $route, $missing ),
				);
				continue;
			}
			$cost = $route->cost( $input_tokens, $output_tokens );
			if ( $policy->max_cost > 0 && $cost > $policy->max_cost ) {
				$skipped[] = array(
					'route'  => $route,
					'class'  => Engine_Class::Over_Cost_Ceiling,
					'reason' => Explainer::over_cost_ceiling( $cost, $policy->max_cost ),
				);
				continue;
			}
			$order[] = $route;
		}//end foreach

		$order = match ( $policy->strategy ) {
			'balanced' => $this->weighted_shuffle( $order ),
			'adaptive' => $this->by_health( $order ),
			'capability' => self::stable_sort( $order, static fn( Route $r ) => self::fit( $r, $input_tokens + $output_tokens ) ),
			default => $order,
		};
		if ( $policy->prefer_lower_cost ) {
			$order = self::stable_sort( $order, static fn( Route $r ) => $r->cost( $input_tokens, $output_tokens ) );
		}
		if ( $policy->prefer_local ) {
			$order = self::stable_sort( $order, static fn( Route $r ) => $r->provider->is_local() ? 0 : 1 );
		}
		if ( null !== $policy->regions && $policy->regions->prefer ) {
			$regions = $policy->regions;
			$order   = self::stable_sort( $order, static fn( Route $r ) => $regions->rank( $r->provider->region ) );
		}
		return array(
			'order'   => $order,
			'skipped' => $skipped,
		);
	}

	/**
	 * Cheapest first by estimated cost (stable): where a feature near its spend budget goes.
	 *
	 * @param list<Route> $routes        Routes.
	 * @param int         $input_tokens  Estimated prompt tokens.
	 * @param int         $output_tokens Output tokens to budget for.
	 * @return list<Route>
	 */
	public static function cheapest_first( array $routes, int $input_tokens, int $output_tokens ): array {
		return self::stable_sort( $routes, static fn( Route $r ) => $r->cost( $input_tokens, $output_tokens ) );
	}

	/**
	 * Weighted random order (Efraimidis-Spirakis keys: u^(1/w), largest first).
	 *
	 * @param list<Route> $routes Routes.
	 * @return list<Route>
	 */
	private function weighted_shuffle( array $routes ): array {
		$keyed = array();
		foreach ( $routes as $index => $route ) {
			$keyed[] = array( $this->random->next_float() ** ( 1 / max( 1, $route->weight ) ), $index, $route );
		}
		usort( $keyed, static fn( array $a, array $b ) => 0 !== ( $b[0] <=> $a[0] ) ? $b[0] <=> $a[0] : $a[1] <=> $b[1] );
		return array_map( static fn( array $k ) => $k[2], $keyed );
	}

	/**
	 * How well a route fits a request of $tokens: 0 fits, 1 unknown, 2 too small.
	 *
	 * @param Route $route  Route.
	 * @param int   $tokens Prompt plus answer.
	 */
	private static function fit( Route $route, int $tokens ): int {
		if ( $route->context_window <= 0 ) {
			return 1;
		}
		return $route->context_window >= $tokens ? 0 : 2;
	}

	/**
	 * Healthiest first: closed breakers before half-open before open, then by the decaying
	 * failure score (as whole recent failures: once a failure has faded the configured order
	 * comes back). Now and then a demoted route with a closed breaker keeps its
	 * configured place: the probe that lets a recovered primary prove itself.
	 *
	 * @param list<Route> $routes Routes.
	 * @return list<Route>
	 */
	private function by_health( array $routes ): array {
		$rank  = array(
			Circuit_Breaker::CLOSED    => 0,
			Circuit_Breaker::HALF_OPEN => 1,
			Circuit_Breaker::OPEN      => 2,
		);
		$probe = $this->random->next_float() < self::PROBE_SHARE;
		return self::stable_sort(
			$routes,
			function ( Route $r ) use ( $rank, $probe ): int {
				$state = $this->breakers->state( Chain_Runner::route_subject( $r ) );
				if ( null === $this->health ) {
					return $rank[ $state ] * 1000 + min( 999, $this->breakers->failures( Chain_Runner::route_subject( $r ) ) );
				}
				return $rank[ $state ] * 1000 + ( $probe && Circuit_Breaker::CLOSED === $state ? 0 : $this->health->recent_failures( $r->id() ) );
			}
		);
	}

	/**
	 * Sorts by a score, keeping the original order among equals.
	 *
	 * @param list<Route>                  $routes Routes.
	 * @param callable(Route): (int|float) $score  Lower first.
	 * @return list<Route>
	 */
	private static function stable_sort( array $routes, callable $score ): array {
		$keyed = array();
		foreach ( $routes as $index => $route ) {
			$keyed[] = array( $score( $route ), $index, $route );
		}
		usort( $keyed, static fn( array $a, array $b ) => 0 !== ( $a[0] <=> $b[0] ) ? $a[0] <=> $b[0] : $a[1] <=> $b[1] );
		return array_map( static fn( array $k ) => $k[2], $keyed );
	}
}
