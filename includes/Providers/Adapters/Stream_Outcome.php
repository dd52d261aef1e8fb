<?php
/**
 * How a parsed event stream ends.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers\Adapters;

use AI_Failover\Http\Http_Response;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Error;

/**
 * The shared end-of-stream rules: no text at all is a failure (cut before the first token, or
 * empty); text without the end marker is an incomplete result, never a success.
 *
 * @since 0.1.0
 */
final class Stream_Outcome {

	/**
	 * A 200 whose body is not an event stream at all (an HTML error page from a proxy, say).
	 *
	 * @param Http_Response $response The response.
	 * @param array<mixed>  $events   Events parsed from it.
	 */
	public static function unparseable( Http_Response $response, array $events ): ?Provider_Error {
		if ( $events || $response->truncated || '' === trim( $response->body ) ) {
			return null;
		}
		return new Provider_Error( Error_Class::Invalid_Response, $response->status, '', 'The response was not an event stream.' );
	}

	/**
	 * @param Http_Response $response      The stream response.
	 * @param string        $text          Concatenated deltas.
	 * @param string        $finish        Finish reason seen, '' if none.
	 * @param bool          $ended         Whether the protocol's end marker arrived.
	 * @param int           $input_tokens  Prompt tokens.
	 * @param int           $output_tokens Completion tokens.
	 * @param string        $end_marker    The marker's name, for the incomplete reason.
	 */
	public static function finish( Http_Response $response, string $text, string $finish, bool $ended, int $input_tokens, int $output_tokens, string $end_marker ): Chat_Result|Provider_Error {
		if ( '' === $text ) {
			if ( $response->truncated || ! $ended ) {
				return new Provider_Error( Error_Class::Server, $response->status, 'stream_cut', 'The stream ended before the first token.' );
			}
			return new Provider_Error( Error_Class::Empty_Response, $response->status, '', 'The stream carried no text.' );
		}
		if ( $response->truncated || ! $ended || '' === $finish ) {
			$reason = $response->truncated ? self::break_reason( $response ) : ( $ended ? 'no finish reason' : 'missing ' . $end_marker );
			return new Chat_Result( $text, '' !== $finish ? $finish : 'incomplete', $input_tokens, $output_tokens, false, $reason );
		}
		return new Chat_Result( $text, $finish, $input_tokens, $output_tokens );
	}

	/**
	 * Why a stream stopped early: the attempt's time limit, or the connection.
	 *
	 * @param Http_Response $response The truncated response.
	 */
	private static function break_reason( Http_Response $response ): string {
		return $response->timed_out ? 'timed out mid-stream' : 'connection closed mid-stream';
	}
}
