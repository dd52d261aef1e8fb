<?php
/**
 * Tells when a whole region of a feature's routes is down.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * A region is out when at least MIN_ROUTES of the feature's planned routes declare it and the
 * circuit breaker of every one of them is open (a half-open breaker lets a probe through, so its
 * region still counts as up). The run then skips the region as a whole instead of route by
 * route, and says so. It is asked only about a route whose own breaker is open, so a run whose
 * routes are healthy reads nothing more than before; when asked, it reads the other routes'
 * breakers in one query (Circuit_Breaker::load()).
 *
 * @since n.e.x.t
 */
final class Region_Outage {

	/** Fewer routes than this in a region: an open breaker is one route's problem, not the region's. */
	public const MIN_ROUTES = 2;

	public function __construct( private readonly Circuit_Breaker $breakers ) {
	}

	/**
	 * The routes of $route's region when that region is out, else null.
	 *
	 * @param Route       $route   The route about to be tried.
	 * @param list<Route> $planned Every route of the run's plan.
	 * @return list<Route>|null The region's routes, in plan order.
	 */
	public function of( Route $route, array $planned ): ?array {
		$region = $route->provider->region;
		if ( '' === $region || Circuit_Breaker::OPEN !== $this->breakers->state( Chain_Runner::route_subject( $route ) ) ) {
			return null;
		}
		$members = array_values( array_filter( $planned, static fn( Route $r ): bool => $r->provider->region === $region ) );
		if ( count( $members ) < self::MIN_ROUTES ) {
			return null;
		}
		$this->breakers->load( array_map( static fn( Route $r ): string => Chain_Runner::route_subject( $r ), $members ) );
		foreach ( $members as $member ) {
			if ( Circuit_Breaker::OPEN !== $this->breakers->state( Chain_Runner::route_subject( $member ) ) ) {
				return null;
			}
		}
		return $members;
	}
}
