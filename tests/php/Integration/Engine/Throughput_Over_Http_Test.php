<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Tests\Integration\REST\Rig_Fixtures;
use AI_Failover\Tests\Integration\REST\Rig_Site;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * The minimum stream throughput over real HTTP: a client reading the SSE as it arrives -> nginx
 * -> php-fpm -> WordPress REST -> the WordPress HTTP API -> a fake provider of this test's own.
 * `trickle-2500` sends its text frames 2.5 s apart (the first one, 33 characters, at 2.5 s), so
 * its first second of text is far under the feature's 40 characters per second; `ok` sends every
 * frame 5 ms apart. Everything created is deleted afterwards.
 *
 * @covers \AI_Failover\Engine\Stream_Probe
 * @covers \AI_Failover\Engine\Chain_Runner
 * @covers \AI_Failover\Http\WP_Http_Transport
 * @covers \AI_Failover\Providers\Provider_Client
 */
final class Throughput_Over_Http_Test extends Test_Case {

	use Rig_Fixtures;

	protected function set_up(): void {
		parent::set_up();
		$this->use_rig( 'tp' );
		Rig_Site::fake_provider( 5 );
		Rig_Site::reset_fake_provider();
	}

	public function test_a_slow_primary_stream_moves_to_a_fast_fallback_and_the_client_never_sees_its_text(): void {
		$feature = $this->feature( $this->provider( 'slow', 'trickle-2500' ), $this->provider( 'fast', 'ok+fast' ) );

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$this->assertSame( 200, $stream['status'], $stream['rest'] );
		$names = array_column( $stream['events'], 'event' );
		$this->assertSame( array( 'attempt', 'fallback' ), array_slice( $names, 0, 2 ), implode( ',', $names ) );
		$this->assertSame( array( 'attempt', 'done' ), array_slice( $names, -2 ) );
		$this->assertSame( array( 'delta' ), array_values( array_unique( array_slice( $names, 2, -2 ) ) ), 'Then only the fallback\'s text.' );
		$text = implode( '', array_map( static fn( $e ) => (string) $e['data']['text'], array_values( array_filter( $stream['events'], static fn( $e ) => 'delta' === $e['event'] ) ) ) );
		$this->assertStringNotContainsString( 'trickle', $text, 'None of the slow route\'s text reached the client.' );
		$this->assertStringContainsString( 'route=ok+fast', $text );
		$done = end( $stream['events'] );
		$this->assertIsArray( $done );
		$this->assertSame( $text, $done['data']['output']['text'], 'The deltas are the answer: no splice.' );
		$this->assertSame( $this->tag . '-fast', $done['data']['served_by']['provider_id'] );
		$this->assertTrue( $done['data']['degraded'] );

		$slow = $stream['events'][0]['data'];
		$this->assertSame( array( 'error', 'slow_stream', 'fallback' ), array( $slow['outcome'], $slow['error_class'], $slow['decision'] ) );
		$this->assertStringContainsString( '33 characters in the first 1.0 s of the stream (33.0 per second), under the feature\'s minimum of 40 per second; none of its text had been sent', (string) $slow['reason'] );
		// Its second frame would come 2.5 s after the first: the hold ended the transfer at the window's end (2.5 + 1 s).
		$this->assertGreaterThan( 3400, $slow['latency_ms'] );
		$this->assertLessThan( 4500, $slow['latency_ms'], 'Decided at the end of the window, not at the next frame (5 s).' );
		$requests = Rig_Site::fake_requests();
		$this->assertSame( array( 'trickle-2500', 'ok+fast' ), array_column( $requests, 'route' ) );
		$this->assertTrue( $requests[0]['aborted'], 'The plugin closed the slow stream: the provider stops generating.' );

		$logged = $this->events( $feature, 2 );
		$this->assertSame( array( 'slow_stream', null ), array_column( $logged, 'error_class' ), (string) wp_json_encode( $logged ) );
		$this->assertSame( $slow['reason'], $logged[0]['reason'] );
	}

