<?php
/**
 * A workflow run record.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * The workflow-run schema's shape: what POST .../runs answers, what is stored and listed.
 *
 * @since n.e.x.t
 */
final class Workflow_Run {

	public const SUCCEEDED = 'succeeded';
	public const FAILED    = 'failed';
	public const STOPPED   = 'stopped';

	/**
	 * @param string                     $id             Run id (16 hex digits).
	 * @param int                        $workflow       Workflow post id.
	 * @param string                     $workflow_title Title when it ran.
	 * @param string                     $status         One of the constants.
	 * @param string                     $outcome        'succeeded' or 'failed'.
	 * @param string                     $output         Output.
	 * @param string                     $message        The Stop block's message.
	 * @param array<string, mixed>|null  $error          Typed error of a failed run.
	 * @param string                     $started_at     ISO 8601, UTC.
	 * @param float                      $duration_ms    Wall time.
	 * @param float                      $cost           Estimated USD of every step.
	 * @param bool                       $dry_run        Validated only.
	 * @param list<array<string, mixed>> $steps         Step records, in execution order.
	 * @param list<array<string, mixed>> $writes        What Write to post blocks did, in order.
	 */
	public function __construct(
		public readonly string $id,
		public readonly int $workflow,
		public readonly string $workflow_title,
		public readonly string $status,
		public readonly string $outcome,
		public readonly string $output,
		public readonly string $message,
		public readonly ?array $error,
		public readonly string $started_at,
		public readonly float $duration_ms,
		public readonly float $cost,
		public readonly bool $dry_run,
		public readonly array $steps,
		public readonly array $writes = array(),
	) {
	}

	/**
	 * @return array<string, mixed>
	 */
	public function to_array(): array {
		return array(
			'id'             => $this->id,
			'workflow'       => $this->workflow,
			'workflow_title' => $this->workflow_title,
			'status'         => $this->status,
			'outcome'        => $this->outcome,
			'output'         => $this->output,
			'message'        => $this->message,
			'error'          => $this->error,
			'started_at'     => $this->started_at,
			'duration_ms'    => round( $this->duration_ms, 1 ),
			'cost'           => round( $this->cost, 6 ),
			'dry_run'        => $this->dry_run,
			'steps'          => $this->steps,
			'writes'         => $this->writes,
			// The notices a paid tier requires to be shown with the output, one per feature.
			'notices'        => array_values( array_unique( array_filter( array_map( static fn( array $step ): string => (string) ( $step['degraded_notice'] ?? '' ), $this->steps ) ) ) ),
		);
	}

	/**
	 * A stored record back (the repository's JSON column).
	 *
	 * @param array<string, mixed> $data to_array() output.
	 */
	public static function from_array( array $data ): self {
		return new self(
			(string) ( $data['id'] ?? '' ),
			(int) ( $data['workflow'] ?? 0 ),
			(string) ( $data['workflow_title'] ?? '' ),
			(string) ( $data['status'] ?? self::FAILED ),
			(string) ( $data['outcome'] ?? self::FAILED ),
			(string) ( $data['output'] ?? '' ),
			(string) ( $data['message'] ?? '' ),
			is_array( $data['error'] ?? null ) ? $data['error'] : null,
			(string) ( $data['started_at'] ?? '' ),
			(float) ( $data['duration_ms'] ?? 0 ),
			(float) ( $data['cost'] ?? 0 ),
			! empty( $data['dry_run'] ),
			array_values( array_filter( (array) ( $data['steps'] ?? array() ), 'is_array' ) ),
			array_values( array_filter( (array) ( $data['writes'] ?? array() ), 'is_array' ) )
		);
	}
}
