<?php
/**
 * Contract for checking an answer before accepting it.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * A failed check counts as an attempt failure of class validation_failed.
 *
 * @since 0.1.0
 */
interface Output_Validator {

	/**
	 * Why $text fails the checks, or null when it passes.
	 *
	 * @param string               $text   Answer.
	 * @param array<string, mixed> $checks Checks: non_empty, min_length, regex, json, json_schema.
	 */
	public function problem( string $text, array $checks ): ?string;
}
