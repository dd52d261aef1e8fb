<?php
/**
 * How well each route has done lately, for the adaptive strategy.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\State_Store;

/**
 * A failure score per route that halves every HALF_LIFE_MS: a failure adds 1, a success halves
 * what is left. A route that failed once is demoted for a couple of minutes, not for good (the
 * breaker's consecutive count only resets on a success, which a demoted route never gets).
 *
 * The score is a ranking hint, not a count anyone acts on, so a lost update between two
 * workers only shifts an order a little; it is written only for adaptive features.
 *
 * @since 0.2.0
 */
final class Route_Health {

	public const HALF_LIFE_MS = 120000;

	public function __construct(
		private readonly State_Store $store,
		private readonly Clock $clock,
	) {
	}

	/**
	 * The route's failure score now.
	 *
	 * @param string $route_id Route.
	 */
	public function score( string $route_id ): float {
		$entry = $this->store->get( 'health:' . $route_id );
		if ( null === $entry ) {
			return 0.0;
		}
		$age = max( 0.0, $this->clock->now_ms() - (float) ( $entry['at'] ?? 0 ) );
		return (float) ( $entry['score'] ?? 0 ) * ( 0.5 ** ( $age / self::HALF_LIFE_MS ) );
	}

	/**
	 * The score as whole recent failures, for ranking: a single failure counts until it has
	 * faded past half (one half-life), then the route ranks as healthy again.
	 *
	 * @param string $route_id Route.
	 */
	public function recent_failures( string $route_id ): int {
		return (int) min( 999, round( $this->score( $route_id ) ) );
	}

	/**
	 * Records one attempt's result.
	 *
	 * @param string $route_id Route.
	 * @param bool   $failed   Whether it failed for a reason that says the route is unwell.
	 */
	public function record( string $route_id, bool $failed ): void {
		$score = $this->score( $route_id );
		if ( ! $failed && $score < 0.01 ) {
			return;
			// Healthy and still healthy: nothing to write.
		}
		$this->store->set(
			'health:' . $route_id,
			array(
				'score' => $failed ? $score + 1 : $score / 2,
				'at'    => $this->clock->now_ms(),
			)
		);
	}
}
