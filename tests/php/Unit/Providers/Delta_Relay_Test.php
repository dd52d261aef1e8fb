<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

use AI_Failover\Contracts\Http_Transport;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Simulator_Transport;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * A streamed attempt through Provider_Client with a transport that hands the body over in small
 * pieces, as WordPress's HTTP API does: deltas reach the listener during the transfer, for every
 * wire format, and after the first one the attempt never fails.
 *
 * @covers \AI_Failover\Providers\Delta_Relay
 * @covers \AI_Failover\Providers\Provider_Client
 * @covers \AI_Failover\Providers\Adapters\Openai_Adapter
 * @covers \AI_Failover\Providers\Adapters\Anthropic_Adapter
 * @covers \AI_Failover\Providers\Adapters\Gemini_Adapter
 */
final class Delta_Relay_Test extends TestCase {

	private const TIMEOUTS = array(
		'connect_ms' => 100,
		'total_ms'   => 1000,
	);

	/**
	 * Event streams that answer "Hello world" in three deltas, per protocol.
	 *
	 * @return array<string, array{0: string, 1: string}>
	 */
	public static function streams(): array {
		$openai    = static fn( array $chunk ) => 'data: ' . json_encode( $chunk ) . "\n\n";
		$anthropic = static fn( string $type, array $data ) => "event: $type\ndata: " . json_encode( array( 'type' => $type ) + $data ) . "\n\n";
		$gemini    = static fn( array $chunk ) => 'data: ' . json_encode( $chunk ) . "\r\n\r\n";
		$text      = static fn( string $t ) => array( 'candidates' => array( array( 'content' => array( 'parts' => array( array( 'text' => $t ) ) ) ) ) );
		return array(
			'openai'    => array(
				'openai',
				$openai(
					array(
						'choices' => array(
							array(
								'delta' => array(
									'role'    => 'assistant',
									'content' => '',
								),
							),
						),
					)
				)
				. $openai( array( 'choices' => array( array( 'delta' => array( 'content' => 'Hel' ) ) ) ) )
				. $openai( array( 'choices' => array( array( 'delta' => array( 'content' => 'lo ' ) ) ) ) )
				. $openai( array( 'choices' => array( array( 'delta' => array( 'content' => 'world' ) ) ) ) )
				. $openai(
					array(
						'choices' => array(
							array(
								'delta'         => array(),
								'finish_reason' => 'stop',
							),
						),
					)
				)
				. "data: [DONE]\n\n",
			),
			'anthropic' => array(
				'anthropic',
				$anthropic( 'message_start', array( 'message' => array( 'usage' => array( 'input_tokens' => 3 ) ) ) )
				. ": ping\n\n"
				. $anthropic(
					'content_block_delta',
					array(
						'delta' => array(
							'type' => 'text_delta',
							'text' => 'Hel',
						),
					)
				)
				. $anthropic(
					'content_block_delta',
					array(
						'delta' => array(
							'type' => 'text_delta',
							'text' => 'lo ',
						),
					)
				)
				. $anthropic(
					'content_block_delta',
					array(
						'delta' => array(
							'type' => 'text_delta',
							'text' => 'world',
						),
					)
				)
				. $anthropic(
					'message_delta',
					array(
						'delta' => array( 'stop_reason' => 'end_turn' ),
						'usage' => array( 'output_tokens' => 2 ),
					)
				)
				. $anthropic( 'message_stop', array() ),
			),
			'gemini'    => array(
				'gemini',
				$gemini( $text( 'Hel' ) ) . $gemini( $text( 'lo ' ) )
				. $gemini(
					array(
						'candidates' => array(
							array(
								'content'      => array( 'parts' => array( array( 'text' => 'world' ) ) ),
								'finishReason' => 'STOP',
							),
						),
					)
				),
			),
		);
	}

