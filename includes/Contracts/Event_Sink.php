<?php
/**
 * Contract for what the engine reports as it works.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;

/**
 * Every attempt, breaker change and the finished run are handed here (diagnostics store them).
 * A sink must never throw into the engine.
 *
 * @since 0.1.0
 */
interface Event_Sink {

	/**
	 * A run begins.
	 *
	 * @param string         $run_id  Run.
	 * @param Feature_Policy $policy  The feature as run.
	 * @param Run_Request    $request The request.
	 */
	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void;

	/**
	 * An attempt finished (or a route was skipped).
	 *
	 * @param string  $run_id  Run.
	 * @param Attempt $attempt Attempt.
	 */
	public function attempt_finished( string $run_id, Attempt $attempt ): void;

	/**
	 * The run moves from one route to the next.
	 *
	 * @param string $run_id Run.
	 * @param string $from   Route id.
	 * @param string $to     Route id.
	 * @param string $reason Plain-language reason.
	 */
	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void;

	/**
	 * A circuit breaker changed state.
	 *
	 * @param string $subject Route or key id.
	 * @param string $from    Old state.
	 * @param string $to      New state.
	 */
	public function breaker_changed( string $subject, string $from, string $to ): void;

	/**
	 * The run ended.
	 *
	 * @param Run_Result $result Result.
	 */
	public function run_finished( Run_Result $result ): void;
}
