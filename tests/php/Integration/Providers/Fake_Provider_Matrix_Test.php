<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Integration\Providers;

use AI_Failover\Http\WP_Http_Transport;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Simulator_Transport;
use AI_Failover\Tests\Integration\Test_Case;

/**
 * Every adapter x every error class, streaming included, through WordPress's real HTTP API
 * against the fake provider (tests/fake-provider/server.mjs, started by npm test on
 * FAKE_PROVIDER_URL). Asserts the mapped class, HTTP status, retry_after and transient flag.
 *
 * @covers \AI_Failover\Http\WP_Http_Transport
 * @covers \AI_Failover\Providers\Provider_Client
 * @covers \AI_Failover\Providers\Adapters\Openai_Adapter
 * @covers \AI_Failover\Providers\Adapters\Anthropic_Adapter
 * @covers \AI_Failover\Providers\Adapters\Gemini_Adapter
 */
final class Fake_Provider_Matrix_Test extends Test_Case {

	private const PRESETS = array(
		'openai'    => '/v1',
		'anthropic' => '',
		'gemini'    => '',
	);

	private static function base(): string {
		$url = getenv( 'FAKE_PROVIDER_URL' );
		return is_string( $url ) && '' !== $url ? rtrim( $url, '/' ) : 'http://127.0.0.1:8899';
	}

	public static function set_up_before_class(): void {
		parent::set_up_before_class();
		$health = wp_remote_get( self::base() . '/__health', array( 'timeout' => 2 ) );
		if ( is_wp_error( $health ) || 200 !== wp_remote_retrieve_response_code( $health ) ) {
			self::fail( 'The fake provider is not running at ' . self::base() . ': start it with node tests/fake-provider/server.mjs (npm test does).' );
		}
	}

	private function chat( string $preset, string $route, bool $stream, int $total_ms = 8000 ): Chat_Result|Provider_Error {
		$provider = new Provider_Config( 'fake-' . $preset, 'Fake ' . $preset, $preset, self::base() . '/r/' . $route . self::PRESETS[ $preset ], true );
		$client   = new Provider_Client( new WP_Http_Transport(), new Simulator_Transport() );
		return $client->chat(
			$provider,
			'gemini' === $preset ? 'gemini-2.0-flash' : ( 'anthropic' === $preset ? 'claude-sonnet-4-5' : 'gpt-4o-mini' ),
			'fk-ignored-key-0000',
			new Chat_Request(
				array(
					array(
						'role'    => 'user',
						'content' => 'Hello from the matrix',
					),
				),
				32,
				null,
				$stream
			),
			array(
				'connect_ms'    => 2000,
				'total_ms'      => $total_ms,
				'first_byte_ms' => 0,
			)
		);
	}

	/**
	 * @return array<string, array{string, string, Error_Class, int, float|null}>
	 */
	public function error_matrix(): array {
		$rows = array();
		foreach ( array_keys( self::PRESETS ) as $preset ) {
			$cases                   = array(
				'fail-400'       => array( Error_Class::Invalid_Request, 400, null ),
				'fail-401'       => array( Error_Class::Auth, 'gemini' === $preset ? 401 : 401, null ),
				'fail-402'       => array( Error_Class::Payment, 402, null ),
				'fail-403'       => array( Error_Class::Forbidden, 403, null ),
				'fail-404'       => array( Error_Class::Invalid_Request, 404, null ),
				'fail-422'       => array( Error_Class::Invalid_Request, 422, null ),
				'fail-429-ra2'   => array( Error_Class::Rate_Limited, 429, 2.0 ),
				'fail-500'       => array( Error_Class::Server, 500, null ),
				'fail-502'       => array( Error_Class::Server, 502, null ),
				'fail-503'       => array( Error_Class::Server, 503, null ),
				'fail-529'       => array( Error_Class::Server, 529, null ),
				'context-length' => array( Error_Class::Context_Length, 400, null ),
				'empty'          => array( Error_Class::Empty_Response, 200, null ),
				'invalid-json'   => array( Error_Class::Invalid_Response, 200, null ),
			);
			$cases['quota']          = 'gemini' === $preset
				? array( Error_Class::Rate_Limited, 429, null ) // Gemini reports exhausted quota as RESOURCE_EXHAUSTED, retryable.
				: array( Error_Class::Payment, 'openai' === $preset ? 429 : 400, null );
			$cases['content-policy'] = array( Error_Class::Content_Policy, 'gemini' === $preset ? 200 : 400, null );
			if ( 'gemini' === $preset ) {
				$cases['bad-key-gemini'] = array( Error_Class::Auth, 400, null );
			}
			foreach ( $cases as $route => $expected ) {
				$rows[ "$preset $route" ] = array( $preset, $route, $expected[0], $expected[1], $expected[2] );
			}
		}
		return $rows;
	}

