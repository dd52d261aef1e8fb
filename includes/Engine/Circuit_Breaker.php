<?php
/**
 * Circuit breakers per route and per key.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Event_Sink;
use AI_Failover\Contracts\State_Store;

/**
 * Closed until $threshold consecutive failures, or (for a feature with an Error_Rate_Rule) until
 * the route's failure share over the rule's window reaches its limit; then open (skipped at once)
 * for $cooldown_ms; then half-open: exactly one probe goes through at a time, whichever trigger
 * opened it (one claim per open period, held for $cooldown_ms so a probe whose worker died frees
 * it); its success closes the breaker and clears the error-rate window, its failure opens it again.
 *
 * Reads are cached for one run (until flush()): the first question about a provider's route or key
 * reads every breaker of that provider in one query, and later questions cost nothing. Writes
 * never come from that cache: each success and failure is one atomic change of the shared row
 * (State_Store), so concurrent workers add up their failures, and a success closes the breaker
 * whatever this worker had read. Only the worker that wins a transition in the store reports it
 * to the event sink.
 *
 * @since 0.1.0
 */
final class Circuit_Breaker {

	public const CLOSED    = 'closed';
	public const OPEN      = 'open';
	public const HALF_OPEN = 'half_open';

	/** Which rule opened a breaker (kept in its row for Diagnostics): the consecutive-failure count. */
	public const BY_CONSECUTIVE = 'consecutive';

	/** Which rule opened a breaker: a feature's Error_Rate_Rule. */
	public const BY_ERROR_RATE = 'error_rate';

	/**
	 * Rows read during this run, by subject (the store's view when read, updated by this worker's writes).
	 *
	 * @var array<string, array{state: string, failures: int, opened_at: int}>
	 */
	private array $entries = array();

	/**
	 * Providers whose breakers were read during this run: their subjects with no row are clean.
	 *
	 * @var array<string, true>
	 */
	private array $loaded = array();

	/**
	 * Latency windows read with the breakers during this run (Latency_Rule), by "latency:" subject.
	 *
	 * @var array<string, array{requests: int, slow: int, probe_until: int}>
	 */
	private array $windows = array();

	/**
	 * Subjects whose half-open probe this worker claimed: subject => the probed open period's start (ms).
	 *
	 * @var array<string, int>
	 */
	private array $probing = array();

	public function __construct(
		private readonly State_Store $store,
		private readonly Clock $clock,
		private readonly Event_Sink $sink,
		private readonly int $threshold = 5,
		private readonly int $cooldown_ms = 30000,
	) {
	}

	/**
	 * Reads the breakers of these subjects' providers in one query, so the run's later questions
	 * about any route or key of those providers cost nothing.
	 *
	 * @since n.e.x.t
	 *
	 * @param list<string> $subjects        Subjects.
	 * @param int          $window_since_ms With a latency rule: its window's start (ms), so the same query reads the routes' latency windows; 0: none.
	 */
	public function load( array $subjects, int $window_since_ms = 0 ): void {
		$providers = array();
		foreach ( $subjects as $subject ) {
			$provider = self::owner( $subject )[0];
			if ( ! isset( $this->loaded[ $provider ] ) ) {
				$providers[ $provider ] = true;
			}
		}
		if ( ! $providers ) {
			return;
		}
		foreach ( $this->store->breakers( array_keys( $providers ), $window_since_ms ) as $subject => $row ) {
			if ( str_starts_with( $subject, 'latency:' ) ) {
				$this->windows[ $subject ] = array(
					'requests'    => (int) ( $row['requests'] ?? 0 ),
					'slow'        => $row['failures'],
					'probe_until' => $row['probe_until'],
				);
			} elseif ( ! isset( $this->entries[ $subject ] ) ) {
				$this->entries[ $subject ] = array(
					'state'     => self::OPEN === $row['state'] ? self::OPEN : self::CLOSED,
					'failures'  => $row['failures'],
					'opened_at' => $row['opened_at'],
				);
			}
		}
		$this->loaded += $providers;
	}

