<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Budget_Limits;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Memory_Spend_Ledger;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Engine\Spend_Budget;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Fixed_Random;
use AI_Failover\Tests\Unit\Doubles\Memory_Event_Sink;
use AI_Failover\Tests\Unit\Doubles\Memory_Key_Pool;
use AI_Failover\Tests\Unit\Doubles\Memory_State_Store;
use AI_Failover\Tests\Unit\Doubles\Scripted_Caller;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Spend budgets with the fake clock and the in-memory ledger: the arithmetic at the cap, the
 * downgrade, the stop, routes allowed over budget, fallbacks' own cost, and the day boundary.
 *
 * Prices: "premium" 1000 $/M tokens in and out, "cheap" 100, "local" 0. A request of 1 prompt
 * token and max_tokens 100 is estimated at $0.101 / $0.0101 / $0; an answer (10 in, 5 out) costs
 * $0.015 / $0.0015 / $0.
 *
 * @covers \AI_Failover\Engine\Spend_Budget
 * @covers \AI_Failover\Engine\Budget_Limits
 * @covers \AI_Failover\Engine\Memory_Spend_Ledger
 * @covers \AI_Failover\Engine\Chain_Runner
 */
final class Spend_Budget_Test extends TestCase {

	private Fake_Clock $clock;
	private Memory_Spend_Ledger $ledger;
	private Scripted_Caller $caller;

	protected function set_up(): void {
		parent::set_up();
		$this->clock  = new Fake_Clock();
		$this->ledger = new Memory_Spend_Ledger();
	}

	private function budget( ?Budget_Limits $site = null ): Spend_Budget {
		return new Spend_Budget( $this->ledger, $this->clock, new \DateTimeZone( 'UTC' ), null === $site ? null : static fn() => $site );
	}

	private function day(): string {
		return 'feature:summary@day:' . gmdate( 'Y-m-d', (int) ( $this->clock->now_ms() / 1000 ) );
	}

	/**
	 * @param array<string, mixed> $budget    The feature's budget.
	 * @param list<string>         $routes    Route names, in the feature's order.
	 * @param list<string>         $over      Routes allowed over budget.
	 */
	private function policy( array $budget, array $routes = array( 'premium', 'cheap' ), array $over = array() ): Feature_Policy {
		$spec = static fn( string $name ) => array(
			'provider_id' => $name,
			'model'       => 'm',
			'over_budget' => in_array( $name, $over, true ),
		);
		return Feature_Policy::from_array(
			array(
				'id'        => 'summary',
				'primary'   => $spec( $routes[0] ),
				'fallbacks' => array_map( $spec, array_slice( $routes, 1 ) ),
				'retry'     => array( 'attempts_per_route' => 1 ),
				'budget'    => $budget,
			)
		);
	}

	/**
	 * @param array<string, mixed> $script Outcomes by route.
	 */
	private function execute( Feature_Policy $policy, array $script = array(), ?Spend_Budget $budget = null ): Run_Result {
		$prices = array(
			'premium' => 1000.0,
			'cheap'   => 100.0,
			'local'   => 0.0,
		);
		$routes = array();
		foreach ( array_merge( array( $policy->primary ), $policy->fallbacks ) as $spec ) {
			$price    = $prices[ $spec['provider_id'] ];
			$routes[] = new Route( new Provider_Config( $spec['provider_id'], ucfirst( $spec['provider_id'] ), 'openai' ), 'm', 1, 'primary', array(), $price, $price, true, 0, $spec['over_budget'] );
		}
		$keys         = new Memory_Key_Pool( array_fill_keys( array_keys( $prices ), array( 'k' ) ) );
		$sink         = new Memory_Event_Sink();
		$this->caller = new Scripted_Caller( $script, $this->clock );
		$breakers     = new Circuit_Breaker( new Memory_State_Store(), $this->clock, $sink );
		$runner       = new Chain_Runner( $this->caller, $keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breakers, $sink, new Output_Checks(), null, null, false, null, $budget ?? $this->budget() );
		$message      = array(
			'role'    => 'user',
			'content' => 'Hiya',
		);
		return $runner->run( $policy, $routes, new Run_Request( new Chat_Request( array( $message ), 100 ) ) );
	}

	private function spend( string $account, float $usd ): void {
		$this->ledger->settle( $account, 0.0, $usd );
	}

