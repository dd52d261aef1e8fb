<?php
/**
 * Which model wrote an output.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Engine\Attempt;
use AI_Failover\Engine\Run_Result;

/**
 * Builds one entry of the `_aifo_provenance` post meta (the `provenance` schema's item) from the
 * step record whose answer is written. Both kinds of failover count as a fallback: the engine
 * served the step from another route than its first (the reason is the class of the last failed
 * attempt on another route), or the step failed and an On failure branch stood in for it (the
 * reason is the failed step's class; the step that answered is `served_step`).
 *
 * @since n.e.x.t
 */
final class Provenance_Entry {

	/**
	 * @param Step_Record $served       The succeeded step whose output is written.
	 * @param Step_Node   $source       The step the Write block names.
	 * @param string|null $failed_class Class of the source step's failure when a branch stood in for it.
	 * @param string      $field        What is written (Write_Node::target_field()).
	 * @param int         $workflow     Workflow post id.
	 * @param string      $title        Workflow title.
	 * @param string      $run_id       Workflow run id.
	 * @param string      $written_at   ISO 8601, UTC.
	 * @param int         $user_id      The user the run runs as.
	 * @return array{workflow_id: int, workflow_title: string, run_id: string, engine_run_id: string, step: string, step_label: string, served_step: string, field: string, provider_id: string, provider: string, model: string, fallback: bool, degraded: bool, reason_class: string, written_at: string, user_id: int}
	 */
	public static function build( Step_Record $served, Step_Node $source, ?string $failed_class, string $field, int $workflow, string $title, string $run_id, string $written_at, int $user_id ): array {
		$result = $served->result;
		$engine = null === $result ? '' : self::engine_fallback_class( $result );
		return array(
			'workflow_id'    => $workflow,
			'workflow_title' => $title,
			'run_id'         => $run_id,
			'engine_run_id'  => $result->run_id ?? '',
			'step'           => $source->id,
			'step_label'     => $source->label,
			'served_step'    => $served->step->id,
			'field'          => $field,
			'provider_id'    => (string) ( $result->served_by['provider_id'] ?? '' ),
			'provider'       => (string) ( $result->served_by['provider'] ?? '' ),
			'model'          => (string) ( $result->served_by['model'] ?? '' ),
			'fallback'       => null !== $failed_class || null !== $engine,
			'degraded'       => $result->degraded ?? false,
			'reason_class'   => $failed_class ?? $engine ?? '',
			'written_at'     => $written_at,
			'user_id'        => $user_id,
		);
	}

	/**
	 * The class that moved the engine off its first route, or null when the first route served.
	 *
	 * @param Run_Result $result A succeeded engine run.
	 */
	private static function engine_fallback_class( Run_Result $result ): ?string {
		$served = null;
		foreach ( $result->attempts as $attempt ) {
			if ( null === $attempt->error_class ) {
				$served = $attempt;
			}
		}
		$first = $result->route_order[0] ?? null;
		if ( ! $served instanceof Attempt || null === $first || $first === $served->route_id ) {
			return null;
		}
		$class = null;
		foreach ( $result->attempts as $attempt ) {
			if ( null !== $attempt->error_class && $attempt->route_id !== $served->route_id ) {
				$class = $attempt->error_class->value;
			}
		}
		return $class ?? 'unknown';
	}
}
