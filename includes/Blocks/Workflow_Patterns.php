<?php
/**
 * The three workflow patterns of the seed documents.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Blocks;

use AI_Failover\Contracts\Registers_Hooks;
use AI_Failover\Workflows\Workflow_Post_Type;

/**
 * Registers "fast model first, stronger on failure", "cheap model, escalate only if validation
 * fails" and "stop the workflow if a critical step fails" as block patterns of the workflow
 * post type. They hold steps (not a root), so they go inside the workflow root, from the
 * inserter's Patterns tab or from the root's "Start from a pattern" buttons; their feature is
 * left empty for the editor to pick, and their prompts use `{{input.text}}`, which the
 * starter buttons declare.
 *
 * @phpstan-type Parsed_Block array{blockName: string, attrs: array<string, mixed>, innerBlocks: array<int, array<mixed>>, innerHTML: string, innerContent: array<int, null>}
 *
 * @since n.e.x.t
 */
final class Workflow_Patterns implements Registers_Hooks {

	public const CATEGORY = 'ai-failover-workflows';

	public function register_hooks(): void {
		// Wired on rest_api_init (after init) for a REST request: the patterns route needs them now.
		if ( did_action( 'init' ) ) {
			$this->register_patterns();
		} else {
			add_action( 'init', array( $this, 'register_patterns' ) );
		}
	}

	/**
	 * Registers the category and the patterns.
	 *
	 * @return string[] Pattern names.
	 */
	public function register_patterns(): array {
		if ( ! function_exists( 'register_block_pattern' ) ) {
			return array();
		}
		register_block_pattern_category( self::CATEGORY, array( 'label' => __( 'AI workflows', 'ai-failover' ) ) );
		$names = array();
		foreach ( $this->patterns() as $name => $pattern ) {
			register_block_pattern(
				$name,
				array(
					'title'       => $pattern['title'],
					'description' => $pattern['description'],
					'categories'  => array( self::CATEGORY ),
					'keywords'    => array( 'ai', 'workflow', 'failover' ),
					'postTypes'   => array( Workflow_Post_Type::POST_TYPE ),
					'blockTypes'  => array( 'ai-failover/workflow' ),
					'content'     => serialize_blocks( $pattern['blocks'] ),
				)
			);
			$names[] = $name;
		}
		return $names;
	}

