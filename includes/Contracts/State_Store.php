<?php
/**
 * Contract for shared engine state (circuit breakers).
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * State shared by every PHP worker and server of the site. Circuit breakers change atomically where
 * they live: an implementation never writes back a value the caller read earlier, and each
 * conditional transition returns true for exactly one of the callers racing for it. get() and set()
 * hold plain values for what tolerates a lost update between workers (ranking hints such as route
 * health scores), never counts or states anyone acts on.
 *
 * @since 0.1.0
 */
interface State_Store {

	/**
	 * A stored value, or null.
	 *
	 * @param string $key Key, named after its subject ("health:provider/model"), so deleting the provider removes it.
	 * @return array<string, mixed>|null
	 */
	public function get( string $key ): ?array;

	/**
	 * Stores a value (last writer wins).
	 *
	 * @param string               $key   Key.
	 * @param array<string, mixed> $value Value.
	 */
	public function set( string $key, array $value ): void;

	/**
	 * Every stored breaker row of these providers (their routes' and their keys'), read at once;
	 * a subject of these providers with no row is closed with no failures. With $window_since_ms,
	 * the same read also sums each route's latency window ("latency:provider/model": `requests`,
	 * its slow requests as `failures`, the probe claim as `probe_until`) over the buckets that
	 * started after it, so a feature with a latency rule reads no more than one without.
	 *
	 * @since n.e.x.t
	 *
	 * @param list<string> $provider_ids    Providers.
	 * @param int          $window_since_ms Latency windows start after this (ms); 0: not read.
	 * @return array<string, array{state: string, failures: int, opened_at: int, probe_until: int, requests?: int}> By subject.
	 */
	public function breakers( array $provider_ids, int $window_since_ms = 0 ): array;

	/**
	 * Claims the one probe of a slow route ("latency:provider/model") until $now_ms + $ttl_ms.
	 * The first call of a demotion (no claim yet) only starts the wait before its first probe.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "latency:provider/model".
	 * @param int    $now_ms  Now (ms).
	 * @param int    $ttl_ms  How long the claim holds.
	 * @return bool Whether this caller may send the probe (an earlier claim had run out).
	 */
	public function claim_latency_probe( string $subject, int $now_ms, int $ttl_ms ): bool;

	/**
	 * Adds one consecutive failure; returns the count after it.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject Subject.
	 */
	public function add_failure( string $subject ): int;

	/**
	 * Adds one consecutive failure to two subjects (an attempt's route and its key) in one write, so
	 * a failed attempt waits for one commit instead of two; returns both counts after it. The
	 * first is the count this write made; the second is read after it, so it may already include
	 * another worker's later failure (opening a breaker stays conditional in the store).
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject The route's subject.
	 * @param string $also    The key's subject.
	 * @return array{0: int, 1: int}
	 */
	public function add_failures( string $subject, string $also ): array;

	/**
	 * Opens the breaker if it is closed with at least $threshold failures.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject   Subject.
	 * @param int    $threshold Failures that open it.
	 * @param int    $now_ms    Now (ms): the open period's start.
	 * @param string $rule      Which rule opens it (Circuit_Breaker::BY_CONSECUTIVE or BY_ERROR_RATE), kept for Diagnostics.
	 * @return bool Whether this call opened it.
	 */
	public function open_breaker( string $subject, int $threshold, int $now_ms, string $rule = 'consecutive' ): bool;

	/**
	 * Claims the single half-open probe of the open period that started at $opened_at.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject   Subject.
	 * @param int    $opened_at Start of the period (ms), as the caller read it.
	 * @param int    $now_ms    Now (ms).
	 * @param int    $ttl_ms    How long the claim holds.
	 */
	public function claim_probe( string $subject, int $opened_at, int $now_ms, int $ttl_ms ): bool;

	/**
	 * Starts a new open period after the probe of the one that started at $opened_at failed.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject   Subject.
	 * @param int    $opened_at Start of the probed period (ms).
	 * @param int    $now_ms    Now (ms).
	 * @return bool Whether this call reopened it.
	 */
	public function reopen_breaker( string $subject, int $opened_at, int $now_ms ): bool;

	/**
	 * A success: zero failures and closed, whatever the caller saw.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject Subject.
	 * @return string|null The state before ('open' or 'closed') when something changed, else null.
	 */
	public function close_breaker( string $subject ): ?string;

	/**
	 * Counts one request of a route in the one-second bucket of $now_ms (see Error_Rate_Rule),
	 * added to the stored count, never written back from a read.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "rate:provider/model".
	 * @param int    $now_ms  Now (ms).
	 * @param bool   $failed  Whether it failed in a way that counts against the route.
	 */
	public function count_request( string $subject, int $now_ms, bool $failed ): void;

	/**
	 * The requests and failures of the buckets that started after $since_ms.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "rate:provider/model".
	 * @param int    $since_ms Buckets that started at or before this are out of the window.
	 * @return array{requests: int, failures: int}
	 */
	public function window( string $subject, int $since_ms ): array;

	/**
	 * Forgets a route's window (its breaker closed: the failures that opened it are over; or its
	 * latency probe was fast: the slow requests are over), with its latency probe claim.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "rate:provider/model".
	 */
	public function reset_window( string $subject ): void;
}
