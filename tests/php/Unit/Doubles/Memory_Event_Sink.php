<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Event_Sink;
use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;

/**
 * Records every event.
 */
final class Memory_Event_Sink implements Event_Sink {

	/** @var list<array{string, mixed}> */
	public array $events = array();

	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void {
		$this->events[] = array( 'start', $policy->id );
	}

	public function attempt_finished( string $run_id, Attempt $attempt ): void {
		$this->events[] = array( 'attempt', $attempt );
	}

	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void {
		$this->events[] = array( 'fallback', array( $from, $to ) );
	}

	public function breaker_changed( string $subject, string $from, string $to ): void {
		$this->events[] = array( 'breaker', array( $subject, $from, $to ) );
	}

	public function run_finished( Run_Result $result ): void {
		$this->events[] = array( 'run', $result );
	}

	/**
	 * @return list<mixed>
	 */
	public function of( string $type ): array {
		return array_values( array_map( static fn( $e ) => $e[1], array_filter( $this->events, static fn( $e ) => $e[0] === $type ) ) );
	}
}
