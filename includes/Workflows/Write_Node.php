<?php
/**
 * A Write to post block.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Writes one step's output into a post: a new draft, the title, content or excerpt of an existing
 * post, or a meta value. The output written is always `{{steps.<source>.output}}` (so the post can
 * record which model wrote it); the post id and a draft's title are templates.
 *
 * @since n.e.x.t
 */
final class Write_Node {

	public const CREATE_DRAFT = 'create_draft';
	public const UPDATE_POST  = 'update_post';
	public const SET_META     = 'set_meta';

	public const ACTIONS = array( self::CREATE_DRAFT, self::UPDATE_POST, self::SET_META );
	public const FIELDS  = array( 'title', 'content', 'excerpt' );

	/** Meta keys a workflow may write (the zod WRITE_META_KEY_PATTERN): never the plugin's own `_aifo_*`. */
	public const META_KEY_PATTERN = '/^(?!_aifo_)[A-Za-z0-9_:.\-]{1,191}$/D';

	public const POST_TYPE_PATTERN = '/^[a-z0-9_\-]{1,20}$/D';

	/**
	 * @param string $action    One of ACTIONS.
	 * @param string $source    Step whose output is written.
	 * @param string $field     title, content or excerpt (create_draft, update_post).
	 * @param string $post_id   Template of the target post's id (update_post, set_meta).
	 * @param string $meta_key  Meta key (set_meta).
	 * @param string $post_type Post type of a new draft.
	 * @param string $title     Title template of a new draft (when the output is not its title).
	 */
	public function __construct(
		public readonly string $action,
		public readonly string $source,
		public readonly string $field,
		public readonly string $post_id,
		public readonly string $meta_key,
		public readonly string $post_type,
		public readonly string $title,
	) {
	}

	/**
	 * What is written, as provenance names it: `title`, `content`, `excerpt` or `meta:<key>`.
	 */
	public function target_field(): string {
		return self::SET_META === $this->action ? 'meta:' . $this->meta_key : $this->field;
	}
}
