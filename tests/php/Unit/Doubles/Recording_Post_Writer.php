<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Doubles;

use AI_Failover\Contracts\Post_Writer;
use AI_Failover\Workflows\Write_Node;
use AI_Failover\Workflows\Write_Result;

/**
 * Records every write it is asked for and answers with the next scripted result (written by default).
 */
final class Recording_Post_Writer implements Post_Writer {

	/** @var list<array{node: Write_Node, post_id: int, value: string, title: string, provenance: array<string, mixed>, user_id: int}> */
	public array $calls = array();

	/**
	 * @param list<Write_Result> $results Answers, in order; after them every write succeeds.
	 */
	public function __construct( private array $results = array() ) {
	}

	public function write( Write_Node $node, int $post_id, string $value, string $title, array $provenance, int $user_id ): Write_Result {
		$this->calls[] = compact( 'node', 'post_id', 'value', 'title', 'provenance', 'user_id' );
		return array_shift( $this->results ) ?? Write_Result::written( $post_id ?: 500 );
	}
}
