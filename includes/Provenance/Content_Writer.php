<?php
/**
 * Writes workflow output into posts.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Provenance;

use AI_Failover\Contracts\Post_Writer;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Write_Node;
use AI_Failover\Workflows\Write_Result;

/**
 * The Post_Writer of the site: WordPress APIs only (wp_insert_post, wp_update_post,
 * update_post_meta), each write checked against the capabilities of the user the run runs as (the
 * caller of a manual run, the workflow's author for a queued one): create_posts of the post type
 * for a draft, edit_post for an update, edit_post_meta for a meta key (so a protected key needs
 * its own auth callback's yes). Workflows, revisions and post types without an admin screen are
 * never written. The model's output is untrusted text: titles lose their tags and content and
 * excerpts go through wp_kses_post() whatever the user's unfiltered_html.
 *
 * The provenance entry is appended before the post changes, so the revision wp_update_post()
 * makes carries it; a post update that fails takes the entry back.
 *
 * While it writes, is_writing() is true, for hooks that must not react to the plugin's own writes
 * (the on-publish trigger's loop guard); `aifo_workflow_post_written` fires after each write.
 *
 * @since n.e.x.t
 */
final class Content_Writer implements Post_Writer {

	private static int $writing = 0;

	public function __construct( private readonly Provenance_Meta $provenance ) {
	}

	/**
	 * Whether a workflow is writing a post right now (in this request).
	 */
	public static function is_writing(): bool {
		return self::$writing > 0;
	}

	/**
	 * @param Write_Node           $node       What to write where.
	 * @param int                  $post_id    Target post (0 for a new draft).
	 * @param string               $value      The source step's output.
	 * @param string               $title      A new draft's rendered title.
	 * @param array<string, mixed> $provenance The provenance entry to record.
	 * @param int                  $user_id    The user the run runs as.
	 */
	public function write( Write_Node $node, int $post_id, string $value, string $title, array $provenance, int $user_id ): Write_Result {
		$user = get_userdata( $user_id );
		if ( ! $user instanceof \WP_User ) {
			return Write_Result::refused( $post_id, 403, __( 'Nothing was written: the run runs as no user.', 'ai-failover' ) );
		}
		++self::$writing;
		try {
			$result = Write_Node::CREATE_DRAFT === $node->action
				? $this->create_draft( $node, $value, $title, $provenance, $user )
				: $this->update( $node, $post_id, $value, $provenance, $user );
		} finally {
			--self::$writing;
		}
		if ( $result->ok() ) {
			/**
			 * A workflow wrote into a post (its provenance is recorded).
			 *
			 * @since n.e.x.t
			 *
			 * @param int                  $post_id    Post written.
			 * @param array<string, mixed> $provenance The provenance entry.
			 */
			do_action( 'aifo_workflow_post_written', $result->post_id, $provenance );
		}
		return $result;
	}

	/**
	 * @param Write_Node           $node       Write.
	 * @param string               $value      Output.
	 * @param string               $title      Rendered title template.
	 * @param array<string, mixed> $provenance Entry.
	 * @param \WP_User             $user       Run-as user.
	 */
	private function create_draft( Write_Node $node, string $value, string $title, array $provenance, \WP_User $user ): Write_Result {
		$type = $this->writable_type( $node->post_type );
		if ( null === $type ) {
			/* translators: %s: Post type. */
			return Write_Result::refused( 0, 400, sprintf( __( 'Nothing was written: workflows cannot create posts of the type "%s".', 'ai-failover' ), $node->post_type ) );
		}
		if ( ! user_can( $user, (string) $type->cap->create_posts ) ) {
			/* translators: 1: User name, 2: Post type label. */
			return Write_Result::refused( 0, 403, sprintf( __( 'Nothing was written: %1$s may not create %2$s.', 'ai-failover' ), $user->display_name, (string) $type->labels->name ) );
		}
		$clean = $this->clean( $node->field, $value );
		$id    = wp_insert_post(
			array(
				'post_type'    => $type->name,
				'post_status'  => 'draft',
				'post_author'  => $user->ID,
				'post_title'   => wp_slash( 'title' === $node->field ? $clean : wp_strip_all_tags( $title ) ),
				'post_content' => wp_slash( 'content' === $node->field ? $clean : '' ),
				'post_excerpt' => wp_slash( 'excerpt' === $node->field ? $clean : '' ),
			),
			true
		);
		if ( is_wp_error( $id ) || ! $id ) {
			return Write_Result::refused( 0, 500, __( 'Nothing was written: WordPress could not create the draft.', 'ai-failover' ) );
		}
		$this->provenance->append( (int) $id, $provenance );
		return Write_Result::written( (int) $id );
	}

