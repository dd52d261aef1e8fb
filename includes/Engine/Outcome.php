<?php
/**
 * What came of a step.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * The outcome recorded on every attempt (and every event row).
 *
 * @since 0.2.0
 */
enum Outcome: string {

	case Success    = 'success';
	case Error      = 'error';
	case Skipped    = 'skipped';
	case Incomplete = 'incomplete';
}