	/**
	 * A transport that delivers the body in 7-byte pieces and notes, for each delta the listener
	 * got, whether the transfer was still going.
	 *
	 * @param string $body   Body.
	 * @param int    $status Status.
	 */
	private function transport( string $body, int $status = 200 ): Http_Transport {
		return new class( $body, $status ) implements Http_Transport {
			public bool $in_transfer = false;
			public int $delivered    = 0;
			public function __construct( private string $body, private int $status ) {
			}
			public function send( Http_Request $request ): Http_Response {
				$this->in_transfer = true;
				foreach ( str_split( $this->body, 7 ) as $piece ) {
					++$this->delivered;
					if ( false === ( $request->on_body ?? static fn(): bool => true )( $piece, $this->status ) ) {
						break;
						// The receiver wants no more: stop reading, as WP_Http_Transport does.
					}
				}
				$this->in_transfer = false;
				return new Http_Response( $this->status, array(), $this->body );
			}
		};
	}

	/**
	 * @param Http_Transport|null $transport Transport (null: note nothing).
	 */
	private function listener( ?Http_Transport $transport = null ): Stream_Listener {
		return new class( $transport ) implements Stream_Listener {
			/** @var list<array{0: string, 1: bool}> */
			public array $deltas = array();
			public function __construct( private ?Http_Transport $transport ) {
			}
			public function on_event( string $event, array $data ): void {
			}
			public function on_delta( string $text ): bool {
				$this->deltas[] = array( $text, (bool) ( $this->transport->in_transfer ?? false ) );
				return true;
			}
		};
	}

	private function chat( Http_Transport $transport, string $preset, ?Stream_Listener $listener ): Chat_Result|Provider_Error {
		return ( new Provider_Client( $transport, new Simulator_Transport( 0, 0 ) ) )->chat(
			new Provider_Config( 'p', 'P', $preset, 'https://llm.example.com' ),
			'model',
			'key-1234',
			new Chat_Request(
				array(
					array(
						'role'    => 'user',
						'content' => 'Hi',
					),
				),
				64,
				null,
				true
			),
			self::TIMEOUTS,
			$listener
		);
	}

	/**
	 * @dataProvider streams
	 */
	public function test_each_delta_reaches_the_listener_while_the_body_is_still_arriving( string $preset, string $body ): void {
		$transport = $this->transport( $body );
		$listener  = $this->listener( $transport );

		$result = $this->chat( $transport, $preset, $listener );

		$this->assertInstanceOf( Chat_Result::class, $result );
		$this->assertSame( 'Hello world', $result->text );
		$this->assertTrue( $result->complete );
		$this->assertSame( array( array( 'Hel', true ), array( 'lo ', true ), array( 'world', true ) ), $listener->deltas );
	}

	/**
	 * @dataProvider streams
	 */
	public function test_an_error_after_the_first_token_is_an_incomplete_answer_never_a_failure( string $preset, string $body ): void {
		$error = array(
			'openai'    => 'data: {"error":{"message":"overloaded","type":"server_error"}}' . "\n\n",
			'anthropic' => "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n",
			'gemini'    => 'data: {"error":{"code":503,"message":"overloaded","status":"UNAVAILABLE"}}' . "\r\n\r\n",
		)[ $preset ];
		$first = strpos( $body, 'lo ' );
		$cut   = substr( $body, 0, (int) strpos( $body, "\n\n", (int) $first ) + 2 );
		$cut   = 'gemini' === $preset ? substr( $body, 0, (int) strpos( $body, "\r\n\r\n", (int) $first ) + 4 ) : $cut;

		$listener = $this->listener();
		$result   = $this->chat( $this->transport( $cut . $error ), $preset, $listener );

		$this->assertInstanceOf( Chat_Result::class, $result, 'Text went out: the engine must not fall back.' );
		$this->assertFalse( $result->complete );
		$this->assertSame( 'Hello ', $result->text );
		$this->assertSame( 'Hello ', implode( '', array_column( $listener->deltas, 0 ) ) );
		$this->assertStringContainsString( 'failed mid-stream', (string) $result->incomplete_reason );
	}

