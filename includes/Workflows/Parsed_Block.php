<?php
/**
 * Reading parse_blocks() output.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Typed access to one block of parse_blocks() output, whatever the editor (or a hand-written
 * post) put there.
 *
 * @since n.e.x.t
 */
final class Parsed_Block {

	/**
	 * @param array<string, mixed> $block Block.
	 * @return array<int, array<string, mixed>>
	 */
	public static function inner( array $block ): array {
		return array_values( array_filter( (array) ( $block['innerBlocks'] ?? array() ), 'is_array' ) );
	}

	/**
	 * @param array<string, mixed> $block Block.
	 * @param string               $attr  String attribute (default '').
	 */
	public static function text( array $block, string $attr ): string {
		$value = $block['attrs'][ $attr ] ?? '';
		return is_string( $value ) ? $value : '';
	}

	/**
	 * @param array<string, mixed> $block Block.
	 */
	public static function name_of( array $block ): string {
		return is_string( $block['blockName'] ?? null ) ? $block['blockName'] : 'core/freeform';
	}

	/**
	 * Whitespace between blocks (parse_blocks() returns it as a block without a name).
	 *
	 * @param array<string, mixed> $block Block.
	 */
	public static function is_blank( array $block ): bool {
		return null === ( $block['blockName'] ?? null ) && '' === trim( (string) ( $block['innerHTML'] ?? '' ) );
	}
}