	public function test_a_reservation_may_reach_the_cap_exactly_and_never_pass_it(): void {
		$this->spend( 'a', 0.9899 );
		$this->assertTrue( $this->ledger->reserve( 'a', 0.0101, 1.0 ), '0.9899 + 0.0101 = the cap: allowed.' );
		$this->assertFalse( $this->ledger->reserve( 'a', 0.000001, 1.0 ), 'One micro-dollar more is past it.' );
		$this->ledger->settle( 'a', 0.0101, 0.0015 );
		$this->assertEqualsWithDelta( 0.9914, $this->ledger->spent( 'a' ), 1e-9, 'The reservation became the real cost.' );
	}

	public function test_a_refused_account_releases_what_the_others_reserved(): void {
		$policy   = $this->policy(
			array(
				'daily_usd'   => 10,
				'monthly_usd' => 1,
			)
		);
		$budget   = $this->budget();
		$accounts = $budget->accounts( $policy );
		$this->spend( $accounts[1]['account'], 0.95 );

		$refused = $budget->reserve( $accounts, 0.1 );
		$this->assertSame( 'the feature\'s monthly budget', $refused['label'] ?? '' );
		$this->assertSame( 0.0, $this->ledger->spent( $accounts[0]['account'] ), 'The daily reservation was given back.' );
	}

	public function test_the_levels_at_the_threshold_and_the_limit(): void {
		$policy   = $this->policy( array( 'daily_usd' => 1 ) );
		$budget   = $this->budget();
		$accounts = $budget->accounts( $policy );
		$this->spend( $this->day(), 0.7999 );
		$this->assertSame( Spend_Budget::NORMAL, $budget->status( $accounts )['level'] );
		$this->spend( $this->day(), 0.0001 );
		$this->assertSame( Spend_Budget::NEAR, $budget->status( $accounts )['level'], '80 % exactly.' );
		$this->spend( $this->day(), 0.2 );
		$this->assertSame( Spend_Budget::REACHED, $budget->status( $accounts )['level'] );
	}

	public function test_below_the_threshold_the_configured_order_holds_and_the_cost_is_counted(): void {
		$result = $this->execute( $this->policy( array( 'daily_usd' => 1 ) ) );
		$this->assertSame( array( 'premium/m' ), $this->caller->routes() );
		$this->assertEqualsWithDelta( 0.015, $this->ledger->spent( $this->day() ), 1e-9, 'Reservation settled into the real cost.' );
		$this->assertStringNotContainsString( 'Budget', $result->attempts[0]->reason );
	}

	public function test_near_the_limit_the_cheaper_route_goes_first_and_the_run_says_why(): void {
		$this->spend( $this->day(), 0.8 );
		$result = $this->execute( $this->policy( array( 'daily_usd' => 1 ) ) );
		$this->assertSame( array( 'cheap/m' ), $this->caller->routes() );
		$this->assertStringContainsString( 'Budget: the feature\'s daily budget is at $0.8000 of $1.0000 (80.0 %, at or over 80 %)', $result->attempts[0]->reason );
	}

	public function test_at_the_limit_only_routes_allowed_over_budget_run(): void {
		$this->spend( $this->day(), 0.995 );
		$result = $this->execute( $this->policy( array( 'daily_usd' => 1 ), array( 'cheap', 'premium' ), array( 'premium' ) ) );

		$this->assertTrue( $result->succeeded() );
		$this->assertSame( array( 'premium/m' ), $this->caller->routes(), 'The capped route is never called; the one allowed over budget is.' );
		$this->assertSame( 'over_spend_budget', $result->attempts[0]->error_class?->value );
		$this->assertStringContainsString( 'would take the feature\'s daily budget ($0.9950 spent) past its $1.0000 limit; moving on to premium/m', $result->attempts[0]->reason );
		$this->assertEqualsWithDelta( 1.01, $this->ledger->spent( $this->day() ), 1e-9, 'Its cost still counts.' );
	}

	public function test_at_the_limit_a_free_route_goes_first(): void {
		$this->spend( $this->day(), 1.0 );
		$result = $this->execute( $this->policy( array( 'daily_usd' => 1 ), array( 'premium', 'local' ) ) );
		$this->assertSame( array( 'local/m' ), $this->caller->routes(), 'Cheapest first; a $0 attempt fits even at the cap.' );
		$this->assertTrue( $result->succeeded() );
	}

	public function test_at_the_limit_without_such_a_route_the_run_stops_with_no_call(): void {
		$this->spend( $this->day(), 0.995 );
		$result = $this->execute( $this->policy( array( 'daily_usd' => 1 ) ) );

		$this->assertSame( Run_Result::FAILED, $result->status );
		$this->assertSame( 'over_spend_budget', $result->error['class'] );
		$this->assertSame( array(), $this->caller->routes() );
		$this->assertStringContainsString( 'no further route, so the run stops', $result->attempts[1]->reason );
		$this->assertEqualsWithDelta( 0.995, $this->ledger->spent( $this->day() ), 1e-9, 'Nothing reserved is left behind.' );
	}

