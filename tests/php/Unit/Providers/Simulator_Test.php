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
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Simulator_Transport;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * The Simulator runs through the same client, adapter and classification as real providers.
 *
 * @covers \AI_Failover\Providers\Simulator_Transport
 * @covers \AI_Failover\Providers\Provider_Client
 */
final class Simulator_Test extends TestCase {

	private Provider_Client $client;
	private Provider_Config $simulator;

	protected function set_up(): void {
		parent::set_up();
		$never_called    = new class() implements Http_Transport {
			public function send( Http_Request $request ): Http_Response {
				throw new \LogicException( 'The Simulator must never touch the network.' );
			}
		};
		$this->client    = new Provider_Client( $never_called, new Simulator_Transport( 20, 10 ) );
		$this->simulator = new Provider_Config( 'simulator', 'Simulator', 'simulator' );
	}

	/**
	 * @dataProvider failing_models
	 */
	public function test_each_failure_model_maps_to_its_class( string $model, Error_Class $expected, ?float $retry_after ): void {
		foreach ( array( false, true ) as $stream ) {
			$result = $this->chat( $model, $stream );
			$this->assertInstanceOf( Provider_Error::class, $result, $model . ( $stream ? ' (stream)' : '' ) );
			$this->assertSame( $expected, $result->class, $model );
			$this->assertSame( $retry_after, $result->retry_after, $model );
		}
	}

	/**
	 * @return array<string, array{string, Error_Class, float|null}>
	 */
	public function failing_models(): array {
		return array(
			'sim-rate-limited'   => array( 'sim-rate-limited', Error_Class::Rate_Limited, 1.0 ),
			'sim-payment'        => array( 'sim-payment', Error_Class::Payment, null ),
			'sim-server-error'   => array( 'sim-server-error', Error_Class::Server, null ),
			'sim-unavailable'    => array( 'sim-unavailable', Error_Class::Server, null ),
			'sim-timeout'        => array( 'sim-timeout', Error_Class::Timeout, null ),
			'sim-empty'          => array( 'sim-empty', Error_Class::Empty_Response, null ),
			'sim-invalid'        => array( 'sim-invalid', Error_Class::Invalid_Response, null ),
			'sim-auth'           => array( 'sim-auth', Error_Class::Auth, null ),
			'sim-forbidden'      => array( 'sim-forbidden', Error_Class::Forbidden, null ),
			'sim-bad-request'    => array( 'sim-bad-request', Error_Class::Invalid_Request, null ),
			'sim-context-length' => array( 'sim-context-length', Error_Class::Context_Length, null ),
			'sim-content-policy' => array( 'sim-content-policy', Error_Class::Content_Policy, null ),
		);
	}

	public function test_echo_answers_with_usage_both_ways(): void {
		foreach ( array( false, true ) as $stream ) {
			$result = $this->chat( 'sim-echo', $stream );
			$this->assertInstanceOf( Chat_Result::class, $result );
			$this->assertSame( 'Simulated answer to: Summarise this post', $result->text );
			$this->assertTrue( $result->complete );
			$this->assertGreaterThan( 0, $result->output_tokens );
		}
		$this->assertInstanceOf( Chat_Result::class, $this->chat( 'sim-slow-first-token', false ) );
	}

	public function test_stream_cut_is_incomplete_with_partial_text_and_invalid_without_stream(): void {
		$streamed = $this->chat( 'sim-stream-cut', true );
		$this->assertInstanceOf( Chat_Result::class, $streamed );
		$this->assertFalse( $streamed->complete );
		$this->assertSame( 'This answer will ', $streamed->text );

		$this->assertSame( Error_Class::Invalid_Response, $this->chat( 'sim-stream-cut', false )->class );
	}

	public function test_lists_its_models(): void {
		$models = $this->client->list_models( $this->simulator, '' );
		$this->assertSame( array_keys( Simulator_Transport::MODELS ), array_values( array_intersect( array_keys( Simulator_Transport::MODELS ), $models ) ) );
	}

	public function test_a_refused_base_url_never_reaches_the_transport(): void {
		$result = $this->client->chat(
			new Provider_Config( 'oa', 'OpenAI', 'openai', 'http://127.0.0.1:9/v1', false ),
			'gpt-4o-mini',
			'sk-x',
			new Chat_Request( array() ),
			array(
				'connect_ms' => 100,
				'total_ms'   => 1000,
			)
		);
		$this->assertSame( Error_Class::Unreachable, $result->class );
		$this->assertSame( 'url_refused', $result->provider_code );
	}

	private function chat( string $model, bool $stream ): Chat_Result|Provider_Error {
		return $this->client->chat(
			$this->simulator,
			$model,
			'',
			new Chat_Request(
				array(
					array(
						'role'    => 'user',
						'content' => 'Summarise this post',
					),
				),
				null,
				null,
				$stream
			),
			array(
				'connect_ms' => 100,
				'total_ms'   => 1000,
			)
		);
	}
}
