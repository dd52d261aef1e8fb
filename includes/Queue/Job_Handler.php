<?php
/**
 * Runs one type of queued job.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

/**
 * What the queue calls for a claimed job of its type. It never sleeps: a job that must wait (a
 * provider's Retry-After) answers Job_Result::retry() and the queue defers it.
 *
 * @since n.e.x.t
 */
interface Job_Handler {

	/**
	 * @param Job $job The claimed job.
	 */
	public function handle( Job $job ): Job_Result;
}
