<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers\Adapters;

use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Adapters\Anthropic_Adapter;
use AI_Failover\Providers\Adapters\Gemini_Adapter;
use AI_Failover\Providers\Adapters\Openai_Adapter;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * Wire formats of the three protocols, from canned responses shaped like the real APIs'.
 *
 * @covers \AI_Failover\Providers\Adapters\Openai_Adapter
 * @covers \AI_Failover\Providers\Adapters\Anthropic_Adapter
 * @covers \AI_Failover\Providers\Adapters\Gemini_Adapter
 * @covers \AI_Failover\Providers\Adapters\Stream_Outcome
 */
final class Adapters_Test extends TestCase {

	private const TIMEOUTS = array(
		'connect_ms'    => 2000,
		'total_ms'      => 9000,
		'first_byte_ms' => 4000,
	);

	private function request( bool $stream = false ): Chat_Request {
		return new Chat_Request(
			array(
				array(
					'role'    => 'system',
					'content' => 'Be brief.',
				),
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
			64,
			0.2,
			$stream
		);
	}

	public function test_openai_request_shape(): void {
		$http = ( new Openai_Adapter() )->chat_request( new Provider_Config( 'groq', 'Groq', 'groq' ), 'llama-3.1-8b-instant', 'gsk_secret', $this->request( true ), self::TIMEOUTS );
		$body = json_decode( (string) $http->body, true );

		$this->assertSame( 'https://api.groq.com/openai/v1/chat/completions', $http->url );
		$this->assertSame( 'Bearer gsk_secret', $http->headers['Authorization'] );
		$this->assertSame( 'text/event-stream', $http->headers['Accept'] );
		$this->assertSame( 'system', $body['messages'][0]['role'] );
		$this->assertTrue( $body['stream'] );
		$this->assertTrue( $body['stream_options']['include_usage'] );
		$this->assertSame( 64, $body['max_tokens'] );
		$this->assertSame( 9000, $http->timeout_ms );
		$this->assertSame( 4000, $http->first_byte_timeout_ms );
		$this->assertFalse( $http->allow_private_network );
	}

	public function test_anthropic_request_shape(): void {
		$http = ( new Anthropic_Adapter() )->chat_request( new Provider_Config( 'claude', 'Claude', 'anthropic' ), 'claude-sonnet-4-5', 'sk-ant-x', $this->request(), self::TIMEOUTS );
		$body = json_decode( (string) $http->body, true );

		$this->assertSame( 'https://api.anthropic.com/v1/messages', $http->url );
		$this->assertSame( 'sk-ant-x', $http->headers['x-api-key'] );
		$this->assertSame( '2023-06-01', $http->headers['anthropic-version'] );
		$this->assertSame( 'Be brief.', $body['system'] );
		$this->assertSame(
			array(
				array(
					'role'    => 'user',
					'content' => 'Hi',
				),
			),
			$body['messages']
		);
		$this->assertSame( 64, $body['max_tokens'] );
	}

	public function test_gemini_request_shape(): void {
		$http = ( new Gemini_Adapter() )->chat_request( new Provider_Config( 'g', 'Gemini', 'gemini' ), 'models/gemini-2.0-flash', 'AIzaKEY', $this->request( true ), self::TIMEOUTS );
		$body = json_decode( (string) $http->body, true );

		$this->assertSame( 'https://generativelanguage.googleapis.com/v1beta/models/gemini-2.0-flash:streamGenerateContent?alt=sse', $http->url );
		$this->assertSame( 'AIzaKEY', $http->headers['x-goog-api-key'] );
		$this->assertStringNotContainsString( 'AIzaKEY', $http->url, 'The key travels in a header, not the URL (URLs end up in logs).' );
		$this->assertSame( 'Be brief.', $body['systemInstruction']['parts'][0]['text'] );
		$this->assertSame( 'user', $body['contents'][0]['role'] );
		$this->assertSame( 64, $body['generationConfig']['maxOutputTokens'] );
	}

	public function test_successful_answers_in_all_three_formats(): void {
		$openai = ( new Openai_Adapter() )->parse_chat(
			$this->json(
				200,
				array(
					'choices' => array(
						array(
							'message'       => array( 'content' => 'Hello' ),
							'finish_reason' => 'stop',
						),
					),
					'usage'   => array(
						'prompt_tokens'     => 5,
						'completion_tokens' => 1,
					),
				)
			),
			false
		);
		$claude = ( new Anthropic_Adapter() )->parse_chat(
			$this->json(
				200,
				array(
					'type'        => 'message',
					'content'     => array(
						array(
							'type' => 'text',
							'text' => 'Hello',
						),
					),
					'stop_reason' => 'end_turn',
					'usage'       => array(
						'input_tokens'  => 5,
						'output_tokens' => 1,
					),
				)
			),
			false
		);
		$gemini = ( new Gemini_Adapter() )->parse_chat(
			$this->json(
				200,
				array(
					'candidates'    => array(
						array(
							'content'      => array( 'parts' => array( array( 'text' => 'Hello' ) ) ),
							'finishReason' => 'STOP',
						),
					),
					'usageMetadata' => array(
						'promptTokenCount'     => 5,
						'candidatesTokenCount' => 1,
					),
				)
			),
			false
		);

		foreach ( array( $openai, $claude, $gemini ) as $result ) {
			$this->assertInstanceOf( Chat_Result::class, $result );
			$this->assertSame( 'Hello', $result->text );
			$this->assertSame( 'stop', $result->finish_reason );
			$this->assertSame( 5, $result->input_tokens );
			$this->assertSame( 1, $result->output_tokens );
			$this->assertTrue( $result->complete );
		}
	}

	public function test_complete_streams_in_all_three_formats(): void {
		$openai = "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\ndata: {\"choices\":[{\"delta\":{\"content\":\"lo\"},\"finish_reason\":\"stop\"}]}\n\ndata: {\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2}}\n\ndata: [DONE]\n\n";
		$claude = "event: message_start\ndata: {\"type\":\"message_start\",\"message\":{\"usage\":{\"input_tokens\":5}}}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"Hel\"}}\n\nevent: ping\ndata: {\"type\":\"ping\"}\n\nevent: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"type\":\"text_delta\",\"text\":\"lo\"}}\n\nevent: message_delta\ndata: {\"type\":\"message_delta\",\"delta\":{\"stop_reason\":\"end_turn\"},\"usage\":{\"output_tokens\":2}}\n\nevent: message_stop\ndata: {\"type\":\"message_stop\"}\n\n";
		$gemini = "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}\n\ndata: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"lo\"}]},\"finishReason\":\"STOP\"}],\"usageMetadata\":{\"promptTokenCount\":5,\"candidatesTokenCount\":2}}\n\n";

		foreach ( array( array( new Openai_Adapter(), $openai ), array( new Anthropic_Adapter(), $claude ), array( new Gemini_Adapter(), $gemini ) ) as list( $adapter, $stream ) ) {
			$result = $adapter->parse_chat( new Http_Response( 200, array( 'content-type' => 'text/event-stream' ), $stream ), true );
			$this->assertInstanceOf( Chat_Result::class, $result, get_class( $adapter ) );
			$this->assertSame( 'Hello', $result->text );
			$this->assertTrue( $result->complete, get_class( $adapter ) );
			$this->assertSame( 2, $result->output_tokens );
		}
	}

	public function test_a_stream_cut_after_the_first_token_is_incomplete_never_a_success(): void {
		$openai = ( new Openai_Adapter() )->parse_chat( new Http_Response( 200, array(), "data: {\"choices\":[{\"delta\":{\"content\":\"Hel\"}}]}\n\n", null, 'cURL error 18', 10, true ), true );
		$claude = ( new Anthropic_Adapter() )->parse_chat( new Http_Response( 200, array(), "event: content_block_delta\ndata: {\"type\":\"content_block_delta\",\"delta\":{\"text\":\"Hel\"}}\n\n" ), true );
		$gemini = ( new Gemini_Adapter() )->parse_chat( new Http_Response( 200, array(), "data: {\"candidates\":[{\"content\":{\"parts\":[{\"text\":\"Hel\"}]}}]}\n\n" ), true );

		$this->assertFalse( $openai->complete );
		$this->assertSame( 'connection closed mid-stream', $openai->incomplete_reason );
		$this->assertFalse( $claude->complete );
		$this->assertSame( 'missing message_stop', $claude->incomplete_reason );
		$this->assertFalse( $gemini->complete );
		$this->assertSame( 'Hel', $gemini->text );
	}

	public function test_a_stream_cut_before_the_first_token_is_a_transient_failure(): void {
		$result = ( new Openai_Adapter() )->parse_chat( new Http_Response( 200, array(), '', null, 'cURL error 56', 10, true ), true );
		$this->assertInstanceOf( Provider_Error::class, $result );
		$this->assertSame( Error_Class::Server, $result->class );
		$this->assertTrue( $result->is_transient() );
	}

	/**
	 * @dataProvider error_bodies
	 *
	 * @param class-string         $adapter  Adapter.
	 * @param int                  $status   HTTP status.
	 * @param array<string, mixed> $body     Body.
	 * @param Error_Class          $expected Class.
	 * @param string               $code     Provider code kept.
	 */
	public function test_real_error_bodies( string $adapter, int $status, array $body, Error_Class $expected, string $code ): void {
		$error = ( new $adapter() )->parse_chat( $this->json( $status, $body, array( 'retry-after' => '3' ) ), false );

		$this->assertInstanceOf( Provider_Error::class, $error );
		$this->assertSame( $expected, $error->class );
		$this->assertSame( $code, $error->provider_code );
		$this->assertSame( $status, $error->http_status );
		$this->assertSame( Error_Class::Rate_Limited === $expected || Error_Class::Server === $expected ? 3.0 : null, $error->retry_after );
	}

	/**
	 * @return array<string, array{class-string, int, array<string, mixed>, Error_Class, string}>
	 */
	public function error_bodies(): array {
		$openai = static fn( string $type, ?string $code, string $message ) => array(
			'error' => array(
				'message' => $message,
				'type'    => $type,
				'param'   => null,
				'code'    => $code,
			),
		);
		$claude = static fn( string $type, string $message ) => array(
			'type'  => 'error',
			'error' => array(
				'type'    => $type,
				'message' => $message,
			),
		);
		$gemini = static fn( int $code, string $status, string $message, array $details = array() ) => array(
			'error' => array(
				'code'    => $code,
				'message' => $message,
				'status'  => $status,
				'details' => $details,
			),
		);
		return array(
			'openai 401'           => array( Openai_Adapter::class, 401, $openai( 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided: sk-abc***xyz.' ), Error_Class::Auth, 'invalid_api_key' ),
			'openai 429 rate'      => array( Openai_Adapter::class, 429, $openai( 'requests', 'rate_limit_exceeded', 'Rate limit reached.' ), Error_Class::Rate_Limited, 'rate_limit_exceeded' ),
			'openai 429 quota'     => array( Openai_Adapter::class, 429, $openai( 'insufficient_quota', 'insufficient_quota', 'You exceeded your current quota.' ), Error_Class::Payment, 'insufficient_quota' ),
			'openai 400 context'   => array( Openai_Adapter::class, 400, $openai( 'invalid_request_error', 'context_length_exceeded', 'maximum context length' ), Error_Class::Context_Length, 'context_length_exceeded' ),
			'openai 404 model'     => array( Openai_Adapter::class, 404, $openai( 'invalid_request_error', 'model_not_found', 'The model does not exist.' ), Error_Class::Invalid_Request, 'model_not_found' ),
			'openai 503'           => array( Openai_Adapter::class, 503, $openai( 'server_error', null, 'Service unavailable.' ), Error_Class::Server, 'server_error' ),
			'anthropic 401'        => array( Anthropic_Adapter::class, 401, $claude( 'authentication_error', 'invalid x-api-key' ), Error_Class::Auth, 'authentication_error' ),
			'anthropic 403'        => array( Anthropic_Adapter::class, 403, $claude( 'permission_error', 'Your API key does not have permission.' ), Error_Class::Forbidden, 'permission_error' ),
			'anthropic 429'        => array( Anthropic_Adapter::class, 429, $claude( 'rate_limit_error', 'Number of requests has exceeded your rate limit.' ), Error_Class::Rate_Limited, 'rate_limit_error' ),
			'anthropic 529'        => array( Anthropic_Adapter::class, 529, $claude( 'overloaded_error', 'Overloaded' ), Error_Class::Server, 'overloaded_error' ),
			'anthropic 400 credit' => array( Anthropic_Adapter::class, 400, $claude( 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.' ), Error_Class::Payment, 'invalid_request_error' ),
			'gemini 400 bad key'   => array(
				Gemini_Adapter::class,
				400,
				$gemini(
					400,
					'INVALID_ARGUMENT',
					'API key not valid.',
					array(
						array(
							'@type'  => 'type.googleapis.com/google.rpc.ErrorInfo',
							'reason' => 'API_KEY_INVALID',
						),
					)
				),
				Error_Class::Auth,
				'API_KEY_INVALID',
			),
			'gemini 403'           => array( Gemini_Adapter::class, 403, $gemini( 403, 'PERMISSION_DENIED', 'Permission denied.' ), Error_Class::Forbidden, 'PERMISSION_DENIED' ),
			'gemini 429'           => array( Gemini_Adapter::class, 429, $gemini( 429, 'RESOURCE_EXHAUSTED', 'Resource has been exhausted.' ), Error_Class::Rate_Limited, 'RESOURCE_EXHAUSTED' ),
			'gemini 500'           => array( Gemini_Adapter::class, 500, $gemini( 500, 'INTERNAL', 'Internal error.' ), Error_Class::Server, 'INTERNAL' ),
		);
	}

	public function test_gemini_retry_info_detail_is_read_when_no_header(): void {
		$error = ( new Gemini_Adapter() )->parse_chat(
			$this->json(
				429,
				array(
					'error' => array(
						'code'    => 429,
						'status'  => 'RESOURCE_EXHAUSTED',
						'message' => 'Quota exceeded.',
						'details' => array(
							array(
								'@type'      => 'type.googleapis.com/google.rpc.RetryInfo',
								'retryDelay' => '17s',
							),
						),
					),
				)
			),
			false
		);
		$this->assertSame( 17.0, $error->retry_after );
	}

	public function test_empty_invalid_and_blocked_answers(): void {
		$this->assertSame(
			Error_Class::Empty_Response,
			( new Openai_Adapter() )->parse_chat(
				$this->json(
					200,
					array(
						'choices' => array(
							array(
								'message'       => array( 'content' => '' ),
								'finish_reason' => 'stop',
							),
						),
					)
				),
				false
			)->class
		);
		$this->assertSame( Error_Class::Invalid_Response, ( new Openai_Adapter() )->parse_chat( new Http_Response( 200, array( 'content-type' => 'text/html' ), '<html>Bad gateway</html>' ), false )->class );
		$this->assertSame(
			Error_Class::Empty_Response,
			( new Anthropic_Adapter() )->parse_chat(
				$this->json(
					200,
					array(
						'type'        => 'message',
						'content'     => array(),
						'stop_reason' => 'end_turn',
					)
				),
				false
			)->class
		);
		$this->assertSame( Error_Class::Content_Policy, ( new Gemini_Adapter() )->parse_chat( $this->json( 200, array( 'promptFeedback' => array( 'blockReason' => 'SAFETY' ) ) ), false )->class );
		$this->assertSame(
			Error_Class::Content_Policy,
			( new Openai_Adapter() )->parse_chat(
				$this->json(
					200,
					array(
						'choices' => array(
							array(
								'message'       => array( 'content' => null ),
								'finish_reason' => 'content_filter',
							),
						),
					)
				),
				false
			)->class
		);
	}

	public function test_anthropic_error_event_inside_a_200_stream(): void {
		$error = ( new Anthropic_Adapter() )->parse_chat( new Http_Response( 200, array(), "event: error\ndata: {\"type\":\"error\",\"error\":{\"type\":\"overloaded_error\",\"message\":\"Overloaded\"}}\n\n" ), true );
		$this->assertSame( Error_Class::Server, $error->class );
		$this->assertSame( 529, $error->http_status );
	}

	public function test_model_lists(): void {
		$this->assertSame( array( 'a', 'b' ), ( new Openai_Adapter() )->parse_models( $this->json( 200, array( 'data' => array( array( 'id' => 'b' ), array( 'id' => 'a' ) ) ) ) ) );
		$this->assertSame( array( 'claude-x' ), ( new Anthropic_Adapter() )->parse_models( $this->json( 200, array( 'data' => array( array( 'id' => 'claude-x' ) ) ) ) ) );
		$this->assertSame( array( 'gemini-2.0-flash' ), ( new Gemini_Adapter() )->parse_models( $this->json( 200, array( 'models' => array( array( 'name' => 'models/gemini-2.0-flash' ) ) ) ) ) );
		$this->assertSame(
			Error_Class::Auth,
			( new Openai_Adapter() )->parse_models(
				$this->json(
					401,
					array(
						'error' => array(
							'type'    => 'invalid_request_error',
							'code'    => 'invalid_api_key',
							'message' => 'bad',
						),
					)
				)
			)->class
		);
	}

	/**
	 * @param int                   $status  Status.
	 * @param array<string, mixed>  $body    Body.
	 * @param array<string, string> $headers Headers.
	 */
	private function json( int $status, array $body, array $headers = array() ): Http_Response {
		return new Http_Response( $status, array( 'content-type' => 'application/json' ) + $headers, (string) json_encode( $body ) );
	}
}
