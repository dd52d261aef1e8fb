<?php
/**
 * Output validation.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Output_Validator;

/**
 * Checks a caller can ask for: non_empty, min_length, regex, json (valid JSON), json_schema
 * (delegated to the schema validator given, WordPress's in production).
 *
 * @since 0.1.0
 */
final class Output_Checks implements Output_Validator {

	/**
	 * @param (callable(mixed, array<string, mixed>): ?string)|null $schema_validator Returns a problem or null.
	 */
	public function __construct( private readonly mixed $schema_validator = null ) {
	}

	/**
	 * Why a caller's validation pattern cannot be used, or null when it can: checked before the
	 * first attempt, so a broken pattern never costs a provider call.
	 *
	 * @param mixed $pattern The `validate.regex` value.
	 */
	public static function pattern_problem( mixed $pattern ): ?string {
		if ( ! is_string( $pattern ) || '' === $pattern ) {
			return null;
		}
		$valid = @preg_match( self::delimited( $pattern ), '' ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- the failure is the answer.
		return false === $valid ? __( 'validate.regex is not a valid regular expression.', 'ai-failover' ) : null;
	}

	public function problem( string $text, array $checks ): ?string {
		if ( ! empty( $checks['non_empty'] ) && '' === trim( $text ) ) {
			return __( 'The answer is empty.', 'ai-failover' );
		}
		if ( isset( $checks['min_length'] ) && mb_strlen( trim( $text ) ) < (int) $checks['min_length'] ) {
			/* translators: 1: Minimum length, 2: Actual length. */
			return sprintf( __( 'The answer is shorter than %1$d characters (%2$d).', 'ai-failover' ), (int) $checks['min_length'], mb_strlen( trim( $text ) ) );
		}
		if ( isset( $checks['regex'] ) && is_string( $checks['regex'] ) && '' !== $checks['regex'] ) {
			$matched = @preg_match( self::delimited( $checks['regex'] ), $text ); // phpcs:ignore WordPress.PHP.NoSilencedErrors.Discouraged -- an invalid caller pattern is reported below.
			if ( false === $matched ) {
				return __( 'The validation pattern is not a valid regular expression.', 'ai-failover' );
			}
			if ( 0 === $matched ) {
				return __( 'The answer does not match the required pattern.', 'ai-failover' );
			}
		}
		if ( ! empty( $checks['json'] ) || isset( $checks['json_schema'] ) ) {
			$decoded = json_decode( $text, true );
			if ( null === $decoded && 'null' !== trim( $text ) ) {
				return __( 'The answer is not valid JSON.', 'ai-failover' );
			}
			if ( isset( $checks['json_schema'] ) && is_array( $checks['json_schema'] ) && is_callable( $this->schema_validator ) ) {
				return ( $this->schema_validator )( $decoded, $checks['json_schema'] );
			}
		}
		return null;
	}

	/**
	 * @param string $pattern Caller's pattern.
	 */
	private static function delimited( string $pattern ): string {
		return '#' . str_replace( '#', '\#', $pattern ) . '#u';
	}
}
