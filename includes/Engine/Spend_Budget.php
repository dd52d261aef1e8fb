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
		$now      = ( new \DateTimeImmutable( '@' . (int) floor( $this->clock->now_ms() / 1000 ) ) )->setTimezone( $this->zone );
		$accounts = array();
		foreach ( array(
			'feature:' . $policy->id => $policy->budget,
			'site'                   => null === $this->site ? null : ( $this->site )(),
		) as $scope => $limits ) {
			if ( null === $limits ) {
				continue;
			}
			if ( $limits->daily_usd > 0 ) {
				$accounts[] = array(
					'account'          => $scope . '@day:' . $now->format( 'Y-m-d' ),
					'limit'            => $limits->daily_usd,
					'downgrade_at_pct' => $limits->downgrade_at_pct,
					'label'            => 'site' === $scope ? __( 'the site\'s daily budget', 'ai-failover' ) : __( 'the feature\'s daily budget', 'ai-failover' ),
				);
			}
			if ( $limits->monthly_usd > 0 ) {
				$accounts[] = array(
					'account'          => $scope . '@month:' . $now->format( 'Y-m' ),
					'limit'            => $limits->monthly_usd,
					'downgrade_at_pct' => $limits->downgrade_at_pct,
					'label'            => 'site' === $scope ? __( 'the site\'s monthly budget', 'ai-failover' ) : __( 'the feature\'s monthly budget', 'ai-failover' ),
				);
			}
		}//end foreach
		return $accounts;
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
			$level = self::NORMAL;
			if ( $spent >= $account['limit'] ) {
				$level = self::REACHED;
			} elseif ( $ratio * 100 >= $account['downgrade_at_pct'] ) {
				$level = self::NEAR;
			}
			$worst = array(
				'level' => $level,
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