	public function test_a_failure_before_the_first_token_stays_a_failure_and_relays_nothing(): void {
		$listener = $this->listener();

		$result = $this->chat( $this->transport( '{"error":{"message":"down","type":"server_error"}}', 503 ), 'openai', $listener );

		$this->assertInstanceOf( Provider_Error::class, $result );
		$this->assertSame( Error_Class::Server, $result->class );
		$this->assertSame( array(), $listener->deltas );
	}

	public function test_a_transport_that_cannot_deliver_pieces_still_relays_the_text_once_at_the_end(): void {
		$whole    = new class() implements Http_Transport {
			public function send( Http_Request $request ): Http_Response {
				return new Http_Response( 200, array(), "data: {\"choices\":[{\"delta\":{\"content\":\"All at once\"},\"finish_reason\":\"stop\"}]}\n\ndata: [DONE]\n\n" );
			}
		};
		$listener = $this->listener();

		$result = $this->chat( $whole, 'openai', $listener );

		$this->assertSame( 'All at once', $result instanceof Chat_Result ? $result->text : '' );
		$this->assertSame( array( array( 'All at once', false ) ), $listener->deltas );
	}

	public function test_a_holding_listener_s_hold_is_asked_by_the_transport_after_each_piece(): void {
		$body      = self::streams()['openai'][1];
		$transport = new class( $body ) implements Http_Transport {
			/** @var list<float|null> */
			public array $holds = array();
			public bool $asked  = false;
			public function __construct( private string $body ) {
			}
			public function send( Http_Request $request ): Http_Response {
				$this->asked = null !== $request->hold_ms;
				foreach ( str_split( $this->body, 7 ) as $piece ) {
					( $request->on_body ?? static fn(): bool => true )( $piece, 200 );
					if ( null !== $request->hold_ms ) {
						$this->holds[] = ( $request->hold_ms )();
					}
				}
				return new Http_Response( 200, array(), $this->body );
			}
		};
		$holding   = new class() implements \AI_Failover\Contracts\Holding_Listener {
			public int $deltas = 0;
			public function on_event( string $event, array $data ): void {
			}
			public function on_delta( string $text ): bool {
				++$this->deltas;
				return true;
			}
			public function hold_ms(): ?float {
				return 1 === $this->deltas ? 250.0 : null;
			}
		};

		$this->chat( $transport, 'openai', $this->listener() );
		$this->assertFalse( $transport->asked, 'A listener that never holds gives the transport nothing to follow.' );

		$this->chat( $transport, 'openai', $holding );
		$this->assertTrue( $transport->asked );
		$this->assertContains( 250.0, $transport->holds, 'While it holds, the transport hears how long.' );
		$this->assertNull( end( $transport->holds ), 'And when it no longer does.' );
	}

	public function test_a_listener_that_throws_does_not_break_the_attempt(): void {
		$stream   = self::streams()['openai'][1];
		$throwing = new class() implements Stream_Listener {
			public function on_event( string $event, array $data ): void {
			}
			public function on_delta( string $text ): bool {
				throw new \RuntimeException( 'a listener bug' );
			}
		};

		$result = $this->chat( $this->transport( $stream ), 'openai', $throwing );

		$this->assertInstanceOf( Chat_Result::class, $result );
		$this->assertSame( 'Hello world', $result->text );
	}

	public function test_a_listener_nobody_reads_any_more_stops_the_attempt_with_the_text_so_far(): void {
		$stream    = self::streams()['openai'][1];
		$transport = $this->transport( $stream );
		$gone      = new class() implements Stream_Listener {
			public int $calls = 0;
			public function on_event( string $event, array $data ): void {
			}
			public function on_delta( string $text ): bool {
				++$this->calls;
				return false;
				// The client went away while this piece was written.
			}
		};

		$result = $this->chat( $transport, 'openai', $gone );

		$this->assertInstanceOf( Chat_Result::class, $result );
		$this->assertFalse( $result->complete );
		$this->assertSame( 'Hel', $result->text );
		$this->assertStringContainsString( 'went away', (string) $result->incomplete_reason );
		$this->assertSame( 1, $gone->calls );
		$this->assertLessThan( count( str_split( $stream, 7 ) ), $transport->delivered, 'The transport was told to stop reading.' );
	}
}
