<?php
/**
 * A Stop block.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Ends the whole run at once: run status `stopped`, outcome `succeeded` or `failed`.
 *
 * @since n.e.x.t
 */
final class Stop_Node {

	public const SUCCEEDED = 'succeeded';
	public const FAILED    = 'failed';

	/**
	 * @param string $status  self::SUCCEEDED or self::FAILED.
	 * @param string $message Message template.
	 */
	public function __construct(
		public readonly string $status,
		public readonly string $message,
	) {
	}
}
