<?php
/**
 * Provenance in the personal-data export and erasure.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Provenance;

use AI_Failover\Contracts\Registers_Hooks;

/**
 * A provenance entry names the user a workflow ran as (who made the model write into the post), so
 * WordPress's personal-data tools list every such entry for that user (the post, the field, the
 * workflow, step, provider, model and when) and erasure detaches the user from them: the user id
 * becomes 0 and the lookup row goes, while which model wrote what stays on the post (it is a fact
 * about the content, not about the person, as the event log's erasure keeps its operational facts).
 *
 * @since n.e.x.t
 */
final class Provenance_Privacy implements Registers_Hooks {

	public const ID = 'ai-failover-provenance';

	private const PAGE = 100;

	public function __construct( private readonly Provenance_Meta $provenance ) {
	}

	public function register_hooks(): void {
		add_filter( 'wp_privacy_personal_data_exporters', array( $this, 'register_exporter' ) );
		add_filter( 'wp_privacy_personal_data_erasers', array( $this, 'register_eraser' ) );
	}

	/**
	 * @param mixed $exporters Exporters.
	 * @return array<string, mixed>
	 */
	public function register_exporter( $exporters ): array {
		$exporters             = is_array( $exporters ) ? $exporters : array();
		$exporters[ self::ID ] = array(
			'exporter_friendly_name' => __( 'AI Failover content provenance', 'ai-failover' ),
			'callback'               => array( $this, 'export' ),
		);
		return $exporters;
	}

	/**
	 * @param mixed $erasers Erasers.
	 * @return array<string, mixed>
	 */
	public function register_eraser( $erasers ): array {
		$erasers             = is_array( $erasers ) ? $erasers : array();
		$erasers[ self::ID ] = array(
			'eraser_friendly_name' => __( 'AI Failover content provenance', 'ai-failover' ),
			'callback'             => array( $this, 'erase' ),
		);
		return $erasers;
	}

	/**
	 * @param string $email Email address.
	 * @param int    $page  Page, from 1.
	 * @return array{data: list<array<string, mixed>>, done: bool}
	 */
	public function export( $email, $page = 1 ): array {
		$user = get_user_by( 'email', (string) $email );
		if ( ! $user instanceof \WP_User ) {
			return array(
				'data' => array(),
				'done' => true,
			);
		}
		$posts = $this->posts_of( (int) $user->ID, max( 1, (int) $page ) );
		$items = array();
		foreach ( $posts as $post_id ) {
			foreach ( $this->provenance->entries( $post_id ) as $index => $entry ) {
				if ( (int) ( $entry['user_id'] ?? 0 ) !== (int) $user->ID ) {
					continue;
				}
				$items[] = array(
					'group_id'    => self::ID,
					'group_label' => __( 'AI Failover content provenance', 'ai-failover' ),
					'item_id'     => 'aifo-provenance-' . $post_id . '-' . $index,
					'data'        => $this->export_fields( $post_id, $entry ),
				);
			}
		}
		return array(
			'data' => $items,
			'done' => count( $posts ) < self::PAGE,
		);
	}

	/**
	 * Always the first page: each erased post leaves the lookup, so the next batch moves up.
	 *
	 * @param string $email Email address.
	 * @param int    $page  Page (unused, see above).
	 * @return array{items_removed: bool, items_retained: bool, messages: list<string>, done: bool}
	 */
	public function erase( $email, $page = 1 ): array {
		unset( $page );
		$user  = get_user_by( 'email', (string) $email );
		$posts = $user instanceof \WP_User ? $this->posts_of( (int) $user->ID, 1 ) : array();
		foreach ( $posts as $post_id ) {
			$entries = array();
			foreach ( $this->provenance->entries( $post_id ) as $entry ) {
				if ( (int) ( $entry['user_id'] ?? 0 ) === (int) $user->ID ) {
					$entry['user_id'] = 0;
				}
				$entries[] = $entry;
			}
			$this->provenance->replace( $post_id, $entries );
			delete_post_meta( $post_id, Provenance_Meta::USER_KEY, (string) $user->ID );
		}
		return array(
			'items_removed'  => count( $posts ) > 0,
			'items_retained' => false,
			'messages'       => array(),
			'done'           => count( $posts ) < self::PAGE,
		);
	}

	/**
	 * Ids of posts whose provenance names the user (any type and status, revisions aside).
	 *
	 * @param int $user_id User.
	 * @param int $page    Page, from 1.
	 * @return list<int>
	 */
	private function posts_of( int $user_id, int $page ): array {
		$query = new \WP_Query(
			array(
				'post_type'              => 'any',
				'post_status'            => 'any',
				'fields'                 => 'ids',
				'posts_per_page'         => self::PAGE, // phpcs:ignore WordPress.WP.PostsPerPage.posts_per_page_posts_per_page -- ids only, one exporter page.
				'paged'                  => $page,
				'orderby'                => 'ID',
				'order'                  => 'ASC',
				'no_found_rows'          => true,
				'update_post_term_cache' => false,
				// phpcs:ignore WordPress.DB.SlowDBQuery.slow_db_query_meta_query -- meta_key + meta_value on a key that exists only on written posts.
				'meta_query'             => array(
					array(
						'key'   => Provenance_Meta::USER_KEY,
						'value' => (string) $user_id,
					),
				),
			)
		);
		return array_values( array_map( static fn( $post ): int => $post instanceof \WP_Post ? $post->ID : (int) $post, (array) $query->posts ) );
	}

	/**
	 * @param int                  $post_id Post.
	 * @param array<string, mixed> $entry   Entry.
	 * @return list<array{name: string, value: string}>
	 */
	private function export_fields( int $post_id, array $entry ): array {
		$fields = array(
			__( 'Post', 'ai-failover' )         => get_the_title( $post_id ) . ' (#' . $post_id . ')',
			__( 'Written', 'ai-failover' )      => (string) ( $entry['field'] ?? '' ),
			__( 'Workflow', 'ai-failover' )     => (string) ( $entry['workflow_title'] ?? '' ) . ' (#' . (int) ( $entry['workflow_id'] ?? 0 ) . ')',
			__( 'Step', 'ai-failover' )         => (string) ( $entry['step'] ?? '' ),
			__( 'Served by', 'ai-failover' )    => (string) ( $entry['provider'] ?? '' ) . '/' . (string) ( $entry['model'] ?? '' ),
			__( 'Fallback', 'ai-failover' )     => ! empty( $entry['fallback'] ) ? (string) ( $entry['reason_class'] ?? '' ) : __( 'No', 'ai-failover' ),
			__( 'Written at', 'ai-failover' )   => (string) ( $entry['written_at'] ?? '' ),
			__( 'Workflow run', 'ai-failover' ) => (string) ( $entry['run_id'] ?? '' ),
		);
		$data   = array();
		foreach ( $fields as $name => $value ) {
			$data[] = array(
				'name'  => $name,
				'value' => $value,
			);
		}
		return $data;
	}
}
