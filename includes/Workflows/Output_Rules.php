<?php
/**
 * A step's output rules.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Workflows;

/**
 * Splits a step's rules between the engine and the workflow. The engine's own checks
 * (Engine\Output_Checks: non_empty, min_length, regex, json, json_schema) go into the run request,
 * so a broken rule is a `validation_failed` attempt in the event log and the feature's
 * `validation_failed` trigger can fall back to its next route. The rules the engine does not know
 * (max_length, must_contain, must_not_contain) are checked here, on the answer the engine accepted.
 * Either way the step fails with class `validation_failed`.
 *
 * @since n.e.x.t
 */
final class Output_Rules {

	public const VALIDATION_FAILED = 'validation_failed';

	/**
	 * The rules for the engine's `validate` request field.
	 *
	 * @param array<string, mixed> $rules Step validation attribute.
	 * @return array<string, mixed>
	 */
	public static function for_engine( array $rules ): array {
		$checks = array_intersect_key( $rules, array_flip( array( 'non_empty', 'min_length', 'regex', 'json' ) ) );
		if ( isset( $checks['regex'] ) && '' === $checks['regex'] ) {
			unset( $checks['regex'] );
		}
		$schema = self::json_schema( $rules );
		if ( null !== $schema ) {
			$checks['json_schema'] = $schema;
		}
		return $checks;
	}

	/**
	 * What is wrong with an answer the engine accepted, by the rules the engine does not check.
	 *
	 * @param string               $text  Answer.
	 * @param array<string, mixed> $rules Step validation attribute.
	 */
	public static function problem( string $text, array $rules ): ?string {
		$length = mb_strlen( trim( $text ) );
		if ( isset( $rules['max_length'] ) && $length > (int) $rules['max_length'] ) {
			/* translators: 1: Maximum length, 2: Actual length. */
			return sprintf( __( 'The answer is longer than %1$d characters (%2$d).', 'ai-failover' ), (int) $rules['max_length'], $length );
		}
		foreach ( (array) ( $rules['must_contain'] ?? array() ) as $needle ) {
			if ( is_string( $needle ) && '' !== $needle && ! str_contains( $text, $needle ) ) {
				/* translators: %s: Required text. */
				return sprintf( __( 'The answer does not contain "%s".', 'ai-failover' ), $needle );
			}
		}
		foreach ( (array) ( $rules['must_not_contain'] ?? array() ) as $needle ) {
			if ( is_string( $needle ) && '' !== $needle && str_contains( $text, $needle ) ) {
				/* translators: %s: Forbidden text. */
				return sprintf( __( 'The answer contains "%s".', 'ai-failover' ), $needle );
			}
		}
		return null;
	}

	/**
	 * Why a rule set cannot be applied (an invalid pattern or schema, contradictory lengths).
	 *
	 * @param array<string, mixed> $rules Step validation attribute.
	 * @return list<string>
	 */
	public static function rule_problems( array $rules ): array {
		$problems = array();
		$regex    = $rules['regex'] ?? '';
		if ( is_string( $regex ) && '' !== $regex && false === @preg_match( '#' . str_replace( '#', '\#', $regex ) . '#u', '' ) ) { // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- an invalid pattern is the answer here.
			$problems[] = __( 'The validation pattern is not a valid regular expression.', 'ai-failover' );
		}
		if ( isset( $rules['min_length'], $rules['max_length'] ) && (int) $rules['min_length'] > (int) $rules['max_length'] ) {
			$problems[] = __( 'The minimum length is greater than the maximum length.', 'ai-failover' );
		}
		if ( isset( $rules['json_schema'] ) && '' !== $rules['json_schema'] && null === self::json_schema( $rules ) ) {
			$problems[] = __( 'The JSON Schema is not a JSON object.', 'ai-failover' );
		}
		return $problems;
	}

	/**
	 * The decoded JSON Schema rule, or null when absent or not a JSON object.
	 *
	 * @param array<string, mixed> $rules Rules.
	 * @return array<string, mixed>|null
	 */
	private static function json_schema( array $rules ): ?array {
		$text = $rules['json_schema'] ?? '';
		if ( ! is_string( $text ) || '' === trim( $text ) ) {
			return null;
		}
		if ( ! is_object( json_decode( $text ) ) ) {
			return null;
		}
		return (array) json_decode( $text, true );
	}
}
