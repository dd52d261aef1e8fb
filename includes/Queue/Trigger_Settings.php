<?php
/**
 * A workflow's triggers: post meta and the index the triggers read.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Capabilities;
use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Schema\Schema_Registry;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * `_aifo_triggers` (workflow-triggers schema) is registered post meta of `aifo_workflow`, in REST
 * for the editor's Triggers panel, writable by administrators only (a schedule runs with no user
 * watching, an on-publish trigger runs on other people's posts). Only published workflows trigger.
 *
 * What the triggers need on every request is kept in one small autoloaded option,
 * `aifo_trigger_index`, rebuilt whenever a workflow's triggers or status change: the post types
 * watched for on-publish (so a post save costs one in_array() unless a workflow watches its type)
 * and each schedule's expression, input and `since` (the time it was set: a new schedule never
 * runs for a slot before it existed).
 *
 * @since n.e.x.t
 */
final class Trigger_Settings implements Registers_Hooks {

	public const META_KEY = '_aifo_triggers';
	public const INDEX    = 'aifo_trigger_index';

	/** Workflows indexed at most. */
	private const MAX_WORKFLOWS = 500;

	public function __construct( private readonly Schema_Registry $schemas ) {
	}

	public function register_hooks(): void {
		if ( did_action( 'init' ) ) {
			$this->register();
		} else {
			add_action( 'init', array( $this, 'register' ), 11 );
		}
		add_filter( 'rest_pre_insert_' . Workflow_Post_Type::POST_TYPE, array( $this, 'check_request' ), 10, 2 );
		foreach ( array( 'added_post_meta', 'updated_post_meta', 'deleted_post_meta' ) as $hook ) {
			add_action( $hook, array( $this, 'meta_changed' ), 10, 3 );
		}
		add_action( 'transition_post_status', array( $this, 'status_changed' ), 10, 3 );
		add_action( 'deleted_post', array( $this, 'workflow_deleted' ), 10, 2 );
	}

	/**
	 * Registers the meta (and custom-fields support, without which core leaves meta out of REST).
	 */
	public function register(): void {
		add_post_type_support( Workflow_Post_Type::POST_TYPE, 'custom-fields' );
		$schema = $this->schemas->get( 'workflow-triggers' );
		unset( $schema['$schema'] );
		register_post_meta(
			Workflow_Post_Type::POST_TYPE,
			self::META_KEY,
			array(
				'type'          => 'object',
				'single'        => true,
				'default'       => $this->schemas->defaults( 'workflow-triggers' ),
				'show_in_rest'  => array( 'schema' => $schema ),
				'auth_callback' => static fn(): bool => current_user_can( Capabilities::MANAGE_SETTINGS ),
			)
		);
	}

	/**
	 * Refuses, before anything is saved, a cron expression the schema's pattern lets through but
	 * that cannot run (minute 75, an empty range).
	 *
	 * @param \stdClass|\WP_Error $prepared Prepared post.
	 * @param \WP_REST_Request    $request  Request.
	 * @return \stdClass|\WP_Error
	 */
	public function check_request( $prepared, $request ) {
		$meta     = $request instanceof \WP_REST_Request ? $request->get_param( 'meta' ) : null;
		$schedule = is_array( $meta ) && is_array( $meta[ self::META_KEY ] ?? null ) ? ( $meta[ self::META_KEY ]['schedule'] ?? null ) : null;
		if ( is_wp_error( $prepared ) || ! is_array( $schedule ) || 'cron' !== ( $schedule['recurrence'] ?? '' ) ) {
			return $prepared;
		}
		if ( null === Cron_Expression::parse( (string) ( $schedule['cron'] ?? '' ) ) ) {
			return new \WP_Error(
				'rest_invalid_param',
				/* translators: %s: Parameter name. */
				sprintf( __( 'Invalid parameter(s): %s', 'ai-failover' ), 'meta' ),
				array(
					'status' => 400,
					'params' => array( 'meta' => __( 'The schedule\'s cron expression has a value out of range: minute 0-59, hour 0-23, day 1-31, month 1-12, weekday 0-7.', 'ai-failover' ) ),
					'field'  => 'meta.' . self::META_KEY . '.schedule.cron',
				)
			);
		}
		return $prepared;
	}

