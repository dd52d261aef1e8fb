<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Error_Rate_Rule;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
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
 * The error-rate trigger of the route breakers, with the fake clock: the limit, the minimum
 * requests, the window's edges, the single half-open probe, concurrent workers, and the sentence
 * of the attempt that opened the breaker.
 *
 * @covers \AI_Failover\Engine\Error_Rate_Rule
 * @covers \AI_Failover\Engine\Circuit_Breaker
 * @covers \AI_Failover\Engine\Memory_State_Store
 */
final class Error_Rate_Breaker_Test extends TestCase {

	private const ROUTE = 'route:openai/gpt-4o-mini';

	private Memory_State_Store $store;
	private Fake_Clock $clock;
	private Memory_Event_Sink $sink;

	protected function set_up(): void {
		parent::set_up();
		$this->store = new Memory_State_Store();
		$this->clock = new Fake_Clock();
		$this->sink  = new Memory_Event_Sink();
	}

	/** A worker whose consecutive count never opens the breaker: only the rate does. */
	private function worker(): Circuit_Breaker {
		return new Circuit_Breaker( $this->store, $this->clock, $this->sink, 1000, 30000 );
	}

	/**
	 * Records outcomes ('ok' or 'fail') on one worker each, as separate runs.
	 *
	 * @param list<string> $outcomes Outcomes.
	 * @return list<array{requests: int, failures: int}|null> What each failure returned.
	 */
	private function runs( array $outcomes, Error_Rate_Rule $rule ): array {
		$opened = array();
		foreach ( $outcomes as $outcome ) {
			$worker = $this->worker();
			if ( 'ok' === $outcome ) {
				$worker->record_success( self::ROUTE, $rule );
			} else {
				$opened[] = $worker->record_failure( self::ROUTE, $rule );
			}
			$worker->flush();
		}
		return $opened;
	}

	private function state(): string {
		return $this->worker()->state( self::ROUTE );
	}

	public function test_the_breaker_opens_at_the_limit_once_the_window_holds_the_minimum_requests(): void {
		$rule = new Error_Rate_Rule( 5.0, 20, 60000 );

		$this->runs( array_merge( array_fill( 0, 18, 'ok' ), array( 'fail' ) ), $rule );
		$this->assertSame( 'closed', $this->state(), '1 of 19 is over 5 %, but under the 20 requests the share does not count yet.' );

		$opened = $this->runs( array( 'fail' ), $rule );
		$this->assertSame( 'open', $this->state(), '2 of 20 = 10 %: at least 20 requests and over the limit.' );
		$this->assertSame(
			array(
				'requests' => 20,
				'failures' => 2,
			),
			$opened[0]
		);
		$this->assertSame( array( array( self::ROUTE, 'closed', 'open' ) ), $this->sink->of( 'breaker' ) );
		$this->assertSame( array( self::ROUTE => Circuit_Breaker::BY_ERROR_RATE ), $this->store->opened_by, 'The store keeps which rule opened it, for Diagnostics.' );
	}

