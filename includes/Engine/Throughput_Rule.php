<?php
/**
 * A feature's minimum stream throughput: a slow stream may still move on before it is committed.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * A streamed answer must deliver at least $min_chars_per_second characters per second over the
 * first $probe_ms of its text (counted from its first delta, so the time to the first token stays
 * the latency rule's). Until then its text is held back: the first $probe_ms x rate / 1000
 * characters in release it at once, a stream that ends complete inside the window is released as
 * it is, and one that falls short (a late delta, a stall, a cut) is dropped before any of its text
 * reached the client, as a `slow_stream` attempt that may fall back. Off by default; a feature
 * without a fallback for slow_stream holds nothing.
 *
 * @since n.e.x.t
 */
final class Throughput_Rule {

	public const MIN_PROBE_MS = 100;

	public const MAX_PROBE_MS = 10000;

	/**
	 * @param int $probe_ms             The probe window, from the first delta.
	 * @param int $min_chars_per_second The rate the window must reach.
	 */
	public function __construct(
		public readonly int $probe_ms,
		public readonly int $min_chars_per_second,
	) {
	}

	/**
	 * From the feature's `routing.throughput` (the feature schema's shape), clamped; null when off.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): ?self {
		if ( ! is_array( $value ) || empty( $value['enabled'] ) ) {
			return null;
		}
		return new self(
			max( self::MIN_PROBE_MS, min( self::MAX_PROBE_MS, (int) ( $value['probe_ms'] ?? 2000 ) ) ),
			max( 1, min( 10000, (int) ( $value['min_chars_per_second'] ?? 20 ) ) )
		);
	}

	/**
	 * The characters a window of $window_ms must hold to reach the rate (at least one).
	 *
	 * @param float $window_ms Window (the probe window, or less when the attempt or run ends first).
	 */
	public function chars_needed( float $window_ms ): int {
		return max( 1, (int) ceil( $this->min_chars_per_second * $window_ms / 1000 ) );
	}

	/**
	 * Characters per second of $chars over $window_ms.
	 *
	 * @param int   $chars     Characters.
	 * @param float $window_ms Window.
	 */
	public static function rate( int $chars, float $window_ms ): float {
		return $window_ms > 0 ? $chars * 1000 / $window_ms : 0.0;
	}
}
