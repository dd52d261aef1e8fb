<?php
/**
 * Stores the engine's events in the event log.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Diagnostics;

use AI_Failover\Contracts\Event_Sink;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Feature_Policy;
use AI_Failover\Engine\Run_Request;
use AI_Failover\Engine\Run_Result;
use AI_Failover\Settings\Settings_Repository;

/**
 * Buffers a run's attempts and writes them with one multi-row INSERT when the run ends, or on
 * shutdown if it never does (a fatal error after an attempt still leaves that attempt logged).
 * Prompts and outputs are stored only when previews are switched on, cut to the configured size.
 * Logging never breaks the user's request: every failure here is swallowed and reported once.
 *
 * @since 0.1.0
 */
final class Event_Recorder implements Event_Sink, Registers_Hooks {

	/**
	 * Context of runs in progress.
	 *
	 * @var array<string, array{feature: string, caller: string, workflow: string, step: string, user_id: int, started: float, prompt: string|null}>
	 */
	private array $runs = array();

	/**
	 * Rows not yet written, by run.
	 *
	 * @var array<string, list<array<string, mixed>>>
	 */
	private array $pending = array();

	public function __construct(
		private readonly Event_Repository $events,
		private readonly Settings_Repository $settings,
	) {
	}

	public function register_hooks(): void {
		add_action( 'shutdown', array( $this, 'flush_all' ), 1 );
	}

	public function run_started( string $run_id, Feature_Policy $policy, Run_Request $request ): void {
		$prompt = null;
		if ( $this->previews() ) {
			foreach ( $request->chat->messages as $message ) {
				if ( 'user' === $message['role'] ) {
					$prompt = $message['content'];
				}
			}
		}
		$this->runs[ $run_id ] = array(
			'feature'  => $policy->id,
			'caller'   => $request->caller,
			'workflow' => $request->workflow,
			'step'     => $request->step,
			'user_id'  => get_current_user_id(),
			'started'  => microtime( true ),
			'prompt'   => null === $prompt ? null : $this->cut( $prompt ),
		);
	}

	public function attempt_finished( string $run_id, Attempt $attempt ): void {
		$run     = $this->runs[ $run_id ] ?? array(
			'feature'  => '',
			'caller'   => '',
			'workflow' => '',
			'step'     => '',
			'user_id'  => 0,
			'started'  => microtime( true ),
			'prompt'   => null,
		);
		$at      = $run['started'] + $attempt->start_ms / 1000;
		$seconds = (int) floor( $at );

		$row = $attempt->to_array();

		// The event row is the attempt plus its run's context.
		$this->pending[ $run_id ][] = array(
			'run_id'         => $run_id,
			'created_at'     => gmdate( 'Y-m-d H:i:s', $seconds ) . sprintf( '.%03d', (int) floor( ( $at - $seconds ) * 1000 ) ),
			'feature'        => $run['feature'],
			'workflow'       => $run['workflow'],
			'step'           => $run['step'],
			'caller'         => $run['caller'],
			'user_id'        => $run['user_id'],
			'prompt_preview' => 1 === $attempt->index ? $run['prompt'] : null,
			'output_preview' => null,
		) + array(
			'provider_code' => substr( $row['provider_code'], 0, 64 ),
			'message'       => substr( $row['message'], 0, 320 ),
			'simulated'     => $row['simulated'] ? 1 : 0,
		) + $row;
	}

	public function fallback_started( string $run_id, string $from, string $to, string $reason ): void {
	}

	public function breaker_changed( string $subject, string $from, string $to ): void {
	}

	public function run_finished( Run_Result $result ): void {
		if ( '' !== $result->text && $this->previews() && isset( $this->pending[ $result->run_id ] ) ) {
			$last = count( $this->pending[ $result->run_id ] ) - 1;

			$this->pending[ $result->run_id ][ $last ]['output_preview'] = $this->cut( $result->text );
		}
		$this->flush( $result->run_id );
		unset( $this->runs[ $result->run_id ] );
	}

	/**
	 * Writes whatever is still buffered (shutdown).
	 */
	public function flush_all(): void {
		foreach ( array_keys( $this->pending ) as $run_id ) {
			$this->flush( (string) $run_id );
		}
	}

	/**
	 * @param string $run_id Run.
	 */
	private function flush( string $run_id ): void {
		$rows = $this->pending[ $run_id ] ?? array();
		unset( $this->pending[ $run_id ] );
		if ( ! $rows ) {
			return;
		}
		global $wpdb;
		$suppressed = $wpdb->suppress_errors( true );
		try {
			$written = $this->events->insert_many( $rows );
		} catch ( \Throwable $error ) {
			$written = false;
		}
		$wpdb->suppress_errors( $suppressed );
		if ( ! $written ) {
			/**
			 * The event log could not be written (the request itself went on).
			 *
			 * @since 0.1.0
			 *
			 * @param int    $rows   Rows lost.
			 * @param string $run_id Run id.
			 */
			do_action( 'aifo_event_log_failed', count( $rows ), $run_id );
		}
	}

	private function previews(): bool {
		return (bool) ( $this->settings->get()['log_previews'] ?? false );
	}

	/**
	 * @param string $text Text.
	 */
	private function cut( string $text ): string {
		return mb_substr( $text, 0, (int) ( $this->settings->get()['log_preview_max_chars'] ?? 500 ) );
	}
}
