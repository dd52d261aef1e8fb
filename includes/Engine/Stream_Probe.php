<?php
/**
 * Holds a stream's first text back until it shows the feature's minimum throughput.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Holding_Listener;
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Provider_Error;

/**
 * Sits between the provider's deltas and the run's listener for one attempt of a feature with a
 * throughput rule (and a fallback for slow_stream). From the first delta on, it keeps the text
 * to itself for the probe window:
 *
 * - as soon as the window's characters are in, everything held goes out as one delta and the
 *   stream is committed: from then on it is passed through as it comes, and stays honest (a later
 *   cut is `incomplete`, never another route's text);
 * - a stream that ends complete inside the window is a short answer: released as it is;
 * - a delta that arrives after the window, a stall (the transport ends the transfer when the hold
 *   runs out, see Holding_Listener) or a stream that breaks inside the window is too slow: the
 *   attempt is stopped, nothing of it reached the client, and the engine may fall back.
 *
 * The window starts at the first delta (the time to it is the latency rule's), and ends at the
 * latest at $decide_by_ms, which the engine sets within the attempt's time limit and early enough
 * in the run's budget for the next route to have its attempt; the rate the window must reach is
 * the same, over the shorter window.
 *
 * @since n.e.x.t
 */
final class Stream_Probe implements Holding_Listener {

	private const WAITING  = 0;
	private const HOLDING  = 1;
	private const RELEASED = 2;
	private const TOO_SLOW = 3;

	/**
	 * When the first delta arrived (clock ms), or null before it: the stream's time to first token.
	 *
	 * @var float|null
	 */
	public ?float $first_ms = null;

	private int $state = self::WAITING;

	/**
	 * Text held back, in order.
	 *
	 * @var list<string>
	 */
	private array $held = array();

	/**
	 * Characters that arrived inside the window.
	 *
	 * @var int
	 */
	private int $chars = 0;

	/**
	 * When the window ends (clock ms).
	 *
	 * @var float
	 */
	private float $window_ends_ms = 0.0;

	/**
	 * Why the stream was too slow, once it was.
	 *
	 * @var string
	 */
	private string $verdict = '';

	/**
	 * @param Stream_Listener $inner        The run's listener (the client).
	 * @param Clock           $clock        Time.
	 * @param Throughput_Rule $rule         The feature's rule.
	 * @param float           $decide_by_ms The latest clock time the probe may decide at.
	 */
	public function __construct(
		private readonly Stream_Listener $inner,
		private readonly Clock $clock,
		private readonly Throughput_Rule $rule,
		private readonly float $decide_by_ms,
	) {
	}

	public function on_event( string $event, array $data ): void {
		$this->inner->on_event( $event, $data );
	}

	public function on_delta( string $text ): bool {
		if ( self::RELEASED === $this->state ) {
			return $this->inner->on_delta( $text );
		}
		if ( self::TOO_SLOW === $this->state ) {
			return false;
		}
		$now = $this->clock->now_ms();
		if ( self::WAITING === $this->state ) {
			$this->first_ms       = $now;
			$this->window_ends_ms = min( $now + $this->rule->probe_ms, $this->decide_by_ms );
			$this->state          = self::HOLDING;
		} elseif ( $now > $this->window_ends_ms ) {
			// This piece came after the window: what arrived inside it is the measure, and it fell short.
			return $this->too_slow( $now, '' );
		}
		$this->held[] = $text;
		$this->chars += mb_strlen( $text );
		if ( $this->chars >= $this->rule->chars_needed( $this->window_ms() ) || $this->window_ms() <= 0 ) {
			return $this->release();
		}
		return true;
	}

	public function hold_ms(): ?float {
		return self::HOLDING === $this->state ? max( 0.0, $this->window_ends_ms - $this->clock->now_ms() ) : null;
	}

	/**
	 * After the call: releases a short answer that ended complete inside the window, and says why
	 * the stream was too slow when it was (null when its text went, or goes now, to the client).
	 *
	 * @param Chat_Result|Provider_Error $result What the call returned.
	 */
	public function settle( Chat_Result|Provider_Error $result ): ?string {
		if ( self::HOLDING === $this->state ) {
			if ( $result instanceof Chat_Result && $result->complete ) {
				$this->release();
				return null;
			}
			$why = $result instanceof Chat_Result ? (string) $result->incomplete_reason : $result->message;
			$this->too_slow( $this->clock->now_ms(), $why );
		}
		return self::TOO_SLOW === $this->state ? $this->verdict : null;
	}

	/**
	 * Whether the stream was committed to the client (its text went out, or goes out as it comes).
	 */
	public function released(): bool {
		return self::RELEASED === $this->state;
	}

	private function window_ms(): float {
		return null === $this->first_ms ? 0.0 : $this->window_ends_ms - $this->first_ms;
	}

	/**
	 * Sends everything held as one delta; from now on the stream passes through.
	 */
	private function release(): bool {
		$this->state = self::RELEASED;
		$text        = implode( '', $this->held );
		$this->held  = array();
		return '' === $text || $this->inner->on_delta( $text );
	}

	/**
	 * Drops what was held and stops the attempt.
	 *
	 * @param float  $now Clock ms of the decision.
	 * @param string $why Why the stream ended before its window did ('' when it did not).
	 */
	private function too_slow( float $now, string $why ): bool {
		$this->state = self::TOO_SLOW;
		$this->held  = array();
		$window      = $this->window_ms();
		$elapsed     = null === $this->first_ms ? 0.0 : $now - $this->first_ms;
		// A stall ends on the transport's timer, a hair either side of the window's end.
		$this->verdict = $elapsed + 1 < $window && '' !== $why
			? Explainer::stream_ended_in_probe( $this->chars, $elapsed, $window, $this->rule, $why )
			: Explainer::stream_too_slow( $this->chars, $window, $this->rule );
		return false;
	}
}
