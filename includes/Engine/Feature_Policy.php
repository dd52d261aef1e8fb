<?php
/**
 * A feature's policy with the engine's bounds enforced.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Error_Class;

/**
 * Built from a stored feature (or one a filter adjusted). Whatever the input says, the bounds
 * hold: at most 3 attempts per route, at most 60 s in all, at most 5 fallbacks, and the classes
 * that may never fall back cannot be switched on.
 *
 * @since 0.1.0
 */
final class Feature_Policy {

	public const MAX_ATTEMPTS_PER_ROUTE = 3;
	public const MAX_BUDGET_MS          = 60000;
	public const MAX_FALLBACKS          = 5;

	/**
	 * @param string                                                                          $id                   Feature id.
	 * @param string                                                                          $label                Label.
	 * @param array{provider_id: string, model: string, weight: int, over_budget: bool}       $primary Primary route.
	 * @param list<array{provider_id: string, model: string, weight: int, over_budget: bool}> $fallbacks Fallback routes.
	 * @param array<string, bool>                                                             $triggers             Class => may fall back.
	 * @param int                                                                             $attempts_per_route   Attempts per route.
	 * @param int                                                                             $base_delay_ms        Backoff base.
	 * @param int                                                                             $max_delay_ms         Backoff cap.
	 * @param int                                                                             $budget_ms            Whole-request budget.
	 * @param int                                                                             $connect_ms           Connect timeout.
	 * @param int                                                                             $first_byte_ms        First-byte timeout.
	 * @param int                                                                             $attempt_ms           Per-attempt timeout.
	 * @param list<string>                                                                    $requires             Required capabilities.
	 * @param string                                                                          $strategy             manual, balanced, capability or adaptive.
	 * @param bool                                                                            $prefer_local         Local routes first.
	 * @param bool                                                                            $prefer_lower_cost    Cheaper routes first.
	 * @param float                                                                           $max_cost             USD ceiling per request, 0 = none.
	 * @param string                                                                          $degraded_notice      Notice for degraded answers.
	 * @param bool                                                                            $retry_timeouts       Retry a timeout on the same route even when a fallback is ready.
	 * @param Error_Rate_Rule|null                                                            $error_rate           Opens a route's breaker on a failure share; null: consecutive failures only.
	 * @param Budget_Limits|null                                                              $budget               Spend limits per day and month; null: none.
	 * @param bool                                                                            $notice_required      A degraded answer must show the degraded notice (paid tiers).
	 * @param list<string>                                                                    $fallback_roles       Roles whose requests may be served by a fallback route; empty: everyone's.
	 * @param Privacy_Rule|null                                                               $privacy              Data-handling flags every route must declare; null: not private.
	 * @param Region_Rule|null                                                                $regions              Required and preferred regions; null: any, in the configured order.
	 * @param array<string, mixed>                                                            $quality              Output checks every answer must pass (Output_Checks), before the request's own.
	 * @param Latency_Rule|null                                                               $latency              Slow routes (p95 over a threshold) tried after the others or skipped; null: off.
	 * @param Throughput_Rule|null                                                            $throughput           Minimum stream throughput, probed before a stream is committed; null: off.
	 */
	public function __construct(
		public readonly string $id,
		public readonly string $label,
		public readonly array $primary,
		public readonly array $fallbacks,
		public readonly array $triggers,
		public readonly int $attempts_per_route,
		public readonly int $base_delay_ms,
		public readonly int $max_delay_ms,
		public readonly int $budget_ms,
		public readonly int $connect_ms,
		public readonly int $first_byte_ms,
		public readonly int $attempt_ms,
		public readonly array $requires = array(),
		public readonly string $strategy = 'manual',
		public readonly bool $prefer_local = false,
		public readonly bool $prefer_lower_cost = false,
		public readonly float $max_cost = 0.0,
		public readonly string $degraded_notice = '',
		public readonly bool $retry_timeouts = false,
		public readonly ?Error_Rate_Rule $error_rate = null,
		public readonly ?Budget_Limits $budget = null,
		public readonly bool $notice_required = false,
		public readonly array $fallback_roles = array(),
		public readonly ?Privacy_Rule $privacy = null,
		public readonly ?Region_Rule $regions = null,
		public readonly array $quality = array(),
		public readonly ?Latency_Rule $latency = null,
		public readonly ?Throughput_Rule $throughput = null,
	) {
	}

