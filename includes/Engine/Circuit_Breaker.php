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
 * Closed until $threshold consecutive failures; then open (skipped at once) for $cooldown_ms;
 * then half-open: exactly one probe goes through (claimed atomically in the shared store); its
 * success closes the breaker, its failure opens it again.
 *
 * @since 0.1.0
 */
final class Circuit_Breaker {

	public const CLOSED    = 'closed';
	public const OPEN      = 'open';
	public const HALF_OPEN = 'half_open';

	/**
	 * Entries read or changed during this request, by subject.
	 *
	 * @var array<string, array{state: string, failures: int, opened_at: float}>
	 */
	private array $entries = array();

	/**
	 * Subjects whose failure count changed but not their state: written once, by flush().
	 *
	 * @var array<string, true>
	 */
	private array $dirty = array();

	public function __construct(
		private readonly State_Store $store,
		private readonly Clock $clock,
		private readonly Event_Sink $sink,
		private readonly int $threshold = 5,
		private readonly int $cooldown_ms = 30000,
	) {
	}

	/**
	 * The breaker's state now.
	 *
	 * @param string $subject "route:provider/model" or "key:provider:id".
	 */
	public function state( string $subject ): string {
		$entry = $this->entry( $subject );
		if ( self::OPEN === $entry['state'] && $this->clock->now_ms() >= $entry['opened_at'] + $this->cooldown_ms ) {
			return self::HALF_OPEN;
		}
		return $entry['state'];
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
		$entry = $this->entry( $subject );
		if ( $this->store->claim( 'probe:' . $subject . ':' . (int) $entry['opened_at'], $this->cooldown_ms ) ) {
			$this->sink->breaker_changed( $subject, self::OPEN, self::HALF_OPEN );
			return true;
		}
		return false;
	}

	/**
	 * A success closes the breaker.
	 *
	 * @param string $subject Subject.
	 */
	public function record_success( string $subject ): void {
		$entry = $this->entry( $subject );
		if ( 0 === $entry['failures'] && self::CLOSED === $entry['state'] ) {
			return;
			// Nothing to write: the common case stays free.
		}
		$before = $this->state( $subject );
		$this->put(
			$subject,
			array(
				'state'     => self::CLOSED,
				'failures'  => 0,
				'opened_at' => 0.0,
			),
			true
		);
		if ( self::CLOSED !== $before ) {
			$this->sink->breaker_changed( $subject, $before, self::CLOSED );
		}
	}

	/**
	 * A failure counts; at the threshold (or during a probe) the breaker opens.
	 *
	 * @param string $subject Subject.
	 */
	public function record_failure( string $subject ): void {
		$before   = $this->state( $subject );
		$entry    = $this->entry( $subject );
		$failures = $entry['failures'] + 1;
		$opens    = self::HALF_OPEN === $before || ( self::CLOSED === $before && $failures >= $this->threshold );
		$this->put(
			$subject,
			array(
				'state'     => $opens || self::OPEN === $before ? self::OPEN : self::CLOSED,
				'failures'  => $failures,
				'opened_at' => $opens ? $this->clock->now_ms() : $entry['opened_at'],
			),
			$opens
		);
		if ( $opens ) {
			$this->sink->breaker_changed( $subject, $before, self::OPEN );
		}
	}

	/**
	 * Writes the failure counts that changed during this run. State changes (open, close) are
	 * written at once; a count that only grew waits for this, so a run with several failures costs
	 * one write per route instead of one per attempt.
	 */
	public function flush(): void {
		foreach ( array_keys( $this->dirty ) as $subject ) {
			$this->store->set( 'breaker:' . $subject, $this->entries[ $subject ] );
		}
		$this->dirty = array();
		// The next run reads fresh state: other workers may have changed it meanwhile.
		$this->entries = array();
	}

	/**
	 * @param string                                                $subject Subject.
	 * @param array{state: string, failures: int, opened_at: float} $entry   Entry.
	 * @param bool                                                  $now     Write through now.
	 */
	private function put( string $subject, array $entry, bool $now ): void {
		$this->entries[ $subject ] = $entry;
		if ( $now ) {
			$this->store->set( 'breaker:' . $subject, $entry );
			unset( $this->dirty[ $subject ] );
		} else {
			$this->dirty[ $subject ] = true;
		}
	}

	/**
	 * @param string $subject Subject.
	 * @return array{state: string, failures: int, opened_at: float}
	 */
	private function entry( string $subject ): array {
		if ( isset( $this->entries[ $subject ] ) ) {
			return $this->entries[ $subject ];
		}
		$entry = $this->store->get( 'breaker:' . $subject ) ?? array();

		$this->entries[ $subject ] = array(
			'state'     => in_array( $entry['state'] ?? '', array( self::OPEN, self::CLOSED ), true ) ? (string) $entry['state'] : self::CLOSED,
			'failures'  => (int) ( $entry['failures'] ?? 0 ),
			'opened_at' => (float) ( $entry['opened_at'] ?? 0 ),
		);
		return $this->entries[ $subject ];
	}
}
