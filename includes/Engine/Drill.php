<?php
/**
 * Drills: the real decision logic on throw-away state.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Contracts\Clock;
use AI_Failover\Contracts\Event_Sink;
use AI_Failover\Contracts\Key_Pool;
use AI_Failover\Contracts\Output_Validator;
use AI_Failover\Contracts\Random_Source;
use AI_Failover\Contracts\Route_Caller;
use AI_Failover\Contracts\Sleeper;
use AI_Failover\Providers\Provider_Client;
use AI_Failover\Providers\Simulator_Transport;

/**
 * Builds the runner of one drill: the same Chain_Runner, over a copy of the keys and their states
 * (Drill_Key_Pool) and breakers seeded from the live ones in memory, with drilled routes answered
 * by the Simulator. Keys, key states and breakers of the site are only read; every attempt is
 * marked simulated, which keeps it out of health figures and alerts.
 *
 * @since 0.2.0
 */
final class Drill {

	/** Longest a drilled timeout really waits. */
	public const HANG_MS = 50;

	private readonly Route_Caller $simulator;

	/**
	 * @param Route_Caller|null $simulator Calls to the built-in Simulator (default: a Simulator whose hangs last HANG_MS).
	 */
	public function __construct( ?Route_Caller $simulator = null ) {
		$transport       = new Simulator_Transport( self::HANG_MS );
		$this->simulator = $simulator ?? new Provider_Client( $transport, $transport );
	}

	/**
	 * @param Route_Caller          $caller    Live caller.
	 * @param Key_Pool              $keys      Live keys (read only).
	 * @param Clock                 $clock     Clock.
	 * @param Sleeper               $sleeper   Sleeper.
	 * @param Random_Source         $random    Randomness.
	 * @param Circuit_Breaker       $breakers  Live breakers (read only).
	 * @param Event_Sink            $sink      Live sink.
	 * @param Output_Validator      $validator Output checks.
	 * @param list<Route>           $routes    The feature's routes.
	 * @param array<string, string> $simulate  Route id => class to inject.
	 */
	public function runner( Route_Caller $caller, Key_Pool $keys, Clock $clock, Sleeper $sleeper, Random_Source $random, Circuit_Breaker $breakers, Event_Sink $sink, Output_Validator $validator, array $routes, array $simulate ): Chain_Runner {
		$now        = (int) floor( $clock->now_ms() / 1000 );
		$drill_sink = new Drill_Event_Sink( $sink );
		$drill_keys = new Drill_Key_Pool( $keys, array_map( static fn( Route $r ) => $r->provider->id, $routes ), $now );
		$copy       = new Circuit_Breaker( new Memory_State_Store(), $clock, $drill_sink );
		foreach ( $routes as $route ) {
			self::seed( $breakers, $copy, Chain_Runner::route_subject( $route ) );
			foreach ( $drill_keys->usable( $route->provider->id, $now ) as $key ) {
				self::seed( $breakers, $copy, Chain_Runner::key_subject( $route, $key ) );
			}
		}
		// Only read: drop what the live breakers cached, so the site's next run reads afresh.
		$breakers->flush();
		return new Chain_Runner( new Drill_Caller( $caller, $this->simulator, $simulate ), $drill_keys, $clock, $sleeper, $random, $copy, $drill_sink, $validator, new Route_Planner( $random, $copy ), null, true );
	}

	/**
	 * Gives the copy the live breaker's state through the public API only (open stays open for
	 * the drill; a closed breaker keeps its failure count).
	 *
	 * @param Circuit_Breaker $live    Live breakers.
	 * @param Circuit_Breaker $copy    Drill breakers.
	 * @param string          $subject Subject.
	 */
	private static function seed( Circuit_Breaker $live, Circuit_Breaker $copy, string $subject ): void {
		$state = $live->state( $subject );
		$count = min( 1000, Circuit_Breaker::CLOSED === $state ? $live->failures( $subject ) : PHP_INT_MAX );
		while ( $count-- > 0 && Circuit_Breaker::OPEN !== $copy->state( $subject ) ) {
			$copy->record_failure( $subject );
		}
	}
}
