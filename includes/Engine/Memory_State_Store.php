<?php
/**
 * Engine state that lives for one request.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\State_Store;

/**
 * A State_Store in an array, with the shared store's semantics: every change is made on the row as
 * stored (one process, so each call is atomic) and each transition is won by one caller. The
 * throw-away state of a drill, and the tests' store: several Circuit_Breaker instances over one of
 * these behave as several PHP workers over the table.
 *
 * @since n.e.x.t
 */
final class Memory_State_Store implements State_Store {

	/** Where breaker rows sit in $values, next to the plain values. */
	private const BREAKER = 'breaker:';

	/** Where error-rate windows sit in $values: bucket start => requests and failures. */
	private const WINDOW = 'window:';

	/** Latency probe claims: "probe:latency:<route>" => {until}. */
	private const PROBE = 'probe:';

	/**
	 * Everything stored: plain values by key, breaker rows under "breaker:<subject>".
	 *
	 * @var array<string, array<string, mixed>>
	 */
	public array $values = array();

	public function get( string $key ): ?array {
		return $this->values[ $key ] ?? null;
	}

	public function set( string $key, array $value ): void {
		$this->values[ $key ] = $value;
	}

	public function breakers( array $provider_ids, int $window_since_ms = 0 ): array {
		$found = array();
		foreach ( array_keys( $this->values ) as $name ) {
			$subject = substr( (string) $name, strlen( self::BREAKER ) );
			if ( str_starts_with( (string) $name, self::BREAKER ) && in_array( Circuit_Breaker::owner( $subject )[0], $provider_ids, true ) ) {
				$found[ $subject ] = $this->row( $subject );
			}
			$subject = substr( (string) $name, strlen( self::WINDOW ) );
			if ( $window_since_ms > 0 && str_starts_with( (string) $name, self::WINDOW . 'latency:' ) && in_array( Circuit_Breaker::owner( $subject )[0], $provider_ids, true ) ) {
				$window            = $this->window( $subject, $window_since_ms );
				$found[ $subject ] = array(
					'state'       => Circuit_Breaker::CLOSED,
					'failures'    => $window['failures'],
					'opened_at'   => 0,
					'probe_until' => (int) ( $this->values[ self::PROBE . $subject ]['until'] ?? 0 ),
					'requests'    => $window['requests'],
				);
			}
		}
		return $found;
	}

	public function claim_latency_probe( string $subject, int $now_ms, int $ttl_ms ): bool {
		$claim = $this->values[ self::PROBE . $subject ] ?? null;
		if ( null !== $claim && (int) $claim['until'] > $now_ms ) {
			return false;
		}
		$this->values[ self::PROBE . $subject ] = array( 'until' => $now_ms + $ttl_ms );
		return null !== $claim;
	}

	public function add_failure( string $subject ): int {
		$row             = $this->row( $subject );
		$row['failures'] = $row['failures'] + 1;
		$this->put( $subject, $row );
		return $row['failures'];
	}

	public function add_failures( string $subject, string $also ): array {
		return array( $this->add_failure( $subject ), $this->add_failure( $also ) );
	}

	public function open_breaker( string $subject, int $threshold, int $now_ms, string $rule = Circuit_Breaker::BY_CONSECUTIVE ): bool {
		$row = $this->row( $subject );
		if ( Circuit_Breaker::CLOSED !== $row['state'] || $row['failures'] < $threshold ) {
			return false;
		}
		$this->put(
			$subject,
			array(
				'state'       => Circuit_Breaker::OPEN,
				'opened_at'   => $now_ms,
				'probe_until' => 0,
			) + $row
		);
		return true;
	}

	public function claim_probe( string $subject, int $opened_at, int $now_ms, int $ttl_ms ): bool {
		$row = $this->row( $subject );
		if ( Circuit_Breaker::OPEN !== $row['state'] || $row['opened_at'] !== $opened_at || $row['probe_until'] > $now_ms ) {
			return false;
		}
		$this->put( $subject, array( 'probe_until' => $now_ms + $ttl_ms ) + $row );
		return true;
	}

	public function reopen_breaker( string $subject, int $opened_at, int $now_ms ): bool {
		$row = $this->row( $subject );
		if ( Circuit_Breaker::OPEN !== $row['state'] || $row['opened_at'] !== $opened_at ) {
			return false;
		}
		$this->put(
			$subject,
			array(
				'opened_at'   => $now_ms,
				'probe_until' => 0,
			) + $row
		);
		return true;
	}

	public function close_breaker( string $subject ): ?string {
		$row = $this->row( $subject );
		if ( Circuit_Breaker::CLOSED === $row['state'] && 0 === $row['failures'] ) {
			return null;
		}
		unset( $this->values[ self::BREAKER . $subject ] );
		return $row['state'];
	}

	public function count_request( string $subject, int $now_ms, bool $failed ): void {
		// "@<ms>": a string key (a numeric one would turn into an int).
		$bucket = '@' . ( intdiv( $now_ms, Error_Rate_Rule::BUCKET_MS ) * Error_Rate_Rule::BUCKET_MS );
		$counts = $this->values[ self::WINDOW . $subject ][ $bucket ] ?? array( 0, 0 );
		$this->values[ self::WINDOW . $subject ][ $bucket ] = array( (int) $counts[0] + 1, (int) $counts[1] + ( $failed ? 1 : 0 ) );
	}

	public function window( string $subject, int $since_ms ): array {
		$found = array(
			'requests' => 0,
			'failures' => 0,
		);
		foreach ( $this->values[ self::WINDOW . $subject ] ?? array() as $bucket => $counts ) {
			$counts = (array) $counts;
			if ( (int) substr( (string) $bucket, 1 ) > $since_ms ) {
				$found['requests'] += (int) $counts[0];
				$found['failures'] += (int) $counts[1];
			}
		}
		return $found;
	}

	public function reset_window( string $subject ): void {
		unset( $this->values[ self::WINDOW . $subject ], $this->values[ self::PROBE . $subject ] );
	}

	/**
	 * @param string $subject Subject.
	 * @return array{state: string, failures: int, opened_at: int, probe_until: int}
	 */
	private function row( string $subject ): array {
		$row = $this->values[ self::BREAKER . $subject ] ?? array();
		return array(
			'state'       => Circuit_Breaker::OPEN === ( $row['state'] ?? '' ) ? Circuit_Breaker::OPEN : Circuit_Breaker::CLOSED,
			'failures'    => (int) ( $row['failures'] ?? 0 ),
			'opened_at'   => (int) ( $row['opened_at'] ?? 0 ),
			'probe_until' => (int) ( $row['probe_until'] ?? 0 ),
		);
	}

	/**
	 * @param string                                                                $subject Subject.
	 * @param array{state: string, failures: int, opened_at: int, probe_until: int} $row     Row.
	 */
	private function put( string $subject, array $row ): void {
		$this->values[ self::BREAKER . $subject ] = $row;
	}
}