	public function test_a_fallback_counts_its_own_cost_against_the_same_budget(): void {
		$this->execute( $this->policy( array( 'daily_usd' => 1 ) ), array( 'premium/m' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) ) );
		$this->assertSame( array( 'premium/m', 'cheap/m' ), $this->caller->routes() );
		$this->assertEqualsWithDelta( 0.0015, $this->ledger->spent( $this->day() ), 1e-9, 'The 503 cost nothing; the fallback\'s answer counts.' );
	}

	public function test_the_site_budget_counts_every_feature_and_yesterday_does_not_count_today(): void {
		$budget = $this->budget( new Budget_Limits( 0.11 ) );
		$this->execute( $this->policy( array() ), array(), $budget );
		$this->assertSame( array( 'premium/m' ), $this->caller->routes() );
		$second = $this->execute( $this->policy( array() ), array(), $budget );
		$this->assertSame( array( 'cheap/m' ), $this->caller->routes(), '$0.015 of $0.11 spent: the premium estimate ($0.101) no longer fits, the cheap one does.' );
		$this->assertSame( 'over_spend_budget', $second->attempts[0]->error_class?->value );
		$this->assertStringContainsString( 'the site\'s daily budget', $second->attempts[0]->reason );

		$this->clock->advance( 86400000 );
		$third = $this->execute( $this->policy( array() ), array(), $budget );
		$this->assertSame( array( 'premium/m' ), $this->caller->routes(), 'A new day, a new budget: ' . wp_json_encode( array_map( static fn( $a ) => $a->reason, $third->attempts ) ) );
	}

	public function test_no_budget_means_no_accounts_and_limits_are_clamped(): void {
		$this->assertSame( array(), $this->budget()->accounts( $this->policy( array() ) ) );
		$this->assertFalse( Budget_Limits::from_array( null )->any() );
		$this->assertSame( 100, Budget_Limits::from_array( array( 'downgrade_at_pct' => 400 ) )->downgrade_at_pct );
	}

	public function test_periods_name_the_engines_accounts_and_end_at_the_sites_next_midnight_and_month(): void {
		// 2026-12-31 22:30 UTC is 2027-01-01 07:30 in Tokyo: its day and month have already turned.
		$this->clock->now = 1798756200000.0;
		$tokyo            = new Spend_Budget( $this->ledger, $this->clock, new \DateTimeZone( 'Asia/Tokyo' ) );
		$periods          = $tokyo->periods( 'feature:summary', new Budget_Limits( 2.0, 30.0, 75 ) );
		$this->assertSame( array( 'feature:summary@day:2027-01-01', 'feature:summary@month:2027-01' ), array_column( $periods, 'account' ) );
		$this->assertSame( array( 'day', 'month' ), array_column( $periods, 'period' ) );
		$this->assertSame( array( '2027-01-01T15:00:00Z', '2027-01-31T15:00:00Z' ), array_map( static fn( int $at ) => gmdate( 'Y-m-d\TH:i:s\Z', $at ), array_column( $periods, 'resets_at' ) ), 'Tokyo midnight of the 2nd, and of February 1st.' );
		$this->assertSame(
			array_column( $periods, 'account' ),
			array_column(
				$tokyo->accounts(
					$this->policy(
						array(
							'daily_usd'   => 2,
							'monthly_usd' => 30,
						)
					)
				),
				'account'
			),
			'Diagnostics reads the accounts the engine reserves on.'
		);
	}

	public function test_the_level_of_one_limit_and_a_snapshot_ledger_give_the_engines_verdict(): void {
		$this->assertSame( Spend_Budget::NORMAL, Spend_Budget::level( 0.79, 1.0, 80 ) );
		$this->assertSame( Spend_Budget::NEAR, Spend_Budget::level( 0.8, 1.0, 80 ) );
		$this->assertSame( Spend_Budget::REACHED, Spend_Budget::level( 1.0, 1.0, 80 ) );

		$policy                             = $this->policy( array( 'daily_usd' => 1 ) );
		$snapshot                           = new Memory_Spend_Ledger();
		$snapshot->accounts[ $this->day() ] = array( 900000, 0 );
		$this->assertSame( Spend_Budget::NORMAL, $this->budget()->status( $this->budget()->accounts( $policy ) )['level'] );
		$this->assertSame( Spend_Budget::NEAR, $this->budget()->with_ledger( $snapshot )->status( $this->budget()->accounts( $policy ) )['level'] );
	}
}
