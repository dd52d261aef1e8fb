<?php
/**
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Tests\Unit\Workflows;

/**
 * Builds block trees in parse_blocks()' shape, for the parser and runner tests.
 */
final class Blocks {

	/**
	 * @param list<array<string, mixed>> $children Root children.
	 * @param list<array<string, mixed>> $inputs   Declared inputs.
	 * @return list<array<string, mixed>>
	 */
	public static function workflow( array $children, array $inputs = array() ): array {
		return array( self::block( 'ai-failover/workflow', $inputs ? array( 'inputs' => $inputs ) : array(), $children ) );
	}

	/**
	 * @param string                     $name Input name.
	 * @param bool                       $required Required.
	 * @param string                     $default  Default.
	 * @param string                     $type     Type.
	 * @return array<string, mixed>
	 */
	public static function input( string $name, bool $required = false, string $default = '', string $type = 'text' ): array {
		return array(
			'name'     => $name,
			'label'    => ucfirst( $name ),
			'type'     => $type,
			'required' => $required,
			'default'  => $default,
		);
	}

	/**
	 * @param string                     $id       Step id.
	 * @param string                     $feature  Feature.
	 * @param list<array<string, mixed>> $children Branches.
	 * @param array<string, mixed>       $attrs    More attributes.
	 * @return array<string, mixed>
	 */
	public static function step( string $id, string $feature = 'fast', array $children = array(), array $attrs = array() ): array {
		return self::block(
			'ai-failover/step',
			$attrs + array(
				'stepId'  => $id,
				'label'   => 'Step ' . $id,
				'feature' => $feature,
				'prompt'  => 'Prompt of ' . $id,
			),
			$children
		);
	}

	/**
	 * @param list<array<string, mixed>> $children Nodes.
	 * @return array<string, mixed>
	 */
	public static function success( array $children ): array {
		return self::block( 'ai-failover/on-success', array(), $children );
	}

	/**
	 * @param list<array<string, mixed>> $children Nodes.
	 * @param list<string>               $classes  Error classes.
	 * @return array<string, mixed>
	 */
	public static function failure( array $children, array $classes = array() ): array {
		return self::block( 'ai-failover/on-failure', $classes ? array( 'errorClasses' => $classes ) : array(), $children );
	}

	/**
	 * @param string $status  succeeded|failed.
	 * @param string $message Message.
	 * @return array<string, mixed>
	 */
	public static function stop( string $status, string $message = '' ): array {
		return self::block(
			'ai-failover/stop',
			array(
				'status'  => $status,
				'message' => $message,
			),
			array()
		);
	}

	/**
	 * @param string $value Value template.
	 * @return array<string, mixed>
	 */
	public static function output( string $value ): array {
		return self::block( 'ai-failover/output', array( 'value' => $value ), array() );
	}

	/**
	 * @param string               $source Source step.
	 * @param array<string, mixed> $attrs  More attributes (action, field, postId, metaKey, postType, title).
	 * @return array<string, mixed>
	 */
	public static function write( string $source, array $attrs = array() ): array {
		return self::block( 'ai-failover/write-post', $attrs + array( 'source' => $source ), array() );
	}

	/**
	 * @param string                     $name     Block name.
	 * @param array<string, mixed>       $attrs    Attributes.
	 * @param list<array<string, mixed>> $children Inner blocks.
	 * @return array<string, mixed>
	 */
	public static function block( string $name, array $attrs, array $children ): array {
		return array(
			'blockName'    => $name,
			'attrs'        => $attrs,
			'innerBlocks'  => $children,
			'innerHTML'    => '',
			'innerContent' => array(),
		);
	}
}
