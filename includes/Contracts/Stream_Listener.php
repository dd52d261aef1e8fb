<?php
/**
 * Contract for receiving a streamed run as it happens.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Contracts;

/**
 * Gets a run's events while the run is still going: each attempt as it ends, each fallback as it
 * starts, and the answer's text piece by piece as the provider sends it. The engine keeps the
 * streaming rules, so a listener can forward everything at once: text only ever comes from the
 * one attempt that answers (a failure before the first piece may still fall back; after it, the
 * run ends as incomplete and no other route is called).
 *
 * A listener must not throw: it runs inside the HTTP transfer. When nobody listens any more (a
 * client that went away), on_delta() says so, and the attempt stops reading the provider at once:
 * the run ends as incomplete with the text so far, and no tokens are generated for no one.
 *
 * @since 0.2.0
 */
interface Stream_Listener {

	/**
	 * A run event: `attempt` (Attempt::to_array(), when the attempt ends) or `fallback`
	 * (from, to, reason, when the run moves to its next route).
	 *
	 * @param string               $event Event name.
	 * @param array<string, mixed> $data  Event data.
	 */
	public function on_event( string $event, array $data ): void;

	/**
	 * The next piece of the answer's text.
	 *
	 * @param string $text Text, never empty.
	 * @return bool False when nobody is listening any more: stop the attempt.
	 */
	public function on_delta( string $text ): bool;
}
