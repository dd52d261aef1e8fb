<?php
/**
 * `{{…}}` templates of prompts, stop messages and outputs.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Variables: `input.<name>`, `steps.<step-id>.output` and, inside an On failure branch,
 * `error.<field>`. Whitespace inside the braces is allowed. Pure PHP: the parser lists the
 * variables a template uses, the runner renders it.
 *
 * @since n.e.x.t
 */
final class Template {

	/** Fields of `{{error.*}}`, the typed error of the nearest enclosing failed step. */
	public const ERROR_FIELDS = array( 'class', 'status', 'provider', 'model', 'message', 'attempts', 'retry_after' );

	/**
	 * Fields of `{{post.*}}`: the post that triggered an on-publish run (empty on other runs), plus
	 * `{{post.meta.<key>}}` for one of its meta values.
	 */
	public const POST_FIELDS = array( 'id', 'title', 'content', 'excerpt', 'type', 'status', 'url' );

	private const PATTERN = '/\{\{\s*([^{}]*?)\s*\}\}/';

	/**
	 * Whether a variable is one of the on-publish post's (`post.title`, `post.meta.subtitle`).
	 *
	 * @param string $variable Variable as written, without braces.
	 */
	public static function is_post_variable( string $variable ): bool {
		$parts = explode( '.', $variable );
		if ( 'post' !== $parts[0] ) {
			return false;
		}
		if ( 2 === count( $parts ) ) {
			return in_array( $parts[1], self::POST_FIELDS, true );
		}
		return 3 === count( $parts ) && 'meta' === $parts[1] && 1 === preg_match( '/^[A-Za-z0-9_-]{1,100}$/', $parts[2] );
	}

	/**
	 * The variables a template uses, as written (without braces and spaces), in order, unique.
	 *
	 * @param string $template Template.
	 * @return list<string>
	 */
	public static function variables( string $template ): array {
		preg_match_all( self::PATTERN, $template, $matches );
		return array_values( array_unique( $matches[1] ) );
	}

	/**
	 * Replaces each variable by its value. A variable without a value becomes '' (the parser has
	 * already refused templates that use undefined variables, so this only happens when a branch
	 * stood in for a step and produced nothing).
	 *
	 * @param string                $template Template.
	 * @param array<string, string> $values   Variable => value.
	 */
	public static function render( string $template, array $values ): string {
		return (string) preg_replace_callback(
			self::PATTERN,
			static fn( array $match ): string => $values[ $match[1] ] ?? '',
			$template
		);
	}
}
