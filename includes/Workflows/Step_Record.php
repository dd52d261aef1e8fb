<?php
/**
 * What happened to one step.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Run_Result;

/**
 * A step record of the workflow-run schema, built from the engine's result: status, the branch
 * taken, who served, degraded, the typed error (what `{{error.*}}` shows), attempts, time, cost.
 *
 * @since n.e.x.t
 */
final class Step_Record {

	public const SUCCEEDED = 'succeeded';
	public const FAILED    = 'failed';
	public const SKIPPED   = 'skipped';

	/** Engine stop reasons that hide the cause: the last attempt's class says more. */
	private const WRAPPER_CLASSES = array( 'attempts_exhausted' );

	/**
	 * @param Step_Node                                                                                                                        $step     Step.
	 * @param string                                                                                                                           $status   One of the constants.
	 * @param string|null                                                                                                                      $branch   'success', 'failure' or null.
	 * @param string                                                                                                                           $output   Answer ('' on failure).
	 * @param array{class: string, status: int, provider: string, model: string, message: string, attempts: int, retry_after: float|null}|null $error Typed error.
	 * @param Run_Result|null                                                                                                                  $result   Engine result; null when nothing ran.
	 */
	public function __construct(
		public readonly Step_Node $step,
		public readonly string $status,
		public readonly ?string $branch,
		public readonly string $output,
		public readonly ?array $error,
		public readonly ?Run_Result $result,
	) {
	}

	/**
	 * The typed error of a failed engine run, or of an answer broken by a workflow rule.
	 *
	 * @param Run_Result  $result  Engine result.
	 * @param string|null $class   Class to report instead of the engine's (validation_failed).
	 * @param string|null $message Message to report instead of the engine's.
	 * @return array{class: string, status: int, provider: string, model: string, message: string, attempts: int, retry_after: float|null}
	 */
	public static function typed_error( Run_Result $result, ?string $class = null, ?string $message = null ): array {
		$last = null;
		foreach ( $result->attempts as $attempt ) {
			if ( null !== $attempt->error_class || null === $last ) {
				$last = $attempt;
			}
		}
		$engine_class = (string) ( $result->error['class'] ?? 'server' );
		if ( 'unknown_feature' === $engine_class ) {
			$engine_class = 'feature_missing';
		}
		if ( in_array( $engine_class, self::WRAPPER_CLASSES, true ) && $last instanceof Attempt && null !== $last->error_class ) {
			$engine_class = $last->error_class->value;
		}
		$retry_after = $result->error['retry_after'] ?? ( $last instanceof Attempt ? $last->retry_after : null );
		return array(
			'class'       => $class ?? $engine_class,
			'status'      => $last instanceof Attempt ? $last->http_status : 0,
			'provider'    => $result->served_by['provider'] ?? ( $last instanceof Attempt ? $last->provider : '' ),
			'model'       => $result->served_by['model'] ?? ( $last instanceof Attempt ? $last->model : '' ),
			'message'     => $message ?? (string) ( $result->error['message'] ?? '' ),
			'attempts'    => count( $result->attempts ),
			'retry_after' => is_numeric( $retry_after ) ? (float) $retry_after : null,
		);
	}

	/**
	 * The values `{{error.*}}` renders to.
	 *
	 * @param array<string, mixed> $error Typed error.
	 * @return array<string, string>
	 */
	public static function error_variables( array $error ): array {
		$values = array();
		foreach ( Template::ERROR_FIELDS as $field ) {
			$values[ 'error.' . $field ] = is_scalar( $error[ $field ] ?? null ) ? (string) $error[ $field ] : '';
		}
		return $values;
	}

	/**
	 * @return array<string, mixed> A step record of the workflow-run schema.
	 */
	public function to_array(): array {
		$served = $this->result?->served_by;
		$record = array(
			'id'          => $this->step->id,
			'label'       => $this->step->label,
			'status'      => $this->status,
			'branch'      => $this->branch,
			'feature'     => $this->step->feature,
			'run_id'      => $this->result->run_id ?? '',
			'served_by'   => null === $served ? null : array(
				'provider_id' => $served['provider_id'],
				'provider'    => $served['provider'],
				'model'       => $served['model'],
			),
			'degraded'    => $this->result->degraded ?? false,
			'output'      => $this->output,
			'error'       => $this->error,
			'attempts'    => null === $this->result ? 0 : count( $this->result->attempts ),
			'duration_ms' => round( $this->result->duration_ms ?? 0.0, 1 ),
			'cost'        => round( $this->result->cost ?? 0.0, 6 ),
		);
		// A paid tier's notice, which the workflow's output must show (Workflow_Run's `notices`).
		$record['degraded_notice'] = null !== $this->result && $this->result->notice_required ? $this->result->notice() : '';
		return $record;
	}

	/**
	 * The same record with the branch that ran after it.
	 *
	 * @param string $branch 'success' or 'failure'.
	 */
	public function with_branch( string $branch ): self {
		return new self( $this->step, $this->status, $branch, $this->output, $this->error, $this->result );
	}
}
