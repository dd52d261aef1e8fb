<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Engine;

use AI_Failover\Contracts\Holding_Listener;
use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Engine\Chain_Runner;
use AI_Failover\Engine\Circuit_Breaker;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Output_Checks;
use AI_Failover\Engine\Route;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Engine\Throughput_Rule;
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
 * The minimum stream throughput with the fake clock: below, at and above the rate, a short answer
 * that ends inside the window, a stall, a cut inside the window, the window bounded by the
 * attempt's time limit and the run's budget, nothing held when the rule is off or cannot act, and
 * no fallback once a stream is committed. The fake provider sends its deltas at given times and,
 * like the transport, ends a stalled transfer when the listener's hold runs out.
 *
 * @covers \AI_Failover\Engine\Stream_Probe
 * @covers \AI_Failover\Engine\Throughput_Rule
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Engine\Explainer
 */
final class Throughput_Probe_Test extends TestCase {

	private Fake_Clock $clock;

	private Memory_Event_Sink $sink;

	/**
	 * Per route: deltas as [ms after the previous one (the first: after the request), text], and how the stream ends.
	 *
	 * @var array<string, array{frames: list<array{0: int|float, 1: string}>, end: string}>
	 */
	private array $streams = array();

	/** @var list<string> Routes called, in order. */
	public array $called = array();

	/** @var list<Stream_Listener|null> The listener each call got. */
	public array $listeners = array();

	/** @var list<array{0: string, 1: float}> What the client got: [text, clock ms]. */
	public array $received = array();

	/** @var list<float|null> What hold_ms() said after each delta, per call. */
	public array $holds = array();

	private Stream_Listener $client;

	protected function set_up(): void {
		parent::set_up();
		$this->clock   = new Fake_Clock();
		$this->sink    = new Memory_Event_Sink();
		$test          = $this;
		$this->client  = new class( $test ) implements Stream_Listener {
			public function __construct( private Throughput_Probe_Test $test ) {
			}
			public function on_event( string $event, array $data ): void {
			}
			public function on_delta( string $text ): bool {
				$this->test->client_got( $text );
				return true;
			}
		};
		$this->streams = array(
			'slow/model' => array(
				'frames' => array( array( 300, str_repeat( 's', 10 ) ), array( 600, str_repeat( 's', 10 ) ), array( 600, str_repeat( 's', 10 ) ) ),
				'end'    => 'complete',
			),
			'fast/model' => array(
				'frames' => array( array( 200, str_repeat( 'f', 30 ) ), array( 10, str_repeat( 'f', 30 ) ) ),
				'end'    => 'complete',
			),
		);
	}

	public function client_got( string $text ): void {
		$this->received[] = array( $text, $this->clock->now_ms() );
	}

	/**
	 * @param array<string, mixed> $throughput The feature's routing.throughput.
	 * @param array<string, mixed> $extra      Other feature fields.
	 */
	private function policy( array $throughput = array(), array $extra = array() ): Feature_Policy {
		return Feature_Policy::from_array(
			array_replace_recursive(
				array(
					'id'        => 'chat',
					'primary'   => array(
						'provider_id' => 'slow',
						'model'       => 'model',
					),
					'fallbacks' => array(
						array(
							'provider_id' => 'fast',
							'model'       => 'model',
						),
					),
					'triggers'  => array( 'slow_stream' => true ),
					'retry'     => array( 'attempts_per_route' => 2 ),
					'timeouts'  => array( 'total_ms' => 10000 ),
					'routing'   => array(
						'throughput' => $throughput + array(
							'enabled'              => true,
							'probe_ms'             => 1000,
							'min_chars_per_second' => 20,
						),
					),
				),
				$extra
			)
		);
	}

