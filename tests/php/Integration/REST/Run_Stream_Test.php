<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\REST;

use AI_Failover\Tests\Integration\Test_Case;

/**
 * Streamed runs over real HTTP: a client -> nginx -> php-fpm -> WordPress REST (only what REST
 * loads) -> the WordPress HTTP API -> a fake provider that sends one frame every 150 ms. The SSE is
 * parsed as it arrives, so the tests see when each event reached the client, not only what it said.
 * The same path carries the timeout tests: they are the transport's limits, seen from a run.
 *
 * @covers \AI_Failover\REST\Runs_Controller
 * @covers \AI_Failover\REST\Sse_Stream
 * @covers \AI_Failover\Http\WP_Http_Transport
 * @covers \AI_Failover\Providers\Delta_Relay
 * @covers \AI_Failover\Engine\Stream_Event_Sink
 */
final class Run_Stream_Test extends Test_Case {

	/** Pause between the private fake provider's stream frames. */
	private const FRAME_MS = 150;

	/** Ids of what a test created on the site, deleted afterwards. */
	private string $prefix = '';

	/** @var list<string> */
	private array $created_providers = array();

	/** @var list<string> */
	private array $created_features = array();

	private int $log_lines = 0;

	public static function tear_down_after_class(): void {
		Rig_Site::stop_fake_provider();
		parent::tear_down_after_class();
	}

	protected function set_up(): void {
		parent::set_up();
		if ( null === Rig_Site::base_url() ) {
			$this->fail( 'The test rig is not running (source .rig/test/env.sh after bash bin/rig.sh up; npm test does both).' );
		}
		Rig_Site::fake_provider( self::FRAME_MS );
		Rig_Site::reset_fake_provider();
		$this->prefix    = 'st' . strtolower( wp_generate_password( 5, false ) );
		$this->log_lines = count( Rig_Site::php_log() );
	}

	protected function tear_down(): void {
		foreach ( $this->created_features as $id ) {
			Rig_Site::rest( 'DELETE', '/ai-failover/v1/features/' . $id );
		}
		foreach ( $this->created_providers as $id ) {
			Rig_Site::rest( 'DELETE', '/ai-failover/v1/providers/' . $id );
		}
		$logged = array_slice( Rig_Site::php_log(), $this->log_lines );
		// WordPress 6.1's bundled Requests 1.8 is deprecated on PHP 8.1+: core's lines, not ours.
		$problems = array_values( array_filter( $logged, static fn( $line ) => ! str_contains( $line, 'PHP Deprecated' ) ) );
		parent::tear_down();
		$this->assertSame( array(), $problems, 'The streamed requests logged no PHP warning, notice or error.' );
	}

