<?php
/**
 * Anthropic Messages API.
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
 * POST {base}/v1/messages with x-api-key and anthropic-version; errors are
 * {type: "error", error: {type, message}}; 529 overloaded_error is a server error.
 *
 * @since 0.1.0
 */
final class Anthropic_Adapter implements Provider_Adapter {

	public const API_VERSION = '2023-06-01';

	/** Anthropic requires max_tokens; used when the caller sets none. */
	private const DEFAULT_MAX_TOKENS = 1024;

	public function chat_request( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts ): Http_Request {
		$body = array(
			'model'      => $model,
			'max_tokens' => $request->max_tokens ?? self::DEFAULT_MAX_TOKENS,
			'messages'   => $request->conversation(),
		);
		if ( '' !== $request->system_prompt() ) {
			$body['system'] = $request->system_prompt();
		}
		if ( null !== $request->temperature ) {
			$body['temperature'] = $request->temperature;
		}
		if ( $request->stream ) {
			$body['stream'] = true;
		}
		return new Http_Request(
			'POST',
			$provider->effective_base_url() . '/v1/messages',
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
		return $stream ? $this->parse_stream( $response ) : $this->parse_json( $response );
	}

	public function stream_delta( array $event ): string {
		$data = json_decode( $event['data'], true );
		if ( ! is_array( $data ) || 'content_block_delta' !== ( $data['type'] ?? $event['event'] ) ) {
			return '';
		}
		$text = $data['delta']['text'] ?? '';
		return is_string( $text ) ? $text : '';
	}

	public function models_request( Provider_Config $provider, string $api_key ): Http_Request {
		return new Http_Request( 'GET', $provider->effective_base_url() . '/v1/models?limit=1000', $this->headers( $api_key, false ), null, 5000, 15000, $provider->allow_private_network );
	}

	public function parse_models( Http_Response $response ): array|Provider_Error {
		if ( null !== $response->failure || $response->status >= 300 ) {
			return $this->error( $response, $response->json() ?? array() );
		}
		$json = $response->json();
		if ( null === $json || ! is_array( $json['data'] ?? null ) ) {
			return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The model list was not in the expected format.' );
		}
		$ids = array_values( array_filter( array_map( static fn( $m ) => is_array( $m ) ? (string) ( $m['id'] ?? '' ) : '', $json['data'] ) ) );
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
			'Content-Type'      => 'application/json',
			'Accept'            => $stream ? 'text/event-stream' : 'application/json',
			'x-api-key'         => $api_key,
			'anthropic-version' => self::API_VERSION,
		);
	}

	/**
	 * @param Http_Response $response Response.
	 */
	private function parse_json( Http_Response $response ): Chat_Result|Provider_Error {
		$json = $response->json();
		if ( null === $json ) {
			return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The response was not JSON.' );
		}
		if ( 'error' === ( $json['type'] ?? '' ) ) {
			return $this->error( $response, $json );
		}
		$text = '';
		foreach ( (array) ( $json['content'] ?? array() ) as $block ) {
			if ( is_array( $block ) && 'text' === ( $block['type'] ?? '' ) ) {
				$text .= (string) ( $block['text'] ?? '' );
			}
		}
		$stop = (string) ( $json['stop_reason'] ?? '' );
		if ( '' === trim( $text ) ) {
			return 'refusal' === $stop
				? new Provider_Error( Error_Class::Content_Policy, $response->status, 'refusal', 'The model declined to answer.' )
				: new Provider_Error( Error_Class::Empty_Response, $response->status, '', 'The provider answered with no text.' );
		}
		return new Chat_Result( $text, self::finish_reason( $stop ), (int) ( $json['usage']['input_tokens'] ?? 0 ), (int) ( $json['usage']['output_tokens'] ?? 0 ) );
	}

	/**
	 * @param Http_Response $response Event-stream response.
	 */
	private function parse_stream( Http_Response $response ): Chat_Result|Provider_Error {
		$text   = '';
		$stop   = '';
		$ended  = false;
		$input  = 0;
		$output = 0;
		$events = Sse_Parser::parse( $response->body );
		$broken = Stream_Outcome::unparseable( $response, $events );
		if ( null !== $broken ) {
			return $broken;
		}
		foreach ( $events as $event ) {
			$data = json_decode( $event['data'], true );
			if ( ! is_array( $data ) ) {
				continue;
			}
			switch ( $data['type'] ?? $event['event'] ) {
				case 'error':
					// An error event inside a 200 stream, e.g. overloaded_error mid-way.
					return $this->error( new Http_Response( 529 === self::status_for( $data ) ? 529 : 500, $response->headers, '', null, '', $response->duration_ms ), $data );
				case 'message_start':
					$input = (int) ( $data['message']['usage']['input_tokens'] ?? 0 );
					break;
				case 'content_block_delta':
					$text .= $this->stream_delta( $event );
					break;
				case 'message_delta':
					$stop   = (string) ( $data['delta']['stop_reason'] ?? $stop );
					$output = (int) ( $data['usage']['output_tokens'] ?? $output );
					break;
				case 'message_stop':
					$ended = true;
					break;
			}
		}//end foreach
		return Stream_Outcome::finish( $response, $text, '' !== $stop ? self::finish_reason( $stop ) : '', $ended, $input, $output, 'message_stop' );
	}

	/**
	 * @param array<string, mixed> $data Error event.
	 */
	private static function status_for( array $data ): int {
		return 'overloaded_error' === ( $data['error']['type'] ?? '' ) ? 529 : 500;
	}

	/**
	 * Anthropic's stop reasons in the common vocabulary.
	 *
	 * @param string $stop Stop reason.
	 */
	private static function finish_reason( string $stop ): string {
		return match ( $stop ) {
			'end_turn', 'stop_sequence' => 'stop',
			'max_tokens' => 'length',
			'tool_use' => 'tool_calls',
			default => '' !== $stop ? $stop : 'stop',
		};
	}

	/**
	 * @param Http_Response        $response Response.
	 * @param array<string, mixed> $body     Decoded body.
	 */
	private function error( Http_Response $response, array $body ): Provider_Error {
		$error = is_array( $body['error'] ?? null ) ? $body['error'] : array();
		$type  = (string) ( $error['type'] ?? '' );
		return Error_Mapper::classify( $response, $type, trim( $type . ': ' . (string) ( $error['message'] ?? '' ), ' :' ) );
	}
}
