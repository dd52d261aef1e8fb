<?php
/**
 * Contract for a stream listener that holds text back while it decides.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * A listener that may keep the first deltas of a stream to itself for a while (the minimum
 * throughput probe) and decide at the end of that window, even when the provider sends nothing
 * more: the transport asks after each piece of the body how long the hold still lasts and ends
 * the transfer when it runs out without a new piece, so a stalled stream is judged on time rather
 * than at the attempt's time limit.
 *
 * @since n.e.x.t
 */
interface Holding_Listener extends Stream_Listener {

	/**
	 * How much longer, from now, the text received so far is held before the listener decides;
	 * null when it holds nothing (before the first delta, once released, or once given up).
	 */
	public function hold_ms(): ?float;
}