	/**
	 * Provider and key of a subject: "key:p:k" gives (p, k); "route:p/model" (or any other
	 * "<kind>:p/model", such as "health:p/model") gives (p, ''). Provider ids hold neither ':' nor
	 * '/' (the REST schema's pattern); model ids may hold both.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject Subject.
	 * @return array{0: string, 1: string}
	 */
	public static function owner( string $subject ): array {
		if ( str_starts_with( $subject, 'key:' ) ) {
			$parts = explode( ':', substr( $subject, 4 ), 2 );
			return array( $parts[0], $parts[1] ?? '' );
		}
		$colon = strpos( $subject, ':' );
		$slash = strpos( $subject, '/' );
		$route = false !== $colon && ( false === $slash || $colon < $slash ) ? substr( $subject, $colon + 1 ) : $subject;
		$slash = strpos( $route, '/' );
		return array( false === $slash ? $route : substr( $route, 0, $slash ), '' );
	}

	/**
	 * A route's latency window as read at the start of this run (load() with a window start):
	 * its requests, the slow ones among them, and until when its probe is claimed.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "latency:provider/model".
	 * @return array{requests: int, slow: int, probe_until: int}
	 */
	public function latency_window( string $subject ): array {
		return $this->windows[ $subject ] ?? array(
			'requests'    => 0,
			'slow'        => 0,
			'probe_until' => 0,
		);
	}

	/**
	 * Claims the one probe of a slow route, for $ttl_ms. A claim this run read as still running
	 * (a probe in flight, or the wait before a demotion's first probe) costs no write.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "latency:provider/model".
	 * @param int    $ttl_ms  How long the claim holds (Latency_Rule::probe_ttl_ms()).
	 */
	public function claim_latency_probe( string $subject, int $ttl_ms ): bool {
		if ( $this->latency_window( $subject )['probe_until'] > $this->now_ms() ) {
			return false;
		}
		return $this->store->claim_latency_probe( $subject, $this->now_ms(), $ttl_ms );
	}

	/**
	 * Counts one request in a route's latency window; a probe that was fast clears the window
	 * first (and its claim): the route has recovered, and its old slow requests no longer count.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject "latency:provider/model".
	 * @param bool   $slow    Whether it was slower than the threshold.
	 * @param bool   $probe   Whether it was the route's probe.
	 * @return bool Whether this request showed the route recovered.
	 */
	public function record_latency( string $subject, bool $slow, bool $probe ): bool {
		$recovered = $probe && ! $slow;
		if ( $recovered ) {
			$this->store->reset_window( $subject );
		}
		$this->store->count_request( $subject, $this->now_ms(), $slow );
		return $recovered;
	}

	/**
	 * The breaker's state now.
	 *
	 * @param string $subject "route:provider/model" or "key:provider:id".
	 */
	public function state( string $subject ): string {
		$entry = $this->entry( $subject );
		return self::state_of( $entry['state'], $entry['opened_at'], $this->now_ms(), $this->cooldown_ms );
	}

	/**
	 * A stored breaker's state at $now_ms: an open one whose cooldown has passed is half-open
	 * (its probe may go). The one rule, for the engine and for Diagnostics' read of many rows.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $stored      Stored state ('open' or 'closed').
	 * @param int    $opened_at   When its open period started (ms).
	 * @param int    $now_ms      Now (ms).
	 * @param int    $cooldown_ms The wait before the probe.
	 */
	public static function state_of( string $stored, int $opened_at, int $now_ms, int $cooldown_ms ): string {
		if ( self::OPEN !== $stored ) {
			return self::CLOSED;
		}
		return $now_ms >= $opened_at + $cooldown_ms ? self::HALF_OPEN : self::OPEN;
	}

	/**
	 * Consecutive failures that open a breaker.
	 *
	 * @since n.e.x.t
	 */
	public function threshold(): int {
		return $this->threshold;
	}

