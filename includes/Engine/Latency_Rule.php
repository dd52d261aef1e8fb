<?php
/**
 * A feature's latency trigger: slow routes are tried after the others, or skipped.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * A route whose p95 latency (for a stream: time to first token) over the last $window_ms is over
 * $threshold_ms is demoted (tried after the feature's other routes) or, with $demote off, skipped,
 * until a probe shows it recovered.
 *
 * The p95 is over the threshold exactly when more than 5 % of the window's requests were slower
 * than it, so the window needs no latencies, only two counts per route and second: requests and
 * slow requests (the same one-second bucket rows as the error-rate window, under
 * "latency:provider/model"), read in the run's one SELECT of its shared state.
 *
 * Probes: one at a time per route, at most one per probe_ttl_ms() (the probe interval, and at
 * least the attempt timeout, so a probe still in flight always holds its claim). A demotion that
 * starts waits one interval before its first probe. The probe tries the route in its configured
 * place; a probe at or under the threshold clears the window (recovered), a slow one counts and
 * the route stays demoted.
 *
 * @since n.e.x.t
 */
final class Latency_Rule {

	/** Share of requests, in percent, that may be slower than the threshold while the p95 is not. */
	public const P95_SLOW_PERCENT = 5;

	public const MIN_WINDOW_MS = 10000;

	public const MAX_WINDOW_MS = 600000;

	/**
	 * @param int  $threshold_ms p95 (time to first token for streams) over this demotes the route.
	 * @param int  $window_ms    Sliding window.
	 * @param int  $min_requests Requests the window must hold before the p95 counts.
	 * @param int  $probe_ms     Interval between probes of a demoted route.
	 * @param bool $demote       True: tried after the other routes; false: skipped.
	 */
	public function __construct(
		public readonly int $threshold_ms,
		public readonly int $window_ms,
		public readonly int $min_requests,
		public readonly int $probe_ms = 30000,
		public readonly bool $demote = true,
	) {
	}

	/**
	 * From the feature's `routing.latency` (the feature schema's shape), clamped; null when off.
	 *
	 * @param mixed $value Stored value.
	 */
	public static function from_array( mixed $value ): ?self {
		if ( ! is_array( $value ) || empty( $value['enabled'] ) ) {
			return null;
		}
		return new self(
			max( 100, min( 120000, (int) ( $value['threshold_ms'] ?? 5000 ) ) ),
			max( self::MIN_WINDOW_MS, min( self::MAX_WINDOW_MS, 1000 * (int) ( $value['window_s'] ?? 60 ) ) ),
			max( 1, min( 10000, (int) ( $value['min_requests'] ?? 20 ) ) ),
			max( 1000, min( 600000, 1000 * (int) ( $value['probe_every_s'] ?? 30 ) ) ),
			'skip' !== ( $value['action'] ?? 'demote' )
		);
	}

	/**
	 * Whether a window of $requests with $slow among them has its p95 over the threshold: enough
	 * requests, and more than 5 % of them slow (compared in whole numbers, no rounding).
	 *
	 * @param int $requests Requests in the window.
	 * @param int $slow     Requests slower than the threshold among them.
	 */
	public function too_slow( int $requests, int $slow ): bool {
		return $requests > 0 && $requests >= $this->min_requests && $slow * 100 > self::P95_SLOW_PERCENT * $requests;
	}

	/**
	 * Whether one request's latency counts as slow.
	 *
	 * @param float $latency_ms Latency (time to first token for a stream).
	 */
	public function is_slow( float $latency_ms ): bool {
		return $latency_ms > $this->threshold_ms;
	}

	/**
	 * The first millisecond a bucket must start after to count in the window ending at $now_ms.
	 *
	 * @param int $now_ms Now.
	 */
	public function since_ms( int $now_ms ): int {
		return $now_ms - $this->window_ms;
	}

	/**
	 * How long a probe claim holds: the probe interval, and never less than an attempt can take.
	 *
	 * @param int $attempt_ms The feature's per-attempt timeout.
	 */
	public function probe_ttl_ms( int $attempt_ms ): int {
		return max( $this->probe_ms, $attempt_ms );
	}

	/**
	 * Where a route's latency window and probe claim are kept: "latency:provider/model".
	 *
	 * @param Route $route Route.
	 */
	public static function subject( Route $route ): string {
		return 'latency:' . $route->id();
	}
}
