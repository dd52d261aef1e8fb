<?php
/**
 * What one write did.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * A written post (its id, new for a draft) or why the write was refused (HTTP-like status and
 * a sentence), nothing having been changed.
 *
 * @since n.e.x.t
 */
final class Write_Result {

	/**
	 * @param int    $post_id Post written (or asked for).
	 * @param int    $status  0 when written, else 400/403/404/500.
	 * @param string $message Why not, in a sentence.
	 */
	private function __construct(
		public readonly int $post_id,
		public readonly int $status,
		public readonly string $message,
	) {
	}

	/**
	 * @param int $post_id Post written.
	 */
	public static function written( int $post_id ): self {
		return new self( $post_id, 0, '' );
	}

	/**
	 * @param int    $post_id Post asked for.
	 * @param int    $status  400, 403, 404 or 500.
	 * @param string $message Why.
	 */
	public static function refused( int $post_id, int $status, string $message ): self {
		return new self( $post_id, $status, $message );
	}

	public function ok(): bool {
		return 0 === $this->status;
	}
}