	/**
	 * When the subject's breaker opened (Unix ms), or null when it is closed; with cooldown_ms(),
	 * when its next probe may go out. For Diagnostics ("opened at, next probe at").
	 *
	 * @param string $subject Subject.
	 */
	public function opened_at( string $subject ): ?int {
		$entry = $this->entry( $subject );
		return self::CLOSED === $entry['state'] ? null : (int) $entry['opened_at'];
	}

	/**
	 * How long an open breaker waits before its half-open probe, in ms.
	 */
	public function cooldown_ms(): int {
		return $this->cooldown_ms;
	}

	/**
	 * Consecutive failures so far.
	 *
	 * @param string $subject Subject.
	 */
	public function failures( string $subject ): int {
		return $this->entry( $subject )['failures'];
	}

	/**
	 * Whether a request may go: closed yes, open no, half-open only for the one probe.
	 *
	 * @param string $subject Subject.
	 */
	public function allows( string $subject ): bool {
		$state = $this->state( $subject );
		if ( self::CLOSED === $state ) {
			return true;
		}
		if ( self::OPEN === $state ) {
			return false;
		}
		if ( isset( $this->probing[ $subject ] ) ) {
			return false;
			// This worker's probe is already out; a second one would not be single.
		}
		$opened_at = $this->entry( $subject )['opened_at'];
		if ( $this->store->claim_probe( $subject, $opened_at, $this->now_ms(), $this->cooldown_ms ) ) {
			$this->probing[ $subject ] = $opened_at;
			$this->sink->breaker_changed( $subject, self::OPEN, self::HALF_OPEN );
			return true;
		}
		// Another worker probes, or the row moved on since it was read (closed, reopened): read it again.
		unset( $this->entries[ $subject ], $this->loaded[ self::owner( $subject )[0] ] );
		return self::CLOSED === $this->state( $subject );
	}

	/**
	 * A success closes the breaker and ends the run of consecutive failures; with a rule, it
	 * counts in the route's error-rate window.
	 *
	 * @param string               $subject Subject.
	 * @param Error_Rate_Rule|null $rate    The running feature's error-rate rule, if any.
	 */
	public function record_success( string $subject, ?Error_Rate_Rule $rate = null ): void {
		if ( null !== $rate ) {
			$this->store->count_request( self::window_subject( $subject ), $this->now_ms(), false );
		}
		$probed = isset( $this->probing[ $subject ] );
		unset( $this->probing[ $subject ] );
		$before = $this->store->close_breaker( $subject );

		$this->entries[ $subject ] = array(
			'state'     => self::CLOSED,
			'failures'  => 0,
			'opened_at' => 0,
		);
		if ( self::OPEN === $before ) {
			$this->store->reset_window( self::window_subject( $subject ) );
			$this->sink->breaker_changed( $subject, $probed ? self::HALF_OPEN : self::OPEN, self::CLOSED );
		}
	}

	/**
	 * A failure counts; at the threshold, at the rule's failure share (when a rule is given), or
	 * when it was the probe, the breaker opens.
	 *
	 * @param string               $subject Subject.
	 * @param Error_Rate_Rule|null $rate    The running feature's error-rate rule, if any.
	 * @return array{requests: int, failures: int}|null The window, when this call opened the breaker by the rule.
	 */
	public function record_failure( string $subject, ?Error_Rate_Rule $rate = null ): ?array {
		$entry = $this->entry( $subject );
		return $this->failed( $subject, $entry, $this->store->add_failure( $subject ), $rate );
	}

	/**
	 * A failed attempt of a route with a key: record_failure() for both (the key's breaker by its
	 * consecutive failures only), counted in one write of the store.
	 *
	 * @since n.e.x.t
	 *
	 * @param string               $subject The route's subject.
	 * @param string               $key     The key's subject.
	 * @param Error_Rate_Rule|null $rate    The running feature's error-rate rule, if any (the route's).
	 * @return array{requests: int, failures: int}|null The route's window, when this call opened its breaker by the rule.
	 */
	public function record_failures( string $subject, string $key, ?Error_Rate_Rule $rate = null ): ?array {
		$entry                        = $this->entry( $subject );
		$key_entry                    = $this->entry( $key );
		list( $failures, $key_fails ) = $this->store->add_failures( $subject, $key );
		$opened                       = $this->failed( $subject, $entry, $failures, $rate );
		$this->failed( $key, $key_entry, $key_fails, null );
		return $opened;
	}

