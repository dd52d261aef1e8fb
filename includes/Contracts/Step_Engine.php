<?php
/**
 * What a workflow step runs on.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Engine\Run_Result;

/**
 * Runs one workflow step as an engine run (the workflow runner's only way into the engine, so
 * tests can script step results).
 *
 * @since n.e.x.t
 */
interface Step_Engine {

	/**
	 * @param string               $feature        Feature id.
	 * @param array<string, mixed> $request        Feature_Runner::run() request (messages, validate, caller, workflow, step).
	 * @param string|null          $simulate_class Administrators' drill: fail every route of the feature with this class.
	 */
	public function run_step( string $feature, array $request, ?string $simulate_class ): Run_Result;
}
