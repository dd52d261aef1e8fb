<?php
/**
 * What a drill reports.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Event_Sink;

/**
 * Passes a drill's run and its (simulated) attempts on, so they are logged and marked; drops the
 * changes of the drill's own breakers, which exist only in the drill: nothing may alert on them.
 *
 * @since 0.2.0
 */
final class Drill_Event_Sink implements Event_Sink {

	public function __construct( private readonly Event_Sink $live ) {
	}

	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void {
		$this->live->run_started( $run_id, $policy, $request );
	}

	public function attempt_finished( string $run_id, Attempt $attempt ): void {
		$this->live->attempt_finished( $run_id, $attempt->as_simulated() );
	}

	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void {
		$this->live->fallback_started( $run_id, $from, $to, $reason );
	}

	public function breaker_changed( string $subject, string $from, string $to ): void {
	}

	public function run_finished( Run_Result $result ): void {
		$this->live->run_finished( $result );
	}
}
