<?php
/**
 * Engine events as WordPress actions.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Event_Sink;

/**
 * Fires aifo_attempt_finished, aifo_fallback_started, aifo_breaker_changed and aifo_run_finished.
 * A listener that throws is reported with _doing_it_wrong() and never breaks the user's request.
 *
 * @since 0.1.0
 */
final class WP_Event_Sink implements Event_Sink {

	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void {
		/**
		 * A run begins.
		 *
		 * @since 0.1.0
		 *
		 * @param string $run_id  Run id.
		 * @param string $feature Feature id.
		 * @param string $caller  Who asked (rest, php, cron, workflow).
		 */
		$this->fire( 'aifo_run_started', $run_id, $policy->id, $request->caller );
	}

	public function attempt_finished( string $run_id, Attempt $attempt ): void {
		/**
		 * An attempt finished, or a route was skipped.
		 *
		 * @since 0.1.0
		 *
		 * @param array<string, mixed> $attempt Attempt::to_array().
		 * @param string               $run_id  Run id.
		 */
		if ( has_action( 'aifo_attempt_finished' ) ) {
			// Built only for a listener: a run's request otherwise pays for an array nobody reads.
			$this->fire( 'aifo_attempt_finished', $attempt->to_array(), $run_id );
		}
	}

	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void {
		/**
		 * A run moves to its next route.
		 *
		 * @since 0.1.0
		 *
		 * @param string $from   Route id that failed.
		 * @param string $to     Route id tried next.
		 * @param string $reason Plain-language reason.
		 * @param string $run_id Run id.
		 */
		$this->fire( 'aifo_fallback_started', $from, $to, $reason, $run_id );
	}

	public function breaker_changed( string $subject, string $from, string $to ): void {
		/**
		 * A circuit breaker changed state.
		 *
		 * @since 0.1.0
		 *
		 * @param string $subject "route:provider/model" or "key:provider:key".
		 * @param string $from    closed, open or half_open.
		 * @param string $to      closed, open or half_open.
		 */
		$this->fire( 'aifo_breaker_changed', $subject, $from, $to );
	}

	public function run_finished( Run_Result $result ): void {
		/**
		 * A run ended.
		 *
		 * @since 0.1.0
		 *
		 * @param array<string, mixed> $result Run_Result::to_array().
		 */
		if ( has_action( 'aifo_run_finished' ) ) {
			$this->fire( 'aifo_run_finished', $result->to_array() );
		}
	}

	/**
	 * @param non-empty-string $hook    Action.
	 * @param mixed            ...$args Arguments.
	 */
	private function fire( string $hook, mixed ...$args ): void {
		try {
			do_action( $hook, ...$args ); // phpcs:ignore WordPress.NamingConventions.PrefixAllGlobals.DynamicHooknameFound -- every caller passes an aifo_* literal.
		} catch ( \Throwable $error ) {
			_doing_it_wrong( esc_html( $hook ), esc_html( 'A listener threw: ' . $error->getMessage() ), '0.1.0' );
		}
	}
}
