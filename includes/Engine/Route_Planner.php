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
 * configured), balanced (weighted random), capability (as configured, minus routes lacking a
 * required capability), adaptive (healthiest first). Routes lacking a required capability, over
 * the cost ceiling, or on a disabled provider are skipped under every strategy and reported.
 * "Prefer local" and "prefer lower cost" then reorder, stably, within that.
 *
 * @since 0.1.0
 */
final class Route_Planner {

	/** Output tokens assumed for cost estimates when the request sets no max_tokens. */
	public const DEFAULT_OUTPUT_TOKENS = 1024;

	public function __construct(
		private readonly Random_Source $random,
		private readonly Circuit_Breaker $breakers,
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
			default => $order,
		};
		if ( $policy->prefer_lower_cost ) {
			$order = self::stable_sort( $order, static fn( Route $r ) => $r->cost( $input_tokens, $output_tokens ) );
		}
		if ( $policy->prefer_local ) {
			$order = self::stable_sort( $order, static fn( Route $r ) => $r->provider->is_local() ? 0 : 1 );
		}
		return array(
			'order'   => $order,
			'skipped' => $skipped,
		);
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
	 * Healthiest first: closed breakers before half-open before open, then fewer recent failures.
	 *
	 * @param list<Route> $routes Routes.
	 * @return list<Route>
	 */
	private function by_health( array $routes ): array {
		$rank = array(
			Circuit_Breaker::CLOSED    => 0,
			Circuit_Breaker::HALF_OPEN => 1,
			Circuit_Breaker::OPEN      => 2,
		);
		return self::stable_sort(
			$routes,
			fn( Route $r ) => $rank[ $this->breakers->state( 'route:' . $r->id() ) ] * 1000 + min( 999, $this->breakers->failures( 'route:' . $r->id() ) )
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
