<?php
/**
 * Notes when a stream's first text arrives.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Stream_Listener;

/**
 * Passes everything on to the run's listener and keeps the clock's time of the first delta: a
 * stream's latency for the latency trigger is its time to first token, not the whole answer.
 * Used only by features with a latency rule, so other streams keep the listener as it is.
 *
 * @since n.e.x.t
 */
final class First_Token_Timer implements Stream_Listener {

	/**
	 * When the first delta arrived (clock ms), or null before it.
	 *
	 * @var float|null
	 */
	public ?float $first_ms = null;

	public function __construct(
		private readonly Stream_Listener $inner,
		private readonly Clock $clock,
	) {
	}

	public function on_event( string $event, array $data ): void {
		$this->inner->on_event( $event, $data );
	}

	public function on_delta( string $text ): bool {
		$this->first_ms ??= $this->clock->now_ms();
		return $this->inner->on_delta( $text );
	}
}