	/**
	 * What a failure counted in the store means for the breaker: it opens at the threshold, at the
	 * rule's failure share, or when it was the probe.
	 *
	 * @param string                                              $subject  Subject.
	 * @param array{state: string, failures: int, opened_at: int} $entry    The breaker as last known.
	 * @param int                                                 $failures Consecutive failures now.
	 * @param Error_Rate_Rule|null                                $rate     The error-rate rule, if any.
	 * @return array{requests: int, failures: int}|null The window, when this opened the breaker by the rule.
	 */
	private function failed( string $subject, array $entry, int $failures, ?Error_Rate_Rule $rate ): ?array {
		$now    = $this->now_ms();
		$opened = null;
		if ( null !== $rate ) {
			$this->store->count_request( self::window_subject( $subject ), $now, true );
		}

		$entry['failures'] = $failures;
		if ( isset( $this->probing[ $subject ] ) ) {
			$probed_period = $this->probing[ $subject ];
			unset( $this->probing[ $subject ] );
			if ( $this->store->reopen_breaker( $subject, $probed_period, $now ) ) {
				$this->sink->breaker_changed( $subject, self::HALF_OPEN, self::OPEN );
			}
			$entry['state']     = self::OPEN;
			$entry['opened_at'] = $now;
		} elseif ( $failures >= $this->threshold && self::CLOSED === $entry['state'] ) {
			if ( $this->store->open_breaker( $subject, $this->threshold, $now ) ) {
				$this->sink->breaker_changed( $subject, self::CLOSED, self::OPEN );
			}
			// Opened here or by another worker a moment ago: open either way.
			$entry['state']     = self::OPEN;
			$entry['opened_at'] = $now;
		} elseif ( null !== $rate && self::CLOSED === $entry['state'] ) {
			$window = $this->store->window( self::window_subject( $subject ), $rate->since_ms( $now ) );
			if ( $rate->trips( $window['requests'], $window['failures'] ) ) {
				// Threshold 0: the row exists (add_failure above), so only "still closed" decides who opens it.
				if ( $this->store->open_breaker( $subject, 0, $now, self::BY_ERROR_RATE ) ) {
					$this->sink->breaker_changed( $subject, self::CLOSED, self::OPEN );
					$opened = $window;
				}
				$entry['state']     = self::OPEN;
				$entry['opened_at'] = $now;
			}
		}//end if
		$this->entries[ $subject ] = $entry;
		return $opened;
	}

	/**
	 * Where a breaker's error-rate window is kept: "route:p/m" counts under "rate:p/m", so
	 * deleting the provider deletes it too.
	 *
	 * @since n.e.x.t
	 *
	 * @param string $subject Breaker subject.
	 */
	public static function window_subject( string $subject ): string {
		$colon = strpos( $subject, ':' );
		return 'rate:' . ( false === $colon ? $subject : substr( $subject, $colon + 1 ) );
	}

	/**
	 * Ends the run: every change is already in the store, so this only forgets what was read. The
	 * next run reads fresh state, since other workers may have changed it meanwhile.
	 */
	public function flush(): void {
		$this->entries = array();
		$this->loaded  = array();
		$this->probing = array();
		$this->windows = array();
	}

	/**
	 * @param string $subject Subject.
	 * @return array{state: string, failures: int, opened_at: int}
	 */
	private function entry( string $subject ): array {
		if ( ! isset( $this->entries[ $subject ] ) ) {
			$this->load( array( $subject ) );
		}
		return $this->entries[ $subject ] ?? array(
			'state'     => self::CLOSED,
			'failures'  => 0,
			'opened_at' => 0,
		);
	}

	/**
	 * Whole milliseconds: the store compares open periods by equality.
	 */
	private function now_ms(): int {
		return (int) floor( $this->clock->now_ms() );
	}
}
