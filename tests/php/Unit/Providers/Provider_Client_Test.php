<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

use AI_Failover\Contracts\Http_Transport;
use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Simulator_Transport;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Providers\Provider_Client
 */
final class Provider_Client_Test extends TestCase {

	public function test_a_provider_that_echoes_the_whole_key_never_gets_it_into_the_error(): void {
		$key    = 'custom-token-that-matches-no-pattern-9f8e7d';
		$echoer = new class() implements Http_Transport {
			public function send( Http_Request $request ): Http_Response {
				$key = substr( $request->headers['Authorization'], 7 );
				return new Http_Response(
					401,
					array(),
					(string) json_encode(
						array(
							'error' => array(
								'message' => "Key $key is not valid",
								'type'    => 'auth',
							),
						)
					)
				);
			}
		};
		$client = new Provider_Client( $echoer, new Simulator_Transport() );

		$chat   = $client->chat(
			new Provider_Config( 'c', 'C', 'custom', 'https://llm.example.com/v1' ),
			'm',
			$key,
			new Chat_Request( array() ),
			array(
				'connect_ms' => 100,
				'total_ms'   => 1000,
			)
		);
		$models = $client->list_models( new Provider_Config( 'c', 'C', 'custom', 'https://llm.example.com/v1' ), $key );

		$this->assertSame( Error_Class::Auth, $chat->class );
		$this->assertStringNotContainsString( $key, $chat->message );
		$this->assertStringContainsString( '[redacted key]', $chat->message );
		$this->assertStringNotContainsString( $key, $models->message );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function echoes(): array {
		$filler = str_repeat( 'The upstream gateway rejected the credentials of this request. ', 4 );
		return array(
			'whole key after the cut point' => array( "Invalid authentication. {$filler}Key: %s" ),
			'only a prefix of the key'      => array( 'Incorrect API key provided: %.12s. Check the key.' ),
			'a prefix after the cut point'  => array( "Invalid authentication. {$filler}Key: %.9s" ),
		);
	}

	/**
	 * @dataProvider echoes
	 */
	public function test_no_part_of_the_key_survives_an_echo_whole_or_partial( string $format ): void {
		$key    = 'az0123456789abcdef0123456789abcdef';
		$echoer = new class( $format ) implements Http_Transport {
			public function __construct( private readonly string $format ) {
			}

			public function send( Http_Request $request ): Http_Response {
				$message = sprintf( $this->format, substr( $request->headers['Authorization'], 7 ) );
				return new Http_Response( 401, array(), (string) json_encode( array( 'error' => array( 'message' => $message ) ) ) );
			}
		};

		$error = ( new Provider_Client( $echoer, new Simulator_Transport() ) )->list_models( new Provider_Config( 'c', 'C', 'custom', 'https://llm.example.com/v1' ), $key );

		$this->assertLessThanOrEqual( 300, strlen( $error->message ), 'Still capped.' );
		$this->assertStringNotContainsString( substr( $key, 0, 8 ), $error->message );
		$this->assertStringNotContainsString( substr( $key, -8 ), $error->message );
	}
}
