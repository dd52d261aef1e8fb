<?php
/**
 * The built-in Simulator: a provider that needs no key and no network.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

use AI_Failover\Contracts\Http_Transport;
use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;

/**
 * Answers OpenAI-format HTTP exchanges in memory, so a simulated request goes through the same
 * adapter, classification and engine code as a real one. The model name picks the behaviour,
 * which makes it deterministic: "sim-echo" answers, "sim-rate-limited" always answers 429, ...
 *
 * @since 0.1.0
 */
final class Simulator_Transport implements Http_Transport {

	/**
	 * Model => what it does, for admins choosing one.
	 *
	 * @var array<string, string>
	 */
	public const MODELS = array(
		'sim-echo'             => 'Answers, echoing the last user message.',
		'sim-slow-first-token' => 'Answers after a short delay before the first token.',
		'sim-rate-limited'     => '429 rate limit with Retry-After: 1.',
		'sim-payment'          => '429 insufficient_quota (out of credit).',
		'sim-server-error'     => '500 server error.',
		'sim-unavailable'      => '503 service unavailable.',
		'sim-timeout'          => 'Never answers: the attempt times out.',
		'sim-empty'            => '200 with no text.',
		'sim-invalid'          => '200 with an HTML error page instead of JSON.',
		'sim-auth'             => '401 invalid API key.',
		'sim-forbidden'        => '403 forbidden.',
		'sim-bad-request'      => '400 invalid request.',
		'sim-context-length'   => '400 context length exceeded.',
		'sim-content-policy'   => '400 content policy violation.',
		'sim-stream-cut'       => 'Starts answering, then the connection drops.',
		'sim-unreachable'      => 'The connection is refused.',
		'sim-unsupported'      => '400 the model does not support a requested feature.',
	);

	/**
	 * The model that fails with each error class, for drills: the failure then goes through the
	 * same adapter and classification as a real provider's.
	 *
	 * @var array<string, string>
	 */
	private const FAILING_MODELS = array(
		'invalid_request'        => 'sim-bad-request',
		'auth'                   => 'sim-auth',
		'payment'                => 'sim-payment',
		'forbidden'              => 'sim-forbidden',
		'rate_limited'           => 'sim-rate-limited',
		'server'                 => 'sim-unavailable',
		'timeout'                => 'sim-timeout',
		'unreachable'            => 'sim-unreachable',
		'empty_response'         => 'sim-empty',
		'invalid_response'       => 'sim-invalid',
		'unsupported_capability' => 'sim-unsupported',
		'content_policy'         => 'sim-content-policy',
		'context_length'         => 'sim-context-length',
	);

	/**
	 * The Simulator model that fails with $class.
	 *
	 * @param Error_Class $class Class.
	 */
	public static function model_for( Error_Class $class ): string {
		return self::FAILING_MODELS[ $class->value ];
	}

	/**
	 * @param int $max_hang_ms  Longest real wait for sim-timeout (the attempt's own timeout if lower).
	 * @param int $slow_ms      Delay of sim-slow-first-token.
	 */
	public function __construct(
		private readonly int $max_hang_ms = 1500,
		private readonly int $slow_ms = 400,
	) {
	}

	public function send( Http_Request $request ): Http_Response {
		$started = microtime( true );
		if ( 'GET' === $request->method && str_ends_with( (string) wp_parse_url( $request->url, PHP_URL_PATH ), '/models' ) ) {
			$data = array();
			foreach ( array_keys( self::MODELS ) as $id ) {
				$data[] = array(
					'id'       => $id,
					'object'   => 'model',
					'owned_by' => 'ai-failover-simulator',
				);
			}
			return $this->json(
				200,
				array(
					'object' => 'list',
					'data'   => $data,
				),
				$started
			);
		}

		$body   = json_decode( (string) $request->body, true );
		$body   = is_array( $body ) ? $body : array();
		$model  = (string) ( $body['model'] ?? 'sim-echo' );
		$stream = ! empty( $body['stream'] );

		switch ( $model ) {
			case 'sim-rate-limited':
				return $this->error( 429, 'requests', 'rate_limit_exceeded', 'Rate limit reached for requests (simulated). Please try again in 1s.', $started, array( 'retry-after' => '1' ) );
			case 'sim-payment':
				return $this->error( 429, 'insufficient_quota', 'insufficient_quota', 'You exceeded your current quota (simulated).', $started );
			case 'sim-server-error':
				return $this->error( 500, 'server_error', '', 'The server had an error while processing your request (simulated).', $started );
			case 'sim-unavailable':
				return $this->error( 503, 'server_error', 'service_unavailable', 'The engine is currently overloaded (simulated).', $started );
			case 'sim-auth':
				return $this->error( 401, 'invalid_request_error', 'invalid_api_key', 'Incorrect API key provided (simulated).', $started );
			case 'sim-forbidden':
				return $this->error( 403, 'invalid_request_error', 'unsupported_country_region_territory', 'Country, region, or territory not supported (simulated).', $started );
			case 'sim-bad-request':
				return $this->error( 400, 'invalid_request_error', 'invalid_value', 'Invalid value for "messages" (simulated).', $started );
			case 'sim-context-length':
				return $this->error( 400, 'invalid_request_error', 'context_length_exceeded', "This model's maximum context length is 8192 tokens (simulated).", $started );
			case 'sim-content-policy':
				return $this->error( 400, 'invalid_request_error', 'content_policy_violation', 'Your request was rejected by the safety system (simulated).', $started );
			case 'sim-unreachable':
				return Http_Response::failed( Http_Response::FAILURE_UNREACHABLE, 'Simulated: connection refused.', $this->ms( $started ) );
			case 'sim-unsupported':
				return $this->error( 400, 'invalid_request_error', 'unsupported_parameter', 'This model does not support the requested tools (simulated).', $started );
			case 'sim-timeout':
				usleep( 1000 * min( $this->max_hang_ms, $request->timeout_ms ) );
				return Http_Response::failed( Http_Response::FAILURE_TIMEOUT, sprintf( 'Simulated hang: no answer within %d ms.', $request->timeout_ms ), $this->ms( $started ) );
			case 'sim-empty':
				return $this->answer( '', $stream, $started );
			case 'sim-invalid':
				return new Http_Response( 200, array( 'content-type' => 'text/html' ), '<html><body>502 Bad Gateway</body></html>', null, '', $this->ms( $started ) );
			case 'sim-stream-cut':
				if ( $stream ) {
					$frames = $this->frames( 'This answer will be cut off', false );
					return new Http_Response( 200, array( 'content-type' => 'text/event-stream' ), implode( '', array_slice( $frames, 0, 3 ) ), null, 'Simulated connection reset.', $this->ms( $started ), true );
				}
				return new Http_Response( 200, array( 'content-type' => 'application/json' ), '{"id":"sim","choices":[{"message":{"content":"This ans', null, '', $this->ms( $started ), true );
			case 'sim-slow-first-token':
				usleep( 1000 * $this->slow_ms );
				return $this->answer( $this->echo_text( $body ), $stream, $started );
			default:
				return $this->answer( $this->echo_text( $body ), $stream, $started );
		}//end switch
	}

