<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Workflows;

use AI_Failover\Workflows\Graph_Parser;
use AI_Failover\Workflows\Step_Node;
use AI_Failover\Workflows\Stop_Node;
use PHPUnit\Framework\TestCase;

/**
 * @covers \AI_Failover\Workflows\Graph_Parser
 * @covers \AI_Failover\Workflows\Scope_Checker
 * @covers \AI_Failover\Workflows\Output_Rules
 */
final class Graph_Parser_Test extends TestCase {

	/**
	 * A parser knowing the features "fast" and "strong" and the generated error classes.
	 */
	public static function parser(): Graph_Parser {
		$schema = json_decode( (string) file_get_contents( dirname( __DIR__, 4 ) . '/includes/Schema/json/workflow-on-failure-attributes.schema.json' ), true );
		return new Graph_Parser(
			static fn( string $id ): bool => in_array( $id, array( 'fast', 'strong' ), true ),
			$schema['properties']['errorClasses']['items']['enum']
		);
	}

	/**
	 * @param list<array<string, mixed>> $blocks Blocks.
	 * @return list<string> "code@step" for each error.
	 */
	private function errors( array $blocks ): array {
		$result = self::parser()->parse( $blocks );
		return array_map( static fn( $e ) => $e->code . '@' . ( $e->step ?? '-' ), $result->errors );
	}

	public function test_a_valid_workflow_becomes_a_graph_with_branches(): void {
		$result = self::parser()->parse(
			Blocks::workflow(
				array(
					Blocks::step(
						'draft',
						'fast',
						array(
							Blocks::success( array( Blocks::output( '{{steps.draft.output}}' ) ) ),
							Blocks::failure( array( Blocks::step( 'retry', 'strong', array(), array( 'prompt' => '{{error.class}} {{input.topic}}' ) ) ), array( 'rate_limited' ) ),
							Blocks::failure( array( Blocks::stop( 'failed', '{{error.message}}' ) ) ),
						),
						array( 'prompt' => 'About {{ input.topic }}' )
					),
					Blocks::output( '{{steps.draft.output}}' ),
				),
				array( Blocks::input( 'topic', true ) )
			)
		);
		$this->assertSame( array(), $result->errors );
		$this->assertNotNull( $result->graph );
		$this->assertSame(
			array(
				'valid'  => true,
				'errors' => array(),
			),
			$result->to_array()
		);
		$step = $result->graph->nodes[0];
		$this->assertInstanceOf( Step_Node::class, $step );
		$this->assertSame( array( 'rate_limited' ), $step->on_failure[0]->classes );
		$this->assertSame( $step->on_failure[0], $step->failure_branch_for( 'rate_limited' ) );
		$this->assertSame( $step->on_failure[1], $step->failure_branch_for( 'server' ) );
		$this->assertInstanceOf( Stop_Node::class, $step->on_failure[1]->nodes[0] );
		$this->assertSame( array( 'draft', 'retry' ), array_map( static fn( $s ) => $s->id, $result->graph->steps() ) );
	}

	public function test_a_missing_root_is_an_error_and_no_graph(): void {
		$result = self::parser()->parse( array( Blocks::block( 'core/paragraph', array(), array() ) ) );
		$this->assertNull( $result->graph );
		$this->assertSame( array( 'content_outside_root@-', 'no_root@-' ), array_map( static fn( $e ) => $e->code . '@' . ( $e->step ?? '-' ), $result->errors ) );
		$this->assertFalse( $result->to_array()['valid'] );
	}

	public function test_whitespace_between_blocks_is_ignored_but_stray_content_is_not(): void {
		$blank = array(
			'blockName' => null,
			'attrs'     => array(),
			'innerHTML' => "\n\n",
		);
		$this->assertSame( array(), $this->errors( array( $blank, ...Blocks::workflow( array( $blank, Blocks::step( 'a' ) ) ) ) ) );
		$stray = array(
			'blockName' => null,
			'attrs'     => array(),
			'innerHTML' => '<p>hi</p>',
		);
		$this->assertSame( array( 'content_outside_root@-' ), $this->errors( array( $stray, ...Blocks::workflow( array( Blocks::step( 'a' ) ) ) ) ) );
	}

	public function test_two_roots_and_an_empty_workflow_are_errors(): void {
		$this->assertSame( array( 'multiple_roots@-' ), $this->errors( array_merge( Blocks::workflow( array( Blocks::step( 'a' ) ) ), Blocks::workflow( array() ) ) ) );
		$this->assertSame( array( 'empty_workflow@-' ), $this->errors( Blocks::workflow( array() ) ) );
	}