	public function test_five_failures_in_a_row_say_the_consecutive_rule_opened_it(): void {
		$worker = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 5, 30000 );
		for ( $i = 0; $i < 5; $i++ ) {
			$worker->record_failure( self::ROUTE, new Error_Rate_Rule( 100.0, 1000, 60000 ) );
		}
		$this->assertSame( array( self::ROUTE => Circuit_Breaker::BY_CONSECUTIVE ), $this->store->opened_by );
	}

	public function test_a_stored_state_reads_half_open_once_its_cooldown_has_passed(): void {
		$this->assertSame( 'closed', Circuit_Breaker::state_of( 'closed', 0, 5000, 30000 ) );
		$this->assertSame( 'open', Circuit_Breaker::state_of( 'open', 1000, 30999, 30000 ) );
		$this->assertSame( 'half_open', Circuit_Breaker::state_of( 'open', 1000, 31000, 30000 ), 'At the end of the cooldown the probe may go.' );
	}

	public function test_exactly_at_the_limit_opens_and_just_under_it_does_not(): void {
		$rule = new Error_Rate_Rule( 5.0, 20, 60000 );
		$this->runs( array_merge( array_fill( 0, 39, 'ok' ), array( 'fail' ) ), $rule );
		$this->assertSame( 'closed', $this->state(), '1 of 40 = 2.5 %.' );

		$this->store->reset_window( Circuit_Breaker::window_subject( self::ROUTE ) );
		$this->runs( array_merge( array_fill( 0, 19, 'ok' ), array( 'fail' ) ), $rule );
		$this->assertSame( 'open', $this->state(), '1 of 20 = 5 %: at the limit.' );
	}

	public function test_a_request_leaves_the_window_when_its_second_is_window_ms_old(): void {
		$rule = new Error_Rate_Rule( 50.0, 4, 60000 );
		$this->runs( array( 'fail', 'fail', 'ok' ), $rule );
		$this->clock->advance( 59999 );
		$this->runs( array( 'fail' ), $rule );
		$this->assertSame( 'open', $this->state(), '59.999 s later the first three still count: 3 of 4.' );
	}

	public function test_requests_older_than_the_window_do_not_count(): void {
		$rule = new Error_Rate_Rule( 50.0, 4, 60000 );
		$this->runs( array( 'fail', 'fail', 'ok' ), $rule );
		$this->clock->advance( 60000 );
		$this->runs( array( 'fail' ), $rule );
		$this->assertSame( 'closed', $this->state(), '60 s later the first second has left the window: 1 request, under the minimum.' );
		$this->assertSame(
			array(
				'requests' => 1,
				'failures' => 1,
			),
			$this->store->window( Circuit_Breaker::window_subject( self::ROUTE ), $rule->since_ms( (int) $this->clock->now_ms() ) )
		);
	}

	public function test_one_probe_at_a_time_and_a_closed_breaker_starts_a_clean_window(): void {
		$rule = new Error_Rate_Rule( 10.0, 5, 60000 );
		$this->runs( array( 'ok', 'ok', 'ok', 'ok', 'fail' ), $rule );
		$this->assertSame( 'open', $this->state() );

		$this->clock->advance( 30000 );
		$workers = array( $this->worker(), $this->worker(), $this->worker() );
		$allowed = array_filter( $workers, static fn( Circuit_Breaker $w ) => $w->allows( self::ROUTE ) );
		$this->assertCount( 1, $allowed, 'Half-open lets exactly one probe through, whatever opened the breaker.' );
		reset( $allowed )->record_success( self::ROUTE, $rule );
		$this->assertSame( 'closed', $this->state() );

		$this->runs( array( 'fail' ), $rule );
		$this->assertSame( 'closed', $this->state(), 'The failures that opened it were forgotten: 1 request is under the minimum.' );
	}

	public function test_concurrent_failures_open_the_breaker_once(): void {
		$rule = new Error_Rate_Rule( 10.0, 10, 60000 );
		$this->runs( array_fill( 0, 10, 'ok' ), $rule );
		$workers = array();
		for ( $i = 0; $i < 6; $i++ ) {
			$workers[ $i ] = $this->worker();
			$this->assertTrue( $workers[ $i ]->allows( self::ROUTE ) );
		}
		$opened = array_map( static fn( Circuit_Breaker $w ) => $w->record_failure( self::ROUTE, $rule ), $workers );

		$this->assertCount( 1, array_filter( $opened ), 'One worker wins the transition and reports it.' );
		$this->assertCount( 1, $this->sink->of( 'breaker' ) );
		$this->assertSame( 'open', $this->state() );
	}

	public function test_a_feature_without_the_rule_writes_no_window(): void {
		$worker = $this->worker();
		$worker->record_success( self::ROUTE );
		$worker->record_failure( self::ROUTE );
		$this->assertSame( array( 'breaker:' . self::ROUTE ), array_keys( $this->store->values ) );
	}

	public function test_the_rule_is_off_unless_enabled_and_clamped_when_on(): void {
		$this->assertNull( Error_Rate_Rule::from_array( null ) );
		$this->assertNull( Error_Rate_Rule::from_array( array( 'percent' => 5 ) ) );
		$rule = Error_Rate_Rule::from_array(
			array(
				'enabled'      => true,
				'percent'      => 0,
				'min_requests' => 0,
				'window_s'     => 100000,
			)
		);
		$this->assertNotNull( $rule );
		$this->assertSame( array( 0.1, 1, Error_Rate_Rule::MAX_WINDOW_MS ), array( $rule->percent, $rule->min_requests, $rule->window_ms ) );
		$this->assertNull( Feature_Policy::from_array( array() )->error_rate );
	}

	public function test_the_attempt_that_opened_the_breaker_says_why_and_the_next_run_skips_the_route(): void {
		$policy = Feature_Policy::from_array(
			array(
				'id'                 => 'summary',
				'primary'            => array(
					'provider_id' => 'openai',
					'model'       => 'gpt-4o-mini',
				),
				'fallbacks'          => array(
					array(
						'provider_id' => 'claude',
						'model'       => 'c',
					),
				),
				'retry'              => array( 'attempts_per_route' => 1 ),
				'error_rate_breaker' => array(
					'enabled'      => true,
					'percent'      => 20,
					'min_requests' => 5,
					'window_s'     => 60,
				),
			)
		);
		$routes = array(
			new Route( new Provider_Config( 'openai', 'OpenAI', 'openai' ), 'gpt-4o-mini', 1, 'primary', array(), 1.0, 2.0, true ),
			new Route( new Provider_Config( 'claude', 'Anthropic', 'anthropic' ), 'c', 1, 'fallback 1', array(), 1.0, 2.0, true ),
		);
		$keys   = new Memory_Key_Pool(
			array(
				'openai' => array( 'prod-1' ),
				'claude' => array( 'c-1' ),
			)
		);
		$run    = function ( array $script ) use ( $policy, $routes, $keys ): Run_Result {
			$caller  = new Scripted_Caller( $script, $this->clock );
			$breaker = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 5, 30000 );
			$runner  = new Chain_Runner( $caller, $keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breaker, $this->sink, new Output_Checks() );
			$message = array(
				'role'    => 'user',
				'content' => 'Hi',
			);
			return $runner->run( $policy, $routes, new Run_Request( new Chat_Request( array( $message ), 100 ) ) );
		};
		$down   = array( 'openai/gpt-4o-mini' => array( Scripted_Caller::error( Error_Class::Server, 503 ) ) );
		for ( $i = 0; $i < 4; $i++ ) {
			$this->assertTrue( $run( array() )->succeeded() );
		}
		$tripped = $run( $down );

		$this->assertTrue( $tripped->succeeded(), 'The fallback answered.' );
		$this->assertStringContainsString( 'circuit breaker opened: 1 of its last 5 requests (20.0 %) failed within 60 s', $tripped->attempts[0]->reason );
		$this->assertStringContainsString( 'fell back to claude/c', $tripped->attempts[0]->reason, 'The decision sentence is kept.' );
		$this->assertStringNotContainsString( 'circuit breaker opened', $tripped->attempts[1]->reason, 'Only the attempt that opened it.' );

		$skipped = $run( array() );
		$this->assertSame( 'breaker_open', $skipped->attempts[0]->error_class?->value );
		$this->assertSame( 'claude/c', $skipped->attempts[1]->route_id );
	}

	public function test_one_request_is_told_in_the_singular(): void {
		$this->assertSame(
			'The route\'s circuit breaker opened: 1 of its last 1 request (100.0 %) failed within 60 s, at or over this feature\'s error-rate limit of 5 % (counted from 1 request on).',
			\AI_Failover\Engine\Explainer::breaker_opened_by_error_rate( 1, 1, new Error_Rate_Rule( 5.0, 1, 60000 ) )
		);
	}
}
