<?php
/**
 * A feature's regions: where its routes may run, and which go first.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * From the feature's `routing.regions`: with `require`, only routes whose provider declares one
 * of those regions are used (the others are skipped before any request, and a provider that
 * declares no region is not in any); with `prefer`, routes in those regions go first, in the
 * listed order, the others after them (the strategy's order holds within each group).
 *
 * @since n.e.x.t
 */
final class Region_Rule {

	/**
	 * @param list<string> $require Regions a route must be in ([]: any).
	 * @param list<string> $prefer  Regions whose routes go first, in this order.
	 */
	public function __construct(
		public readonly array $require,
		public readonly array $prefer,
	) {
	}

	/**
	 * From the stored value; null when it neither requires nor prefers a region.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): ?self {
		$list    = static fn( $list ): array => array_values( array_unique( array_filter( array_map( 'strval', is_array( $list ) ? $list : array() ), static fn( string $r ): bool => '' !== $r ) ) );
		$require = $list( is_array( $value ) ? ( $value['require'] ?? array() ) : array() );
		$prefer  = $list( is_array( $value ) ? ( $value['prefer'] ?? array() ) : array() );
		return $require || $prefer ? new self( $require, $prefer ) : null;
	}

	/**
	 * Whether a route in this region may be used.
	 *
	 * @param string $region The provider's region ('' when not declared).
	 */
	public function allows( string $region ): bool {
		return ! $this->require || in_array( $region, $this->require, true );
	}

	/**
	 * Sort key: the region's place among the preferred ones, after them all when not preferred.
	 *
	 * @param string $region Region.
	 */
	public function rank( string $region ): int {
		$index = '' === $region ? false : array_search( $region, $this->prefer, true );
		return false === $index ? count( $this->prefer ) : (int) $index;
	}
}
