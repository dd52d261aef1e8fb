<?php
/**
 * The `_aifo_provenance` post meta.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Provenance;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Queue\Job_Repository;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * Which model wrote what in a post: a list of entries (the `provenance` schema), one per write of
 * a workflow, newest last. Registered for every post type with `show_in_rest`, in the `edit`
 * context only (it names the user the run ran as, which visitors need not read), and an auth
 * callback that refuses every hand edit (it is a record; only Content_Writer appends to it).
 * The block editor sends a post's whole `meta` object back when a plugin edits another key, and
 * WordPress before 6.4 checks the auth callback before it sees that the value is unchanged: so the
 * key is dropped from the `meta` of REST writes (ignored, like a read-only field) instead of
 * failing the whole save with a 403.
 *
 * It survives revisions: each revision keeps the provenance of its content and restoring one
 * restores that provenance. WordPress 6.4+ does it for the keys of `wp_post_revision_meta_keys`;
 * older versions get the same copy on `_wp_put_post_revision` and `wp_restore_post_revision`.
 * The REST revisions endpoint shows it in the revision's `meta`, in the `edit` context, as on the
 * post: 6.4+ reads registered meta for revisions itself; older versions get a `meta` field that
 * holds only this key.
 *
 * A post's edit-context response also says how many workflow runs it triggered are still queued
 * or running (`aifo_pending_runs`), so the editor's panel knows to poll until they are done.
 *
 * A second, protected key `_aifo_provenance_user` (one row per user named) lets the personal-data
 * exporter find a user's posts with an indexed meta query instead of reading every entry.
 *
 * @since n.e.x.t
 */
final class Provenance_Meta implements Registers_Hooks {

	public const KEY      = '_aifo_provenance';
	public const USER_KEY = '_aifo_provenance_user';

	/** Entries kept per post: the oldest are dropped beyond it, so the meta cannot grow without end. */
	public const MAX_ENTRIES = 100;

	/** The REST field of a post: its queued or running workflow runs. */
	public const PENDING_FIELD = 'aifo_pending_runs';

	public function __construct( private readonly Schema_Registry $schemas, private readonly ?Job_Repository $jobs = null ) {
	}

	public function register_hooks(): void {
		if ( did_action( 'init' ) ) {
			$this->register();
		} else {
			add_action( 'init', array( $this, 'register' ) );
		}
		add_filter( 'rest_request_before_callbacks', array( $this, 'ignore_rest_writes' ), 10, 3 );
		if ( did_action( 'rest_api_init' ) && ! doing_action( 'rest_api_init' ) ) {
			$this->register_pending_field();
		} else {
			add_action( 'rest_api_init', array( $this, 'register_pending_field' ) );
		}
		if ( function_exists( 'wp_post_revision_meta_keys' ) ) {
			add_filter( 'wp_post_revision_meta_keys', array( $this, 'revision_meta_keys' ) );
			return;
		}
		add_action( '_wp_put_post_revision', array( $this, 'copy_to_revision' ) );
		add_action( 'wp_restore_post_revision', array( $this, 'restore_from_revision' ), 10, 2 );
		if ( did_action( 'rest_api_init' ) && ! doing_action( 'rest_api_init' ) ) {
			$this->register_revision_field();
		} else {
			add_action( 'rest_api_init', array( $this, 'register_revision_field' ) );
		}
	}

	/**
	 * Before 6.4 the revisions controller has no `meta`: a `meta` field of each post type's
	 * revisions (rest_api_init) shows this key there, in the edit context only.
	 */
	public function register_revision_field(): void {
		$schema = $this->schemas->get( 'provenance' );
		foreach ( get_post_types( array( 'show_in_rest' => true ) ) as $type ) {
			if ( ! post_type_supports( $type, 'revisions' ) ) {
				continue;
			}
			register_rest_field(
				$type . '-revision',
				'meta',
				array(
					'get_callback' => array( $this, 'revision_rest_meta' ),
					'schema'       => array(
						'description' => __( 'Meta fields.', 'ai-failover' ),
						'type'        => 'object',
						'context'     => array( 'edit' ),
						'properties'  => array(
							self::KEY => array(
								'type'    => 'array',
								'items'   => $schema['items'] ?? array( 'type' => 'object' ),
								'context' => array( 'edit' ),
							),
						),
					),
				)
			);
		}//end foreach
	}

