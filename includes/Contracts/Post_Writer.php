<?php
/**
 * What a workflow's Write to post block writes through.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

use AI_Failover\Workflows\Write_Node;
use AI_Failover\Workflows\Write_Result;

/**
 * Writes a step's output into a post and records its provenance, after checking that the user
 * the run runs as may make that write (the workflow runner's only way to change content, so
 * tests can script it).
 *
 * @since n.e.x.t
 */
interface Post_Writer {

	/**
	 * @param Write_Node           $node       What to write where.
	 * @param int                  $post_id    Target post (0 for a new draft).
	 * @param string               $value      The source step's output.
	 * @param string               $title      A new draft's rendered title.
	 * @param array<string, mixed> $provenance The provenance entry (provenance schema item) to record.
	 * @param int                  $user_id    The user the run runs as.
	 */
	public function write( Write_Node $node, int $post_id, string $value, string $title, array $provenance, int $user_id ): Write_Result;
}
