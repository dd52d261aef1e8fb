<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Latency_Rule;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Tests\Unit\Doubles\Fake_Clock;
use AI_Failover\Tests\Unit\Doubles\Fixed_Random;
use AI_Failover\Tests\Unit\Doubles\Memory_Event_Sink;
use AI_Failover\Tests\Unit\Doubles\Memory_Key_Pool;
use AI_Failover\Tests\Unit\Doubles\Memory_State_Store;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The latency trigger with the fake clock: the p95 arithmetic, the minimum requests, the
 * window's edges, the demotion and its sentence, skip mode, the one probe at a time and its
 * interval, recovery, time to first token for streams, and no writes for features without it.
 *
 * @covers \AI_Failover\Engine\Latency_Rule
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Circuit_Breaker
 * @covers \AI_Failover\Engine\First_Token_Timer
 * @covers \AI_Failover\Engine\Memory_State_Store
 */
final class Latency_Demotion_Test extends TestCase {

	private Memory_State_Store $store;
	private Fake_Clock $clock;
	private Memory_Event_Sink $sink;

	/**
	 * Milliseconds each route takes: [time to first token, whole answer].
	 *
	 * @var array<string, array{0: float, 1: float}>
	 */
	private array $speed = array();

	/** @var list<string> Routes called, in order. */
	private array $called = array();

	protected function set_up(): void {
		parent::set_up();
		$this->store = new Memory_State_Store();
		$this->clock = new Fake_Clock();
		$this->sink  = new Memory_Event_Sink();
		$this->speed = array(
			'opus/claude-opus' => array( 6000, 6000 ),
			'openai/gpt-4'     => array( 800, 800 ),
		);
	}

	/**
	 * @param array<string, mixed> $latency The feature's routing.latency.
	 */
	private function policy( array $latency = array(), bool $stream_timeout = false ): Feature_Policy {
		return Feature_Policy::from_array(
			array(
				'id'        => 'summary',
				'primary'   => array(
					'provider_id' => 'opus',
					'model'       => 'claude-opus',
				),
				'fallbacks' => array(
					array(
						'provider_id' => 'openai',
						'model'       => 'gpt-4',
					),
				),
				'retry'     => array( 'attempts_per_route' => 1 ),
				'timeouts'  => array( 'total_ms' => $stream_timeout ? 20000 : 10000 ),
				'routing'   => array( 'latency' => $latency ),
			)
		);
	}

	/**
	 * @param array<string, mixed> $overrides Rule fields.
	 * @return array<string, mixed>
	 */
	private static function rule( array $overrides = array() ): array {
		return $overrides + array(
			'enabled'       => true,
			'threshold_ms'  => 5000,
			'window_s'      => 60,
			'min_requests'  => 3,
			'probe_every_s' => 30,
		);
	}

