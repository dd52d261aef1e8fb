<?php
/**
 * Contract for a provider's wire format.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Http\Http_Request;
use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Chat_Request;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Provider_Config;
use AI_Failover\Providers\Provider_Error;

/**
 * Builds a provider's requests and reads its responses, errors included. Pure: no I/O.
 *
 * @since 0.1.0
 */
interface Provider_Adapter {

	/**
	 * The chat/generation request.
	 *
	 * @param Provider_Config                                            $provider Provider.
	 * @param string                                                     $model    Model id.
	 * @param string                                                     $api_key  Key ('' for keyless providers).
	 * @param Chat_Request                                               $request  Request.
	 * @param array{connect_ms: int, total_ms: int, first_byte_ms?: int} $timeouts Per-attempt timeouts.
	 */
	public function chat_request( Provider_Config $provider, string $model, string $api_key, Chat_Request $request, array $timeouts ): Http_Request;

	/**
	 * Reads a chat response: the answer, or a classified error.
	 *
	 * @param Http_Response $response Response.
	 * @param bool          $stream   Whether an event stream was requested.
	 */
	public function parse_chat( Http_Response $response, bool $stream ): Chat_Result|Provider_Error;

	/**
	 * The text one event of a successful chat stream adds to the answer ('' for events that carry
	 * none: role chunks, pings, usage, the end marker). parse_chat() builds its text from the same
	 * pieces, so what was relayed live is what the result says.
	 *
	 * @param array{event: string, data: string} $event One server-sent event.
	 */
	public function stream_delta( array $event ): string;

	/**
	 * The list-models request.
	 *
	 * @param Provider_Config $provider Provider.
	 * @param string          $api_key  Key.
	 */
	public function models_request( Provider_Config $provider, string $api_key ): Http_Request;

	/**
	 * Reads a list-models response.
	 *
	 * @param Http_Response $response Response.
	 * @return list<string>|Provider_Error Model ids.
	 */
	public function parse_models( Http_Response $response ): array|Provider_Error;
}
