<?php
/**
 * Google Gemini API (generateContent / streamGenerateContent).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers\Adapters;

use AI_Failover\Contracts\Provider_Adapter;
use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Error_Mapper;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Providers\Sse_Parser;

/**
 * POST {base}/v1beta/models/{model}:generateContent with x-goog-api-key; errors are
 * {error: {code, message, status, details}}; Retry hints come in a RetryInfo detail.
 *
 * @since 0.1.0
 */
final class Gemini_Adapter implements Provider_Adapter {

	public function chat_request( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts ): Http_Request {
		$contents = array();
		foreach ( $request->conversation() as $message ) {
			$contents[] = array(
				'role'  => 'assistant' === $message['role'] ? 'model' : 'user',
				'parts' => array( array( 'text' => $message['content'] ) ),
			);
		}
		$body = array( 'contents' => $contents );
		if ( '' !== $request->system_prompt() ) {
			$body['systemInstruction'] = array( 'parts' => array( array( 'text' => $request->system_prompt() ) ) );
		}
		$config = array();
		if ( null !== $request->max_tokens ) {
			$config['maxOutputTokens'] = $request->max_tokens;
		}
		if ( null !== $request->temperature ) {
			$config['temperature'] = $request->temperature;
		}
		if ( $config ) {
			$body['generationConfig'] = $config;
		}
		$model  = rawurlencode( (string) preg_replace( '#^models/#', '', $model ) );
		$method = $request->stream ? ':streamGenerateContent?alt=sse' : ':generateContent';
		return new Http_Request(
			'POST',
			$provider->effective_base_url() . '/v1beta/models/' . $model . $method,
			$this->headers( $api_key, $request->stream ),
			(string) wp_json_encode( $body ),
			$timeouts['connect_ms'],
			$timeouts['total_ms'],
			$provider->allow_private_network,
			$timeouts['first_byte_ms'] ?? 0
		);
	}

	public function parse_chat( Http_Response $response, bool $stream ): Chat_Result|Provider_Error {
		if ( null !== $response->failure || $response->status >= 300 ) {
			return $this->error( $response, $response->json() ?? array() );
		}
		if ( ! $stream ) {
			$json = $response->json();
			if ( null === $json ) {
				return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The response was not JSON.' );
			}
			$blocked = $this->blocked( $response, $json );
			if ( null !== $blocked ) {
				return $blocked;
			}
			list( $text, $finish ) = $this->candidate_text( $json );
			if ( '' === trim( $text ) ) {
				return 'SAFETY' === $finish
					? new Provider_Error( Error_Class::Content_Policy, $response->status, 'SAFETY', 'The answer was blocked for safety.' )
					: new Provider_Error( Error_Class::Empty_Response, $response->status, '', 'The provider answered with no text.' );
			}
			return new Chat_Result( $text, self::finish_reason( $finish ), (int) ( $json['usageMetadata']['promptTokenCount'] ?? 0 ), (int) ( $json['usageMetadata']['candidatesTokenCount'] ?? 0 ) );
		}

		$text   = '';
		$finish = '';
		$input  = 0;
		$output = 0;
		$events = Sse_Parser::parse( $response->body );
		$broken = Stream_Outcome::unparseable( $response, $events );
		if ( null !== $broken ) {
			return $broken;
		}
		foreach ( $events as $event ) {
			$chunk = json_decode( $event['data'], true );
			if ( ! is_array( $chunk ) ) {
				continue;
			}
			if ( isset( $chunk['error'] ) ) {
				return $this->error( $response, $chunk );
			}
			$blocked = $this->blocked( $response, $chunk );
			if ( null !== $blocked && '' === $text ) {
				return $blocked;
			}
			list( $part, $chunk_finish ) = $this->candidate_text( $chunk );
			$text                       .= $part;
			$finish                      = '' !== $chunk_finish ? $chunk_finish : $finish;
			$input                       = (int) ( $chunk['usageMetadata']['promptTokenCount'] ?? $input );
			$output                      = (int) ( $chunk['usageMetadata']['candidatesTokenCount'] ?? $output );
		}
		// Gemini's stream has no terminator event: the final chunk's finishReason is the end marker.
		return Stream_Outcome::finish( $response, $text, '' !== $finish ? self::finish_reason( $finish ) : '', '' !== $finish, $input, $output, 'finishReason' );
	}

