<?php
/**
 * Shared rules for turning HTTP outcomes into the error taxonomy.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Providers;

use AI_Failover\Http\Http_Response;

/**
 * Status-code defaults, Retry-After parsing and message redaction. Each adapter reads its
 * provider's error body and calls classify() with the provider's code and message; the provider
 * code can override the status default (OpenAI's 429 insufficient_quota is a payment problem,
 * Gemini's 400 API_KEY_INVALID is an auth problem, ...).
 *
 * @since 0.1.0
 */
final class Error_Mapper {

	private const MAX_MESSAGE = 300;

	/**
	 * Classifies an HTTP error response.
	 *
	 * @param Http_Response $response      The response (status >= 300, or 0 for a transport failure).
	 * @param string        $provider_code Provider's error code/type/status, '' if none.
	 * @param string        $message       Provider's message.
	 * @param float|null    $body_retry    Retry delay found in the body, seconds.
	 */
	public static function classify( Http_Response $response, string $provider_code = '', string $message = '', ?float $body_retry = null ): Provider_Error {
		if ( null !== $response->failure ) {
			return self::transport_failure( $response );
		}
		$status = $response->status;
		$text   = strtolower( $provider_code . ' ' . $message );
		$class  = self::class_for_status( $status );

		if ( preg_match( '/insufficient_quota|credit balance is too low/', $text ) ) {
			$class = Error_Class::Payment;
		} elseif ( preg_match( '/context_length|context length|maximum context|too many tokens|prompt is too long|input token count|request_too_large/', $text ) ) {
			$class = Error_Class::Context_Length;
		} elseif ( preg_match( '/content_policy|content_filter|content filter|safety|usage polic/', $text ) && $status < 500 ) {
			$class = Error_Class::Content_Policy;
		} elseif ( preg_match( '/api_key_invalid|invalid_api_key|invalid x-api-key|api key not valid/', $text ) ) {
			$class = Error_Class::Auth;
		} elseif ( 404 !== $status && Error_Class::Invalid_Request === $class && preg_match( '/does not support|not supported|unsupported/', $text ) ) {
			// A 404 "model ... is not supported for generateContent" is a wrong model id, not a missing capability.
			$class = Error_Class::Unsupported_Capability;
		}

		$retry_after = null;
		if ( Error_Class::Rate_Limited === $class || Error_Class::Server === $class ) {
			$retry_after = self::retry_after( $response ) ?? $body_retry ?? self::retry_from_message( $message );
		}
		return new Provider_Error( $class, $status, $provider_code, self::redact( $message ), $retry_after );
	}

	/**
	 * The default class of an HTTP status.
	 *
	 * @param int $status HTTP status.
	 */
	public static function class_for_status( int $status ): Error_Class {
		return match ( true ) {
			401 === $status => Error_Class::Auth,
			402 === $status => Error_Class::Payment,
			403 === $status => Error_Class::Forbidden,
			408 === $status => Error_Class::Timeout,
			413 === $status => Error_Class::Context_Length,
			429 === $status => Error_Class::Rate_Limited,
			409 === $status, $status >= 500 => Error_Class::Server,
			$status >= 400 => Error_Class::Invalid_Request,
			default => Error_Class::Invalid_Response,
		};
	}

	/**
	 * A failure where no response arrived.
	 *
	 * @param Http_Response $response Failed response.
	 */
	public static function transport_failure( Http_Response $response ): Provider_Error {
		return match ( $response->failure ) {
			Http_Response::FAILURE_TIMEOUT => new Provider_Error( Error_Class::Timeout, 0, 'timeout', self::redact( $response->failure_message ) ),
			Http_Response::FAILURE_BLOCKED => new Provider_Error( Error_Class::Unreachable, 0, 'blocked', self::redact( $response->failure_message ) ),
			default => new Provider_Error( Error_Class::Unreachable, 0, 'unreachable', self::redact( $response->failure_message ) ),
		};
	}

	/**
	 * Seconds to wait from Retry-After (seconds or HTTP date) or retry-after-ms.
	 *
	 * @param Http_Response $response Response.
	 */
	public static function retry_after( Http_Response $response ): ?float {
		$ms = $response->header( 'retry-after-ms' );
		if ( '' !== $ms && is_numeric( $ms ) ) {
			return max( 0.0, (float) $ms / 1000 );
		}
		$value = trim( $response->header( 'retry-after' ) );
		if ( '' === $value ) {
			return null;
		}
		if ( is_numeric( $value ) ) {
			return max( 0.0, (float) $value );
		}
		$when = strtotime( $value );
		return false === $when ? null : max( 0.0, (float) ( $when - time() ) );
	}

	/**
	 * A delay from "retryDelay" style strings: "2s", "1.5s", "250ms", "6m0s".
	 *
	 * @param string $duration Duration text.
	 */
	public static function parse_duration( string $duration ): ?float {
		if ( ! preg_match_all( '/(\d+(?:\.\d+)?)(ms|s|m|h)/', strtolower( $duration ), $parts, PREG_SET_ORDER ) ) {
			return null;
		}
		$seconds = 0.0;
		foreach ( $parts as $part ) {
			$seconds += (float) $part[1] * array(
				'ms' => 0.001,
				's'  => 1,
				'm'  => 60,
				'h'  => 3600,
			)[ $part[2] ];
		}
		return $seconds;
	}

	/**
	 * "Please try again in 1.5s" / "in 20ms" inside a message.
	 *
	 * @param string $message Message.
	 */
	public static function retry_from_message( string $message ): ?float {
		if ( preg_match( '/try again in ((?:\d+(?:\.\d+)?(?:ms|s|m|h))+)/i', $message, $match ) ) {
			return self::parse_duration( $match[1] );
		}
		return null;
	}

	/**
	 * Makes a provider message safer to store and show: no key-like strings, no query secrets, one
	 * line. Providers echo (partial) keys in auth errors. Not capped here: the caller removes the
	 * provider's actual keys from the whole message first (Key_Scrubber), then cap()s it.
	 *
	 * @param string $message Raw message.
	 */
	public static function redact( string $message ): string {
		$message = (string) preg_replace(
			array(
				'/\b(sk|pk|rk)-[A-Za-z0-9_*.\-]{6,}/',
				'/\bsk-ant-[A-Za-z0-9_*\-]{6,}/',
				'/\bAIza[0-9A-Za-z_\-]{10,}/',
				'/\b(gsk|xai|fk)[_-][A-Za-z0-9_*\-]{6,}/',
				'/([?&](key|api_key|token)=)[^&\s"]+/i',
				'/(Bearer\s+)[^\s"]+/i',
			),
			array( '[redacted key]', '[redacted key]', '[redacted key]', '[redacted key]', '$1[redacted]', '$1[redacted]' ),
			$message
		);
		return trim( (string) preg_replace( '/\s+/', ' ', $message ) );
	}

	/**
	 * Cuts a message to the length stored and shown.
	 *
	 * @param string $message Scrubbed message.
	 */
	public static function cap( string $message ): string {
		if ( strlen( $message ) <= self::MAX_MESSAGE ) {
			return $message;
		}
		return substr( $message, 0, self::MAX_MESSAGE - 3 ) . '...';
	}
}
