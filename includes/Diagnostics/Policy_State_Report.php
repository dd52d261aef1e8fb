<?php
/**
 * Where the spend budgets and the error-rate breakers stand, for Diagnostics.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Clock;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Feature_Runner;
use AI_Failover\Engine\Memory_Spend_Ledger;
use AI_Failover\Engine\Route_Planner;
use AI_Failover\Engine\Spend_Budget;
use AI_Failover\Engine\WP_Spend_Ledger;
use AI_Failover\Features\Feature_Repository;

/**
 * The state of the two policies the engine enforces from shared state: each feature's (and the
 * site's) spend budget for the current day and month, and the error-rate window of every route a
 * feature with an error-rate breaker uses, beside that route's breaker. Everything comes from one
 * read of {$wpdb->prefix}aifo_state (State_Repository::policy_state()), and every verdict from the
 * engine's own rules on those rows: the accounts and periods of Spend_Budget, its status() over a
 * ledger holding what was read (so "downgrading" and "capped" are exactly what the next run would
 * see), Circuit_Breaker::state_of() and Error_Rate_Rule::trips(). The stored features are shown
 * as saved: an `aifo_feature_policy` filter can still change a single request's policy.
 *
 * @since n.e.x.t
 */
final class Policy_State_Report {

	/** The budget states Diagnostics shows, by Spend_Budget level. */
	private const STATES = array(
		Spend_Budget::NORMAL  => 'normal',
		Spend_Budget::NEAR    => 'downgrading',
		Spend_Budget::REACHED => 'capped',
	);

	/** Prompt size the "cheapest first" order is shown for (the engine orders by each request's own estimate). */
	public const TYPICAL_INPUT_TOKENS = 1000;

	public function __construct(
		private readonly Feature_Repository $features,
		private readonly Feature_Runner $runner,
		private readonly Spend_Budget $budget,
		private readonly Circuit_Breaker $breakers,
		private readonly State_Repository $rows,
		private readonly Clock $clock,
	) {
	}

	/**
	 * The report (the `policy-state` schema's shape).
	 *
	 * @return array<string, mixed>
	 */
	public function report(): array {
		$now_ms   = (int) floor( $this->clock->now_ms() );
		$policies = array();
		foreach ( $this->features->all() as $id => $feature ) {
			$policies[ (string) $id ] = array(
				'label'  => (string) ( $feature['label'] ?? $id ),
				'policy' => Feature_Policy::from_array( array( 'id' => (string) $id ) + $feature ),
			);
		}

		$site_limits = $this->budget->site_limits();
		$site        = null !== $site_limits && $site_limits->any() ? $this->budget->periods( 'site', $site_limits ) : array();
		$budgeted    = array();
		$accounts    = array_column( $site, 'account' );
		$rated       = array();
		$starts      = array();
		foreach ( $policies as $id => $entry ) {
			$policy = $entry['policy'];
			if ( null !== $policy->budget && $policy->budget->any() ) {
				$budgeted[ $id ] = $this->budget->periods( 'feature:' . $id, $policy->budget );
				$accounts        = array_merge( $accounts, array_column( $budgeted[ $id ], 'account' ) );
			}
			if ( null !== $policy->error_rate ) {
				$rated[ $id ] = $entry;
				$starts[]     = $policy->error_rate->since_ms( $now_ms );
			}
		}

		$routes = array();
		foreach ( $rated as $id => $entry ) {
			foreach ( $this->runner->routes( $entry['policy'] ) as $route ) {
				$routes[ 'route:' . $route->id() ][] = $id;
			}
		}

		$state = $this->rows->policy_state( array_keys( $routes ), $starts, $accounts );
		$books = new Memory_Spend_Ledger();
		foreach ( $state['spend'] as $account => $row ) {
			$books->accounts[ $account ] = array( $row['spent_micros'], $row['reserved_micros'] );
		}

		$features = array();
		foreach ( $budgeted as $id => $periods ) {
			$features[] = $this->feature_budget( $id, $policies[ $id ]['label'], $policies[ $id ]['policy'], $periods, $site, $books );
		}

		$rate_routes = array();
		foreach ( $routes as $subject => $feature_ids ) {
			$rate_routes[] = $this->rate_route( $subject, $feature_ids, $policies, $state, $now_ms );
		}

		return array(
			'generated_at' => self::iso( intdiv( $now_ms, 1000 ) ),
			'budgets'      => array(
				'site'     => array(
					'periods' => array_map( fn( array $period ): array => $this->period( 'site', $period, $books ), $site ),
				),
				'features' => $features,
			),
			'error_rate'   => array(
				'cooldown_ms'           => $this->breakers->cooldown_ms(),
				'consecutive_threshold' => $this->breakers->threshold(),
				'routes'                => $rate_routes,
			),
		);
	}

