<?php
/**
 * OpenAI Chat Completions, and every OpenAI-compatible service.
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
 * POST {base}/chat/completions with a Bearer key; errors are {error: {message, type, code}}.
 * OpenRouter, Groq, Mistral, xAI, DeepSeek, Together, Ollama and LM Studio speak the same format.
 *
 * @since 0.1.0
 */
final class Openai_Adapter implements Provider_Adapter {

	public function chat_request( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts ): Http_Request {
		$body = array(
			'model'    => $model,
			'messages' => $request->messages,
		);
		if ( null !== $request->max_tokens ) {
			$body['max_tokens'] = $request->max_tokens;
		}
		if ( null !== $request->temperature ) {
			$body['temperature'] = $request->temperature;
		}
		if ( $request->stream ) {
			$body['stream']         = true;
			$body['stream_options'] = array( 'include_usage' => true );
		}
		return new Http_Request(
			'POST',
			$provider->effective_base_url() . '/chat/completions',
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
			return $this->error( $response );
		}
		return $stream ? $this->parse_stream( $response ) : $this->parse_json( $response );
	}

	public function stream_delta( array $event ): string {
		$chunk = '[DONE]' === trim( $event['data'] ) ? null : json_decode( $event['data'], true );
		return is_array( $chunk ) ? self::chunk_text( $chunk ) : '';
	}

	/**
	 * @param array<mixed> $chunk A chat.completion.chunk.
	 */
	private static function chunk_text( array $chunk ): string {
		$content = $chunk['choices'][0]['delta']['content'] ?? '';
		return is_string( $content ) ? $content : '';
	}

	public function models_request( Provider_Config $provider, string $api_key ): Http_Request {
		return new Http_Request( 'GET', $provider->effective_base_url() . '/models', $this->headers( $api_key, false ), null, 5000, 15000, $provider->allow_private_network );
	}

	public function parse_models( Http_Response $response ): array|Provider_Error {
		if ( null !== $response->failure || $response->status >= 300 ) {
			return $this->error( $response );
		}
		$json = $response->json();
		if ( null === $json || ! isset( $json['data'] ) || ! is_array( $json['data'] ) ) {
			return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The model list was not in the expected format.' );
		}
		$ids = array();
		foreach ( $json['data'] as $model ) {
			if ( is_array( $model ) && isset( $model['id'] ) && is_string( $model['id'] ) ) {
				$ids[] = $model['id'];
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
		$headers = array(
			'Content-Type' => 'application/json',
			'Accept'       => $stream ? 'text/event-stream' : 'application/json',
		);
		if ( '' !== $api_key ) {
			$headers['Authorization'] = 'Bearer ' . $api_key;
		}
		return $headers;
	}

	/**
	 * @param Http_Response $response Non-stream success response.
	 */
	private function parse_json( Http_Response $response ): Chat_Result|Provider_Error {
		$json = $response->json();
		if ( null === $json ) {
			return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The response was not JSON.' );
		}
		$choice = $json['choices'][0] ?? null;
		$finish = is_array( $choice ) ? (string) ( $choice['finish_reason'] ?? '' ) : '';
		$text   = is_array( $choice ) ? (string) ( $choice['message']['content'] ?? '' ) : '';
		if ( 'content_filter' === $finish && '' === $text ) {
			return new Provider_Error( Error_Class::Content_Policy, $response->status, 'content_filter', 'The provider filtered the answer.' );
		}
		if ( ! is_array( $choice ) || '' === trim( $text ) ) {
			return new Provider_Error( Error_Class::Empty_Response, $response->status, '', 'The provider answered with no text.' );
		}
		return new Chat_Result( $text, '' !== $finish ? $finish : 'stop', (int) ( $json['usage']['prompt_tokens'] ?? 0 ), (int) ( $json['usage']['completion_tokens'] ?? 0 ) );
	}

	/**
	 * @param Http_Response $response Event-stream response.
	 */
	private function parse_stream( Http_Response $response ): Chat_Result|Provider_Error {
		$text   = '';
		$finish = '';
		$done   = false;
		$usage  = array();
		$events = Sse_Parser::parse( $response->body );
		if ( ! $events && '' !== trim( $response->body ) && null !== $response->json() ) {
			// Some compatible servers ignore "stream" and answer with plain JSON.
			return $this->parse_json( $response );
		}
		$unparseable = Stream_Outcome::unparseable( $response, $events );
		if ( null !== $unparseable ) {
			return $unparseable;
		}
		foreach ( $events as $event ) {
			if ( '[DONE]' === trim( $event['data'] ) ) {
				$done = true;
				continue;
			}
			$chunk = json_decode( $event['data'], true );
			if ( ! is_array( $chunk ) ) {
				continue;
			}
			if ( isset( $chunk['error'] ) ) {
				return $this->error_from_body( $response, $chunk );
			}
			$text .= self::chunk_text( $chunk );
			if ( ! empty( $chunk['choices'][0]['finish_reason'] ) ) {
				$finish = (string) $chunk['choices'][0]['finish_reason'];
			}
			if ( isset( $chunk['usage'] ) && is_array( $chunk['usage'] ) ) {
				$usage = $chunk['usage'];
			}
		}
		return Stream_Outcome::finish( $response, $text, $finish, $done, (int) ( $usage['prompt_tokens'] ?? 0 ), (int) ( $usage['completion_tokens'] ?? 0 ), 'data: [DONE]' );
	}

	/**
	 * @param Http_Response $response Error response.
	 */
	private function error( Http_Response $response ): Provider_Error {
		return $this->error_from_body( $response, $response->json() ?? array() );
	}

	/**
	 * @param Http_Response        $response Response.
	 * @param array<string, mixed> $body     Decoded body.
	 */
	private function error_from_body( Http_Response $response, array $body ): Provider_Error {
		$error = is_array( $body['error'] ?? null ) ? $body['error'] : array();
		$code  = (string) ( $error['code'] ?? '' );
		$type  = (string) ( $error['type'] ?? '' );
		return Error_Mapper::classify(
			$response,
			'' !== $code ? $code : $type,
			trim( $type . ' ' . $code . ': ' . (string) ( $error['message'] ?? ( is_string( $body['error'] ?? null ) ? $body['error'] : '' ) ), ' :' )
		);
	}
}