	public function stream_delta( array $event ): string {
		$chunk = json_decode( $event['data'], true );
		return is_array( $chunk ) && ! isset( $chunk['error'] ) ? $this->candidate_text( $chunk )[0] : '';
	}

	public function models_request( Provider_Config $provider, string $api_key ): Http_Request {
		return new Http_Request( 'GET', $provider->effective_base_url() . '/v1beta/models?pageSize=1000', $this->headers( $api_key, false ), null, 5000, 15000, $provider->allow_private_network );
	}

	public function parse_models( Http_Response $response ): array|Provider_Error {
		if ( null !== $response->failure || $response->status >= 300 ) {
			return $this->error( $response, $response->json() ?? array() );
		}
		$json = $response->json();
		if ( null === $json || ! is_array( $json['models'] ?? null ) ) {
			return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The model list was not in the expected format.' );
		}
		$ids = array();
		foreach ( $json['models'] as $model ) {
			if ( is_array( $model ) && is_string( $model['name'] ?? null ) ) {
				$ids[] = (string) preg_replace( '#^models/#', '', $model['name'] );
			}
		}
		sort( $ids );
		return $ids;
	}

	/**
	 * @param string $api_key Key.
	 * @param bool   $stream  Event stream wanted.
	 * @return array<string, string>
	 */
	private function headers( string $api_key, bool $stream ): array {
		return array(
			'Content-Type'   => 'application/json',
			'Accept'         => $stream ? 'text/event-stream' : 'application/json',
			'x-goog-api-key' => $api_key,
		);
	}

	/**
	 * Text and finish reason of the first candidate.
	 *
	 * @param array<string, mixed> $json Response or chunk.
	 * @return array{0: string, 1: string}
	 */
	private function candidate_text( array $json ): array {
		$candidate = $json['candidates'][0] ?? null;
		if ( ! is_array( $candidate ) ) {
			return array( '', '' );
		}
		$text = '';
		foreach ( (array) ( $candidate['content']['parts'] ?? array() ) as $part ) {
			if ( is_array( $part ) && ! ( $part['thought'] ?? false ) ) {
				$text .= (string) ( $part['text'] ?? '' );
			}
		}
		return array( $text, (string) ( $candidate['finishReason'] ?? '' ) );
	}

	/**
	 * A prompt blocked before generation (200 with promptFeedback.blockReason).
	 *
	 * @param Http_Response        $response Response.
	 * @param array<string, mixed> $json     Body.
	 */
	private function blocked( Http_Response $response, array $json ): ?Provider_Error {
		$reason = $json['promptFeedback']['blockReason'] ?? null;
		return is_string( $reason ) ? new Provider_Error( Error_Class::Content_Policy, $response->status, $reason, 'The prompt was blocked: ' . $reason . '.' ) : null;
	}

	/**
	 * Gemini's finish reasons in the common vocabulary.
	 *
	 * @param string $finish Finish reason.
	 */
	private static function finish_reason( string $finish ): string {
		return match ( $finish ) {
			'STOP', '' => 'stop',
			'MAX_TOKENS' => 'length',
			default => strtolower( $finish ),
		};
	}

	/**
	 * @param Http_Response        $response Response.
	 * @param array<string, mixed> $body     Decoded body.
	 */
	private function error( Http_Response $response, array $body ): Provider_Error {
		$error  = is_array( $body['error'] ?? null ) ? $body['error'] : array();
		$status = (string) ( $error['status'] ?? '' );
		$reason = '';
		$retry  = null;
		foreach ( (array) ( $error['details'] ?? array() ) as $detail ) {
			if ( ! is_array( $detail ) ) {
				continue;
			}
			if ( isset( $detail['reason'] ) && is_string( $detail['reason'] ) ) {
				$reason = $detail['reason'];
			}
			if ( isset( $detail['retryDelay'] ) && is_string( $detail['retryDelay'] ) ) {
				$retry = Error_Mapper::parse_duration( $detail['retryDelay'] );
			}
		}
		$code = '' !== $reason ? $reason : $status;
		return Error_Mapper::classify( $response, $code, trim( $code . ': ' . (string) ( $error['message'] ?? '' ), ' :' ), $retry );
	}
}