	public function test_a_fast_primary_stream_passes_the_probe_and_keeps_streaming(): void {
		$feature = $this->feature( $this->provider( 'fast', 'ok+fast' ), $this->provider( 'backup', 'ok+backup' ) );

		$stream = Rig_Site::stream_run( $feature, self::messages() );

		$names = array_column( $stream['events'], 'event' );
		$this->assertSame( array( 'attempt', 'done' ), array_slice( $names, -2 ), implode( ',', $names ) );
		$deltas = array_values( array_filter( $stream['events'], static fn( $e ) => 'delta' === $e['event'] ) );
		$this->assertGreaterThanOrEqual( 2, count( $deltas ), 'Released once the window\'s 40 characters were in, then streamed piece by piece.' );
		$this->assertGreaterThanOrEqual( 40, mb_strlen( (string) $deltas[0]['data']['text'] ) );
		$done = end( $stream['events'] );
		$this->assertIsArray( $done );
		$this->assertSame( 'success', $done['data']['status'] );
		$this->assertSame( array( null ), array_column( $done['data']['attempts'], 'error_class' ) );
		$this->assertSame( $done['data']['output']['text'], implode( '', array_map( static fn( $e ) => (string) $e['data']['text'], $deltas ) ) );
		$this->assertSame( array( 'ok+fast' ), Rig_Site::fake_routes(), 'The backup was never called.' );
	}

	/**
	 * @return array<string, mixed>
	 */
	private static function messages(): array {
		return array(
			'messages' => array(
				array(
					'role'    => 'user',
					'content' => 'one two three four five six seven eight',
				),
			),
		);
	}

	/**
	 * The feature's attempts in the event log, oldest first, once $count are there.
	 *
	 * @return list<array<string, mixed>>
	 */
	private function events( string $feature, int $count ): array {
		$deadline = microtime( true ) + 5;
		do {
			$events = Rig_Site::rest( 'GET', '/ai-failover/v1/events?feature=' . $feature )['body'];
			if ( is_array( $events ) && count( $events ) >= $count ) {
				break;
			}
			usleep( 100000 );
		} while ( microtime( true ) < $deadline );
		$events = is_array( $events ) ? $events : array();
		usort( $events, static fn( $a, $b ) => (int) $a['attempt'] <=> (int) $b['attempt'] );
		return $events;
	}

	/**
	 * A feature with a 1 s probe at 40 characters per second, and fallback on slow_stream.
	 */
	private function feature( string $primary, string $fallback ): string {
		$id       = $this->tag . '-chat';
		$response = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/features',
			array(
				'id'        => $id,
				'label'     => 'Streamed chat with a minimum throughput',
				'primary'   => array(
					'provider_id' => $primary,
					'model'       => 'fake-model',
				),
				'fallbacks' => array(
					array(
						'provider_id' => $fallback,
						'model'       => 'fake-model',
					),
				),
				'triggers'  => array( 'slow_stream' => true ),
				'retry'     => array(
					'attempts_per_route' => 1,
					'total_budget_ms'    => 20000,
				),
				'timeouts'  => array(
					'connect_ms'    => 1000,
					'first_byte_ms' => 5000,
					'total_ms'      => 10000,
				),
				'routing'   => array(
					'throughput' => array(
						'enabled'              => true,
						'probe_ms'             => 1000,
						'min_chars_per_second' => 40,
					),
				),
			)
		);
		$this->assertSame( 201, $response['status'], (string) wp_json_encode( $response['body'] ) );
		$this->assertSame( 1000, $response['body']['routing']['throughput']['probe_ms'] ?? null, 'Stored.' );
		$this->features[] = $id;
		return $id;
	}

	/**
	 * A keyless OpenAI-compatible provider on one route of the private fake provider.
	 *
	 * @param string $name  Provider id suffix.
	 * @param string $route Fake route.
	 */
	private function provider( string $name, string $route ): string {
		$id       = $this->tag . '-' . $name;
		$response = Rig_Site::rest(
			'POST',
			'/ai-failover/v1/providers',
			array(
				'id'                    => $id,
				'label'                 => ucfirst( $name ),
				'preset'                => 'ollama',
				'base_url'              => Rig_Site::fake_provider( 5 ) . '/r/' . $route . '/v1',
				'allow_private_network' => true,
			)
		);
		$this->assertSame( 201, $response['status'], (string) wp_json_encode( $response['body'] ) );
		$this->providers[] = $id;
		return $id;
	}
}