	/**
	 * @param Write_Node           $node       Write.
	 * @param int                  $post_id    Target.
	 * @param string               $value      Output.
	 * @param array<string, mixed> $provenance Entry.
	 * @param \WP_User             $user       Run-as user.
	 */
	private function update( Write_Node $node, int $post_id, string $value, array $provenance, \WP_User $user ): Write_Result {
		$post = get_post( $post_id );
		if ( ! $post instanceof \WP_Post || null === $this->writable_type( $post->post_type ) || 'trash' === $post->post_status ) {
			/* translators: %d: Post id. */
			return Write_Result::refused( $post_id, 404, sprintf( __( 'Nothing was written: there is no post %d a workflow may write to.', 'ai-failover' ), $post_id ) );
		}
		$meta    = Write_Node::SET_META === $node->action;
		$allowed = $meta ? user_can( $user, 'edit_post_meta', $post_id, $node->meta_key ) : user_can( $user, 'edit_post', $post_id );
		if ( ! $allowed ) {
			/* translators: 1: User name, 2: What is written (title, content, excerpt, meta:key), 3: Post id. */
			return Write_Result::refused( $post_id, 403, sprintf( __( 'Nothing was written: %1$s may not change the %2$s of post %3$d.', 'ai-failover' ), $user->display_name, $node->target_field(), $post_id ) );
		}
		$before = $this->provenance->entries( $post_id );
		$this->provenance->append( $post_id, $provenance );
		if ( $meta ) {
			$written = false !== update_post_meta( $post_id, $node->meta_key, wp_slash( $value ) ) || get_post_meta( $post_id, $node->meta_key, true ) === $value;
		} else {
			$clean   = wp_slash( $this->clean( $node->field, $value ) );
			$updated = wp_update_post(
				match ( $node->field ) {
					'title'   => array(
						'ID'         => $post_id,
						'post_title' => $clean,
					),
					'excerpt' => array(
						'ID'           => $post_id,
						'post_excerpt' => $clean,
					),
					default   => array(
						'ID'           => $post_id,
						'post_content' => $clean,
					),
				},
				true
			);
			$written = ! is_wp_error( $updated ) && $updated > 0;
		}//end if
		if ( ! $written ) {
			$this->provenance->replace( $post_id, $before );
			/* translators: %d: Post id. */
			return Write_Result::refused( $post_id, 500, sprintf( __( 'Nothing was written: WordPress could not update post %d.', 'ai-failover' ), $post_id ) );
		}
		return Write_Result::written( $post_id );
	}

	/**
	 * A post type workflows may write, or null.
	 *
	 * @param string $name Post type.
	 */
	private function writable_type( string $name ): ?\WP_Post_Type {
		$type = get_post_type_object( $name );
		return $type instanceof \WP_Post_Type && $type->show_ui && Workflow_Post_Type::POST_TYPE !== $type->name ? $type : null;
	}

	/**
	 * The model's output made safe for a post field.
	 *
	 * @param string $field title, content or excerpt.
	 * @param string $value Output.
	 */
	private function clean( string $field, string $value ): string {
		return 'title' === $field ? wp_strip_all_tags( $value ) : wp_kses_post( $value );
	}
}