	/**
	 * A revision's `meta` for REST before 6.4: its provenance, for whoever may edit its post (the
	 * endpoint already asks that; asked again here so the value never depends on the route).
	 *
	 * @param array<string, mixed> $revision The revision as prepared for the response.
	 * @return array<string, list<array<string, mixed>>>
	 */
	public function revision_rest_meta( $revision ): array {
		$id     = (int) ( $revision['id'] ?? 0 );
		$parent = (int) ( $revision['parent'] ?? wp_get_post_parent_id( $id ) );
		if ( $id <= 0 || ! current_user_can( 'edit_post', $parent ) ) {
			return array();
		}
		$value = get_metadata( 'post', $id, self::KEY, true );
		return array( self::KEY => is_array( $value ) ? array_values( array_filter( $value, 'is_array' ) ) : array() );
	}

	/**
	 * Registers the meta for every post type.
	 */
	public function register(): void {
		$schema = $this->schemas->get( 'provenance' );
		unset( $schema['$schema'] );
		register_post_meta(
			'',
			self::KEY,
			array(
				'type'              => 'array',
				'single'            => true,
				'default'           => array(),
				'description'       => __( 'Which AI model wrote what in this post, through which workflow, step and run.', 'ai-failover' ),
				'sanitize_callback' => array( $this, 'sanitize' ),
				'auth_callback'     => '__return_false',
				'show_in_rest'      => array(
					'schema' => array(
						'type'    => 'array',
						'items'   => $schema['items'] ?? array( 'type' => 'object' ),
						'context' => array( 'edit' ),
					),
				),
			)
		);
	}

	/**
	 * The `aifo_pending_runs` field of every post type the panel shows in (rest_api_init).
	 */
	public function register_pending_field(): void {
		if ( null === $this->jobs ) {
			return;
		}
		foreach ( get_post_types( array( 'show_in_rest' => true ) ) as $type ) {
			if ( Workflow_Post_Type::POST_TYPE === $type ) {
				continue;
			}
			register_rest_field(
				$type,
				self::PENDING_FIELD,
				array(
					'get_callback' => array( $this, 'pending_runs' ),
					'schema'       => array(
						'description' => __( 'How many workflow runs this post triggered are still queued or running (null in a list of posts).', 'ai-failover' ),
						'type'        => array( 'integer', 'null' ),
						'context'     => array( 'edit' ),
						'readonly'    => true,
					),
				)
			);
		}
	}

	/**
	 * A post's queued or running runs, for whoever may edit it; null in a list of posts, so a
	 * list costs no query per post (the panel reads one post: the editor's load, save and polls).
	 *
	 * @param array<string, mixed> $post    The post as prepared for the response.
	 * @param string               $field   Field name.
	 * @param \WP_REST_Request     $request Request.
	 */
	public function pending_runs( $post, $field, $request ): ?int {
		$id = (int) ( $post['id'] ?? 0 );
		if ( null === $this->jobs || $id <= 0 || ! $request instanceof \WP_REST_Request || ! isset( $request->get_url_params()['id'] ) || ! current_user_can( 'edit_post', $id ) ) {
			return null;
		}
		return $this->jobs->pending_for_post( $id );
	}

	/**
	 * Drops the key from the `meta` a REST request writes (rest_request_before_callbacks).
	 *
	 * @param mixed            $response Response so far (a WP_Error stops the request).
	 * @param mixed            $handler  Route handler.
	 * @param \WP_REST_Request $request  Request.
	 * @return mixed
	 */
	public function ignore_rest_writes( $response, $handler, $request ) {
		if ( $request instanceof \WP_REST_Request && 'GET' !== $request->get_method() ) {
			$meta = $request->get_param( 'meta' );
			if ( is_array( $meta ) && array_key_exists( self::KEY, $meta ) ) {
				unset( $meta[ self::KEY ] );
				$request->set_param( 'meta', $meta );
			}
		}
		return $response;
	}

