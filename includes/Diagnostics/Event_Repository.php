<?php
/**
 * All SQL of the plugin: the event log.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

// phpcs:disable WordPress.DB.DirectDatabaseQuery, WordPress.DB.PreparedSQL.InterpolatedNotPrepared, WordPress.DB.PreparedSQL.NotPrepared, WordPress.DB.PreparedSQLPlaceholders -- this class is the plugin's only SQL; the table name comes from $wpdb->prefix and every value goes through $wpdb->prepare().

/**
 * Reads and writes {$wpdb->prefix}aifo_events.
 *
 * @since 0.1.0
 */
final class Event_Repository {

	/** Columns written by insert_many(), in order, with their formats. */
	private const COLUMNS = array(
		'run_id'         => '%s',
		'attempt'        => '%d',
		'created_at'     => '%s',
		'feature'        => '%s',
		'workflow'       => '%s',
		'step'           => '%s',
		'route'          => '%s',
		'provider'       => '%s',
		'provider_label' => '%s',
		'model'          => '%s',
		'key_id'         => '%s',
		'key_label'      => '%s',
		'outcome'        => '%s',
		'error_class'    => '%s',
		'http_status'    => '%d',
		'provider_code'  => '%s',
		'retry_after'    => '%f',
		'decision'       => '%s',
		'reason'         => '%s',
		'message'        => '%s',
		'latency_ms'     => '%f',
		'start_ms'       => '%f',
		'tokens_in'      => '%d',
		'tokens_out'     => '%d',
		'cost'           => '%f',
		'simulated'      => '%d',
		'caller'         => '%s',
		'user_id'        => '%d',
		'prompt_preview' => '%s',
		'output_preview' => '%s',
	);

	/** Filters that match a column exactly. */
	private const EXACT_FILTERS = array( 'feature', 'workflow', 'step', 'provider', 'model', 'key_label', 'outcome', 'error_class' );

	/**
	 * Writes rows in one multi-row INSERT.
	 *
	 * @param list<array<string, mixed>> $rows Rows keyed by column.
	 * @return bool Whether the insert succeeded.
	 */
	public function insert_many( array $rows ): bool {
		global $wpdb;
		if ( ! $rows ) {
			return true;
		}
		$placeholders = array();
		$values       = array();
		foreach ( $rows as $row ) {
			$tuple = array();
			foreach ( self::COLUMNS as $column => $format ) {
				if ( ! array_key_exists( $column, $row ) ) {
					$tuple[] = 'DEFAULT';
					// A column not given takes the table's default, never NULL.
					continue;
				}
				$value = $row[ $column ];
				if ( null === $value ) {
					$tuple[] = 'NULL';
					continue;
				}
				$tuple[]  = $format;
				$values[] = $value;
			}
			$placeholders[] = '(' . implode( ',', $tuple ) . ')';
		}
		$sql        = 'INSERT INTO ' . Event_Schema::table() . ' (' . implode( ',', array_keys( self::COLUMNS ) ) . ') VALUES ' . implode( ',', $placeholders );
		$connection = $wpdb->dbh;
		if ( false === $wpdb->query( $values ? $wpdb->prepare( $sql, $values ) : $sql ) ) {
			return false;
		}
		if ( $connection !== $wpdb->dbh ) {
			$this->drop_repeat( $rows );
		}
		return true;
	}

