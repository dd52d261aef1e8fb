<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Engine;

use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * aifo_run() with `stream => true` from PHP, against the fake provider through WordPress's HTTP
 * API: it never throws, and a listener gets the text while the run goes on.
 *
 * @covers ::aifo_run
 * @covers \AI_Failover\Engine\Feature_Runner
 * @covers \AI_Failover\Engine\Stream_Event_Sink
 */
final class Aifo_Run_Stream_Test extends Test_Case {

	protected function set_up(): void {
		parent::set_up();
		delete_option( 'aifo_providers' );
		delete_option( 'aifo_features' );
		wp_set_current_user( $this->create_user( 'administrator' ) );
		$fake = rtrim( (string) ( getenv( 'FAKE_PROVIDER_URL' ) ?: 'http://127.0.0.1:8899' ), '/' );
		foreach ( array(
			'down' => 'fail-503',
			'up'   => 'ok',
		) as $id => $route ) {
			$this->assertSame(
				201,
				$this->rest(
					'POST',
					'/ai-failover/v1/providers',
					array(
						'id'                    => $id,
						'label'                 => ucfirst( $id ),
						'preset'                => 'ollama',
						'base_url'              => $fake . '/r/' . $route . '/v1',
						'allow_private_network' => true,
					)
				)->get_status()
			);
		}
		$this->assertSame(
			201,
			$this->rest(
				'POST',
				'/ai-failover/v1/features',
				array(
					'id'        => 'chat',
					'label'     => 'Chat',
					'primary'   => array(
						'provider_id' => 'down',
						'model'       => 'm',
					),
					'fallbacks' => array(
						array(
							'provider_id' => 'up',
							'model'       => 'm',
						),
					),
					'retry'     => array( 'attempts_per_route' => 1 ),
				)
			)->get_status()
		);
	}

	public function test_a_streamed_aifo_run_hands_events_and_text_to_its_listener_and_never_throws(): void {
		$listener = new class() implements Stream_Listener {
			/** @var list<string> */
			public array $seen = array();
			public function on_event( string $event, array $data ): void {
				$this->seen[] = $event;
			}
			public function on_delta( string $text ): bool {
				$this->seen[] = 'delta:' . $text;
				return true;
			}
		};

		$result = aifo_run(
			'chat',
			array(
				'messages' => array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
				'stream'   => true,
				'listener' => $listener,
			)
		);

		$this->assertSame( 'success', $result->status, (string) wp_json_encode( $result->to_array() ) );
		$this->assertSame( array( 'attempt', 'fallback' ), array_slice( $listener->seen, 0, 2 ) );
		$this->assertSame( 'attempt', end( $listener->seen ), 'The answering attempt ends after its text.' );
		$deltas = array_values( array_filter( $listener->seen, static fn( $s ) => str_starts_with( $s, 'delta:' ) ) );
		$this->assertGreaterThan( 1, count( $deltas ), 'The text came in pieces, as the provider sent it.' );
		$this->assertSame( $result->text, implode( '', array_map( static fn( $d ) => substr( $d, 6 ), $deltas ) ) );
	}
}
