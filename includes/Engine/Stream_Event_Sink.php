<?php
/**
 * Engine events for the run's own stream listener.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Event_Sink;
use AI_Failover\Contracts\Stream_Listener;

/**
 * Hands each attempt and fallback of a streamed run to the Stream_Listener its request carries, as
 * they happen, so a client sees why a run moved on before the answer's text. Runs without a
 * listener pass through untouched; several runs in one PHP request keep their own listeners.
 *
 * @since 0.2.0
 */
final class Stream_Event_Sink implements Event_Sink {

	/**
	 * Run id => listener, while the run lasts.
	 *
	 * @var array<string, Stream_Listener>
	 */
	private array $listeners = array();

	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void {
		if ( null !== $request->listener ) {
			$this->listeners[ $run_id ] = $request->listener;
		}
	}

	public function attempt_finished( string $run_id, Attempt $attempt ): void {
		$this->tell( $run_id, 'attempt', $attempt->to_array() );
	}

	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void {
		$this->tell(
			$run_id,
			'fallback',
			array(
				'from'   => $from,
				'to'     => $to,
				'reason' => $reason,
			)
		);
	}

	public function breaker_changed( string $subject, string $from, string $to ): void {
	}

	public function run_finished( Run_Result $result ): void {
		unset( $this->listeners[ $result->run_id ] );
	}

	/**
	 * @param string               $run_id Run.
	 * @param string               $event  Event name.
	 * @param array<string, mixed> $data   Data.
	 */
	private function tell( string $run_id, string $event, array $data ): void {
		if ( ! isset( $this->listeners[ $run_id ] ) ) {
			return;
		}
		try {
			$this->listeners[ $run_id ]->on_event( $event, $data );
		} catch ( \Throwable $error ) {
			// A listener must never break the engine; it stops getting events.
			unset( $this->listeners[ $run_id ] );
		}
	}
}
