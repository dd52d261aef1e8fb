<?php
/**
 * Runs a queued workflow run.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Queue;

use AI_Failover\Providers\Error_Class;
use AI_Failover\Workflows\Template;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Service;

/**
 * Jobs of type `workflow_run` (schedules, on-publish, REST `async`, the command line): the
 * workflow as it is now, with the job's fixed input and, for an on-publish job, the post as it is
 * now as `{{post.*}}`. A run that ends failed on a transient class (rate limit, overload, server
 * error, timeout, network) is retried, after the provider's Retry-After when the step's error
 * carries one; any other outcome is final and the job is done (its run's outcome says how it went).
 *
 * @since n.e.x.t
 */
final class Workflow_Job_Handler implements Job_Handler {

	public const TYPE = 'workflow_run';

	public function __construct( private readonly Workflow_Service $workflows ) {
	}

	public function handle( Job $job ): Job_Result {
		$post = $this->workflows->workflow( $job->workflow_id );
		if ( null === $post ) {
			return Job_Result::failed(
				array(
					'class'   => 'workflow_missing',
					'message' => __( 'The workflow no longer exists.', 'ai-failover' ),
				)
			);
		}
		$input    = is_array( $job->payload['input'] ?? null ) ? $job->payload['input'] : array();
		$prepared = $this->workflows->prepare( $post, $input );
		if ( $prepared instanceof \WP_Error ) {
			return Job_Result::failed(
				array(
					'class'   => (string) $prepared->get_error_code(),
					'message' => $prepared->get_error_message(),
				)
			);
		}
		$run = $this->workflows->execute(
			$post,
			$prepared,
			null,
			array(
				'type'    => $job->source,
				'job_id'  => $job->id,
				'post_id' => $job->post_id,
			),
			$job->post_id > 0 ? self::post_values( $job->post_id ) : array(),
			// Writes are checked against the workflow's author, whoever's request runs the queue.
			(int) $post->post_author
		);
		if ( Workflow_Run::FAILED !== $run->status || null === $run->error ) {
			return Job_Result::done( $run->status, $run->id );
		}
		$class = Error_Class::tryFrom( (string) ( $run->error['class'] ?? '' ) );
		if ( null !== $class && $class->is_transient() ) {
			$retry_after = $run->error['retry_after'] ?? null;
			return Job_Result::retry( $run->error, is_numeric( $retry_after ) ? (float) $retry_after : null, $run->status, $run->id );
		}
		return Job_Result::done( $run->status, $run->id, $run->error );
	}

	/**
	 * `{{post.*}}` of a post: its fields and its public (not underscore-protected) meta.
	 *
	 * @param int $post_id Post.
	 * @return array<string, string>
	 */
	public static function post_values( int $post_id ): array {
		$post = get_post( $post_id );
		if ( ! $post instanceof \WP_Post ) {
			return array();
		}
		$excerpt = '' !== trim( $post->post_excerpt ) ? $post->post_excerpt : wp_trim_words( wp_strip_all_tags( strip_shortcodes( $post->post_content ) ), 55, '' );
		$values  = array(
			'post.id'      => (string) $post->ID,
			'post.title'   => $post->post_title,
			'post.content' => $post->post_content,
			'post.excerpt' => $excerpt,
			'post.type'    => $post->post_type,
			'post.status'  => $post->post_status,
			'post.url'     => (string) get_permalink( $post ),
		);
		foreach ( (array) get_post_meta( $post->ID ) as $key => $stored ) {
			$key = (string) $key;
			if ( is_protected_meta( $key, 'post' ) || ! Template::is_post_variable( 'post.meta.' . $key ) ) {
				continue;
			}
			$value = maybe_unserialize( is_array( $stored ) ? ( $stored[0] ?? '' ) : '' );
			if ( is_scalar( $value ) ) {
				$values[ 'post.meta.' . $key ] = (string) $value;
			}
		}
		return $values;
	}
}