	/**
	 * The patterns, as parsed blocks.
	 *
	 * @return array<string, array{title: string, description: string, blocks: list<Parsed_Block>}>
	 */
	public function patterns(): array {
		$text = '{{input.text}}';
		return array(
			'ai-failover/fast-then-strong'       => array(
				'title'       => __( 'Fast model first, stronger on failure', 'ai-failover' ),
				'description' => __( 'Tries a fast feature; if it fails for any reason, a stronger feature answers instead and the workflow goes on.', 'ai-failover' ),
				'blocks'      => array(
					self::block(
						'ai-failover/step',
						array(
							'stepId' => 'fast',
							'label'  => __( 'Fast model', 'ai-failover' ),
							/* translators: %s: {{input.text}}, a template variable: keep it as is. */
							'prompt' => sprintf( __( "Summarize in three sentences:\n\n%s", 'ai-failover' ), $text ),
						),
						array(
							self::block(
								'ai-failover/on-failure',
								array(),
								array(
									self::block(
										'ai-failover/step',
										array(
											'stepId' => 'strong',
											'label'  => __( 'Stronger model', 'ai-failover' ),
											/* translators: %1$s: {{error.class}}, %2$s: {{input.text}}; template variables: keep them as they are. */
											'prompt' => sprintf( __( "The fast model failed (%1\$s). Summarize in three sentences:\n\n%2\$s", 'ai-failover' ), '{{error.class}}', $text ),
										)
									),
								)
							),
						)
					),
					self::block( 'ai-failover/output', array( 'value' => '{{steps.fast.output}}' ) ),
				),
			),
			'ai-failover/escalate-on-validation' => array(
				'title'       => __( 'Cheap model, escalate only if validation fails', 'ai-failover' ),
				'description' => __( 'A cheap feature answers; only when its answer breaks the rules does a stronger feature try. Other errors fail the run.', 'ai-failover' ),
				'blocks'      => array(
					self::block(
						'ai-failover/step',
						array(
							'stepId'     => 'cheap',
							'label'      => __( 'Cheap model', 'ai-failover' ),
							/* translators: %s: {{input.text}}, a template variable: keep it as is. */
							'prompt'     => sprintf( __( "Write a title of at most 60 characters for:\n\n%s", 'ai-failover' ), $text ),
							'validation' => array(
								'non_empty'  => true,
								'max_length' => 60,
							),
						),
						array(
							self::block(
								'ai-failover/on-failure',
								array( 'errorClasses' => array( 'validation_failed' ) ),
								array(
									self::block(
										'ai-failover/step',
										array(
											'stepId'     => 'escalate',
											'label'      => __( 'Stronger model', 'ai-failover' ),
											/* translators: %1$s: {{error.message}}, %2$s: {{input.text}}; template variables: keep them as they are. */
											'prompt'     => sprintf( __( "A first answer broke the rules (%1\$s). Write a title of at most 60 characters for:\n\n%2\$s", 'ai-failover' ), '{{error.message}}', $text ),
											'validation' => array(
												'non_empty'  => true,
												'max_length' => 60,
											),
										)
									),
								)
							),
						)
					),
					self::block( 'ai-failover/output', array( 'value' => '{{steps.cheap.output}}' ) ),
				),
			),
			'ai-failover/stop-on-critical'       => array(
				'title'       => __( 'Stop the workflow if a critical step fails', 'ai-failover' ),
				'description' => __( 'A critical step runs first; if it fails, the workflow stops as failed with the error, and nothing after it runs.', 'ai-failover' ),
				'blocks'      => array(
					self::block(
						'ai-failover/step',
						array(
							'stepId'     => 'critical',
							'label'      => __( 'Critical check', 'ai-failover' ),
							/* translators: %s: {{input.text}}, a template variable: keep it as is. */
							'prompt'     => sprintf( __( "List the facts this text states, one per line:\n\n%s", 'ai-failover' ), $text ),
							'validation' => array( 'non_empty' => true ),
						),
						array(
							self::block(
								'ai-failover/on-failure',
								array(),
								array(
									self::block(
										'ai-failover/stop',
										array(
											'status'  => 'failed',
											/* translators: %1$s: {{error.class}}, %2$s: {{error.message}}; template variables: keep them as they are. */
											'message' => sprintf( __( 'The critical step failed (%1$s: %2$s); nothing else ran.', 'ai-failover' ), '{{error.class}}', '{{error.message}}' ),
										)
									),
								)
							),
						)
					),
					self::block(
						'ai-failover/step',
						array(
							'stepId' => 'follow_up',
							'label'  => __( 'Follow-up', 'ai-failover' ),
							/* translators: %1$s: {{steps.critical.output}}, %2$s: {{input.text}}; template variables: keep them as they are. */
							'prompt' => sprintf( __( "Using these facts:\n%1\$s\n\nWrite a short summary of:\n\n%2\$s", 'ai-failover' ), '{{steps.critical.output}}', $text ),
						)
					),
					self::block( 'ai-failover/output', array( 'value' => '{{steps.follow_up.output}}' ) ),
				),
			),
		);
	}

	/**
	 * A parsed block for serialize_blocks(): the blocks save no markup, only their inner blocks.
	 *
	 * @param string               $name   Block name.
	 * @param array<string, mixed> $attrs  Attributes.
	 * @param list<Parsed_Block>   $inner  Inner blocks.
	 * @return Parsed_Block
	 */
	private static function block( string $name, array $attrs, array $inner = array() ): array {
		return array(
			'blockName'    => $name,
			'attrs'        => $attrs,
			'innerBlocks'  => $inner,
			'innerHTML'    => '',
			'innerContent' => array_fill( 0, count( $inner ), null ),
		);
	}
}
