<?php
/**
 * Decision-table column: what happens to the key.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * None; Reject (the key is taken out of rotation and the provider's next key is tried at once,
 * without using up an attempt); Rest (the key rests as long as the provider asked and a spare key
 * of the same provider is tried at once: the wait belongs to that key only).
 *
 * @since 0.2.0
 */
enum Key_Step: string {

	case None   = 'none';
	case Reject = 'reject';
	case Rest   = 'rest';
}