	public function test_unknown_blocks_are_errors_of_the_step_they_are_in(): void {
		$this->assertSame(
			array( 'unknown_block@-', 'unknown_block@a' ),
			$this->errors(
				Blocks::workflow(
					array(
						Blocks::block( 'core/paragraph', array(), array() ),
						Blocks::step( 'a', 'fast', array( Blocks::failure( array( Blocks::block( 'ai-failover/loop', array(), array() ) ) ) ) ),
					)
				)
			)
		);
	}

	public function test_branches_outside_a_step_and_steps_directly_inside_a_step_are_errors(): void {
		$this->assertSame(
			array( 'branch_outside_step@-', 'branch_outside_step@a', 'misplaced_block@a' ),
			$this->errors(
				Blocks::workflow(
					array(
						Blocks::failure( array() ),
						Blocks::step( 'a', 'fast', array( Blocks::success( array( Blocks::success( array() ) ) ), Blocks::step( 'b' ) ) ),
					)
				)
			)
		);
	}

	public function test_missing_and_deleted_features_are_errors_of_their_step(): void {
		$this->assertSame(
			array( 'missing_feature@a', 'unknown_feature@b' ),
			$this->errors( Blocks::workflow( array( Blocks::step( 'a', '' ), Blocks::step( 'b', 'deleted' ) ) ) )
		);
	}

	public function test_invalid_and_duplicate_step_ids_are_errors(): void {
		$this->assertSame(
			array( 'invalid_step_id@Bad', 'duplicate_step_id@a', 'invalid_step_id@-' ),
			$this->errors( Blocks::workflow( array( Blocks::step( 'Bad' ), Blocks::step( 'a' ), Blocks::step( 'a' ), Blocks::step( '' ) ) ) )
		);
	}

	public function test_undefined_variables_are_errors_of_the_step_that_uses_them(): void {
		$this->assertSame(
			array(
				'undefined_variable@a', // Unknown input.
				'undefined_variable@a', // Its own output.
				'undefined_variable@b', // A step that runs later.
				'undefined_variable@b', // An error outside a failure branch.
				'undefined_variable@b', // Unknown namespace (post.* is an on-publish run's post).
				'undefined_variable@c', // A step inside another step's branch, not on every path.
			),
			$this->errors(
				Blocks::workflow(
					array(
						Blocks::step( 'a', 'fast', array( Blocks::failure( array( Blocks::step( 'inner', 'strong' ) ) ) ), array( 'prompt' => '{{input.nope}} {{steps.a.output}} {{input.topic}}' ) ),
						Blocks::step( 'b', 'fast', array(), array( 'prompt' => '{{steps.c.output}} {{error.class}} {{page.title}} {{post.title}} {{post.meta.subtitle}} {{steps.a.output}}' ) ),
						Blocks::step( 'c', 'fast', array(), array( 'prompt' => '{{steps.inner.output}} {{steps.b.output}}' ) ),
					),
					array( Blocks::input( 'topic' ) )
				)
			)
		);
	}

	public function test_a_success_branch_sees_its_own_step_and_a_failure_branch_its_error(): void {
		$this->assertSame(
			array( 'undefined_variable@a' ),
			$this->errors(
				Blocks::workflow(
					array(
						Blocks::step(
							'a',
							'fast',
							array(
								Blocks::success( array( Blocks::output( '{{steps.a.output}}' ) ) ),
								Blocks::failure( array( Blocks::stop( 'failed', '{{steps.a.output}} {{error.retry_after}}' ) ) ),
							)
						),
					)
				)
			)
		);
	}

	public function test_blocks_after_a_stop_and_shadowed_failure_branches_are_unreachable(): void {
		$this->assertSame(
			array( 'unreachable_step@c', 'unreachable_step@c', 'unreachable_step@b', 'unreachable_step@-' ),
			$this->errors(
				Blocks::workflow(
					array(
						Blocks::step( 'a' ),
						Blocks::step(
							'c',
							'fast',
							array(
								Blocks::failure( array(), array( 'rate_limited', 'server' ) ),
								Blocks::failure( array(), array( 'server' ) ),
								Blocks::failure( array() ),
								Blocks::failure( array(), array( 'timeout' ) ),
								Blocks::failure( array() ),
							)
						),
						Blocks::stop( 'succeeded' ),
						Blocks::step( 'b' ),
						Blocks::output( 'x' ),
					)
				)
			)
		);
	}