	/**
	 * After a reconnect during insert_many(): wpdb re-runs a statement whose connection went away,
	 * and the first run may have committed before its answer was lost. A copy of the batch's first
	 * row stored before the rows just inserted means it had: those are a repeat and go.
	 *
	 * @param list<array<string, mixed>> $rows The batch (one statement: consecutive ids from insert_id).
	 */
	private function drop_repeat( array $rows ): void {
		global $wpdb;
		$first   = (int) $wpdb->insert_id;
		$earlier = (int) $wpdb->get_var(
			$wpdb->prepare(
				'SELECT COUNT(*) FROM ' . Event_Schema::table() . ' WHERE run_id = %s AND attempt = %d AND id < %d',
				(string) $rows[0]['run_id'],
				(int) ( $rows[0]['attempt'] ?? 0 ),
				$first
			)
		);
		if ( $first > 0 && $earlier > 0 ) {
			$wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Event_Schema::table() . ' WHERE id >= %d AND id < %d', $first, $first + count( $rows ) ) );
		}
	}

	/**
	 * A filtered, sorted page of events and the total matching.
	 *
	 * @param array<string, mixed> $query Validated event-query fields.
	 * @return array{rows: list<array<string, mixed>>, total: int}
	 */
	public function query( array $query ): array {
		global $wpdb;
		list( $where, $values ) = $this->where( $query );
		$orderby                = in_array( $query['orderby'] ?? '', array( 'created_at', 'latency_ms', 'cost' ), true ) ? $query['orderby'] : 'created_at';
		$order                  = 'asc' === ( $query['order'] ?? 'desc' ) ? 'ASC' : 'DESC';
		$per_page               = max( 1, min( 200, (int) ( $query['per_page'] ?? 50 ) ) );
		$offset                 = ( max( 1, (int) ( $query['page'] ?? 1 ) ) - 1 ) * $per_page;
		$table                  = Event_Schema::table();

		$total = (int) $wpdb->get_var( $this->prepare( "SELECT COUNT(*) FROM {$table} {$where}", $values ) );
		$rows  = $wpdb->get_results( $this->prepare( "SELECT * FROM {$table} {$where} ORDER BY {$orderby} {$order}, id {$order} LIMIT %d OFFSET %d", array_merge( $values, array( $per_page, $offset ) ) ), ARRAY_A );
		return array(
			'rows'  => array_values( array_map( array( $this, 'shape' ), (array) $rows ) ),
			'total' => $total,
		);
	}

	/**
	 * Every attempt of one run, in order.
	 *
	 * @param string $run_id Run id.
	 * @return list<array<string, mixed>>
	 */
	public function run( string $run_id ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . Event_Schema::table() . ' WHERE run_id = %s ORDER BY attempt ASC, id ASC', $run_id ), ARRAY_A );
		return array_values( array_map( array( $this, 'shape' ), (array) $rows ) );
	}

	/**
	 * The step ids one workflow logged since $after, for the step filter (at most 200).
	 *
	 * @param string $workflow Workflow.
	 * @param string $after    MySQL datetime (UTC).
	 * @return list<string>
	 */
	public function steps( string $workflow, string $after ): array {
		global $wpdb;
		$steps = (array) $wpdb->get_col( $wpdb->prepare( 'SELECT DISTINCT step FROM ' . Event_Schema::table() . " WHERE created_at >= %s AND workflow = %s AND step <> '' LIMIT 200", $after, $workflow ) );
		$steps = array_map( 'strval', $steps );
		sort( $steps );
		return $steps;
	}

	/**
	 * Calls $each for every matching row, oldest first, fetching in batches by id so memory stays
	 * flat at any table size.
	 *
	 * @param array<string, mixed>                 $query Filters.
	 * @param callable(array<string, mixed>): void $each  Row callback.
	 * @param int                                  $batch Rows per fetch.
	 * @return int Rows visited.
	 */
	public function each( array $query, callable $each, int $batch = 1000 ): int {
		global $wpdb;
		list( $where, $values ) = $this->where( $query );
		$table                  = Event_Schema::table();
		$last                   = 0;
		$count                  = 0;
		do {
			$clause = ( '' === $where ? 'WHERE' : $where . ' AND' ) . ' id > %d';
			$rows   = $wpdb->get_results( $this->prepare( "SELECT * FROM {$table} {$clause} ORDER BY id ASC LIMIT %d", array_merge( $values, array( $last, $batch ) ) ), ARRAY_A );
			foreach ( (array) $rows as $row ) {
				$each( $this->shape( $row ) );
				$last = (int) $row['id'];
				++$count;
			}
			$fetched = is_array( $rows ) ? count( $rows ) : 0;
			unset( $rows );
		} while ( $fetched === $batch );
		return $count;
	}

	/**
	 * Deletes up to $limit rows older than $before.
	 *
	 * @param string $before MySQL datetime (UTC).
	 * @param int    $limit  Batch size.
	 * @return int Rows deleted.
	 */
	public function delete_older_than( string $before, int $limit ): int {
		global $wpdb;
		return (int) $wpdb->query( $wpdb->prepare( 'DELETE FROM ' . Event_Schema::table() . ' WHERE created_at < %s ORDER BY created_at ASC LIMIT %d', $before, $limit ) );
	}

	/**
	 * The oldest row's time, or null for an empty table.
	 */
	public function oldest(): ?string {
		global $wpdb;
		$value = $wpdb->get_var( 'SELECT MIN(created_at) FROM ' . Event_Schema::table() );
		return null === $value ? null : (string) $value;
	}

	/**
	 * Whether the table exists.
	 */
	public function table_exists(): bool {
		global $wpdb;
		return Event_Schema::table() === $wpdb->get_var( $wpdb->prepare( 'SHOW TABLES LIKE %s', $wpdb->esc_like( Event_Schema::table() ) ) );
	}

	/**
	 * A user's rows, newest first (personal data export).
	 *
	 * @param int $user_id User.
	 * @param int $limit   Page size.
	 * @param int $offset  Offset.
	 * @return list<array<string, mixed>>
	 */
	public function for_user( int $user_id, int $limit, int $offset ): array {
		global $wpdb;
		$rows = $wpdb->get_results( $wpdb->prepare( 'SELECT * FROM ' . Event_Schema::table() . ' WHERE user_id = %d ORDER BY id DESC LIMIT %d OFFSET %d', $user_id, $limit, $offset ), ARRAY_A );
		return array_values( array_map( array( $this, 'shape' ), (array) $rows ) );
	}

	/**
	 * Detaches a user's rows from them and removes their previews (personal data erasure);
	 * the operational facts (which provider failed, when) stay.
	 *
	 * @param int $user_id User.
	 * @param int $limit   Batch size.
	 * @return int Rows changed.
	 */
	public function anonymise_user( int $user_id, int $limit ): int {
		global $wpdb;
		return (int) $wpdb->query( $wpdb->prepare( 'UPDATE ' . Event_Schema::table() . ' SET user_id = 0, prompt_preview = NULL, output_preview = NULL WHERE user_id = %d LIMIT %d', $user_id, $limit ) );
	}

	/**
	 * WHERE clause and values for the filters.
	 *
	 * @param array<string, mixed> $query Filters.
	 * @return array{0: string, 1: list<mixed>}
	 */
	private function where( array $query ): array {
		global $wpdb;
		$clauses = array();
		$values  = array();
		foreach ( self::EXACT_FILTERS as $filter ) {
			if ( isset( $query[ $filter ] ) && '' !== $query[ $filter ] ) {
				$clauses[] = "{$filter} = %s";
				$values[]  = (string) $query[ $filter ];
			}
		}
		if ( isset( $query['simulated'] ) ) {
			$clauses[] = 'simulated = %d';
			$values[]  = $query['simulated'] ? 1 : 0;
		}
		foreach ( array(
			'after'  => '>=',
			'before' => '<',
		) as $bound => $operator ) {
			if ( ! empty( $query[ $bound ] ) ) {
				$time = strtotime( (string) $query[ $bound ] );
				if ( false !== $time ) {
					$clauses[] = "created_at {$operator} %s";
					$values[]  = gmdate( 'Y-m-d H:i:s', $time );
				}
			}
		}
		if ( isset( $query['search'] ) && '' !== trim( (string) $query['search'] ) ) {
			$like      = '%' . $wpdb->esc_like( trim( (string) $query['search'] ) ) . '%';
			$clauses[] = '(reason LIKE %s OR message LIKE %s OR route LIKE %s OR run_id = %s)';
			array_push( $values, $like, $like, $like, trim( (string) $query['search'] ) );
		}
		return array( $clauses ? 'WHERE ' . implode( ' AND ', $clauses ) : '', $values );
	}

	/**
	 * @param string      $sql    SQL with placeholders.
	 * @param list<mixed> $values Values.
	 */
	private function prepare( string $sql, array $values ): string {
		global $wpdb;
		return $values ? (string) $wpdb->prepare( $sql, $values ) : $sql;
	}

	/**
	 * A row as the REST API returns it (the event schema's shape).
	 *
	 * @param array<string, mixed> $row Database row.
	 * @return array<string, mixed>
	 */
	private function shape( array $row ): array {
		return array(
			'id'             => (int) $row['id'],
			'run_id'         => (string) $row['run_id'],
			'attempt'        => (int) $row['attempt'],
			'created_at'     => str_replace( ' ', 'T', (string) $row['created_at'] ) . 'Z',
			'feature'        => (string) $row['feature'],
			'workflow'       => (string) $row['workflow'],
			'step'           => (string) $row['step'],
			'route'          => (string) $row['route'],
			'provider'       => (string) $row['provider'],
			'provider_label' => (string) ( $row['provider_label'] ?? '' ),
			'model'          => (string) $row['model'],
			'key_id'         => (string) ( $row['key_id'] ?? '' ),
			'key_label'      => (string) $row['key_label'],
			'outcome'        => (string) $row['outcome'],
			'error_class'    => null === $row['error_class'] ? null : (string) $row['error_class'],
			'http_status'    => (int) $row['http_status'],
			'provider_code'  => (string) $row['provider_code'],
			'retry_after'    => null === $row['retry_after'] ? null : (float) $row['retry_after'],
			'decision'       => (string) $row['decision'],
			'reason'         => (string) $row['reason'],
			'message'        => (string) $row['message'],
			'latency_ms'     => (float) $row['latency_ms'],
			'start_ms'       => (float) $row['start_ms'],
			'tokens_in'      => (int) $row['tokens_in'],
			'tokens_out'     => (int) $row['tokens_out'],
			'cost'           => (float) $row['cost'],
			'simulated'      => (bool) $row['simulated'],
			'caller'         => (string) $row['caller'],
			'user_id'        => (int) $row['user_id'],
			'prompt_preview' => null === $row['prompt_preview'] ? null : (string) $row['prompt_preview'],
			'output_preview' => null === $row['output_preview'] ? null : (string) $row['output_preview'],
		);
	}
}
// phpcs:enable
