<?php
/**
 * Removes a provider's keys from what the provider said.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Secrets;

use AI_Failover\Providers\Error_Mapper;
use AI_Failover\Providers\Provider_Error;

/**
 * Providers and proxies echo keys in error messages, whole or in part. Every message a provider
 * sends is scrubbed here, once, before anything stores or shows it (run responses, the event log
 * and its CSV, key-state reasons, alerts): every key of that provider (the one sent, every stored
 * one, the environment and constant ones) and every run of 8 or more of a key's first characters
 * become "[redacted key]". Only then is the message cut to its length cap: cutting first would
 * leave the part of a key before the cut, which no exact match finds.
 *
 * @since 0.2.0
 */
final class Key_Scrubber {

	/** A run of a key's first characters this long is taken for the key. */
	public const MIN_PREFIX = 8;

	public const REDACTED = '[redacted key]';

	/**
	 * @param Key_Vault|null $vault Source of the provider's keys; null scrubs only the key passed.
	 */
	public function __construct( private readonly ?Key_Vault $vault = null ) {
	}

	/**
	 * The error with its message scrubbed, then capped.
	 *
	 * @param Provider_Error $error       Error from an adapter (message redacted by pattern, not capped).
	 * @param string         $provider_id Provider.
	 * @param string         $used_key    The key the request carried, '' for none.
	 */
	public function error( Provider_Error $error, string $provider_id, #[\SensitiveParameter] string $used_key ): Provider_Error {
		$message = $this->message( $error->message, $provider_id, $used_key );
		return $message === $error->message ? $error : new Provider_Error( $error->class, $error->http_status, $error->provider_code, $message, $error->retry_after );
	}

	/**
	 * A provider's text, scrubbed of its keys, then capped.
	 *
	 * @param string $message     Text.
	 * @param string $provider_id Provider.
	 * @param string $used_key    The key the request carried, '' for none.
	 */
	public function message( string $message, string $provider_id, #[\SensitiveParameter] string $used_key = '' ): string {
		$keys = null !== $this->vault ? $this->vault->secrets( $provider_id ) : array();
		return Error_Mapper::cap( self::scrub( $message, array_merge( array( $used_key ), $keys ) ) );
	}

	/**
	 * Replaces each key, and each run of MIN_PREFIX or more of its first characters, longest first.
	 *
	 * @param string       $message Text.
	 * @param list<string> $keys    Keys; shorter than MIN_PREFIX ones are replaced only whole (4+).
	 */
	public static function scrub( string $message, #[\SensitiveParameter] array $keys ): string {
		$keys = array_values( array_unique( array_filter( $keys, static fn( string $key ) => strlen( $key ) >= 4 ) ) );
		usort( $keys, static fn( string $a, string $b ) => strlen( $b ) <=> strlen( $a ) );
		foreach ( $keys as $key ) {
			$message = str_replace( $key, self::REDACTED, $message );
		}
		foreach ( $keys as $key ) {
			if ( strlen( $key ) < self::MIN_PREFIX ) {
				continue;
			}
			$message = self::scrub_prefixes( $message, $key );
		}
		return $message;
	}

	/**
	 * Replaces every run of the key's first MIN_PREFIX or more characters.
	 *
	 * @param string $message Text.
	 * @param string $key     Key.
	 */
	private static function scrub_prefixes( string $message, #[\SensitiveParameter] string $key ): string {
		$head   = substr( $key, 0, self::MIN_PREFIX );
		$offset = 0;
		while ( false !== ( $at = strpos( $message, $head, $offset ) ) ) { // phpcs:ignore WordPress.CodeAnalysis.AssignmentInCondition.FoundInWhileCondition -- scan every occurrence.
			$length = self::MIN_PREFIX;
			$limit  = min( strlen( $key ), strlen( $message ) - $at );
			while ( $length < $limit && $message[ $at + $length ] === $key[ $length ] ) {
				++$length;
			}
			$message = substr_replace( $message, self::REDACTED, $at, $length );
			$offset  = $at + strlen( self::REDACTED );
		}
		return $message;
	}
}