	public function test_nesting_beyond_the_limit_is_an_error_of_the_deep_step(): void {
		$level4 = Blocks::step( 'd4' );
		$level3 = Blocks::step( 'd3', 'fast', array( Blocks::failure( array( $level4 ) ) ) );
		$level2 = Blocks::step( 'd2', 'fast', array( Blocks::success( array( $level3 ) ) ) );
		$this->assertSame( array( 'nesting_too_deep@d4' ), $this->errors( Blocks::workflow( array( Blocks::step( 'd1', 'fast', array( Blocks::failure( array( $level2 ) ) ) ) ) ) ) );
		$this->assertSame( array(), $this->errors( Blocks::workflow( array( Blocks::step( 'd1', 'fast', array( Blocks::failure( array( Blocks::step( 'd2', 'fast', array( Blocks::success( array( Blocks::step( 'd3' ) ) ) ) ) ) ) ) ) ) ) ) );
	}

	public function test_rules_prompts_classes_and_inputs_are_checked(): void {
		$this->assertSame(
			array( 'invalid_input@-', 'duplicate_input@-', 'empty_prompt@a', 'invalid_rule@a', 'invalid_rule@a', 'invalid_rule@a', 'duplicate_success_branch@a', 'unknown_error_class@a' ),
			$this->errors(
				Blocks::workflow(
					array(
						Blocks::step(
							'a',
							'fast',
							array( Blocks::success( array() ), Blocks::success( array() ), Blocks::failure( array(), array( 'gremlins' ) ) ),
							array(
								'prompt'     => '  ',
								'validation' => array(
									'regex'       => '([a-z',
									'min_length'  => 10,
									'max_length'  => 5,
									'json_schema' => '[1]',
								),
							)
						),
					),
					array( Blocks::input( 'Topic' ), Blocks::input( 'x' ), Blocks::input( 'x' ) )
				)
			)
		);
	}

	public function test_more_step_blocks_than_the_limit_is_an_error(): void {
		$steps = array();
		for ( $i = 0; $i <= Graph_Parser::MAX_STEP_BLOCKS; $i++ ) {
			$steps[] = Blocks::step( 's' . $i );
		}
		$this->assertSame( array( 'too_many_steps@-' ), $this->errors( Blocks::workflow( $steps ) ) );
	}

	public function test_write_blocks_are_checked_and_their_source_must_be_in_scope(): void {
		$result = self::parser()->parse(
			Blocks::workflow(
				array(
					Blocks::write( 'later', array( 'postId' => '{{input.post_id}}' ) ), // Source runs later.
					Blocks::step(
						'later',
						'fast',
						array(
							Blocks::success(
								array(
									Blocks::write( 'later', array( 'postId' => '{{input.post_id}}' ) ), // Its own success branch: fine.
								)
							),
						)
					),
					Blocks::write( '', array( 'postId' => '1' ) ), // No source.
					Blocks::write( 'later', array( 'postId' => '' ) ), // No post.
					Blocks::write(
						'later',
						array(
							'action' => 'delete_post',
							'postId' => '1',
						)
					),
					Blocks::write(
						'later',
						array(
							'action'  => 'set_meta',
							'metaKey' => '_aifo_provenance',
							'postId'  => '1',
						)
					),
					Blocks::write(
						'later',
						array(
							'action'   => 'create_draft',
							'postType' => 'Bad Type',
							'field'    => 'status',
						)
					),
					Blocks::write(
						'later',
						array(
							'action'  => 'set_meta',
							'metaKey' => 'seo_description',
							'postId'  => '{{input.post_id}}',
						)
					),
				),
				array( Blocks::input( 'post_id' ) )
			)
		);
		$this->assertNull( $result->graph );
		$this->assertSame(
			array( 'invalid_write', 'invalid_write', 'invalid_write', 'invalid_write', 'invalid_write', 'invalid_write', 'undefined_variable' ),
			array_map( static fn( $e ) => $e->code, $result->errors )
		);
		$this->assertSame( 'ai-failover/write-post', $result->errors[0]->block );
		$this->assertStringContainsString( '{{steps.later.output}}', $result->errors[6]->message );
		$this->assertStringContainsString( '_aifo_', $result->errors[3]->message );
	}
}