	/**
	 * A post's provenance, oldest first.
	 *
	 * @param int $post_id Post.
	 * @return list<array<string, mixed>>
	 */
	public function entries( int $post_id ): array {
		$value = get_post_meta( $post_id, self::KEY, true );
		return is_array( $value ) ? array_values( array_filter( $value, 'is_array' ) ) : array();
	}

	/**
	 * Appends one entry.
	 *
	 * @param int                  $post_id Post.
	 * @param array<string, mixed> $entry   Entry (provenance schema item).
	 */
	public function append( int $post_id, array $entry ): bool {
		$entries   = $this->entries( $post_id );
		$entries[] = $entry;
		$written   = $this->replace( $post_id, array_slice( $entries, -self::MAX_ENTRIES ) );
		$user_id   = (int) ( $entry['user_id'] ?? 0 );
		if ( $written && $user_id > 0 && ! in_array( (string) $user_id, array_map( 'strval', (array) get_post_meta( $post_id, self::USER_KEY ) ), true ) ) {
			add_post_meta( $post_id, self::USER_KEY, (string) $user_id );
		}
		return $written;
	}

	/**
	 * Replaces the whole list (a rollback, an erasure).
	 *
	 * @param int                        $post_id Post.
	 * @param list<array<string, mixed>> $entries Entries.
	 */
	public function replace( int $post_id, array $entries ): bool {
		if ( ! $entries ) {
			delete_post_meta( $post_id, self::KEY );
			return true;
		}
		// update_post_meta() answers false for an unchanged value: that is not a failure here.
		return false !== update_post_meta( $post_id, self::KEY, wp_slash( $entries ) ) || $this->entries( $post_id ) === $entries;
	}

	/**
	 * Keeps only well-formed entries (sanitize_callback).
	 *
	 * @param mixed $value Value to store.
	 * @return list<array<string, mixed>>
	 */
	public function sanitize( $value ): array {
		$item  = $this->schemas->get( 'provenance' )['items'] ?? array();
		$clean = array();
		foreach ( is_array( $value ) ? $value : array() as $entry ) {
			if ( is_array( $entry ) && true === rest_validate_value_from_schema( $entry, $item, 'entry' ) ) {
				$clean[] = rest_sanitize_value_from_schema( $entry, $item, 'entry' );
			}
		}
		return $clean;
	}

	/**
	 * WordPress 6.4+: revisions carry the key (wp_post_revision_meta_keys).
	 *
	 * @param mixed $keys Meta keys revisions keep.
	 * @return list<string>
	 */
	public function revision_meta_keys( $keys ): array {
		$keys   = array_values( array_filter( (array) $keys, 'is_string' ) );
		$keys[] = self::KEY;
		return array_values( array_unique( $keys ) );
	}

	/**
	 * Before 6.4: a new revision gets its post's provenance.
	 *
	 * @param int $revision_id Revision.
	 */
	public function copy_to_revision( $revision_id ): void {
		$revision = get_post( (int) $revision_id );
		if ( ! $revision instanceof \WP_Post || 'revision' !== $revision->post_type || ! $revision->post_parent ) {
			return;
		}
		$entries = $this->entries( (int) $revision->post_parent );
		if ( $entries ) {
			// The *_metadata functions: update_post_meta() would write to the parent of a revision.
			update_metadata( 'post', $revision->ID, self::KEY, wp_slash( $entries ) );
		}
	}

	/**
	 * Before 6.4: restoring a revision restores its provenance (none, if it had none).
	 *
	 * @param int $post_id     Post.
	 * @param int $revision_id Revision restored.
	 */
	public function restore_from_revision( $post_id, $revision_id ): void {
		$value = get_metadata( 'post', (int) $revision_id, self::KEY, true );
		$this->replace( (int) $post_id, is_array( $value ) ? array_values( array_filter( $value, 'is_array' ) ) : array() );
	}
}
