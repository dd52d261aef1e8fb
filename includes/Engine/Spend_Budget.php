<?php
/**
 * Spend budgets per feature and site-wide, per day and per month.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Spend_Ledger;

/**
 * Counts what runs cost against the feature's and the site's daily and monthly limits. Before
 * each attempt on a capped route the engine reserves the attempt's estimated cost (the prompt
 * estimate plus max_tokens at the route's prices) on every account, atomically against each cap,
 * and afterwards settles the reservation into what the attempt really cost; a fallback's attempts
 * count like the primary's. So concurrent runs can never reserve past a cap. Routes marked
 * `over_budget` reserve nothing (they run at the limit too) but their cost is added all the same.
 * Days and months are the site's (its time zone). Drills spend nothing.
 *
 * @since n.e.x.t
 */
final class Spend_Budget {

	public const NORMAL  = 'normal';
	public const NEAR    = 'near';
	public const REACHED = 'reached';

	/**
	 * @param Spend_Ledger  $ledger Totals.
	 * @param Clock         $clock  Time.
	 * @param \DateTimeZone $zone   The site's time zone (where a day starts).
	 * @param \Closure|null $site   Site-wide limits, read when a run starts (null: none).
	 * @phpstan-param (\Closure(): Budget_Limits)|null $site
	 */
	public function __construct(
		private readonly Spend_Ledger $ledger,
		private readonly Clock $clock,
		private readonly \DateTimeZone $zone,
		private readonly ?\Closure $site = null,
	) {
	}

	/**
	 * The accounts a run of this feature counts against, for this day and month: fixed at the
	 * run's start, so a run that crosses midnight settles where it reserved.
	 *
	 * @param Feature_Policy $policy Policy.
	 * @return list<array{account: string, limit: float, downgrade_at_pct: int, label: string}>
	 */
	public function accounts( Feature_Policy $policy ): array {
		$accounts = array();
		foreach ( array(
			'feature:' . $policy->id => $policy->budget,
			'site'                   => $this->site_limits(),
		) as $scope => $limits ) {
			if ( null === $limits ) {
				continue;
			}
			foreach ( $this->periods( $scope, $limits ) as $period ) {
				$accounts[] = array(
					'account'          => $period['account'],
					'limit'            => $period['limit'],
					'downgrade_at_pct' => $period['downgrade_at_pct'],
					'label'            => $period['label'],
				);
			}
		}
		return $accounts;
	}

	/**
	 * The same budgets over another ledger: Diagnostics asks status() about totals it read in one
	 * query, so its verdict is the engine's without a query per account.
	 *
	 * @since n.e.x.t
	 *
	 * @param Spend_Ledger $ledger Totals.
	 */
	public function with_ledger( Spend_Ledger $ledger ): self {
		return new self( $ledger, $this->clock, $this->zone, $this->site );
	}

	/**
	 * The site-wide limits now (null: none configured).
	 *
	 * @since n.e.x.t
	 */
	public function site_limits(): ?Budget_Limits {
		return null === $this->site ? null : ( $this->site )();
	}

	/**
	 * The accounts of one scope ("feature:<id>" or "site") with a limit, for the current day and
	 * month, and when each period ends: what accounts() counts against, and what Diagnostics shows.
	 *
	 * @since n.e.x.t
	 *
	 * @param string        $scope  "feature:<id>" or "site".
	 * @param Budget_Limits $limits Limits.
	 * @return list<array{account: string, period: string, limit: float, downgrade_at_pct: int, label: string, resets_at: int}> Period "day" or "month"; resets_at in Unix seconds.
	 */
	public function periods( string $scope, Budget_Limits $limits ): array {
		$now     = ( new \DateTimeImmutable( '@' . (int) floor( $this->clock->now_ms() / 1000 ) ) )->setTimezone( $this->zone );
		$periods = array();
		if ( $limits->daily_usd > 0 ) {
			$periods[] = array(
				'account'          => $scope . '@day:' . $now->format( 'Y-m-d' ),
				'period'           => 'day',
				'limit'            => $limits->daily_usd,
				'downgrade_at_pct' => $limits->downgrade_at_pct,
				'label'            => 'site' === $scope ? __( 'the site\'s daily budget', 'ai-failover' ) : __( 'the feature\'s daily budget', 'ai-failover' ),
				'resets_at'        => $now->setTime( 0, 0 )->modify( '+1 day' )->getTimestamp(),
			);
		}
		if ( $limits->monthly_usd > 0 ) {
			$periods[] = array(
				'account'          => $scope . '@month:' . $now->format( 'Y-m' ),
				'period'           => 'month',
				'limit'            => $limits->monthly_usd,
				'downgrade_at_pct' => $limits->downgrade_at_pct,
				'label'            => 'site' === $scope ? __( 'the site\'s monthly budget', 'ai-failover' ) : __( 'the feature\'s monthly budget', 'ai-failover' ),
				'resets_at'        => $now->modify( 'first day of next month' )->setTime( 0, 0 )->getTimestamp(),
			);
		}
		return $periods;
	}

