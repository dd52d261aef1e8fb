<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Providers;

use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Error_Mapper;
use Yoast\PHPUnitPolyfills\TestCases\TestCase;

/**
 * @covers \AI_Failover\Providers\Error_Mapper
 * @covers \AI_Failover\Providers\Error_Class
 */
final class Error_Mapper_Test extends TestCase {

	/**
	 * @dataProvider statuses
	 */
	public function test_status_defaults( int $status, Error_Class $expected, bool $transient ): void {
		$error = Error_Mapper::classify( new Http_Response( $status ) );
		$this->assertSame( $expected, $error->class );
		$this->assertSame( $transient, $error->is_transient() );
		$this->assertSame( $status, $error->http_status );
	}

	/**
	 * @return array<string, array{int, Error_Class, bool}>
	 */
	public function statuses(): array {
		return array(
			'400' => array( 400, Error_Class::Invalid_Request, false ),
			'401' => array( 401, Error_Class::Auth, false ),
			'402' => array( 402, Error_Class::Payment, false ),
			'403' => array( 403, Error_Class::Forbidden, false ),
			'404' => array( 404, Error_Class::Invalid_Request, false ),
			'408' => array( 408, Error_Class::Timeout, true ),
			'413' => array( 413, Error_Class::Context_Length, false ),
			'422' => array( 422, Error_Class::Invalid_Request, false ),
			'429' => array( 429, Error_Class::Rate_Limited, true ),
			'500' => array( 500, Error_Class::Server, true ),
			'502' => array( 502, Error_Class::Server, true ),
			'503' => array( 503, Error_Class::Server, true ),
			'529' => array( 529, Error_Class::Server, true ),
		);
	}

	/**
	 * @dataProvider provider_codes
	 */
	public function test_the_provider_code_overrides_the_status( int $status, string $code, string $message, Error_Class $expected ): void {
		$this->assertSame( $expected, Error_Mapper::classify( new Http_Response( $status ), $code, $message )->class );
	}

	/**
	 * @return array<string, array{int, string, string, Error_Class}>
	 */
	public function provider_codes(): array {
		return array(
			'OpenAI 429 out of credit'                     => array( 429, 'insufficient_quota', 'You exceeded your current quota, please check your plan and billing details.', Error_Class::Payment ),
			'Gemini 429 per-minute quota'                  => array( 429, 'RESOURCE_EXHAUSTED', 'You exceeded your current quota, please check your plan and billing details.', Error_Class::Rate_Limited ),
			'Anthropic 400 low credit'                     => array( 400, 'invalid_request_error', 'Your credit balance is too low to access the Anthropic API.', Error_Class::Payment ),
			'OpenAI context length'                        => array( 400, 'context_length_exceeded', "This model's maximum context length is 8192 tokens.", Error_Class::Context_Length ),
			'Anthropic prompt too long'                    => array( 400, 'invalid_request_error', 'prompt is too long: 210000 tokens > 200000 maximum', Error_Class::Context_Length ),
			'OpenAI content policy'                        => array( 400, 'content_policy_violation', 'Your request was rejected as a result of our safety system.', Error_Class::Content_Policy ),
			'Gemini bad key is auth'                       => array( 400, 'API_KEY_INVALID', 'API key not valid. Please pass a valid API key.', Error_Class::Auth ),
			'unsupported parameter'                        => array( 400, 'unsupported_parameter', "Unsupported parameter: 'logit_bias' is not supported with this model.", Error_Class::Unsupported_Capability ),
			'a 500 mentioning safety stays a server error' => array( 500, 'server_error', 'safety system unavailable', Error_Class::Server ),
			// Regressions found by the fake-provider matrix: real messages the first rules missed.
			'Anthropic output content filtering'           => array( 400, 'invalid_request_error', 'Output blocked by content filtering policy', Error_Class::Content_Policy ),
			'Gemini 404 unknown model is not a capability problem' => array( 404, 'NOT_FOUND', 'models/gemini-9 is not found for API version v1beta, or is not supported for generateContent.', Error_Class::Invalid_Request ),
		);
	}