	/**
	 * A keyless OpenAI-compatible provider on one route of the private fake provider.
	 *
	 * @param string $name  Provider id suffix.
	 * @param string $route Fake route.
	 */
	private function provider( string $name, string $route ): string {
		$id       = $this->prefix . '-' . $name;
		$response = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => $id,
				'label'                 => ucfirst( $name ),
				'preset'                => 'ollama',
				'base_url'              => Rig_Site::fake_provider( self::FRAME_MS ) . '/r/' . $route . '/v1',
				'allow_private_network' => true,
			)
		);
		$this->assertSame( 201, $response['status'], (string) wp_json_encode( $response['body'] ) );
		$this->created_providers[] = $id;
		return $id;
	}

	/**
	 * @param string               $primary   Provider id.
	 * @param list<string>         $fallbacks Provider ids.
	 * @param array<string, mixed> $extra     Feature fields.
	 */
	private function feature( string $primary, array $fallbacks = array(), array $extra = array() ): string {
		$id       = $this->prefix . '-chat';
		$response = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/features',
			array_replace_recursive(
				array(
					'id'        => $id,
					'label'     => 'Streamed chat',
					'primary'   => array(
						'provider_id' => $primary,
						'model'       => 'fake-model',
					),
					'fallbacks' => array_map(
						static fn( $p ) => array(
							'provider_id' => $p,
							'model'       => 'fake-model',
						),
						$fallbacks
					),
					'retry'     => array(
						'attempts_per_route' => 1,
						'total_budget_ms'    => 20000,
					),
					'timeouts'  => array(
						'connect_ms'    => 1000,
						'first_byte_ms' => 5000,
						'total_ms'      => 10000,
					),
				),
				$extra
			)
		);
		$this->assertSame( 201, $response['status'], (string) wp_json_encode( $response['body'] ) );
		$this->created_features[] = $id;
		return $id;
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function messages(): array {
		return array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'one two three four',
				),
			),
		);
	}

	/**
	 * @param list<array{event: string, data: mixed, at_ms: float}> $events Events.
	 * @return list<string>
	 */
	private static function names( array $events ): array {
		return array_column( $events, 'event' );
	}

	/**
	 * @param list<array{event: string, data: mixed, at_ms: float}> $events Events.
	 * @param string                                                $name   Event name.
	 * @return list<array{event: string, data: mixed, at_ms: float}>
	 */
	private static function only( array $events, string $name ): array {
		return array_values( array_filter( $events, static fn( $e ) => $name === $e['event'] ) );
	}

	/**
	 * @param list<array{event: string, data: mixed, at_ms: float}> $events Events.
	 */
	private static function streamed_text( array $events ): string {
		return implode( '', array_map( static fn( $e ) => (string) $e['data']['text'], self::only( $events, 'delta' ) ) );
	}

	public function test_deltas_reach_the_client_while_the_provider_is_still_sending(): void {
		$feature = $this->feature( $this->provider( 'ok', 'ok' ) );

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$this->assertSame( 200, $stream['status'], $stream['rest'] );
		$this->assertStringStartsWith( 'text/event-stream', $stream['headers']['content-type'] ?? '' );
		$this->assertSame( 'no-cache', $stream['headers']['cache-control'] ?? '' );
		// X-Accel-Buffering: no is for nginx, which acts on it and does not pass it on.
		$deltas = self::only( $stream['events'], 'delta' );
		$this->assertGreaterThanOrEqual( 4, count( $deltas ), 'One delta per text frame: ' . implode( ',', self::names( $stream['events'] ) ) );
		$this->assertSame( array( 'attempt', 'done' ), array_slice( self::names( $stream['events'] ), -2 ) );

		// The provider sends its text frames 150 ms apart, then a finish frame, usage and [DONE].
		// Buffered, every delta would arrive with `done`; live, each arrives about a frame after the last.
		$done = end( $stream['events'] );
		$this->assertGreaterThan( 3 * self::FRAME_MS, $done['at_ms'] - $deltas[0]['at_ms'], 'The first delta came long before the provider finished.' );
		// Spread out like the frames (4 gaps of 150 ms), not in one burst; half that leaves room for a busy machine.
		$this->assertGreaterThan( ( count( $deltas ) - 1 ) * self::FRAME_MS / 2, end( $deltas )['at_ms'] - $deltas[0]['at_ms'], 'The deltas came one by one, as the provider sent them.' );
		$this->assertSame( 'success', $done['data']['status'] );
		$this->assertSame( $done['data']['output']['text'], self::streamed_text( $stream['events'] ), 'The deltas add up to the answer.' );
		$this->assertStringContainsString( 'You said: one two three four', self::streamed_text( $stream['events'] ) );
	}

	public function test_a_streamed_run_of_a_feature_that_does_not_exist_is_a_404_not_a_stream(): void {
		$stream = Rig_Site::stream_run( $this->prefix . '-missing', self::messages() );

		$this->assertSame( 404, $stream['status'] );
		$this->assertStringStartsWith( 'application/json', $stream['headers']['content-type'] ?? '' );
		$this->assertSame( array(), $stream['events'] );
		$this->assertSame( 'aifo_feature_not_found', json_decode( $stream['rest'], true )['code'] ?? null, $stream['rest'] );
		$this->assertSame( array(), Rig_Site::fake_routes(), 'No provider was called.' );
	}

	public function test_a_failure_before_the_first_token_falls_back_within_one_coherent_stream(): void {
		$feature = $this->feature( $this->provider( 'down', 'fail-503' ), array( $this->provider( 'backup', 'ok+backup' ) ), array( 'retry' => array( 'attempts_per_route' => 2 ) ) );

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$names = self::names( $stream['events'] );
		$first = (int) array_search( 'delta', $names, true );
		$this->assertSame( array( 'attempt', 'attempt', 'fallback' ), array_slice( $names, 0, $first ), 'The story of the failed route comes before any text.' );
		$this->assertSame( array( 'error', 'error' ), array_column( array_column( array_slice( $stream['events'], 0, 2 ), 'data' ), 'outcome' ) );
		$this->assertSame( $this->prefix . '-backup/fake-model', $stream['events'][2]['data']['to'] );
		$this->assertSame( array( 'delta' ), array_values( array_unique( array_slice( $names, $first, -2 ) ) ), 'Then only text, from one attempt.' );
		$this->assertSame( array( 'attempt', 'done' ), array_slice( $names, -2 ), 'Exactly one terminal event, last.' );
		$done = end( $stream['events'] );
		$this->assertSame( $this->prefix . '-backup', $done['data']['served_by']['provider_id'] );
		$this->assertTrue( $done['data']['degraded'] );
		$this->assertSame( $done['data']['output']['text'], self::streamed_text( $stream['events'] ) );
		$this->assertSame( array( 'fail-503', 'fail-503', 'ok+backup' ), Rig_Site::fake_routes() );
	}

	public function test_a_cut_after_the_first_token_ends_incomplete_with_the_partial_text_and_no_other_route(): void {
		$feature = $this->feature( $this->provider( 'cut', 'midstream-cut-2' ), array( $this->provider( 'backup', 'ok+backup' ) ) );

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$names = self::names( $stream['events'] );
		$this->assertSame( array( 'delta', 'delta', 'attempt', 'incomplete' ), $names );
		$final = end( $stream['events'] );
		$this->assertSame( 'incomplete', $final['data']['status'] );
		$this->assertNotSame( '', $final['data']['output']['text'] );
		$this->assertSame( $final['data']['output']['text'], self::streamed_text( $stream['events'] ), 'The partial text is what the client already has.' );
		$this->assertSame( array( 'midstream-cut-2' ), Rig_Site::fake_routes(), 'The backup was never called: no splice.' );
	}

	public function test_the_first_delta_leaves_as_soon_as_its_frame_arrives_not_with_the_next_one(): void {
		// midstream-cut-1: the role frame, one text frame 150 ms later, then nothing for 150 ms and
		// a cut. The first token's time must be the provider's: a delta held until the next frame (a
		// parser waiting for more, a buffer in PHP, nginx or cURL) would reach the client only with
		// the cut, together with the final event.
		$feature = $this->feature( $this->provider( 'one', 'midstream-cut-1' ), array( $this->provider( 'backup', 'ok+backup' ) ) );

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$this->assertSame( array( 'delta', 'attempt', 'incomplete' ), self::names( $stream['events'] ) );
		list( $delta, , $final ) = $stream['events'];
		// The provider keeps 150 ms between the text frame and the cut; half that leaves room for a busy machine.
		$this->assertGreaterThan( self::FRAME_MS / 2, $final['at_ms'] - $delta['at_ms'], 'The first delta reached the client before the provider sent anything more.' );
		$this->assertSame( $final['data']['output']['text'], $delta['data']['text'] );
		$this->assertSame( array( 'midstream-cut-1' ), Rig_Site::fake_routes(), 'No other route after the first token.' );
	}
	public function test_a_first_byte_timeout_of_300_ms_fires_at_300_ms(): void {
		$feature = $this->feature(
			$this->provider( 'hang', 'hang' ),
			array(),
			array(
				'timeouts' => array(
					'first_byte_ms' => 300,
					'total_ms'      => 5000,
				),
			)
		);

		foreach ( array( false, true ) as $streamed ) {
			$attempt = $streamed
				? self::only( Rig_Site::stream_run( $feature, self::messages() )['events'], 'attempt' )[0]['data']
				: Rig_Site::rest( 'POST', '/ai-failover/v1/features/' . $feature . '/run', self::messages() )['body']['attempts'][0];

			$label = $streamed ? 'streamed' : 'JSON';
			$this->assertSame( 'timeout', $attempt['error_class'], $label );
			$this->assertGreaterThanOrEqual( 290, $attempt['latency_ms'], "$label: not before the limit" );
			$this->assertLessThan( 1.5 * 300 + 100, $attempt['latency_ms'], "$label: the limit, not cURL's whole-second low-speed check" );
			$this->assertStringContainsString( 'first-byte timeout of 300 ms', $attempt['message'], $label );
		}
	}

	public function test_a_stream_that_starts_in_time_is_not_cut_by_the_first_byte_timeout(): void {
		// First frame after 200 ms (< 300), then frames 150 ms apart for about a second more.
		$feature = $this->feature(
			$this->provider( 'late', 'slowfirst-200' ),
			array(),
			array(
				'timeouts' => array(
					'first_byte_ms' => 300,
					'total_ms'      => 5000,
				),
			)
		);

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$final = end( $stream['events'] );
		$this->assertSame( 'done', $final['event'], (string) wp_json_encode( $final['data'] ) );
		$this->assertGreaterThan( 1000, $final['data']['attempts'][0]['latency_ms'], 'It ran well past the first-byte limit.' );
	}

	public function test_the_time_budget_is_not_overrun_by_rounding_a_remaining_timeout_up_to_a_second(): void {
		// The primary hangs until its 500 ms first-byte limit; about 495 ms of the 1 s budget are
		// left for the fallback, which hangs too. Rounded up to 1 s, the run would last 1.5 s.
		$feature = $this->feature(
			$this->provider( 'hang', 'hang' ),
			array( $this->provider( 'hang2', 'hang+second' ) ),
			array(
				'retry'    => array( 'total_budget_ms' => 1000 ),
				'timeouts' => array(
					'first_byte_ms' => 500,
					'total_ms'      => 1000,
				),
			)
		);

		$result = Rig_Site::rest( 'POST', '/ai-failover/v1/features/' . $feature . '/run', self::messages() )['body'];

		$this->assertSame( array( 'timeout', 'timeout' ), array_column( $result['attempts'], 'error_class' ), (string) wp_json_encode( $result ) );
		$this->assertLessThan( 1000 + 100, $result['duration_ms'], 'The run ended within its 1 s budget.' );
		$this->assertLessThan( 550, $result['attempts'][1]['latency_ms'], 'The second attempt had only what was left.' );
	}

	public function test_with_output_checks_an_answer_that_fails_them_never_reaches_the_client(): void {
		$feature = $this->feature(
			$this->provider( 'plain', 'ok' ),
			array( $this->provider( 'backup', 'ok+backup' ) ),
			array( 'triggers' => array( 'validation_failed' => true ) )
		);

		$stream = Rig_Site::stream_run( $feature, self::messages() + array( 'validate' => array( 'regex' => 'route=ok\\+backup' ) ) );

		$this->assertSame( array( 'attempt', 'fallback', 'delta', 'attempt', 'done' ), self::names( $stream['events'] ) );
		$this->assertSame( 'validation_failed', $stream['events'][0]['data']['error_class'] );
		$this->assertStringContainsString( 'route=ok+backup', self::streamed_text( $stream['events'] ), 'Only the answer that passed was sent.' );
		$this->assertSame( end( $stream['events'] )['data']['output']['text'], self::streamed_text( $stream['events'] ) );
	}

	public function test_a_client_that_leaves_stops_the_provider_and_the_run_is_logged_incomplete(): void {
		$feature = $this->feature( $this->provider( 'ok', 'ok' ) );

		$stream = Rig_Site::stream_run( $feature, self::messages(), true );

		$this->assertContains( 'delta', self::names( $stream['events'] ) );
		$this->assertNotContains( 'done', self::names( $stream['events'] ), 'The client hung up before the end.' );
		// The plugin notices at its next delta (one frame later) and closes the provider's stream.
		$deadline = microtime( true ) + 5;
		do {
			usleep( 100000 );
			$events = Rig_Site::rest( 'GET', '/ai-failover/v1/events?feature=' . $feature )['body'];
		} while ( ( ! is_array( $events ) || ! $events ) && microtime( true ) < $deadline );
		$this->assertSame( array( 'incomplete' ), array_column( (array) $events, 'outcome' ), (string) wp_json_encode( $events ) );
		$this->assertStringContainsString( 'went away', (string) $events[0]['reason'] );
		$served = Rig_Site::fake_requests()[0];
		$this->assertTrue( $served['aborted'], 'The provider saw its client (the plugin) go away.' );
		$this->assertLessThan( 6 * self::FRAME_MS, $served['duration_ms'], 'Long before its 8 frames were sent.' );
	}
}