	/**
	 * Where spending stands against one limit: NORMAL, NEAR (from $downgrade_at_pct: cheaper
	 * routes first) or REACHED (at the limit: only routes allowed over budget).
	 *
	 * @since n.e.x.t
	 *
	 * @param float $spent            Spent plus reserved.
	 * @param float $limit            Limit (> 0).
	 * @param int   $downgrade_at_pct Threshold in percent.
	 */
	public static function level( float $spent, float $limit, int $downgrade_at_pct ): string {
		if ( $spent >= $limit ) {
			return self::REACHED;
		}
		return ( $spent / $limit ) * 100 >= $downgrade_at_pct ? self::NEAR : self::NORMAL;
	}

	/**
	 * How close the tightest account is to its limit.
	 *
	 * @param list<array{account: string, limit: float, downgrade_at_pct: int, label: string}> $accounts Accounts.
	 * @return array{level: string, spent: float, limit: float, label: string}
	 */
	public function status( array $accounts ): array {
		$worst = array(
			'level' => self::NORMAL,
			'spent' => 0.0,
			'limit' => 0.0,
			'label' => '',
			'ratio' => -1.0,
		);
		foreach ( $accounts as $account ) {
			$spent = $this->ledger->spent( $account['account'] );
			$ratio = $spent / $account['limit'];
			if ( $ratio <= $worst['ratio'] ) {
				continue;
			}
			$worst = array(
				'level' => self::level( $spent, $account['limit'], $account['downgrade_at_pct'] ),
				'spent' => $spent,
				'limit' => $account['limit'],
				'label' => $account['label'],
				'ratio' => $ratio,
			);
		}
		unset( $worst['ratio'] );
		return $worst;
	}

	/**
	 * Reserves $usd on every account, or on none.
	 *
	 * @param list<array{account: string, limit: float, downgrade_at_pct: int, label: string}> $accounts Accounts.
	 * @param float                                                                            $usd      Estimated cost.
	 * @return array{spent: float, limit: float, label: string}|null The account that refused, or null when reserved.
	 */
	public function reserve( array $accounts, float $usd ): ?array {
		$done = array();
		foreach ( $accounts as $account ) {
			if ( ! $this->ledger->reserve( $account['account'], $usd, $account['limit'] ) ) {
				foreach ( $done as $reserved ) {
					$this->ledger->settle( $reserved, $usd, 0.0 );
				}
				return array(
					'spent' => $this->ledger->spent( $account['account'] ),
					'limit' => $account['limit'],
					'label' => $account['label'],
				);
			}
			$done[] = $account['account'];
		}
		return null;
	}

	/**
	 * Turns a reservation into the real cost, on every account.
	 *
	 * @param list<array{account: string, limit: float, downgrade_at_pct: int, label: string}> $accounts Accounts.
	 * @param float                                                                            $reserved Reserved before (0 for a route allowed over budget).
	 * @param float                                                                            $actual   Real cost.
	 */
	public function settle( array $accounts, float $reserved, float $actual ): void {
		if ( $reserved <= 0 && $actual <= 0 ) {
			return;
		}
		foreach ( $accounts as $account ) {
			$this->ledger->settle( $account['account'], $reserved, $actual );
		}
	}
}
