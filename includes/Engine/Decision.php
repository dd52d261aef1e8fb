<?php
/**
 * What the engine did after a step.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * The decision recorded on every attempt (and every event row).
 *
 * @since 0.2.0
 */
enum Decision: string {

	case Retry      = 'retry';
	case Rotate_Key = 'rotate_key';
	case Fallback   = 'fallback';
	case Stop       = 'stop';
	case Done       = 'done';
	case Skip       = 'skip';
	case Defer      = 'defer';
}
