<?php
/**
 * A step's engine budget never outlasts its workflow.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * The workflow runner checks its time bound before each step; this caps the step's own engine
 * budget (`retry.total_budget_ms`) at the time the workflow has left, through the engine's public
 * `aifo_feature_policy` filter, so a slow last step cannot carry a run far past 120 s. The engine
 * still applies its own floor (1 s) and ceiling after the filter.
 *
 * @since n.e.x.t
 */
final class Step_Budget implements Registers_Hooks {

	/** Request key the runner sets on every step: milliseconds the workflow has left. */
	public const REQUEST_KEY = 'workflow_remaining_ms';

	public function register_hooks(): void {
		add_filter( 'aifo_feature_policy', array( $this, 'cap' ), 20, 2 );
	}

	/**
	 * @param mixed $feature Feature, in the feature schema's shape.
	 * @param mixed $request The run request.
	 * @return mixed
	 */
	public function cap( $feature, $request ) {
		if ( ! is_array( $feature ) || ! is_array( $request ) || ! isset( $request[ self::REQUEST_KEY ] ) ) {
			return $feature;
		}
		$remaining = max( 0, (int) $request[ self::REQUEST_KEY ] );
		$retry     = is_array( $feature['retry'] ?? null ) ? $feature['retry'] : array();
		$current   = (int) ( $retry['total_budget_ms'] ?? PHP_INT_MAX );

		$retry['total_budget_ms'] = min( $current, $remaining );
		$feature['retry']         = $retry;
		return $feature;
	}
}
