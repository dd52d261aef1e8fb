<?php
/**
 * A feature's error-rate trigger for its routes' circuit breakers.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Opens a route's breaker when at least $percent of the route's requests in the last $window_ms
 * failed, once the window holds at least $min_requests: beside the consecutive-failure count,
 * which misses a route that fails one request in ten. The window is counted per route in
 * one-second buckets (BUCKET_MS), shared by every worker: a request counts while its second
 * started less than $window_ms ago, so it leaves the window up to a second early. Only the
 * requests of features that use the rule are counted (a feature without it adds no write).
 *
 * @since n.e.x.t
 */
final class Error_Rate_Rule {

	public const BUCKET_MS = 1000;

	public const MIN_WINDOW_MS = 10000;

	public const MAX_WINDOW_MS = 600000;

	/**
	 * @param float $percent      Failure share (0.1..100) that opens the breaker.
	 * @param int   $min_requests Requests the window must hold before the share counts.
	 * @param int   $window_ms    Sliding window.
	 */
	public function __construct(
		public readonly float $percent,
		public readonly int $min_requests,
		public readonly int $window_ms,
	) {
	}

	/**
	 * From the feature's `error_rate_breaker` (the feature schema's shape), clamped; null when off.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): ?self {
		if ( ! is_array( $value ) || empty( $value['enabled'] ) ) {
			return null;
		}
		return new self(
			max( 0.1, min( 100.0, (float) ( $value['percent'] ?? 5 ) ) ),
			max( 1, min( 10000, (int) ( $value['min_requests'] ?? 20 ) ) ),
			max( self::MIN_WINDOW_MS, min( self::MAX_WINDOW_MS, 1000 * (int) ( $value['window_s'] ?? 60 ) ) )
		);
	}

	/**
	 * Whether a window of $requests with $failures among them opens the breaker: enough requests,
	 * and a failure share at or over the limit (compared in whole numbers times 100, no rounding).
	 *
	 * @param int $requests Requests in the window.
	 * @param int $failures Failed requests among them.
	 */
	public function trips( int $requests, int $failures ): bool {
		return $requests >= $this->min_requests && $requests > 0 && $failures * 100.0 >= $this->percent * $requests;
	}

	/**
	 * The first millisecond a bucket must start after to count in the window ending at $now_ms.
	 *
	 * @param int $now_ms Now.
	 */
	public function since_ms( int $now_ms ): int {
		return $now_ms - $this->window_ms;
	}
}
