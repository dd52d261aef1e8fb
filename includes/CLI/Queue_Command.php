<?php
/**
 * The `wp ai-failover queue` commands.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

use AI_Failover\Queue\Job;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Queue\Queue;

/**
 * Lists and runs the durable queue's jobs.
 *
 * @since n.e.x.t
 */
final class Queue_Command {

	private const FIELDS = array( 'id', 'status', 'source', 'workflow', 'attempts', 'run_after', 'finished_at', 'outcome', 'run_id', 'error' );

	public function __construct(
		private readonly Queue $queue,
		private readonly Job_Repository $jobs,
		private readonly Output $out,
	) {
	}

	/**
	 * Lists jobs, newest first.
	 *
	 * ## OPTIONS
	 *
	 * [--status=<status>]
	 * : queued, running, done, failed or cancelled.
	 *
	 * [--limit=<n>]
	 * : How many.
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
	 * @param list<string>          $args  Positional arguments.
	 * @param array<string, string> $assoc Options.
	 */
	public function list( array $args, array $assoc ): void {
		$status = isset( $assoc['status'] ) ? (string) $assoc['status'] : null;
		if ( null !== $status && ! in_array( $status, Job::STATUSES, true ) ) {
			/* translators: 1: The value given, 2: Allowed values. */
			$this->out->error( sprintf( __( '--status: "%1$s" is not one of %2$s.', 'ai-failover' ), $status, implode( ', ', Job::STATUSES ) ) );
		}
		$rows = array_map( static fn( Job $job ): array => $job->to_array(), $this->jobs->list( $status, 0, max( 1, min( 500, (int) ( $assoc['limit'] ?? 50 ) ) ) ) );
		$this->out->items( $rows, self::FIELDS, (string) ( $assoc['format'] ?? 'table' ) );
	}

	/**
	 * Runs the due jobs now, in this process (leases and the concurrency limit apply as in WP-Cron).
	 *
	 * ## OPTIONS
	 *
	 * [--budget=<seconds>]
	 * : Stop claiming jobs after this long.
	 * ---
	 * default: 60
	 * ---
	 *
	 * [--max=<n>]
	 * : Jobs at most.
	 * ---
	 * default: 100
	 * ---
	 *
	 * @param list<string>          $args  Positional arguments.
	 * @param array<string, string> $assoc Options.
	 */
	public function run( array $args, array $assoc ): void {
		$ran = $this->queue->process( max( 1, (int) ( $assoc['budget'] ?? 60 ) ) * 1000, max( 1, (int) ( $assoc['max'] ?? 100 ) ) );
		foreach ( $ran as $job ) {
			/* translators: 1: Job id, 2: Its status afterwards. */
			$this->out->line( sprintf( __( 'Job %1$d: %2$s', 'ai-failover' ), $job['id'], $job['status'] ) );
		}
		/* translators: %d: Number of jobs. */
		$this->out->success( sprintf( _n( 'Ran %d job.', 'Ran %d jobs.', count( $ran ), 'ai-failover' ), count( $ran ) ) );
	}
}