	/**
	 * A workflow's triggers with defaults for what is missing.
	 *
	 * @param int $workflow Workflow post id.
	 * @return array{schedule: array{enabled: bool, recurrence: string, cron: string, input: array<string, mixed>}, publish: array{enabled: bool, post_types: list<string>, on_update: bool}}
	 */
	public function get( int $workflow ): array {
		$stored   = get_post_meta( $workflow, self::META_KEY, true );
		$stored   = is_array( $stored ) ? $stored : array();
		$defaults = $this->schemas->defaults( 'workflow-triggers' );
		$schedule = array_merge( (array) ( $defaults['schedule'] ?? array() ), is_array( $stored['schedule'] ?? null ) ? $stored['schedule'] : array() );
		$publish  = array_merge( (array) ( $defaults['publish'] ?? array() ), is_array( $stored['publish'] ?? null ) ? $stored['publish'] : array() );
		return array(
			'schedule' => array(
				'enabled'    => ! empty( $schedule['enabled'] ),
				'recurrence' => (string) ( $schedule['recurrence'] ?? 'daily' ),
				'cron'       => (string) ( $schedule['cron'] ?? '0 0 * * *' ),
				'input'      => is_array( $schedule['input'] ?? null ) ? $schedule['input'] : array(),
			),
			'publish'  => array(
				'enabled'    => ! empty( $publish['enabled'] ),
				'post_types' => array_values( array_map( 'strval', (array) ( $publish['post_types'] ?? array() ) ) ),
				'on_update'  => ! empty( $publish['on_update'] ),
			),
		);
	}

	/**
	 * Saves a workflow's triggers (the command line and tests; the editor saves through REST meta).
	 *
	 * @param int                  $workflow Workflow post id.
	 * @param array<string, mixed> $triggers Triggers (workflow-triggers schema).
	 */
	public function save( int $workflow, array $triggers ): void {
		update_post_meta( $workflow, self::META_KEY, $triggers );
	}

	/**
	 * The index (see the class comment).
	 *
	 * @return array{publish: array<string, array<int, array{on_update: bool}>>, schedule: array<int, array{cron: string, input: array<string, mixed>, since: int}>}
	 */
	public static function index(): array {
		$index = get_option( self::INDEX, array() );
		$index = is_array( $index ) ? $index : array();
		return array(
			'publish'  => is_array( $index['publish'] ?? null ) ? $index['publish'] : array(),
			'schedule' => is_array( $index['schedule'] ?? null ) ? $index['schedule'] : array(),
		);
	}

	/**
	 * Rebuilds the index from the published workflows' triggers.
	 *
	 * @param int|null $now Unix time (tests).
	 */
	public function rebuild( ?int $now = null ): void {
		$now      = $now ?? time();
		$previous = self::index();
		$index    = array(
			'publish'  => array(),
			'schedule' => array(),
		);
		// phpcs:disable WordPress.DB.SlowDBQuery.slow_db_query_meta_key, WordPress.WP.PostsPerPage.posts_per_page_numberposts -- rebuilt only when a workflow's triggers change, bounded.
		$ids = get_posts(
			array(
				'post_type'        => Workflow_Post_Type::POST_TYPE,
				'post_status'      => 'publish',
				'meta_key'         => self::META_KEY,
				'fields'           => 'ids',
				'numberposts'      => self::MAX_WORKFLOWS,
				'orderby'          => 'ID',
				'order'            => 'ASC',
				'suppress_filters' => true,
			)
		);
		// phpcs:enable
		foreach ( $ids as $id ) {
			$id       = (int) $id;
			$triggers = $this->get( $id );
			if ( $triggers['publish']['enabled'] ) {
				foreach ( $triggers['publish']['post_types'] as $type ) {
					$index['publish'][ $type ][ $id ] = array( 'on_update' => $triggers['publish']['on_update'] );
				}
			}
			if ( $triggers['schedule']['enabled'] ) {
				$cron = Cron_Expression::for_recurrence( $triggers['schedule']['recurrence'], $triggers['schedule']['cron'] );
				if ( null === Cron_Expression::parse( $cron ) ) {
					continue;
				}
				$before                   = $previous['schedule'][ $id ] ?? null;
				$index['schedule'][ $id ] = array(
					'cron'  => $cron,
					'input' => $triggers['schedule']['input'],
					'since' => is_array( $before ) && ( $before['cron'] ?? '' ) === $cron ? (int) $before['since'] : $now,
				);
			}
		}//end foreach
		update_option( self::INDEX, $index, true );
	}

	/**
	 * @param int    $meta_id  Meta row id(s).
	 * @param int    $post_id  Post.
	 * @param string $meta_key Key.
	 */
	public function meta_changed( $meta_id, $post_id, $meta_key ): void {
		if ( self::META_KEY === $meta_key ) {
			$this->rebuild();
		}
	}

	/**
	 * @param string   $new_status New status.
	 * @param string   $old_status Old status.
	 * @param \WP_Post $post       Post.
	 */
	public function status_changed( $new_status, $old_status, $post ): void {
		if ( $post instanceof \WP_Post && Workflow_Post_Type::POST_TYPE === $post->post_type && $new_status !== $old_status && ( 'publish' === $new_status || 'publish' === $old_status ) ) {
			$this->rebuild();
		}
	}

	/**
	 * @param int           $post_id Post.
	 * @param \WP_Post|null $post    Post.
	 */
	public function workflow_deleted( $post_id, $post = null ): void {
		if ( $post instanceof \WP_Post && Workflow_Post_Type::POST_TYPE === $post->post_type ) {
			$this->rebuild();
		}
	}
}
