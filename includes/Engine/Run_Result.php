<?php
/**
 * The answer and the story of how it was obtained.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Always says which provider/model/key served (or that none did), whether the answer is degraded,
 * and every attempt in order.
 *
 * @since 0.1.0
 */
final class Run_Result {

	public const SUCCESS    = 'success';
	public const FAILED     = 'failed';
	public const INCOMPLETE = 'incomplete';
	public const DEFERRED   = 'deferred';

	/**
	 * @param string                                                                              $run_id          Run id.
	 * @param string                                                                              $feature_id      Feature.
	 * @param string                                                                              $status          One of the constants.
	 * @param string                                                                              $text            Answer ('' unless success/incomplete).
	 * @param string                                                                              $finish_reason   Finish reason.
	 * @param int                                                                                 $input_tokens    Prompt tokens.
	 * @param int                                                                                 $output_tokens   Completion tokens.
	 * @param float                                                                               $cost            Estimated USD of the whole run.
	 * @param array{provider_id: string, provider: string, model: string, key_label: string}|null $served_by Who answered.
	 * @param bool                                                                                $degraded        A fallback or key rotation happened.
	 * @param string                                                                              $degraded_notice The feature's notice, when degraded.
	 * @param list<string>                                                                        $route_order     Routes in the order the strategy chose.
	 * @param list<Attempt>                                                                       $attempts        Every attempt.
	 * @param array{class: string, message: string, retry_after?: float|null}|null                $error           Why it failed.
	 * @param float                                                                               $duration_ms     Wall time.
	 * @param string|null                                                                         $incomplete_reason Why a stream is incomplete.
	 * @param bool                                                                                $simulated       A drill: nothing real was changed.
	 * @param bool                                                                                $notice_required The feature requires a degraded answer to show its notice (paid tiers).
	 * @param int|null                                                                            $job_id          A deferred run: the queued job that runs it later.
	 */
	public function __construct(
		public readonly string $run_id,
		public readonly string $feature_id,
		public readonly string $status,
		public readonly string $text,
		public readonly string $finish_reason,
		public readonly int $input_tokens,
		public readonly int $output_tokens,
		public readonly float $cost,
		public readonly ?array $served_by,
		public readonly bool $degraded,
		public readonly string $degraded_notice,
		public readonly array $route_order,
		public readonly array $attempts,
		public readonly ?array $error,
		public readonly float $duration_ms,
		public readonly ?string $incomplete_reason = null,
		public readonly bool $simulated = false,
		public readonly bool $notice_required = false,
		public readonly ?int $job_id = null,
	) {
	}

	/**
	 * The same result, naming the queued job that runs the deferred request later.
	 *
	 * @since n.e.x.t
	 *
	 * @param int $job_id Job id.
	 */
	public function with_job( int $job_id ): self {
		return new self( $this->run_id, $this->feature_id, $this->status, $this->text, $this->finish_reason, $this->input_tokens, $this->output_tokens, $this->cost, $this->served_by, $this->degraded, $this->degraded_notice, $this->route_order, $this->attempts, $this->error, $this->duration_ms, $this->incomplete_reason, $this->simulated, $this->notice_required, $job_id );
	}

	/**
	 * Whether the caller got a full answer.
	 */
	public function succeeded(): bool {
		return self::SUCCESS === $this->status;
	}

	/**
	 * The notice a degraded answer shows ('' when it is not degraded). A feature that requires
	 * it always has one: saving refuses an empty notice, and one a filter emptied is replaced by
	 * a plain default.
	 *
	 * @since n.e.x.t
	 */
	public function notice(): string {
		if ( ! $this->degraded ) {
			return '';
		}
		if ( '' === trim( $this->degraded_notice ) && $this->notice_required ) {
			return __( 'This answer was served by a backup AI model.', 'ai-failover' );
		}
		return $this->degraded_notice;
	}

	/**
	 * @return array<string, mixed>
	 */
	public function to_array(): array {
		return array(
			'run_id'            => $this->run_id,
			'feature'           => $this->feature_id,
			'status'            => $this->status,
			'output'            => array(
				'text'           => $this->text,
				'finish_reason'  => $this->finish_reason,
				'usage'          => array(
					'input_tokens'  => $this->input_tokens,
					'output_tokens' => $this->output_tokens,
				),
				'estimated_cost' => round( $this->cost, 6 ),
			),
			'served_by'         => $this->served_by,
			'degraded'          => $this->degraded,
			'degraded_notice'   => $this->notice(),
			'notice_required'   => $this->degraded && $this->notice_required,
			'route_order'       => $this->route_order,
			'attempts'          => array_map( static fn( Attempt $a ) => $a->to_array(), $this->attempts ),
			'error'             => $this->error,
			'incomplete_reason' => $this->incomplete_reason,
			'duration_ms'       => round( $this->duration_ms, 1 ),
			'simulated'         => $this->simulated,
			'job_id'            => $this->job_id,
		);
	}
}