	/**
	 * @param array<string, mixed> $body Request body.
	 */
	private function echo_text( array $body ): string {
		$last = '';
		foreach ( (array) ( $body['messages'] ?? array() ) as $message ) {
			if ( is_array( $message ) && 'user' === ( $message['role'] ?? '' ) ) {
				$last = (string) ( $message['content'] ?? '' );
			}
		}
		return 'Simulated answer to: ' . ( '' !== $last ? mb_substr( $last, 0, 200 ) : '(no user message)' );
	}

	/**
	 * @param string $text    Answer.
	 * @param bool   $stream  As an event stream.
	 * @param float  $started Start time.
	 */
	private function answer( string $text, bool $stream, float $started ): Http_Response {
		$tokens = (int) ceil( strlen( $text ) / 4 );
		if ( $stream ) {
			return new Http_Response( 200, array( 'content-type' => 'text/event-stream' ), implode( '', $this->frames( $text, true ) ), null, '', $this->ms( $started ) );
		}
		return $this->json(
			200,
			array(
				'id'      => 'chatcmpl-sim',
				'object'  => 'chat.completion',
				'model'   => 'simulator',
				'choices' => array(
					array(
						'index'         => 0,
						'message'       => array(
							'role'    => 'assistant',
							'content' => $text,
						),
						'finish_reason' => 'stop',
					),
				),
				'usage'   => array(
					'prompt_tokens'     => 12,
					'completion_tokens' => $tokens,
					'total_tokens'      => 12 + $tokens,
				),
			),
			$started
		);
	}

	/**
	 * SSE frames of an answer, word by word.
	 *
	 * @param string $text     Answer.
	 * @param bool   $complete Whether to end with a finish reason, usage and [DONE].
	 * @return list<string>
	 */
	private function frames( string $text, bool $complete ): array {
		$frames = array();
		$words  = '' === $text ? array() : preg_split( '/(?<= )/', $text );
		foreach ( false === $words ? array( $text ) : $words as $word ) {
			$frames[] = 'data: ' . wp_json_encode(
				array(
					'object'  => 'chat.completion.chunk',
					'choices' => array(
						array(
							'index' => 0,
							'delta' => array( 'content' => $word ),
						),
					),
				)
			) . "\n\n";
		}
		if ( $complete ) {
			$frames[] = 'data: ' . wp_json_encode(
				array(
					'object'  => 'chat.completion.chunk',
					'choices' => array(
						array(
							'index'         => 0,
							'delta'         => (object) array(),
							'finish_reason' => 'stop',
						),
					),
					'usage'   => array(
						'prompt_tokens'     => 12,
						'completion_tokens' => (int) ceil( strlen( $text ) / 4 ),
					),
				)
			) . "\n\n";
			$frames[] = "data: [DONE]\n\n";
		}
		return $frames;
	}

	/**
	 * @param int                   $status  Status.
	 * @param string                $type    OpenAI error type.
	 * @param string                $code    OpenAI error code.
	 * @param string                $message Message.
	 * @param float                 $started Start time.
	 * @param array<string, string> $headers Extra headers.
	 */
	private function error( int $status, string $type, string $code, string $message, float $started, array $headers = array() ): Http_Response {
		return $this->json(
			$status,
			array(
				'error' => array(
					'message' => $message,
					'type'    => $type,
					'param'   => null,
					'code'    => '' !== $code ? $code : null,
				),
			),
			$started,
			$headers
		);
	}

	/**
	 * @param int                   $status  Status.
	 * @param array<string, mixed>  $body    Body.
	 * @param float                 $started Start time.
	 * @param array<string, string> $headers Extra headers.
	 */
	private function json( int $status, array $body, float $started, array $headers = array() ): Http_Response {
		return new Http_Response( $status, array( 'content-type' => 'application/json' ) + $headers, (string) wp_json_encode( $body ), null, '', $this->ms( $started ) );
	}

	/**
	 * @param float $started Start time.
	 */
	private function ms( float $started ): float {
		return ( microtime( true ) - $started ) * 1000;
	}
}