	private function run_stream( Feature_Policy $policy, bool $stream = true, bool $fallback = true ): Run_Result {
		$routes = array(
			new Route( new Provider_Config( 'slow', 'Slow', 'openai' ), 'model', 1, 'primary' ),
			new Route( new Provider_Config( 'fast', 'Fast', 'openai' ), 'model', 1, 'fallback 1' ),
		);
		$routes = $fallback ? $routes : array_slice( $routes, 0, 1 );
		$keys   = new Memory_Key_Pool(
			array(
				'slow' => array( 's-1' ),
				'fast' => array( 'f-1' ),
			)
		);
		$runner = new Chain_Runner( $this->caller(), $keys, $this->clock, $this->clock, new Fixed_Random( array( 0.5 ) ), new Circuit_Breaker( new Memory_State_Store(), $this->clock, $this->sink, 5, 30000 ), $this->sink, new Output_Checks() );
		$chat   = new Chat_Request(
			array(
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
			100,
			null,
			$stream
		);
		return $runner->run( $policy, $routes, new Run_Request( $chat, false, array(), array(), 'php', $stream ? $this->client : null ) );
	}

	private function caller(): Route_Caller {
		$test = $this;
		return new class( $test ) implements Route_Caller {
			public function __construct( private Throughput_Probe_Test $test ) {
			}
			public function chat( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts, ?Stream_Listener $listener = null ): Chat_Result {
				return $this->test->answer( $provider->id . '/' . $model, $listener, $timeouts['total_ms'] );
			}
		};
	}

	/**
	 * The fake provider and transport: sends the route's deltas at their times; a stall ends when
	 * the listener's hold runs out (or at the attempt's time limit when it holds nothing).
	 *
	 * @param string               $route    Route.
	 * @param Stream_Listener|null $listener Listener.
	 * @param int                  $total_ms The attempt's time limit.
	 */
	public function answer( string $route, ?Stream_Listener $listener, int $total_ms ): Chat_Result {
		$this->called[]    = $route;
		$this->listeners[] = $listener;
		$stream            = $this->streams[ $route ];
		$started           = $this->clock->now_ms();
		$text              = '';
		foreach ( $stream['frames'] as list( $gap, $piece ) ) {
			$hold = $listener instanceof Holding_Listener ? $listener->hold_ms() : null;
			if ( null !== $hold && $hold < $gap ) {
				// The transport's timer, brought forward to the end of the hold, fires first.
				$this->clock->advance( $hold );
				return new Chat_Result( $text, 'incomplete', 0, 0, false, 'the time limit ran out mid-stream' );
			}
			$this->clock->advance( $gap );
			$text .= $piece;
			if ( null !== $listener && ! $listener->on_delta( $piece ) ) {
				return new Chat_Result( $text, 'incomplete', 0, 0, false, 'nobody was listening any more' );
			}
			if ( $listener instanceof Holding_Listener ) {
				$this->holds[] = $listener->hold_ms();
			}
		}
		if ( 'stall' === $stream['end'] ) {
			$hold = $listener instanceof Holding_Listener ? $listener->hold_ms() : null;
			$this->clock->advance( $hold ?? $total_ms - ( $this->clock->now_ms() - $started ) );
			return new Chat_Result( $text, 'incomplete', 0, 0, false, 'the time limit ran out mid-stream' );
		}
		if ( 'cut' === $stream['end'] ) {
			return new Chat_Result( $text, 'incomplete', 0, 0, false, 'the connection was cut' );
		}
		return new Chat_Result( $text, 'stop', 10, 5 );
	}

	/**
	 * Forgets what the last runs called and got.
	 */
	private function forget(): void {
		$this->called    = array();
		$this->listeners = array();
		$this->holds     = array();
		$this->received  = array();
	}

	private function client_text(): string {
		return implode( '', array_column( $this->received, 0 ) );
	}

	/**
	 * @return list<string|null>
	 */
	private static function classes( Run_Result $run ): array {
		return array_map( static fn( $a ) => $a->error_class?->value, $run->attempts );
	}

	public function test_the_rule_is_off_by_default_and_clamped_when_on(): void {
		$this->assertNull( Feature_Policy::from_array( array() )->throughput );
		$this->assertNull( Throughput_Rule::from_array( array( 'enabled' => false ) ) );
		$rule = Throughput_Rule::from_array(
			array(
				'enabled'              => true,
				'probe_ms'             => 5,
				'min_chars_per_second' => 0,
			)
		);
		$this->assertNotNull( $rule );
		$this->assertSame( array( Throughput_Rule::MIN_PROBE_MS, 1 ), array( $rule->probe_ms, $rule->min_chars_per_second ) );
		$rule = new Throughput_Rule( 1500, 40 );
		$this->assertSame( 60, $rule->chars_needed( 1500 ) );
		$this->assertSame( 20, $rule->chars_needed( 500 ), 'A shorter window asks the same rate.' );
		$this->assertSame( 1, $rule->chars_needed( 0 ) );
	}

	public function test_a_stream_below_the_rate_is_dropped_before_any_text_and_the_run_falls_back(): void {
		// 10 characters at 300 ms, 9 more at 900 ms: 19 by the window's end (1300 ms); the next would come at 1500 ms.
		$this->streams['slow/model']['frames'] = array( array( 300, str_repeat( 's', 10 ) ), array( 600, str_repeat( 's', 9 ) ), array( 600, str_repeat( 's', 10 ) ) );

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( 'success', $run->status );
		$this->assertSame( array( 'slow_stream', null ), self::classes( $run ) );
		$this->assertSame( array( 'slow/model', 'fast/model' ), $this->called, 'Not retried on the same route: it would be as slow.' );
		$this->assertSame( str_repeat( 'f', 60 ), $this->client_text(), 'The client got none of the slow route\'s text.' );
		$this->assertSame( 'fallback', $run->attempts[0]->decision?->value );
		$this->assertSame( '200 slow_stream from Slow (model) key \'s-1\' (19 characters in the first 1.0 s of the stream (19.0 per second), under the feature\'s minimum of 20 per second; none of its text had been sent): fell back to fast/model because the feature allows fallback on slow_stream.', $run->attempts[0]->reason );
		$this->assertEqualsWithDelta( 1300, $run->attempts[0]->duration_ms, 0.001, 'Ended when the hold ran out (the transport\'s timer), before the late third delta.' );
		$this->assertTrue( $run->degraded );
	}

	public function test_without_a_transport_timer_the_first_delta_after_the_window_decides(): void {
		$probe = new \AI_Failover\Engine\Stream_Probe( $this->client, $this->clock, new Throughput_Rule( 1000, 20 ), $this->clock->now_ms() + 10000 );

		$this->assertNull( $probe->hold_ms(), 'Nothing held before the first delta.' );
		$this->assertTrue( $probe->on_delta( str_repeat( 'a', 19 ) ) );
		$this->clock->advance( 1000.5 );
		$this->assertFalse( $probe->on_delta( 'b' ), 'A piece after the window stops the attempt.' );
		$this->assertFalse( $probe->on_delta( 'c' ) );
		$this->assertSame( array(), $this->received );
		$this->assertFalse( $probe->released() );
		$this->assertSame( '19 characters in the first 1.0 s of the stream (19.0 per second), under the feature\'s minimum of 20 per second; none of its text had been sent', $probe->settle( new Chat_Result( 'irrelevant' ) ), 'Even a complete answer: it was too slow before it ended.' );
	}

	public function test_a_single_character_is_counted_in_the_singular(): void {
		$this->assertSame( '1 character in the first 1.0 s of the stream (1.0 per second), under the feature\'s minimum of 20 per second; none of its text had been sent', \AI_Failover\Engine\Explainer::stream_too_slow( 1, 1000.0, new Throughput_Rule( 1000, 20 ) ) );
	}

	public function test_a_stream_at_the_rate_is_released_at_the_end_of_the_window(): void {
		// 10 characters at 300 ms and 10 more at 1300 ms, exactly the end of the 1 s window: 20/s.
		$this->streams['slow/model']['frames'] = array( array( 300, str_repeat( 's', 10 ) ), array( 1000, str_repeat( 's', 10 ) ), array( 600, str_repeat( 's', 10 ) ) );
		$start                                 = $this->clock->now_ms();

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( array( null ), self::classes( $run ) );
		$this->assertSame( array( 'slow/model' ), $this->called );
		$this->assertSame( array( str_repeat( 's', 20 ), str_repeat( 's', 10 ) ), array_column( $this->received, 0 ), 'What was held goes out as one delta, then the stream passes through.' );
		$this->assertSame( array( 1300.0, 1900.0 ), array_map( static fn( $r ) => $r[1] - $start, $this->received ) );
		$this->assertSame( $run->text, $this->client_text() );
	}

	public function test_a_stream_above_the_rate_is_released_as_soon_as_the_window_s_characters_are_in(): void {
		$this->streams['slow/model']['frames'] = array( array( 300, str_repeat( 's', 12 ) ), array( 100, str_repeat( 's', 12 ) ), array( 2000, 'tail' ) );
		$start                                 = $this->clock->now_ms();

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( 'success', $run->status );
		$this->assertSame( array( 'slow/model' ), $this->called );
		$this->assertSame( array( 400.0, 2400.0 ), array_map( static fn( $r ) => $r[1] - $start, $this->received ), 'Held for 100 ms after the first delta, not for the whole window.' );
		$this->assertSame( array( 1000.0, null, null ), $this->holds, 'The hold lasts the window, and ends with the release.' );
		$this->assertStringEndsWith( 'tail', $this->client_text() );
	}

	public function test_a_short_answer_that_ends_inside_the_window_is_a_success_and_is_flushed(): void {
		$this->streams['slow/model'] = array(
			'frames' => array( array( 300, 'Yes' ), array( 50, '.' ) ),
			'end'    => 'complete',
		);

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( 'success', $run->status );
		$this->assertSame( array( array( 'Yes.', $this->clock->now_ms() ) ), $this->received, 'Held (4 of the 20 characters the window asks), then sent whole when the answer ended.' );
		$this->assertSame( array( 'slow/model' ), $this->called );
		$this->assertFalse( $run->degraded );
	}

	public function test_a_stall_after_the_first_delta_is_too_slow_at_the_end_of_the_window(): void {
		$this->streams['slow/model'] = array(
			'frames' => array( array( 300, 'Hello' ) ),
			'end'    => 'stall',
		);

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( array( 'slow_stream', null ), self::classes( $run ) );
		$this->assertEqualsWithDelta( 1300, $run->attempts[0]->duration_ms, 0.001, 'Ended when the hold ran out (300 ms + the 1 s window), not at the 10 s time limit.' );
		$this->assertStringContainsString( '5 characters in the first 1.0 s of the stream (5.0 per second), under the feature\'s minimum of 20 per second', $run->attempts[0]->reason );
		$this->assertSame( str_repeat( 'f', 60 ), $this->client_text() );
	}

	public function test_a_stream_that_breaks_inside_the_window_is_dropped_and_may_fall_back(): void {
		$this->streams['slow/model'] = array(
			'frames' => array( array( 300, 'Hello' ), array( 200, ' wor' ) ),
			'end'    => 'cut',
		);

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( array( 'slow_stream', null ), self::classes( $run ) );
		$this->assertStringContainsString( 'the stream ended 0.2 s into its 1.0 s throughput probe (the connection was cut) with 9 characters, short of the 20 that 20 per second asks for; none of its text had been sent', $run->attempts[0]->reason );
		$this->assertSame( str_repeat( 'f', 60 ), $this->client_text(), 'Nothing went out, so the fallback is no splice.' );
	}

	public function test_after_the_stream_is_committed_a_cut_is_incomplete_and_never_falls_back(): void {
		$this->streams['slow/model'] = array(
			'frames' => array( array( 300, str_repeat( 's', 25 ) ), array( 100, 'more' ) ),
			'end'    => 'cut',
		);

		$run = $this->run_stream( $this->policy() );

		$this->assertSame( 'incomplete', $run->status );
		$this->assertSame( array( 'incomplete' ), self::classes( $run ) );
		$this->assertSame( array( 'slow/model' ), $this->called, 'The fallback was never called: no splice.' );
		$this->assertSame( str_repeat( 's', 25 ) . 'more', $this->client_text() );
	}

	public function test_with_the_rule_off_nothing_is_held(): void {
		$run = $this->run_stream( $this->policy( array( 'enabled' => false ) ) );

		$this->assertSame( array( null ), self::classes( $run ) );
		$this->assertSame( $this->client, $this->listeners[0], 'The provider streams straight to the client.' );
		$this->assertSame( array( 300.0, 900.0, 1500.0 ), array_map( fn( $r ) => $r[1] - ( $this->clock->now_ms() - 1500 ), $this->received ), 'Each delta at its arrival.' );
	}

	public function test_nothing_is_held_when_a_slow_stream_could_not_move_on(): void {
		$no_trigger = $this->run_stream( $this->policy( array(), array( 'triggers' => array( 'slow_stream' => false ) ) ) );
		$this->assertSame( array( null ), self::classes( $no_trigger ), 'The feature does not allow fallback on slow_stream.' );
		$this->assertSame( $this->client, $this->listeners[0] );

		$this->forget();
		$alone = $this->run_stream( $this->policy(), true, false );
		$this->assertSame( array( null ), self::classes( $alone ), 'No next route: dropping the stream would leave nothing.' );
		$this->assertSame( $this->client, $this->listeners[0] );

		$this->forget();
		$this->run_stream( $this->policy(), false );
		$this->assertNull( $this->listeners[0], 'A JSON run has nothing to hold.' );
	}

	public function test_the_window_ends_within_the_attempt_s_time_limit_and_leaves_the_next_route_an_attempt(): void {
		$this->streams['slow/model'] = array(
			'frames' => array( array( 300, 'Hi' ) ),
			'end'    => 'stall',
		);

		// A 1 s budget: the probe must decide by 1000 - 250 ms, so its window is 450 ms after the first delta at 300 ms.
		$run = $this->run_stream( $this->policy( array( 'probe_ms' => 5000 ), array( 'retry' => array( 'total_budget_ms' => 1000 ) ) ) );

		$this->assertSame( array( 450.0 ), $this->holds );
		$this->assertSame( array( 'slow_stream', null ), self::classes( $run ) );
		$this->assertStringContainsString( '2 characters in the first 0.5 s of the stream (4.4 per second)', $run->attempts[0]->reason );
		$this->assertSame( array( 'slow/model', 'fast/model' ), $this->called, 'The fallback still had its 250 ms.' );

		// A 2 s attempt limit on a long budget: the window is cut at the attempt's end.
		$this->forget();
		$this->run_stream( $this->policy( array( 'probe_ms' => 5000 ), array( 'timeouts' => array( 'total_ms' => 2000 ) ) ) );
		$this->assertSame( array( 1700.0 ), $this->holds );
	}

	public function test_the_time_to_first_token_is_the_provider_s_not_the_release(): void {
		$policy                                = $this->policy(
			array(),
			array(
				'routing' => array(
					'latency' => array(
						'enabled'      => true,
						'threshold_ms' => 1000,
						'min_requests' => 1,
					),
				),
			)
		);
		$this->streams['slow/model']['frames'] = array( array( 300, str_repeat( 's', 10 ) ), array( 900, str_repeat( 's', 10 ) ), array( 600, 'x' ) );

		$this->run_stream( $policy );

		$this->assertSame( array( 'slow/model' ), $this->called );
		$this->assertSame( 1200.0, $this->received[0][1] - ( $this->clock->now_ms() - 1800 ), 'Released at 1200 ms...' );
		$this->forget();
		$this->run_stream( $policy );
		$this->assertSame( 'slow/model', $this->called[0], '...but its time to first token was 300 ms, under the 1 s latency threshold: not demoted.' );
	}
}
