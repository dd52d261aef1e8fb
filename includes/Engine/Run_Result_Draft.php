<?php
/**
 * An answer before the run's totals are known.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Chat_Result;

/**
 * Handed from the route loop to Chain_Runner::finish().
 *
 * @since 0.1.0
 */
final class Run_Result_Draft {

	/**
	 * @param string                                                                         $status    Run_Result status.
	 * @param Chat_Result                                                                    $result    Answer.
	 * @param array{provider_id: string, provider: string, model: string, key_label: string} $served_by Who answered.
	 * @param array{class: string, message: string}|null                                     $error     For incomplete streams.
	 */
	public function __construct(
		public readonly string $status,
		public readonly Chat_Result $result,
		public readonly array $served_by,
		public readonly ?array $error,
	) {
	}
}
