<?php
/**
 * One problem of a workflow's block tree.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Listed per step (the editor shows it on the step block; the run route refuses with all of them).
 * `code` is one of WORKFLOW_ERROR_CODES in src/schemas/workflow.ts.
 *
 * @since n.e.x.t
 */
final class Validation_Error {

	/**
	 * @param string|null $step    Step id the problem belongs to; null for workflow-level problems.
	 * @param string      $block   Block name.
	 * @param string      $code    Machine code.
	 * @param string      $message Sentence for the editor.
	 */
	public function __construct(
		public readonly ?string $step,
		public readonly string $block,
		public readonly string $code,
		public readonly string $message,
	) {
	}

	/**
	 * @return array{step: string|null, block: string, code: string, message: string}
	 */
	public function to_array(): array {
		return array(
			'step'    => $this->step,
			'block'   => $this->block,
			'code'    => $this->code,
			'message' => $this->message,
		);
	}
}