	/**
	 * One feature's budget: its own periods, the state its next run starts in (the tightest of its
	 * own and the site's accounts, as Spend_Budget::status() decides), and which routes run then, in
	 * the order the engine tries them (cheapest first once not normal). Once capped only routes
	 * marked to run over budget run (and free ones, while spending is not past the limit: their
	 * reservation of nothing still fits); before that, each attempt still needs its estimate to fit
	 * the room left (`room_usd`), which depends on the request.
	 *
	 * @param string                                                                                                           $id      Feature.
	 * @param string                                                                                                           $label   Label.
	 * @param Feature_Policy                                                                                                   $policy  Policy.
	 * @param list<array{account: string, period: string, limit: float, downgrade_at_pct: int, label: string, resets_at: int}> $periods Own periods.
	 * @param list<array{account: string, period: string, limit: float, downgrade_at_pct: int, label: string, resets_at: int}> $site    Site periods.
	 * @param Memory_Spend_Ledger                                                                                              $books   What was read.
	 * @return array<string, mixed>
	 */
	private function feature_budget( string $id, string $label, Feature_Policy $policy, array $periods, array $site, Memory_Spend_Ledger $books ): array {
		$accounts = $this->budget->accounts( $policy );
		$status   = $this->budget->with_ledger( $books )->status( $accounts );
		$state    = self::STATES[ $status['level'] ] ?? 'normal';
		$room     = PHP_FLOAT_MAX;
		foreach ( $accounts as $account ) {
			$room = min( $room, $account['limit'] - $books->spent( $account['account'] ) );
		}
		$all    = $this->runner->routes( $policy );
		$order  = 'normal' === $state ? $all : Route_Planner::cheapest_first( $all, self::TYPICAL_INPUT_TOKENS, Route_Planner::DEFAULT_OUTPUT_TOKENS );
		$ranks  = array();
		$rank   = 0;
		$routes = array();
		foreach ( $order as $route ) {
			$estimate = $route->cost( self::TYPICAL_INPUT_TOKENS, Route_Planner::DEFAULT_OUTPUT_TOKENS );
			if ( 'capped' !== $state || $route->over_budget || ( 0 === WP_Spend_Ledger::micros( $estimate ) && $room >= 0 ) ) {
				$ranks[ $route->id() ] = ++$rank;
			}
		}
		foreach ( $all as $route ) {
			$routes[] = array(
				'route'              => $route->id(),
				'position'           => $route->role,
				'over_budget'        => $route->over_budget,
				'estimated_cost_usd' => round( $route->cost( self::TYPICAL_INPUT_TOKENS, Route_Planner::DEFAULT_OUTPUT_TOKENS ), 6 ),
				'runs'               => isset( $ranks[ $route->id() ] ),
				'order'              => $ranks[ $route->id() ] ?? null,
			);
		}
		return array(
			'feature'       => $id,
			'label'         => $label,
			'state'         => $state,
			'decided_by'    => 'normal' === $state ? '' : $status['label'],
			'room_usd'      => max( 0.0, round( $room, 6 ) ),
			'periods'       => array_map( fn( array $period ): array => $this->period( 'feature', $period, $books ), $periods ),
			'site_counts'   => (bool) $site,
			'routes'        => $routes,
			'typical_input' => self::TYPICAL_INPUT_TOKENS,
		);
	}

