<?php
/**
 * The `wp ai-failover workflow` commands.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\CLI;

use AI_Failover\Queue\Queue;
use AI_Failover\Queue\Workflow_Job_Handler;
use AI_Failover\Workflows\Workflow_Run;
use AI_Failover\Workflows\Workflow_Service;

/**
 * Runs workflows from the command line.
 *
 * @since n.e.x.t
 */
final class Workflow_Command {

	public function __construct(
		private readonly Workflow_Service $workflows,
		private readonly Queue $queue,
		private readonly Output $out,
	) {
	}

	/**
	 * Runs a workflow now (or queues it) and prints the run.
	 *
	 * ## OPTIONS
	 *
	 * <id>
	 * : The workflow's post id.
	 *
	 * [--input=<json>]
	 * : The input values as a JSON object, for example '{"topic":"owls"}'.
	 *
	 * [--async]
	 * : Queue the run instead; `wp ai-failover queue run` (or WP-Cron) runs it.
	 *
	 * ## EXAMPLES
	 *
	 *     wp ai-failover workflow run 42 --input='{"topic":"owls"}'
	 *
	 * @param list<string>               $args  Positional arguments.
	 * @param array<string, string|bool> $assoc Options.
	 */
	public function run( array $args, array $assoc ): void {
		$post = $this->workflows->workflow( (int) ( $args[0] ?? 0 ) );
		if ( null === $post ) {
			/* translators: %s: The id given. */
			$this->out->error( sprintf( __( 'There is no workflow %s.', 'ai-failover' ), (string) ( $args[0] ?? '' ) ) );
		}
		$input = json_decode( (string) ( $assoc['input'] ?? '{}' ), true );
		if ( ! is_array( $input ) || array_is_list( $input ) && array() !== $input ) {
			$this->out->error( __( '--input must be a JSON object of input values, for example {"topic":"owls"}.', 'ai-failover' ) );
		}
		if ( ! empty( $assoc['async'] ) ) {
			$prepared = $this->workflows->prepare( $post, $input );
			if ( is_wp_error( $prepared ) ) {
				$this->out->error( self::problem( $prepared ) );
			}
			$job = $this->queue->enqueue( Workflow_Job_Handler::TYPE, 'cli', array( 'input' => $input ), array( 'workflow_id' => $post->ID ) );
			/* translators: %d: Job id. */
			$this->out->success( sprintf( __( 'Queued as job %d.', 'ai-failover' ), $job ) );
			return;
		}
		$prepared = $this->workflows->prepare( $post, $input );
		if ( is_wp_error( $prepared ) ) {
			$this->out->error( self::problem( $prepared ) );
		}
		$run = $this->workflows->execute(
			$post,
			$prepared,
			null,
			array(
				'type'    => 'cli',
				'job_id'  => 0,
				'post_id' => 0,
			)
		);
		$this->out->line( (string) wp_json_encode( $run->to_array(), JSON_PRETTY_PRINT | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE ) );
		if ( Workflow_Run::FAILED === $run->status ) {
			/* translators: %s: Error message. */
			$this->out->error( sprintf( __( 'The workflow failed: %s', 'ai-failover' ), (string) ( $run->error['message'] ?? '' ) ) );
		}
		/* translators: 1: Run status, 2: Run id. */
		$this->out->success( sprintf( __( 'The workflow %1$s (run %2$s).', 'ai-failover' ), $run->status, $run->id ) );
	}

	/**
	 * A refusal's message with the field at fault.
	 *
	 * @param \WP_Error $error Error.
	 */
	private static function problem( \WP_Error $error ): string {
		$data   = (array) $error->get_error_data();
		$params = is_array( $data['params'] ?? null ) ? $data['params'] : array();
		return $error->get_error_message() . ( $params ? ' ' . implode( ' ', array_map( 'strval', $params ) ) : '' );
	}
}
