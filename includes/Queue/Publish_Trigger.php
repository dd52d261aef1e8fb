<?php
/**
 * On-publish workflow runs.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Workflows\Workflow_Post_Type;
use AI_Failover\Workflows\Workflow_Service;

/**
 * When a post of a watched type is published (or, if the workflow asks, updated while published),
 * queues one run per watching workflow with the post as `{{post.*}}`. The save itself only
 * inserts a job row and asks for a worker: the run happens in the queue, never in the editor's
 * request. Plugin::post_saved() hooks `wp_after_insert_post` (after the post's meta and terms are
 * saved) on every request and calls in here only when Trigger_Settings' index lists the post's type
 * (one read of an autoloaded option; no file of the plugin is loaded for an unwatched save).
 *
 * No loops: a save made while a workflow runs in this process (a step that writes the post's
 * title, content, excerpt or meta: provenance's write steps) never queues a run, whichever
 * workflow and post it is; and one save of a post queues a workflow once (dedupe key: workflow,
 * post, modified time and a hash of title, excerpt and content), however often WordPress fires the
 * hook for it (the block editor's second, meta-box request included).
 *
 * @since n.e.x.t
 */
final class Publish_Trigger implements Registers_Hooks {

	public const SOURCE = 'publish';

	/** Fired by Plugin::post_saved() for a watched post type. */
	public const HOOK = 'aifo_watched_post_saved';

	public function __construct( private readonly Queue $queue ) {
	}

	public function register_hooks(): void {
		add_action( self::HOOK, array( $this, 'post_saved' ), 10, 3 );
	}

	/**
	 * Queues the runs a save calls for.
	 *
	 * @param \WP_Post      $post   The saved post.
	 * @param bool          $update Whether it existed before.
	 * @param \WP_Post|null $before The post before the save (null for a new one).
	 * @return list<int> Jobs queued.
	 */
	public function post_saved( $post, $update, $before ): array {
		if ( ! $post instanceof \WP_Post || 'publish' !== $post->post_status || Workflow_Post_Type::POST_TYPE === $post->post_type || wp_is_post_revision( $post ) || wp_is_post_autosave( $post ) ) {
			return array();
		}
		if ( Workflow_Service::running() ) {
			return array();
			// A workflow's own write: never a trigger.
		}
		$published_now = ! $before instanceof \WP_Post || 'publish' !== $before->post_status;
		$jobs          = array();
		foreach ( Trigger_Settings::index()['publish'][ $post->post_type ] ?? array() as $workflow => $options ) {
			if ( ! $published_now && ( ! $update || empty( $options['on_update'] ) ) ) {
				continue;
			}
			$job = $this->queue->enqueue(
				Workflow_Job_Handler::TYPE,
				self::SOURCE,
				array( 'input' => array() ),
				array(
					'workflow_id' => (int) $workflow,
					'post_id'     => $post->ID,
					'user_id'     => get_current_user_id(),
					'dedupe_key'  => 'publish:' . (int) $workflow . ':' . $post->ID . ':' . $post->post_modified_gmt . ':' . md5( $post->post_title . "\0" . $post->post_excerpt . "\0" . $post->post_content ),
				)
			);
			if ( $job > 0 ) {
				$jobs[] = $job;
			}
		}
		return $jobs;
	}
}
