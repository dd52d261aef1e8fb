<?php
/**
 * Decision-table column: may the same route be tried again?
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Never (retrying gives the same answer), Retry (after a backoff or the wait the provider asked),
 * or Unless_Fallback: only when no fallback route is ready to take the request, since a user of a
 * healthy fallback should not wait for a hanging or rate-limited route (a feature can opt in).
 *
 * @since 0.2.0
 */
enum Same_Route: string {

	case Never           = 'never';
	case Retry           = 'retry';
	case Unless_Fallback = 'unless_fallback';
}
