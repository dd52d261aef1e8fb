<?php
/**
 * Spend limits per day and per month.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * A feature's (or the site's) spend budget: USD per day and per month (0 = none), and the share
 * of a limit from which the feature moves to its cheaper routes first.
 *
 * @since n.e.x.t
 */
final class Budget_Limits {

	/**
	 * @param float $daily_usd        Per day (site time zone); 0 = no limit.
	 * @param float $monthly_usd      Per calendar month; 0 = no limit.
	 * @param int   $downgrade_at_pct Share of a limit (1..100) from which cheaper routes go first.
	 */
	public function __construct(
		public readonly float $daily_usd = 0.0,
		public readonly float $monthly_usd = 0.0,
		public readonly int $downgrade_at_pct = 80,
	) {
	}

	/**
	 * From the feature's `budget` (or the settings' site budget), clamped.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): self {
		$value = is_array( $value ) ? $value : array();
		return new self(
			max( 0.0, (float) ( $value['daily_usd'] ?? 0 ) ),
			max( 0.0, (float) ( $value['monthly_usd'] ?? 0 ) ),
			max( 1, min( 100, (int) ( $value['downgrade_at_pct'] ?? 80 ) ) )
		);
	}

	/**
	 * Whether any limit is set.
	 */
	public function any(): bool {
		return $this->daily_usd > 0 || $this->monthly_usd > 0;
	}
}