	/**
	 * From a feature array (the feature schema's shape), clamped to the bounds.
	 *
	 * @param array<string, mixed> $feature Feature.
	 */
	public static function from_array( array $feature ): self {
		$route    = static fn( $r ): array => array(
			'provider_id' => (string) ( is_array( $r ) ? ( $r['provider_id'] ?? '' ) : '' ),
			'model'       => (string) ( is_array( $r ) ? ( $r['model'] ?? '' ) : '' ),
			'weight'      => max( 1, (int) ( is_array( $r ) ? ( $r['weight'] ?? 1 ) : 1 ) ),
			'over_budget' => is_array( $r ) && ! empty( $r['over_budget'] ),
		);
		$triggers = array();
		foreach ( (array) ( $feature['triggers'] ?? array() ) as $class => $allowed ) {
			$known = Decision_Table::class_of( (string) $class );
			if ( null !== $known ) {
				// The table has the last word: a class that may never fall back cannot be switched on.
				$triggers[ $known->value ] = Fallback_Rule::If_Allowed === Decision_Table::rule( $known )->fallback && (bool) $allowed;
			}
		}
		$retry    = (array) ( $feature['retry'] ?? array() );
		$timeouts = (array) ( $feature['timeouts'] ?? array() );
		$budget   = self::clamp( (int) ( $retry['total_budget_ms'] ?? 30000 ), 1000, self::MAX_BUDGET_MS );
		$attempt  = self::clamp( (int) ( $timeouts['total_ms'] ?? 25000 ), 500, $budget );
		return new self(
			(string) ( $feature['id'] ?? '' ),
			(string) ( $feature['label'] ?? '' ),
			$route( $feature['primary'] ?? array() ),
			array_slice( array_map( $route, array_values( (array) ( $feature['fallbacks'] ?? array() ) ) ), 0, self::MAX_FALLBACKS ),
			$triggers,
			self::clamp( (int) ( $retry['attempts_per_route'] ?? 2 ), 1, self::MAX_ATTEMPTS_PER_ROUTE ),
			self::clamp( (int) ( $retry['base_delay_ms'] ?? 500 ), 0, 10000 ),
			self::clamp( (int) ( $retry['max_delay_ms'] ?? 4000 ), 0, 30000 ),
			$budget,
			self::clamp( (int) ( $timeouts['connect_ms'] ?? 5000 ), 100, $attempt ),
			self::clamp( (int) ( $timeouts['first_byte_ms'] ?? 15000 ), 100, $attempt ),
			$attempt,
			array_values( array_map( 'strval', (array) ( $feature['requires'] ?? array() ) ) ),
			(string) ( $feature['strategy'] ?? 'manual' ),
			(bool) ( $feature['prefer_local'] ?? false ),
			(bool) ( $feature['prefer_lower_cost'] ?? false ),
			max( 0.0, (float) ( $feature['max_cost_per_request'] ?? 0 ) ),
			(string) ( $feature['degraded_notice'] ?? '' ),
			(bool) ( $feature['retry_timeouts'] ?? false ),
			Error_Rate_Rule::from_array( $feature['error_rate_breaker'] ?? null ),
			Budget_Limits::from_array( $feature['budget'] ?? null ),
			! empty( $feature['tier']['notice_required'] ),
			array_values( array_map( 'strval', (array) ( $feature['tier']['fallback_roles'] ?? array() ) ) ),
			Privacy_Rule::from_array( ( (array) ( $feature['routing'] ?? array() ) )['privacy'] ?? null ),
			Region_Rule::from_array( ( (array) ( $feature['routing'] ?? array() ) )['regions'] ?? null ),
			self::quality( ( (array) ( $feature['routing'] ?? array() ) )['quality'] ?? null ),
			Latency_Rule::from_array( ( (array) ( $feature['routing'] ?? array() ) )['latency'] ?? null ),
			Throughput_Rule::from_array( ( (array) ( $feature['routing'] ?? array() ) )['throughput'] ?? null )
		);
	}

	/**
	 * The feature's stored quality rules as Output_Checks checks: only those switched on.
	 *
	 * @param mixed $value The feature's `routing.quality`.
	 * @return array<string, mixed>
	 */
	public static function quality( mixed $value ): array {
		$value  = is_array( $value ) ? $value : array();
		$checks = array();
		if ( ! empty( $value['non_empty'] ) ) {
			$checks['non_empty'] = true;
		}
		if ( (int) ( $value['min_length'] ?? 0 ) > 0 ) {
			$checks['min_length'] = (int) $value['min_length'];
		}
		if ( is_string( $value['regex'] ?? null ) && '' !== $value['regex'] ) {
			$checks['regex'] = $value['regex'];
		}
		if ( ! empty( $value['json'] ) ) {
			$checks['json'] = true;
		}
		return $checks;
	}

	/**
	 * Whether a failure of this class may move the request to the next route: the decision
	 * table's fallback column, and for the classes it leaves to the feature, the feature's
	 * trigger (the table's default when the feature does not say).
	 *
	 * @param Error_Class|Engine_Class|string $class Class or its value.
	 */
	public function may_fall_back( Error_Class|Engine_Class|string $class ): bool {
		$class = is_string( $class ) ? Decision_Table::class_of( $class ) : $class;
		if ( null === $class ) {
			return false;
		}
		$rule = Decision_Table::rule( $class );
		return match ( $rule->fallback ) {
			Fallback_Rule::Always => true,
			Fallback_Rule::Never => false,
			Fallback_Rule::If_Allowed => $this->triggers[ $class->value ] ?? $rule->default_trigger,
		};
	}

	/**
	 * Why this request may not be served by a fallback route (the feature reserves fallbacks
	 * for some roles and the caller has none of them), or '' when it may. A request that says
	 * nothing of its caller's roles (null: the engine used directly, not a feature run) may.
	 *
	 * @since n.e.x.t
	 *
	 * @param list<string>|null $roles The caller's roles.
	 */
	public function fallback_reserved( ?array $roles ): string {
		if ( ! $this->fallback_roles || null === $roles || array_intersect( $this->fallback_roles, $roles ) ) {
			return '';
		}
		return Explainer::fallback_reserved( $this->fallback_roles );
	}

	/**
	 * @param int $value Value.
	 * @param int $min   Minimum.
	 * @param int $max   Maximum.
	 */
	private static function clamp( int $value, int $min, int $max ): int {
		return max( $min, min( $max, $value ) );
	}
}
