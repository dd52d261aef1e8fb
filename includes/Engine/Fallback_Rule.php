<?php
/**
 * Decision-table column: may the request move to the next route?
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Never (whatever the feature says), If_Allowed (the feature's trigger for the class decides),
 * Always (the route was not usable at all: skipped by the plan or an open breaker).
 *
 * @since 0.2.0
 */
enum Fallback_Rule: string {

	case Never      = 'never';
	case If_Allowed = 'if_allowed';
	case Always     = 'always';
}
