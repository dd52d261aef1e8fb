<?php
/**
 * The `wp ai-failover events` commands.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

use AI_Failover\Diagnostics\Event_Repository;

/**
 * Reads the event log (one row per attempt).
 *
 * @since n.e.x.t
 */
final class Events_Command {

	private const FIELDS = array( 'created_at', 'run_id', 'feature', 'route', 'outcome', 'error_class', 'http_status', 'latency_ms', 'reason' );

	public function __construct(
		private readonly Event_Repository $events,
		private readonly Output $out,
	) {
	}

	/**
	 * Lists attempts, newest first.
	 *
	 * ## OPTIONS
	 *
	 * [--feature=<id>]
	 * : Only this feature.
	 *
	 * [--since=<time>]
	 * : Only attempts at or after this time (anything strtotime() reads: "1 hour ago", 2026-12-01T10:00Z).
	 *
	 * [--limit=<n>]
	 * : How many (at most 200).
	 * ---
	 * default: 50
	 * ---
	 *
	 * [--format=<format>]
	 * : table, json, csv, yaml or count.
	 * ---
	 * default: table
	 * ---
	 *
	 * ## EXAMPLES
	 *
	 *     wp ai-failover events list --feature=demo-summary --since="1 hour ago"
	 *
	 * @param list<string>          $args  Positional arguments.
	 * @param array<string, string> $assoc Options.
	 */
	public function list( array $args, array $assoc ): void {
		$query = array(
			'per_page' => max( 1, min( 200, (int) ( $assoc['limit'] ?? 50 ) ) ),
			'order'    => 'desc',
		);
		if ( isset( $assoc['feature'] ) && '' !== $assoc['feature'] ) {
			$query['feature'] = (string) $assoc['feature'];
		}
		if ( isset( $assoc['since'] ) ) {
			if ( false === strtotime( (string) $assoc['since'] ) ) {
				/* translators: %s: The value given. */
				$this->out->error( sprintf( __( '--since: "%s" is not a time.', 'ai-failover' ), (string) $assoc['since'] ) );
			}
			$query['after'] = (string) $assoc['since'];
		}
		$this->out->items( $this->events->query( $query )['rows'], self::FIELDS, (string) ( $assoc['format'] ?? 'table' ) );
	}
}
