<?php
/**
 * Runs the Write to post blocks of one workflow run.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Post_Writer;

/**
 * Writes a step's output into a post through the Post_Writer, with the provenance entry of the
 * step record that produced it, and keeps the run's write records. Never on a failed step: when no
 * succeeded record holds the source's output (it failed and nothing stood in for it), nothing is
 * written and the write is recorded as `skipped`. A refused write (bad post id, no capability, no
 * such post) is recorded as `failed` and returns the typed error that ends the run.
 *
 * @since n.e.x.t
 */
final class Write_Executor {

	public const WRITE_FAILED = 'write_failed';

	/** @var list<array{step: string, action: string, field: string, post_id: int, status: string, message: string}> */
	private array $records = array();

	public function __construct(
		private readonly ?Post_Writer $writer,
		private readonly Clock $clock,
	) {
	}

	/**
	 * Forgets the previous run's writes.
	 */
	public function reset(): void {
		$this->records = array();
	}

	/**
	 * @return list<array{step: string, action: string, field: string, post_id: int, status: string, message: string}>
	 */
	public function records(): array {
		return $this->records;
	}

	/**
	 * @param Write_Node                                                 $node     Write block.
	 * @param array<string, string>                                      $values   Template values (inputs, outputs, error fields).
	 * @param array{record: Step_Record, failed_class: string|null}|null $served The record whose answer the source's output holds.
	 * @param Step_Node|null                                             $source   The source step, when it ran.
	 * @param int                                                        $workflow Workflow post id.
	 * @param string                                                     $title    Workflow title.
	 * @param string                                                     $run_id   Workflow run id.
	 * @param int                                                        $user_id  The user the run runs as.
	 * @return array<string, mixed>|null A typed error that ends the run, or null to go on.
	 */
	public function write( Write_Node $node, array $values, ?array $served, ?Step_Node $source, int $workflow, string $title, string $run_id, int $user_id ): ?array {
		$target  = trim( Template::render( $node->post_id, $values ) );
		$post_id = Write_Node::CREATE_DRAFT === $node->action ? 0 : ( ctype_digit( $target ) ? (int) $target : -1 );
		if ( null === $served || null === $source ) {
			/* translators: %s: Step id. */
			$this->log( $node, max( 0, $post_id ), 'skipped', sprintf( __( 'Nothing was written: step "%s" failed and no step stood in for it.', 'ai-failover' ), $node->source ) );
			return null;
		}
		if ( $post_id < 0 || ( Write_Node::CREATE_DRAFT !== $node->action && 0 === $post_id ) ) {
			/* translators: %s: What the post id template rendered to. */
			$result = Write_Result::refused( 0, 400, sprintf( __( 'Nothing was written: "%s" is not a post id.', 'ai-failover' ), $target ) );
		} elseif ( null === $this->writer ) {
			$result = Write_Result::refused( $post_id, 500, __( 'Nothing was written: this site cannot write posts from workflows.', 'ai-failover' ) );
		} else {
			$written_at = gmdate( 'Y-m-d\TH:i:s\Z', (int) floor( $this->clock->now_ms() / 1000 ) );
			$entry      = Provenance_Entry::build( $served['record'], $source, $served['failed_class'], $node->target_field(), $workflow, $title, $run_id, $written_at, $user_id );
			$result     = $this->writer->write( $node, $post_id, $values[ 'steps.' . $node->source . '.output' ] ?? '', Template::render( $node->title, $values ), $entry, $user_id );
		}
		$this->log( $node, $result->post_id, $result->ok() ? 'written' : 'failed', $result->message );
		if ( $result->ok() ) {
			return null;
		}
		return array(
			'class'       => self::WRITE_FAILED,
			'status'      => $result->status,
			'provider'    => '',
			'model'       => '',
			'message'     => $result->message,
			'attempts'    => 0,
			'retry_after' => null,
		);
	}

	/**
	 * @param Write_Node $node    Write block.
	 * @param int        $post_id Post.
	 * @param string     $status  written, skipped or failed.
	 * @param string     $message Why, when not written.
	 */
	private function log( Write_Node $node, int $post_id, string $status, string $message ): void {
		$this->records[] = array(
			'step'    => $node->source,
			'action'  => $node->action,
			'field'   => $node->target_field(),
			'post_id' => $post_id,
			'status'  => $status,
			'message' => $message,
		);
	}
}
