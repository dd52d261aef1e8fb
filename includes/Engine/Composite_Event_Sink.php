<?php
/**
 * Several event sinks as one.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Event_Sink;

/**
 * Hands every event to each sink in turn (the diagnostics recorder, then the WordPress actions).
 *
 * @since 0.1.0
 */
final class Composite_Event_Sink implements Event_Sink {

	/** @var list<Event_Sink> */
	private array $sinks;

	public function __construct( Event_Sink ...$sinks ) {
		$this->sinks = array_values( $sinks );
	}

	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void {
		foreach ( $this->sinks as $sink ) {
			$sink->run_started( $run_id, $policy, $request );
		}
	}

	public function attempt_finished( string $run_id, Attempt $attempt ): void {
		foreach ( $this->sinks as $sink ) {
			$sink->attempt_finished( $run_id, $attempt );
		}
	}

	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void {
		foreach ( $this->sinks as $sink ) {
			$sink->fallback_started( $run_id, $from, $to, $reason );
		}
	}

	public function breaker_changed( string $subject, string $from, string $to ): void {
		foreach ( $this->sinks as $sink ) {
			$sink->breaker_changed( $subject, $from, $to );
		}
	}

	public function run_finished( Run_Result $result ): void {
		foreach ( $this->sinks as $sink ) {
			$sink->run_finished( $result );
		}
	}
}