	private function run_once( Feature_Policy $policy, bool $stream = false ): Run_Result {
		$routes   = array(
			new Route( new Provider_Config( 'opus', 'Claude Opus', 'anthropic' ), 'claude-opus', 1, 'primary', array(), 1.0, 2.0, true ),
			new Route( new Provider_Config( 'openai', 'OpenAI', 'openai' ), 'gpt-4', 1, 'fallback 1', array(), 1.0, 2.0, true ),
		);
		$keys     = new Memory_Key_Pool(
			array(
				'opus'   => array( 'o-1' ),
				'openai' => array( 'g-1' ),
			)
		);
		$breaker  = new Circuit_Breaker( $this->store, $this->clock, $this->sink, 5, 30000 );
		$runner   = new Chain_Runner( $this->caller(), $keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), $breaker, $this->sink, new Output_Checks() );
		$message  = array(
			'role'    => 'user',
			'content' => 'Hi',
		);
		$listener = $stream ? new class() implements Stream_Listener {
			public function on_event( string $event, array $data ): void {
			}
			public function on_delta( string $text ): bool {
				return true;
			}
		} : null;
		$result   = $runner->run( $policy, $routes, new Run_Request( new Chat_Request( array( $message ), 100, null, $stream ), false, array(), array(), 'php', $listener ) );
		$this->clock->advance( 100 );
		return $result;
	}

	private function caller(): Route_Caller {
		$test = $this;
		return new class( $test ) implements Route_Caller {
			public function __construct( private Latency_Demotion_Test $test ) {
			}
			public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error {
				return $this->test->answer( $provider->id . '/' . $model, $listener );
			}
		};
	}

	/**
	 * The fake provider: advances the clock by the route's speed, sending the first delta at its time to first token.
	 *
	 * @param string               $route    Route.
	 * @param Stream_Listener|null $listener Listener.
	 */
	public function answer( string $route, ?Stream_Listener $listener ): Chat_Result {
		$this->called[]        = $route;
		list( $first, $total ) = $this->speed[ $route ];
		$this->clock->advance( $first );
		$listener?->on_delta( 'fi' );
		$this->clock->advance( $total - $first );
		$listener?->on_delta( 'ne' );
		return new Chat_Result( 'fine', 'stop', 10, 5 );
	}

	/**
	 * @return list<string|null>
	 */
	private static function classes( Run_Result $run ): array {
		return array_map( static fn( $a ) => $a->error_class?->value, $run->attempts );
	}

	public function test_p95_is_over_the_threshold_exactly_when_more_than_5_percent_are_slow_and_the_window_holds_the_minimum(): void {
		$rule = new Latency_Rule( 5000, 60000, 20, 20000 );
		$this->assertFalse( $rule->too_slow( 20, 1 ), '1 of 20 (5 %) slow: the 95th percentile is still fast.' );
		$this->assertTrue( $rule->too_slow( 20, 2 ), '2 of 20 (10 %).' );
		$this->assertFalse( $rule->too_slow( 19, 19 ), 'Under the minimum requests nothing counts.' );
		$this->assertTrue( $rule->too_slow( 40, 3 ), '3 of 40 (7.5 %).' );
		$this->assertFalse( $rule->too_slow( 40, 2 ), '2 of 40 (5 %).' );
		$this->assertFalse( $rule->is_slow( 5000 ), 'At the threshold is not over it.' );
		$this->assertTrue( $rule->is_slow( 5000.5 ) );
		$this->assertSame( 25000, $rule->probe_ttl_ms( 25000 ), 'A probe claim outlasts the longest attempt.' );
		$this->assertSame( 20000, $rule->probe_ttl_ms( 10000 ), 'Else the probe interval.' );
	}

	public function test_the_rule_is_off_by_default_and_clamped_when_on(): void {
		$this->assertNull( Feature_Policy::from_array( array() )->latency );
		$this->assertNull( $this->policy( array( 'enabled' => false ) )->latency );
		$rule = Latency_Rule::from_array(
			array(
				'enabled'       => true,
				'threshold_ms'  => 1,
				'window_s'      => 1,
				'min_requests'  => 0,
				'probe_every_s' => 0,
				'action'        => 'skip',
			)
		);
		$this->assertNotNull( $rule );
		$this->assertSame( array( 100, Latency_Rule::MIN_WINDOW_MS, 1, 1000, false ), array( $rule->threshold_ms, $rule->window_ms, $rule->min_requests, $rule->probe_ms, $rule->demote ) );
	}

	public function test_a_slow_primary_is_tried_after_the_fallback_once_the_window_holds_the_minimum_requests(): void {
		$policy = $this->policy( self::rule() );
		for ( $i = 0; $i < 3; $i++ ) {
			$run = $this->run_once( $policy );
			$this->assertSame( array( null ), self::classes( $run ), 'Under the minimum requests the primary keeps its place: run ' . $i );
		}
		$this->called = array();
		$run          = $this->run_once( $policy );

		$this->assertTrue( $run->succeeded() );
		$this->assertSame( array( 'latency_demoted', null ), self::classes( $run ) );
		$this->assertSame( 'skipped', $run->attempts[0]->outcome->value );
		$this->assertSame( array( 'openai/gpt-4' ), $this->called, 'The fast route answered first; the slow one was not called.' );
		$this->assertSame( 'p95 over 5.0 s over the last 60 s (3 of 3 requests, 100.0 %, took longer than 5.0 s; a p95 allows 5 %): tried after openai/gpt-4 and the other faster routes, until a probe shows it is fast again.', $run->attempts[0]->reason );
		$this->assertSame( array( 'openai/gpt-4', 'opus/claude-opus' ), $run->route_order, 'Demoted, not dropped: still there if the others fail.' );
		$this->assertTrue( $run->degraded );
	}

	public function test_slow_requests_leave_the_window_when_their_second_is_window_s_old(): void {
		$policy = $this->policy( self::rule( array( 'probe_every_s' => 600 ) ) );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->run_once( $policy );
		}
		$this->assertSame( 'latency_demoted', self::classes( $this->run_once( $policy ) )[0] );

		// The first slow request's second started 6.1 s after the fake clock's start; 60 s later it is out.
		$this->clock->now = 1700000000000.0 + 6000 + 60000 - 200;
		$this->assertSame( 'latency_demoted', self::classes( $this->run_once( $policy ) )[0], 'Still 3 slow in the window.' );
		$this->clock->now = 1700000000000.0 + 6000 + 60000 + 1000;
		$this->assertSame( array( null ), self::classes( $this->run_once( $policy ) ), 'Only 2 requests left in the window: under the minimum.' );
	}

	public function test_one_probe_after_the_interval_and_a_fast_probe_ends_the_demotion(): void {
		$policy = $this->policy( self::rule() );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->run_once( $policy );
		}
		$this->assertSame( 'latency_demoted', self::classes( $this->run_once( $policy ) )[0], 'The demotion starts its probe interval.' );
		$this->clock->advance( 29000 );
		$this->assertSame( 'latency_demoted', self::classes( $this->run_once( $policy ) )[0], 'No probe within the interval.' );

		$this->clock->advance( 1000 );
		$this->speed['opus/claude-opus'] = array( 900, 900 );
		$this->called                    = array();
		$probe                           = $this->run_once( $policy );
		$this->assertSame( array( null ), self::classes( $probe ), 'The probe tries the route in its place.' );
		$this->assertSame( array( 'opus/claude-opus' ), $this->called );
		$this->assertStringContainsString( 'Latency probe: 0.9 s, within the 5.0 s threshold, so the route has recovered', $probe->attempts[0]->reason );

		$after = $this->run_once( $policy );
		$this->assertSame( array( null ), self::classes( $after ), 'Recovered: first again, with a clean window.' );
		$this->assertSame( 'opus/claude-opus', $after->attempts[0]->route_id );
	}

	public function test_a_slow_probe_keeps_the_route_demoted_and_only_one_worker_probes_at_a_time(): void {
		$policy = $this->policy( self::rule( array( 'window_s' => 600 ) ) );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->run_once( $policy );
		}
		$this->run_once( $policy );
		$this->clock->advance( 30000 );

		// Two workers that read the window at the same moment: one claim wins.
		$rule = $policy->latency;
		$this->assertNotNull( $rule );
		$subject = 'latency:opus/claude-opus';
		$claims  = array();
		foreach ( array( 1, 2 ) as $worker ) {
			$breaker = new Circuit_Breaker( $this->store, $this->clock, $this->sink );
			$breaker->load( array( 'route:opus/claude-opus' ), $rule->since_ms( (int) $this->clock->now ) );
			$claims[] = $breaker->claim_latency_probe( $subject, $rule->probe_ttl_ms( $policy->attempt_ms ) );
		}
		$this->assertSame( array( true, false ), $claims );

		$this->clock->advance( 30000 );
		$this->called = array();
		$probe        = $this->run_once( $policy );
		$this->assertSame( array( null ), self::classes( $probe ), 'The next interval probes again: still slow (6 s).' );
		$this->assertSame( array( 'opus/claude-opus' ), $this->called );
		$this->assertStringNotContainsString( 'recovered', $probe->attempts[0]->reason );
		$this->assertSame( 'latency_demoted', self::classes( $this->run_once( $policy ) )[0], 'A slow probe: still demoted.' );
	}

	public function test_skip_mode_leaves_the_slow_route_out_and_a_stream_counts_its_time_to_first_token(): void {
		$policy = $this->policy( self::rule( array( 'action' => 'skip' ) ) );
		for ( $i = 0; $i < 3; $i++ ) {
			$this->run_once( $policy );
		}
		$run = $this->run_once( $policy );
		$this->assertSame( array( 'openai/gpt-4' ), $run->route_order, 'Skipped: not in the order at all.' );
		$this->assertStringContainsString( ': skipped, moving on to openai/gpt-4, until a probe shows it is fast again.', $run->attempts[0]->reason );

		// A stream whose first token comes at 1 s and whose answer takes 9 s is fast.
		$this->store                     = new Memory_State_Store();
		$this->speed['opus/claude-opus'] = array( 1000, 9000 );
		for ( $i = 0; $i < 4; $i++ ) {
			$stream = $this->run_once( $this->policy( self::rule(), true ), true );
			$this->assertSame( array( null ), self::classes( $stream ) );
			$this->assertSame( 'opus/claude-opus', $stream->attempts[0]->route_id );
		}
	}

	public function test_a_feature_without_the_rule_counts_no_latency(): void {
		for ( $i = 0; $i < 4; $i++ ) {
			$this->assertSame( array( null ), self::classes( $this->run_once( $this->policy() ) ) );
		}
		$this->assertSame( array(), array_filter( array_keys( $this->store->values ), static fn( $k ) => str_contains( (string) $k, 'latency:' ) ) );
	}

	public function test_one_request_in_the_window_is_told_in_the_singular(): void {
		$rule = new Latency_Rule( 200, 60000, 1, 30000, false );
		$fast = new Route( new Provider_Config( 'openai', 'OpenAI', 'openai' ), 'gpt-4', 1, 'fallback 1', array(), 1.0, 2.0, true );
		$this->assertStringStartsWith(
			'p95 over 0.2 s over the last 60 s (1 of 1 request, 100.0 %, took longer than 0.2 s; a p95 allows 5 %): skipped',
			\AI_Failover\Engine\Explainer::latency_demoted( 1, 1, $rule, $fast )
		);
	}
}