	/**
	 * One period of one account, from the ledger the engine reserves against.
	 *
	 * @param string                                                                                                     $scope  "feature" or "site".
	 * @param array{account: string, period: string, limit: float, downgrade_at_pct: int, label: string, resets_at: int} $period Period.
	 * @param Memory_Spend_Ledger                                                                                        $books  What was read.
	 * @return array<string, mixed>
	 */
	private function period( string $scope, array $period, Memory_Spend_Ledger $books ): array {
		$row   = $books->accounts[ $period['account'] ] ?? array( 0, 0 );
		$spent = $books->spent( $period['account'] );
		return array(
			'scope'            => $scope,
			'period'           => $period['period'],
			'account'          => $period['account'],
			'spent_usd'        => $spent,
			'reserved_usd'     => $row[1] / 1000000,
			'limit_usd'        => $period['limit'],
			'downgrade_at_pct' => $period['downgrade_at_pct'],
			'downgrade_at_usd' => round( $period['limit'] * $period['downgrade_at_pct'] / 100, 6 ),
			'state'            => self::STATES[ Spend_Budget::level( $spent, $period['limit'], $period['downgrade_at_pct'] ) ],
			'resets_at'        => self::iso( $period['resets_at'] ),
		);
	}

	/**
	 * One route's breaker, with the error-rate window of every feature rule that watches it.
	 *
	 * @param string                                                                                                                                                                                                                         $subject     "route:provider/model".
	 * @param list<string>                                                                                                                                                                                                                   $feature_ids Features with a rule that use it.
	 * @param array<string, array{label: string, policy: Feature_Policy}>                                                                                                                                                                    $policies    Features.
	 * @param array{breakers: array<string, array{state: string, failures: int, opened_at: int, probe_until: int, opened_by: string}>, windows: array<string, array<int, array{requests: int, failures: int}>>, spend: array<string, mixed>} $state What was read.
	 * @param int                                                                                                                                                                                                                            $now_ms      Now.
	 * @return array<string, mixed>
	 */
	private function rate_route( string $subject, array $feature_ids, array $policies, array $state, int $now_ms ): array {
		$row     = $state['breakers'][ $subject ] ?? null;
		$stored  = null === $row ? Circuit_Breaker::CLOSED : $row['state'];
		$opened  = null === $row ? 0 : $row['opened_at'];
		$breaker = Circuit_Breaker::state_of( $stored, $opened, $now_ms, $this->breakers->cooldown_ms() );
		$rules   = array();
		foreach ( array_values( array_unique( $feature_ids ) ) as $id ) {
			$rule = $policies[ $id ]['policy']->error_rate;
			if ( null === $rule ) {
				continue;
			}
			$window  = $state['windows'][ Circuit_Breaker::window_subject( $subject ) ][ $rule->since_ms( $now_ms ) ] ?? array(
				'requests' => 0,
				'failures' => 0,
			);
			$rules[] = array(
				'feature'       => $id,
				'label'         => $policies[ $id ]['label'],
				'window_s'      => intdiv( $rule->window_ms, 1000 ),
				'threshold_pct' => $rule->percent,
				'min_requests'  => $rule->min_requests,
				'requests'      => $window['requests'],
				'failures'      => $window['failures'],
				'rate'          => $window['requests'] > 0 ? round( $window['failures'] / $window['requests'], 4 ) : 0.0,
				'trips'         => $rule->trips( $window['requests'], $window['failures'] ),
			);
		}//end foreach
		$open     = Circuit_Breaker::CLOSED !== $breaker;
		$by       = null === $row ? '' : $row['opened_by'];
		$in_probe = $open && null !== $row && $row['probe_until'] > $now_ms;
		return array(
			'route'                => substr( $subject, strlen( 'route:' ) ),
			'breaker'              => $breaker,
			'consecutive_failures' => null === $row ? 0 : $row['failures'],
			'opened_at'            => $open ? self::iso( intdiv( $opened, 1000 ) ) : null,
			'next_probe_at'        => $open ? self::iso( intdiv( $opened + $this->breakers->cooldown_ms(), 1000 ) ) : null,
			'probe_in_flight'      => $in_probe,
			'opened_by'            => $open ? ( in_array( $by, array( Circuit_Breaker::BY_CONSECUTIVE, Circuit_Breaker::BY_ERROR_RATE ), true ) ? $by : 'unknown' ) : null,
			'rules'                => $rules,
		);
	}

	/**
	 * Unix seconds as ISO 8601 UTC.
	 *
	 * @param int $unix Unix time.
	 */
	private static function iso( int $unix ): string {
		return gmdate( 'Y-m-d\TH:i:s\Z', $unix );
	}
}