	/**
	 * @dataProvider error_matrix
	 */
	public function test_error_classes_without_streaming( string $preset, string $route, Error_Class $class, int $status, ?float $retry_after ): void {
		$this->assert_error( $this->chat( $preset, $route, false ), $class, $status, $retry_after, "$preset $route" );
	}

	/**
	 * @dataProvider error_matrix
	 */
	public function test_error_classes_with_streaming( string $preset, string $route, Error_Class $class, int $status, ?float $retry_after ): void {
		$this->assert_error( $this->chat( $preset, $route, true ), $class, $status, $retry_after, "$preset $route (stream)" );
	}

	/**
	 * @return array<string, array{string}>
	 */
	public function presets(): array {
		return array_combine( array_keys( self::PRESETS ), array_map( static fn( $p ) => array( $p ), array_keys( self::PRESETS ) ) );
	}

	/**
	 * @dataProvider presets
	 */
	public function test_answers_both_ways( string $preset ): void {
		foreach ( array( false, true ) as $stream ) {
			$result = $this->chat( $preset, 'ok', $stream );
			$this->assertInstanceOf( Chat_Result::class, $result, $preset . ( $stream ? ' stream' : '' ) . ': ' . ( $result instanceof Provider_Error ? wp_json_encode( $result->to_array() ) : '' ) );
			$this->assertStringContainsString( 'route=ok', $result->text );
			$this->assertTrue( $result->complete );
			$this->assertGreaterThan( 0, $result->output_tokens );
		}
	}

	/**
	 * @dataProvider presets
	 */
	public function test_a_hang_times_out_at_the_attempt_timeout( string $preset ): void {
		$started = microtime( true );
		$result  = $this->chat( $preset, 'hang', false, 1000 );
		$elapsed = microtime( true ) - $started;

		$this->assert_error( $result, Error_Class::Timeout, 0, null, "$preset hang" );
		$this->assertLessThan( 3.0, $elapsed, 'The attempt ends at its timeout, not at the server cap.' );
	}

	/**
	 * @dataProvider presets
	 */
	public function test_a_stream_cut_mid_way_is_incomplete_with_its_partial_text( string $preset ): void {
		$result = $this->chat( $preset, 'midstream-cut-2', true );

		$this->assertInstanceOf( Chat_Result::class, $result, $preset . ': ' . ( $result instanceof Provider_Error ? wp_json_encode( $result->to_array() ) : '' ) );
		$this->assertFalse( $result->complete );
		$this->assertNotSame( '', $result->text );
		$this->assertNotNull( $result->incomplete_reason );
	}

	/**
	 * @dataProvider presets
	 */
	public function test_a_stream_without_its_end_marker_is_incomplete( string $preset ): void {
		$result = $this->chat( $preset, 'no-done', true );

		$this->assertInstanceOf( Chat_Result::class, $result );
		$this->assertFalse( $result->complete, $preset );
	}

	public function test_retry_after_in_milliseconds_and_in_the_body(): void {
		$this->assert_error( $this->chat( 'openai', 'fail-429-ms1500', false ), Error_Class::Rate_Limited, 429, 1.5, 'retry-after-ms' );
		$this->assert_error( $this->chat( 'gemini', 'fail-429-body7', false ), Error_Class::Rate_Limited, 429, 7.0, 'Gemini RetryInfo' );
	}

	public function test_a_closed_port_is_unreachable(): void {
		$provider = new Provider_Config( 'closed', 'Closed', 'openai', 'http://127.0.0.1:9/v1', true );
		$result   = ( new Provider_Client( new WP_Http_Transport(), new Simulator_Transport() ) )->chat(
			$provider,
			'm',
			'k',
			new Chat_Request( array() ),
			array(
				'connect_ms' => 1000,
				'total_ms'   => 2000,
			)
		);
		$this->assert_error( $result, Error_Class::Unreachable, 0, null, 'closed port' );
	}

	public function test_model_discovery_in_all_three_formats(): void {
		$client = new Provider_Client( new WP_Http_Transport(), new Simulator_Transport() );
		foreach ( self::PRESETS as $preset => $suffix ) {
			$models = $client->list_models( new Provider_Config( 'p', 'P', $preset, self::base() . '/r/ok' . $suffix, true ), 'fk-ok-1234' );
			$this->assertIsArray( $models, $preset );
			$this->assertNotEmpty( $models, $preset );
		}
	}

	private function assert_error( Chat_Result|Provider_Error $result, Error_Class $class, int $status, ?float $retry_after, string $label ): void {
		$this->assertInstanceOf( Provider_Error::class, $result, $label . ' should fail' );
		$this->assertSame( $class, $result->class, $label . ': ' . wp_json_encode( $result->to_array() ) );
		$this->assertSame( $status, $result->http_status, $label . ' status' );
		$this->assertSame( $class->is_transient(), $result->to_array()['transient'], $label . ' transient' );
		if ( null !== $retry_after ) {
			$this->assertEqualsWithDelta( $retry_after, (float) $result->retry_after, 0.01, $label . ' retry_after' );
		}
	}
}