	public function test_transport_failures(): void {
		$this->assertSame( Error_Class::Timeout, Error_Mapper::classify( Http_Response::failed( Http_Response::FAILURE_TIMEOUT, 'cURL error 28: Operation timed out' ) )->class );
		$this->assertSame( Error_Class::Unreachable, Error_Mapper::classify( Http_Response::failed( Http_Response::FAILURE_UNREACHABLE, 'cURL error 7: Failed to connect' ) )->class );
		$blocked = Error_Mapper::classify( Http_Response::failed( Http_Response::FAILURE_BLOCKED, 'A valid URL was not provided.' ) );
		$this->assertSame( Error_Class::Unreachable, $blocked->class );
		$this->assertSame( 'blocked', $blocked->provider_code );
		$this->assertSame( 0, $blocked->http_status );
	}

	/**
	 * @dataProvider retry_hints
	 *
	 * @param array<string, string> $headers Response headers.
	 */
	public function test_retry_after_sources( array $headers, string $message, ?float $body_retry, ?float $expected ): void {
		$error = Error_Mapper::classify( new Http_Response( 429, $headers ), 'rate_limit_exceeded', $message, $body_retry );
		$this->assertSame( $expected, $error->retry_after );
	}

	/**
	 * @return array<string, array{array<string, string>, string, float|null, float|null}>
	 */
	public function retry_hints(): array {
		return array(
			'Retry-After seconds'          => array( array( 'retry-after' => '7' ), '', null, 7.0 ),
			'retry-after-ms wins'          => array(
				array(
					'retry-after'    => '7',
					'retry-after-ms' => '1500',
				),
				'',
				null,
				1.5,
			),
			'body hint (Gemini RetryInfo)' => array( array(), '', 12.0, 12.0 ),
			'header beats body'            => array( array( 'retry-after' => '2' ), '', 12.0, 2.0 ),
			'message "try again in 1.5s"'  => array( array(), 'Rate limit reached. Please try again in 1.5s.', null, 1.5 ),
			'message "try again in 250ms"' => array( array(), 'Please try again in 250ms.', null, 0.25 ),
			'no hint'                      => array( array(), 'Slow down.', null, null ),
		);
	}

	public function test_durations(): void {
		$this->assertSame( 2.0, Error_Mapper::parse_duration( '2s' ) );
		$this->assertSame( 360.0, Error_Mapper::parse_duration( '6m0s' ) );
		$this->assertSame( 0.02, Error_Mapper::parse_duration( '20ms' ) );
		$this->assertNull( Error_Mapper::parse_duration( 'soon' ) );
	}

	public function test_redaction_removes_keys_and_caps_length(): void {
		$message = Error_Mapper::redact( "Incorrect API key provided: sk-proj-abc123DEF456ghi. Also\nAIzaSyA1234567890abcdefghij and sk-ant-api03-xyz789xyz and https://x.test/v1?key=SECRET123&b=1 Bearer tok_live_123" );

		$this->assertStringNotContainsString( 'sk-proj-abc123', $message );
		$this->assertStringNotContainsString( 'AIzaSy', $message );
		$this->assertStringNotContainsString( 'sk-ant-api03', $message );
		$this->assertStringNotContainsString( 'SECRET123', $message );
		$this->assertStringNotContainsString( 'tok_live_123', $message );
		$this->assertStringNotContainsString( "\n", $message );
		$this->assertSame( 300, strlen( Error_Mapper::cap( Error_Mapper::redact( str_repeat( 'a ', 400 ) ) ) ) );
	}

	public function test_key_problems_and_transience_of_every_class(): void {
		$key_problems = array_filter( Error_Class::cases(), static fn( Error_Class $c ) => $c->is_key_problem() );
		$transient    = array_filter( Error_Class::cases(), static fn( Error_Class $c ) => $c->is_transient() );

		$this->assertEqualsCanonicalizing( array( Error_Class::Auth, Error_Class::Payment, Error_Class::Forbidden ), array_values( $key_problems ) );
		$this->assertEqualsCanonicalizing(
			array( Error_Class::Rate_Limited, Error_Class::Server, Error_Class::Timeout, Error_Class::Unreachable, Error_Class::Empty_Response, Error_Class::Invalid_Response ),
			array_values( $transient )
		);
	}
}
