<?php
/**
 * All SQL of the shared engine state: circuit breakers and key states.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Engine\Circuit_Breaker;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders -- this class is the state table's only SQL; the table name comes from $wpdb->prefix and every value goes through $wpdb->prepare().

/**
 * Reads and writes {$wpdb->prefix}aifo_state (see State_Schema). Every change is one statement that
 * computes the new value from the row as it is in the database at that moment, never from a value a
 * worker read earlier: concurrent PHP workers (and servers sharing the database) lose no update, and
 * every conditional transition (open, probe, close) is won by exactly one of them, which is the one
 * that reports it.
 *
 * Subjects are the engine's names, "route:provider/model" and "key:provider:key"; each row also
 * carries its provider and key so deleting either removes all of its state in one statement.
 *
 * @since n.e.x.t
 */
final class State_Repository {

	/**
	 * Every breaker row of these providers (routes and keys) in one query.
	 *
	 * @param list<string> $provider_ids Providers.
	 * @return array<string, array{state: string, failures: int, opened_at: int, probe_until: int}> By subject.
	 */
	public function breakers( array $provider_ids ): array {
		global $wpdb;
		if ( ! $provider_ids ) {
			return array();
		}
		$rows  = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT subject, breaker, failures, opened_at, probe_until FROM ' . State_Schema::table() . ' WHERE provider_id IN (' . implode( ',', array_fill( 0, count( $provider_ids ), '%s' ) ) . ') AND data IS NULL AND bucket_at = 0',
				$provider_ids
			),
			ARRAY_A
		);
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (string) $row['subject'] ] = array(
				'state'       => (string) $row['breaker'],
				'failures'    => (int) $row['failures'],
				'opened_at'   => (int) $row['opened_at'],
				'probe_until' => (int) $row['probe_until'],
			);
		}
		return $found;
	}

	/**
	 * What a run reads of these providers, in one query: every breaker (routes and keys) and the state of
	 * every key that is not active. A key's state shares its row with the key's breaker, so both come from
	 * the same rows; plain values and error-rate buckets are left out. With $latency_since_ms, the same
	 * query also sums each route's latency window ("latency:provider/model" buckets that started after
	 * it: requests, and slow requests as `failures`) with its probe claim (`probe_until`, kept in a row
	 * with `data` set, so no breaker query ever lists it), through a UNION ALL: still one round trip.
	 *
	 * @param list<string> $provider_ids     Providers.
	 * @param int          $latency_since_ms Latency buckets count when they started after this (ms); 0: not read.
	 * @return array{breakers: array<string, array{state: string, failures: int, opened_at: int, probe_until: int}>, keys: array<string, array<string, array{state: string, until: int|null, since: int|null, reason: string|null}>>, latency: array<string, array{state: string, failures: int, opened_at: int, probe_until: int, requests: int}>} Breakers by subject; key states by provider, then key; latency windows by subject.
	 */
	public function run_state( array $provider_ids, int $latency_since_ms = 0 ): array {
		global $wpdb;
		$found = array(
			'breakers' => array(),
			'keys'     => array_fill_keys( $provider_ids, array() ),
			'latency'  => array(),
		);
		if ( ! $provider_ids ) {
			return $found;
		}
		$in  = implode( ',', array_fill( 0, count( $provider_ids ), '%s' ) );
		$sql = $wpdb->prepare(
			'SELECT 0 AS windowed, subject, provider_id, key_id, breaker, failures, opened_at, probe_until, key_state, key_until, key_since, key_reason, 0 AS requests FROM ' . State_Schema::table() . ' WHERE provider_id IN (' . $in . ') AND data IS NULL AND bucket_at = 0',
			$provider_ids
		);
		if ( $latency_since_ms > 0 ) {
			$sql .= $wpdb->prepare(
				" UNION ALL SELECT 1, subject, provider_id, '', 'closed', SUM(IF(bucket_at > %d, failures, 0)), 0, MAX(probe_until), 'active', NULL, NULL, NULL, SUM(IF(bucket_at > %d, requests, 0)) FROM " . State_Schema::table() . ' WHERE provider_id IN (' . $in . ') AND subject LIKE %s GROUP BY subject, provider_id',
				array_merge( array( $latency_since_ms, $latency_since_ms ), $provider_ids, array( $wpdb->esc_like( 'latency:' ) . '%' ) )
			);
		}
		$rows = $wpdb->get_results( $sql, ARRAY_A );
		foreach ( (array) $rows as $row ) {
			if ( 1 === (int) $row['windowed'] ) {
				$found['latency'][ (string) $row['subject'] ] = array(
					'state'       => 'closed',
					'failures'    => (int) $row['failures'],
					'opened_at'   => 0,
					'probe_until' => (int) $row['probe_until'],
					'requests'    => (int) $row['requests'],
				);
				continue;
			}
			$found['breakers'][ (string) $row['subject'] ] = array(
				'state'       => (string) $row['breaker'],
				'failures'    => (int) $row['failures'],
				'opened_at'   => (int) $row['opened_at'],
				'probe_until' => (int) $row['probe_until'],
			);
			if ( '' !== (string) $row['key_id'] && 'active' !== (string) $row['key_state'] ) {
				$found['keys'][ (string) $row['provider_id'] ][ (string) $row['key_id'] ] = array(
					'state'  => (string) $row['key_state'],
					'until'  => null === $row['key_until'] ? null : (int) $row['key_until'],
					'since'  => null === $row['key_since'] ? null : (int) $row['key_since'],
					'reason' => null === $row['key_reason'] ? null : (string) $row['key_reason'],
				);
			}
		}//end foreach
		return $found;
	}

	/**
	 * What Diagnostics shows of the policies, in one query: the breaker rows of these routes (with
	 * which rule opened each), the requests and failures of their error-rate windows for each
	 * window start asked for (a UNION ALL over a derived table of the starts, so any number of
	 * windows is still one round trip), and the spend accounts' spent and reserved micro-dollars.
	 *
	 * @param list<string> $route_subjects  "route:provider/model".
	 * @param list<int>    $window_since_ms Window starts (ms): buckets that started after each count.
	 * @param list<string> $spend_accounts  Accounts ("feature:id@day:2026-12-01").
	 * @return array{breakers: array<string, array{state: string, failures: int, opened_at: int, probe_until: int, opened_by: string}>, windows: array<string, array<int, array{requests: int, failures: int}>>, spend: array<string, array{spent_micros: int, reserved_micros: int}>} Breakers by subject; windows by "rate:" subject, then window start; spend by account.
	 */
	public function policy_state( array $route_subjects, array $window_since_ms, array $spend_accounts ): array {
		global $wpdb;
		$found = array(
			'breakers' => array(),
			'windows'  => array(),
			'spend'    => array(),
		);
		$ids   = array();
		foreach ( $route_subjects as $subject ) {
			$ids[] = self::id( $subject );
		}
		foreach ( $spend_accounts as $account ) {
			$ids[] = self::id( 'spend:' . $account );
		}
		if ( ! $ids ) {
			return $found;
		}
		$table  = State_Schema::table();
		$sql    = $wpdb->prepare(
			'SELECT 0 AS windowed, subject, breaker, failures, opened_at, probe_until, opened_by, spent_micros, reserved_micros, 0 AS since, 0 AS requests FROM ' . $table . ' WHERE id IN (' . implode( ',', array_fill( 0, count( $ids ), '%s' ) ) . ') AND bucket_at = 0',
			$ids
		);
		$starts = array_values( array_unique( array_map( 'intval', $window_since_ms ) ) );
		if ( $route_subjects && $starts ) {
			$windows    = array_map( array( Circuit_Breaker::class, 'window_subject' ), $route_subjects );
			$providers  = array_values( array_unique( array_map( static fn( string $subject ): string => Circuit_Breaker::owner( $subject )[0], $route_subjects ) ) );
			$since_rows = implode( ' UNION ALL ', array_fill( 0, count( $starts ), 'SELECT %d AS since' ) );
			$sql       .= $wpdb->prepare(
				" UNION ALL SELECT 1, b.subject, 'closed', SUM(b.failures), 0, 0, '', 0, 0, w.since, SUM(b.requests) FROM " . $table . ' b JOIN (' . $since_rows . ') w ON b.bucket_at > w.since WHERE b.provider_id IN (' . implode( ',', array_fill( 0, count( $providers ), '%s' ) ) . ') AND b.subject IN (' . implode( ',', array_fill( 0, count( $windows ), '%s' ) ) . ') GROUP BY b.subject, w.since',
				array_merge( $starts, $providers, $windows )
			);
		}
		foreach ( (array) $wpdb->get_results( $sql, ARRAY_A ) as $row ) {
			$subject = (string) $row['subject'];
			if ( 1 === (int) $row['windowed'] ) {
				$found['windows'][ $subject ][ (int) $row['since'] ] = array(
					'requests' => (int) $row['requests'],
					'failures' => (int) $row['failures'],
				);
			} elseif ( str_starts_with( $subject, 'spend:' ) ) {
				$found['spend'][ substr( $subject, 6 ) ] = array(
					'spent_micros'    => (int) $row['spent_micros'],
					'reserved_micros' => (int) $row['reserved_micros'],
				);
			} else {
				$found['breakers'][ $subject ] = array(
					'state'       => (string) $row['breaker'],
					'failures'    => (int) $row['failures'],
					'opened_at'   => (int) $row['opened_at'],
					'probe_until' => (int) $row['probe_until'],
					'opened_by'   => (string) $row['opened_by'],
				);
			}
		}//end foreach
		return $found;
	}

	/**
	 * Claims a slow route's one probe until $now_ms + $ttl_ms, in one statement: the insert that starts
	 * a demotion (1 row affected) only starts the wait before the first probe; an update of a claim that
	 * had run out (2 rows affected) is the probe; a claim still running changes nothing (0).
	 *
	 * @param string $subject "latency:provider/model".
	 * @param int    $now_ms  Now (ms).
	 * @param int    $ttl_ms  How long the claim holds.
	 */
	public function claim_latency_probe( string $subject, int $now_ms, int $ttl_ms ): bool {
		global $wpdb;
		list( $provider_id ) = Circuit_Breaker::owner( $subject );
		return 2 === $wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . " (id, subject, provider_id, key_id, data, probe_until) VALUES (%s, %s, %s, '', %s, %d)
				ON DUPLICATE KEY UPDATE probe_until = IF(probe_until <= %d, %d, probe_until)",
				self::id( $subject ),
				$subject,
				$provider_id,
				(string) wp_json_encode( array( 'latency_probe' => true ) ),
				$now_ms + $ttl_ms,
				$now_ms,
				$now_ms + $ttl_ms
			)
		);
	}

	/**
	 * A plain value (see State_Store::get()), or null.
	 *
	 * @param string $key Key.
	 * @return array<string, mixed>|null
	 */
	public function value( string $key ): ?array {
		global $wpdb;
		$data  = $wpdb->get_var( $wpdb->prepare( 'SELECT data FROM ' . State_Schema::table() . ' WHERE id = %s', self::id( $key ) ) );
		$value = is_string( $data ) ? json_decode( $data, true ) : null;
		return is_array( $value ) ? $value : null;
	}

	/**
	 * Stores a plain value; the last writer wins, which is all a hint needs.
	 *
	 * @param string               $key   Key.
	 * @param array<string, mixed> $value Value.
	 */
	public function put_value( string $key, array $value ): void {
		global $wpdb;
		list( $provider_id, $key_id ) = Circuit_Breaker::owner( $key );
		$data                         = (string) wp_json_encode( $value );
		$wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . ' (id, subject, provider_id, key_id, data) VALUES (%s, %s, %s, %s, %s) ON DUPLICATE KEY UPDATE data = %s',
				self::id( $key ),
				$key,
				$provider_id,
				$key_id,
				$data,
				$data
			)
		);
	}

	/**
	 * Adds one consecutive failure and returns the count after it.
	 *
	 * LAST_INSERT_ID(expr) hands the value this statement wrote back to this connection
	 * (mysqli_insert_id, $wpdb->insert_id): the count without a second query that could already
	 * see another worker's increment.
	 *
	 * @param string $subject Subject.
	 */
	public function add_failure( string $subject ): int {
		global $wpdb;
		list( $provider_id, $key_id ) = Circuit_Breaker::owner( $subject );
		$wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . ' (id, subject, provider_id, key_id, failures) VALUES (%s, %s, %s, %s, LAST_INSERT_ID(1))
				ON DUPLICATE KEY UPDATE failures = LAST_INSERT_ID(failures + 1)',
				self::id( $subject ),
				$subject,
				$provider_id,
				$key_id
			)
		);
		return max( 1, (int) $wpdb->insert_id );
	}

	/**
	 * Adds one consecutive failure to two subjects (a route and its key) in one statement: one
	 * commit for a failed attempt, where two statements waited for two. The first subject's row
	 * goes last, so LAST_INSERT_ID() holds its count as add_failure() does; the second's count is
	 * read after the write (a read commits nothing), and may include a later failure of another
	 * worker, which only brings a conditional open_breaker() forward.
	 *
	 * @param string $subject The route's subject.
	 * @param string $also    The key's subject.
	 * @return array{0: int, 1: int}
	 */
	public function add_failures( string $subject, string $also ): array {
		global $wpdb;
		list( $provider_id, $key_id )     = Circuit_Breaker::owner( $subject );
		list( $also_provider, $also_key ) = Circuit_Breaker::owner( $also );
		$wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . ' (id, subject, provider_id, key_id, failures) VALUES (%s, %s, %s, %s, 1), (%s, %s, %s, %s, LAST_INSERT_ID(1))
				ON DUPLICATE KEY UPDATE failures = IF(id = %s, LAST_INSERT_ID(failures + 1), failures + 1)',
				self::id( $also ),
				$also,
				$also_provider,
				$also_key,
				self::id( $subject ),
				$subject,
				$provider_id,
				$key_id,
				self::id( $subject )
			)
		);
		$count = max( 1, (int) $wpdb->insert_id );
		$other = $wpdb->get_var( $wpdb->prepare( 'SELECT failures FROM ' . State_Schema::table() . ' WHERE id = %s', self::id( $also ) ) );
		return array( $count, max( 1, (int) $other ) );
	}

	/**
	 * Opens a closed breaker that has reached $threshold failures.
	 *
	 * @param string $subject   Subject.
	 * @param int    $threshold Consecutive failures that open it.
	 * @param int    $now_ms    Now, in milliseconds.
	 * @param string $rule      Which rule opens it (Circuit_Breaker::BY_CONSECUTIVE or BY_ERROR_RATE): Diagnostics says so.
	 * @return bool Whether this call opened it (false: still below, or another worker was first).
	 */
	public function open_breaker( string $subject, int $threshold, int $now_ms, string $rule = Circuit_Breaker::BY_CONSECUTIVE ): bool {
		global $wpdb;
		return 1 === $wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . State_Schema::table() . " SET breaker = 'open', opened_at = %d, probe_until = 0, opened_by = %s WHERE id = %s AND breaker = 'closed' AND failures >= %d",
				$now_ms,
				$rule,
				self::id( $subject ),
				$threshold
			)
		);
	}

	/**
	 * Claims the one half-open probe of the open period that started at $opened_at.
	 *
	 * @param string $subject   Subject.
	 * @param int    $opened_at The open period's start (ms), as read: a period that started since has not cooled down.
	 * @param int    $now_ms    Now (ms).
	 * @param int    $ttl_ms    How long the claim holds: a probe whose worker died frees it after that.
	 * @return bool True for exactly one caller per period (and per expired claim).
	 */
	public function claim_probe( string $subject, int $opened_at, int $now_ms, int $ttl_ms ): bool {
		global $wpdb;
		return 1 === $wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . State_Schema::table() . " SET probe_until = %d WHERE id = %s AND breaker = 'open' AND opened_at = %d AND probe_until <= %d",
				$now_ms + $ttl_ms,
				self::id( $subject ),
				$opened_at,
				$now_ms
			)
		);
	}

	/**
	 * Starts a new open period after the probe of the period that began at $opened_at failed.
	 *
	 * @param string $subject   Subject.
	 * @param int    $opened_at The probed period's start (ms).
	 * @param int    $now_ms    Now (ms).
	 * @return bool Whether this call reopened it.
	 */
	public function reopen_breaker( string $subject, int $opened_at, int $now_ms ): bool {
		global $wpdb;
		return 1 === $wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . State_Schema::table() . " SET opened_at = %d, probe_until = 0 WHERE id = %s AND breaker = 'open' AND opened_at = %d",
				$now_ms,
				self::id( $subject ),
				$opened_at
			)
		);
	}

	/**
	 * A success: no consecutive failures, breaker closed, whatever the caller saw before.
	 *
	 * The common case (already closed, no failures) matches no row and writes nothing. When the row
	 * did change, LAST_INSERT_ID() carries what it was, read before `breaker` is assigned.
	 *
	 * @param string $subject Subject.
	 * @return string|null The breaker's state before ('open' or 'closed'), or null when nothing changed.
	 */
	public function close_breaker( string $subject ): ?string {
		global $wpdb;
		$changed = $wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . State_Schema::table() . " SET probe_until = LAST_INSERT_ID(IF(breaker = 'open', 2, 1)) * 0, breaker = 'closed', failures = 0, opened_at = 0 WHERE id = %s AND (breaker <> 'closed' OR failures > 0)",
				self::id( $subject )
			)
		);
		if ( 1 !== $changed ) {
			return null;
		}
		return 2 === (int) $wpdb->get_var( 'SELECT LAST_INSERT_ID()' ) ? 'open' : 'closed';
	}

	/**
	 * Counts one request of a route in its one-second bucket (a row of its own, `bucket_at` > 0).
	 * The statement that starts a new bucket (1 row affected: an insert) also drops this route's
	 * buckets older than the longest window, so a route keeps at most that many rows.
	 *
	 * @param string $subject   "rate:provider/model".
	 * @param int    $bucket_ms The bucket's start (ms, > 0).
	 * @param bool   $failed    Whether the request failed.
	 * @param int    $keep_ms   The longest window: older buckets are deleted.
	 */
	public function count_request( string $subject, int $bucket_ms, bool $failed, int $keep_ms ): void {
		global $wpdb;
		list( $provider_id ) = Circuit_Breaker::owner( $subject );
		$failure             = $failed ? 1 : 0;
		$inserted            = $wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . ' (id, subject, provider_id, key_id, bucket_at, requests, failures) VALUES (%s, %s, %s, %s, %d, 1, %d)
				ON DUPLICATE KEY UPDATE requests = requests + 1, failures = failures + %d',
				self::id( $subject . '@' . $bucket_ms ),
				$subject,
				$provider_id,
				'',
				$bucket_ms,
				$failure,
				$failure
			)
		);
		if ( 1 === $inserted ) {
			$wpdb->query(
				$wpdb->prepare(
					'DELETE FROM ' . State_Schema::table() . ' WHERE provider_id = %s AND subject = %s AND bucket_at > 0 AND bucket_at < %d',
					$provider_id,
					$subject,
					$bucket_ms - $keep_ms
				)
			);
		}
	}

	/**
	 * A route's requests and failures in the buckets that started after $since_ms.
	 *
	 * @param string $subject  "rate:provider/model".
	 * @param int    $since_ms Window start (ms).
	 * @return array{requests: int, failures: int}
	 */
	public function window( string $subject, int $since_ms ): array {
		global $wpdb;
		list( $provider_id ) = Circuit_Breaker::owner( $subject );
		$row                 = $wpdb->get_row(
			$wpdb->prepare(
				'SELECT COALESCE(SUM(requests), 0) AS requests, COALESCE(SUM(failures), 0) AS failures FROM ' . State_Schema::table() . ' WHERE provider_id = %s AND subject = %s AND bucket_at > %d',
				$provider_id,
				$subject,
				max( 0, $since_ms )
			),
			ARRAY_A
		);
		return array(
			'requests' => (int) ( $row['requests'] ?? 0 ),
			'failures' => (int) ( $row['failures'] ?? 0 ),
		);
	}

	/**
	 * Deletes a route's window, and for a latency window its probe claim (the only row of such a
	 * subject that is not a bucket).
	 *
	 * @param string $subject "rate:provider/model" or "latency:provider/model".
	 */
	public function reset_window( string $subject ): void {
		global $wpdb;
		list( $provider_id ) = Circuit_Breaker::owner( $subject );
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . State_Schema::table() . ' WHERE provider_id = %s AND subject = %s', $provider_id, $subject ) );
	}

	/**
	 * A spend account's spent plus reserved micro-dollars.
	 *
	 * @param string $account Account ("feature:id@day:2026-12-01").
	 */
	public function spent( string $account ): int {
		global $wpdb;
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT spent_micros + reserved_micros FROM ' . State_Schema::table() . ' WHERE id = %s', self::id( 'spend:' . $account ) ) );
	}

	/**
	 * Reserves $micros on an account if spent + reserved + $micros stays within $cap_micros: the
	 * check and the add are one statement, so concurrent runs never reserve past the cap.
	 *
	 * @param string $account    Account.
	 * @param int    $micros     Amount.
	 * @param int    $cap_micros Limit.
	 * @return bool Whether it was reserved.
	 */
	public function reserve_spend( string $account, int $micros, int $cap_micros ): bool {
		global $wpdb;
		if ( $micros > $cap_micros ) {
			return false;
		}
		if ( 0 === $micros ) {
			// Nothing to add (a free route), and an UPDATE that changes nothing reports no row: read.
			return $this->spent( $account ) <= $cap_micros;
		}
		$wpdb->query(
			$wpdb->prepare(
				'INSERT IGNORE INTO ' . State_Schema::table() . " (id, subject, provider_id, key_id) VALUES (%s, %s, '', '')",
				self::id( 'spend:' . $account ),
				'spend:' . $account
			)
		);
		return 1 === $wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . State_Schema::table() . ' SET reserved_micros = reserved_micros + %d WHERE id = %s AND spent_micros + reserved_micros + %d <= %d',
				$micros,
				self::id( 'spend:' . $account ),
				$micros,
				$cap_micros
			)
		);
	}

	/**
	 * Releases a reservation and adds what was spent.
	 *
	 * @param string $account         Account.
	 * @param int    $reserved_micros Reserved before.
	 * @param int    $actual_micros   Spent.
	 */
	public function settle_spend( string $account, int $reserved_micros, int $actual_micros ): void {
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . " (id, subject, provider_id, key_id, spent_micros) VALUES (%s, %s, '', '', %d)
				ON DUPLICATE KEY UPDATE spent_micros = spent_micros + %d, reserved_micros = IF(reserved_micros > %d, reserved_micros - %d, 0)",
				self::id( 'spend:' . $account ),
				'spend:' . $account,
				$actual_micros,
				$actual_micros,
				$reserved_micros,
				$reserved_micros
			)
		);
	}

	/**
	 * The stored states of a provider's keys; keys with no row are active.
	 *
	 * @param string $provider_id Provider.
	 * @return array<string, array{state: string, until: int|null, since: int|null, reason: string|null}>
	 */
	public function key_states( string $provider_id ): array {
		global $wpdb;
		$rows  = $wpdb->get_results(
			$wpdb->prepare(
				'SELECT key_id, key_state, key_until, key_since, key_reason FROM ' . State_Schema::table() . " WHERE provider_id = %s AND key_id <> '' AND key_state <> 'active'",
				$provider_id
			),
			ARRAY_A
		);
		$found = array();
		foreach ( (array) $rows as $row ) {
			$found[ (string) $row['key_id'] ] = array(
				'state'  => (string) $row['key_state'],
				'until'  => null === $row['key_until'] ? null : (int) $row['key_until'],
				'since'  => null === $row['key_since'] ? null : (int) $row['key_since'],
				'reason' => null === $row['key_reason'] ? null : (string) $row['key_reason'],
			);
		}
		return $found;
	}

	/**
	 * Takes a key out of rotation.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param string $reason      Reason (already redacted).
	 * @param int    $since       Unix time.
	 */
	public function mark_key_dead( string $provider_id, string $key_id, string $reason, int $since ): void {
		global $wpdb;
		$subject = self::key_subject( $provider_id, $key_id );
		$wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . " (id, subject, provider_id, key_id, key_state, key_since, key_reason) VALUES (%s, %s, %s, %s, 'dead', %d, %s)
				ON DUPLICATE KEY UPDATE key_state = 'dead', key_until = NULL, key_since = %d, key_reason = %s",
				self::id( $subject ),
				$subject,
				$provider_id,
				$key_id,
				$since,
				self::cut( $reason ),
				$since,
				self::cut( $reason )
			)
		);
	}

	/**
	 * Rests a key until $until. Two workers cooling one key keep the later end; a dead key stays dead.
	 * Assignments run left to right, so `key_state` is assigned last: the others read the old one.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 * @param int    $until       Unix time the rest ends.
	 * @param string $reason      Reason.
	 */
	public function cool_key( string $provider_id, string $key_id, int $until, string $reason ): void {
		global $wpdb;
		$subject = self::key_subject( $provider_id, $key_id );
		$wpdb->query(
			$wpdb->prepare(
				'INSERT INTO ' . State_Schema::table() . " (id, subject, provider_id, key_id, key_state, key_until, key_reason) VALUES (%s, %s, %s, %s, 'cooling', %d, %s)
				ON DUPLICATE KEY UPDATE
					key_until = IF(key_state = 'dead', key_until, IF(key_state = 'cooling', GREATEST(COALESCE(key_until, 0), %d), %d)),
					key_reason = IF(key_state = 'dead', key_reason, %s),
					key_since = IF(key_state = 'dead', key_since, NULL),
					key_state = IF(key_state = 'dead', 'dead', 'cooling')",
				self::id( $subject ),
				$subject,
				$provider_id,
				$key_id,
				$until,
				self::cut( $reason ),
				$until,
				$until,
				self::cut( $reason )
			)
		);
	}

	/**
	 * Puts a key back in rotation (its breaker is left as it is).
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 */
	public function reactivate_key( string $provider_id, string $key_id ): void {
		global $wpdb;
		$wpdb->query(
			$wpdb->prepare(
				'UPDATE ' . State_Schema::table() . " SET key_state = 'active', key_until = NULL, key_since = NULL, key_reason = NULL WHERE id = %s",
				self::id( self::key_subject( $provider_id, $key_id ) )
			)
		);
	}

	/**
	 * Deletes every row of a provider (its routes' and keys' breakers, key states, probe claims),
	 * or of one of its keys.
	 *
	 * @param string      $provider_id Provider.
	 * @param string|null $key_id      Key, or null for everything of the provider.
	 */
	public function forget( string $provider_id, ?string $key_id = null ): void {
		global $wpdb;
		if ( null === $key_id ) {
			$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . State_Schema::table() . ' WHERE provider_id = %s', $provider_id ) );
			return;
		}
		$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . State_Schema::table() . ' WHERE provider_id = %s AND key_id = %s', $provider_id, $key_id ) );
	}

	/**
	 * How many rows a provider (or one of its keys) has: for tests and the cleanup check.
	 *
	 * @param string      $provider_id Provider.
	 * @param string|null $key_id      Key, or null for the whole provider.
	 */
	public function count( string $provider_id, ?string $key_id = null ): int {
		global $wpdb;
		if ( null === $key_id ) {
			return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . State_Schema::table() . ' WHERE provider_id = %s', $provider_id ) );
		}
		return (int) $wpdb->get_var( $wpdb->prepare( 'SELECT COUNT(*) FROM ' . State_Schema::table() . ' WHERE provider_id = %s AND key_id = %s', $provider_id, $key_id ) );
	}

	/**
	 * Deletes the 0.1 per-subject options (`aifo_state_<md5>`: breakers and probe claims).
	 */
	public function drop_legacy_options(): void {
		global $wpdb;
		$wpdb->query( "DELETE FROM {$wpdb->options} WHERE option_name LIKE 'aifo\\_state\\_%' AND option_name <> 'aifo_state_db_version'" );
	}

	/**
	 * The engine's name for a key's breaker, which the key's state shares a row with.
	 *
	 * @param string $provider_id Provider.
	 * @param string $key_id      Key.
	 */
	private static function key_subject( string $provider_id, string $key_id ): string {
		return 'key:' . $provider_id . ':' . $key_id;
	}

	/**
	 * The row id: subjects can be longer than an index may be in utf8mb4.
	 *
	 * @param string $subject Subject.
	 */
	private static function id( string $subject ): string {
		return md5( $subject );
	}

	/**
	 * Reasons fit their column.
	 *
	 * @param string $reason Reason.
	 */
	private static function cut( string $reason ): string {
		return mb_substr( $reason, 0, 320 );
	}
}
// phpcs:enable
