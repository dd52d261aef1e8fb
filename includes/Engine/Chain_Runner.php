<?php
/**
 * The fallback engine.
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
use AI_Failover\Contracts\Stream_Listener;
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Secrets\Resolved_Key;

/**
 * Runs one request through a feature's routes and keys, and returns the answer with the whole
 * story. What each class of failure leads to is the Decision_Table's; this class applies it
 * within the bounds: attempts per route, the total budget (no sleep ever passes it), and a loop
 * guard of routes x attempts + keys. A stream that broke after its first token reached the
 * client ends as incomplete, never switches route; with a throughput rule, a stream's first text
 * may be held for a probe window (Stream_Probe), and one too slow is dropped before it is committed
 * and may still fall back. A drill (`simulate`) runs the same logic on throw-away state.
 *
 * @since 0.1.0
 */
final class Chain_Runner {

	/** Below this, an attempt is not worth starting. */
	private const MIN_ATTEMPT_MS = 250;

	private readonly Route_Planner $planner;

	private readonly Drill $drill;

	/**
	 * Whether this run's bookkeeping already failed once (the shared store is down): skip the rest.
	 *
	 * @var bool
	 */
	private bool $books_lost = false;

	/**
	 * A sentence for the next attempt recorded: why the route's breaker just opened.
	 *
	 * @var string
	 */
	private string $pending_note = '';

	/**
	 * Routes whose latency probe this run holds (route id => true): their next sample decides.
	 *
	 * @var array<string, true>
	 */
	private array $latency_probes = array();

	/**
	 * The spend accounts this run counts against (none without a budget, and in drills).
	 *
	 * @var list<array{account: string, limit: float, downgrade_at_pct: int, label: string}>
	 */
	private array $spend = array();

	/**
	 * @param Route_Caller       $caller    Makes the calls.
	 * @param Key_Pool           $keys      Keys and their states.
	 * @param Clock              $clock     Time.
	 * @param Sleeper            $sleeper   Waits.
	 * @param Random_Source      $random    Jitter and weights.
	 * @param Circuit_Breaker    $breakers  Breakers per route and key.
	 * @param Event_Sink         $sink      Where the story goes.
	 * @param Output_Validator   $validator The caller's output checks.
	 * @param Route_Planner|null $planner   Order of the routes (default: over the same randomness and breakers).
	 * @param Drill|null         $drill     Builds the throw-away state of drills.
	 * @param bool               $is_drill  Whether this runner is a drill's.
	 * @param Route_Health|null  $health    Failure scores kept for adaptive features (null: none).
	 * @param Spend_Budget|null  $budget    Spend budgets (null: none are enforced).
	 */
	public function __construct(
		private readonly Route_Caller $caller,
		private readonly Key_Pool $keys,
		private readonly Clock $clock,
		private readonly Sleeper $sleeper,
		private readonly Random_Source $random,
		private readonly Circuit_Breaker $breakers,
		private readonly Event_Sink $sink,
		private readonly Output_Validator $validator,
		?Route_Planner $planner = null,
		?Drill $drill = null,
		private readonly bool $is_drill = false,
		private readonly ?Route_Health $health = null,
		private readonly ?Spend_Budget $budget = null,
	) {
		$this->planner = $planner ?? new Route_Planner( $random, $breakers );
		$this->drill   = $drill ?? new Drill();
	}

	/**
	 * Runs the request.
	 *
	 * @param Feature_Policy $policy  Feature policy (bounds already enforced).
	 * @param list<Route>    $routes  The feature's routes, primary first.
	 * @param Run_Request    $request Request.
	 */
	public function run( Feature_Policy $policy, array $routes, Run_Request $request ): Run_Result {
		if ( $request->simulate && ! $this->is_drill ) {
			return $this->drill->runner( $this->caller, $this->keys, $this->clock, $this->sleeper, $this->random, $this->breakers, $this->sink, $this->validator, $routes, $request->simulate )->run( $policy, $routes, $request );
		}
		$this->books_lost     = false;
		$this->latency_probes = array();
		$latency              = $this->is_drill ? null : $policy->latency;
		// The whole shared state of the run's providers in one read: every route's and key's breaker, and
		// (through the store) their key states and, with a latency rule, the routes' latency windows;
		// later questions about any of them cost no query.
		$this->breakers->load(
			array_map( static fn( Route $route ): string => self::route_subject( $route ), $routes ),
			null === $latency ? 0 : $latency->since_ms( (int) floor( $this->clock->now_ms() ) )
		);
		$run = new Run_State( bin2hex( random_bytes( 8 ) ), $this->clock->now_ms(), $policy->budget_ms );
		$this->sink->run_started( $run->id, $policy, $request );
		$max_out = $request->chat->max_tokens ?? Route_Planner::DEFAULT_OUTPUT_TOKENS;
		$plan    = $this->planner->plan( $policy, $routes, $request->estimated_input_tokens(), $max_out );

		$this->spend = null !== $this->budget && ! $this->is_drill ? $this->budget->accounts( $policy ) : array();
		if ( null !== $this->budget && $this->spend ) {
			$status = $this->budget->status( $this->spend );
			if ( Spend_Budget::NORMAL !== $status['level'] ) {
				// Near (or at) a limit: the cheaper routes the feature allows go first, and the run says why.
				$plan['order']      = Route_Planner::cheapest_first( $plan['order'], $request->estimated_input_tokens(), $max_out );
				$this->pending_note = Explainer::budget_downgrade( $status['spent'], $status['limit'], $status['label'], $this->downgrade_pct( $status['label'] ) );
			}
		}

		foreach ( $plan['skipped'] as $skip ) {
			$this->record( $run, Attempt::skipped( $run->next_index(), $skip['route'], $skip['class'], $this->offset( $run ), Decision::Skip, $skip['reason'] ) );
		}
		$order    = null === $latency ? $plan['order'] : $this->demote_slow( $run, $policy, $latency, $plan['order'] );
		$reserved = $policy->fallback_reserved( $request->roles );
		if ( '' !== $reserved && count( $order ) > 1 ) {
			// A paid tier: this caller is served by the first route or not at all, and the run says so.
			$order              = array_slice( $order, 0, 1 );
			$this->pending_note = trim( $this->pending_note . ' ' . $reserved );
		} else {
			$reserved = '';
		}
		$route_order = array_map( static fn( Route $r ) => $r->id(), $order );
		if ( ! $order ) {
			return $this->finish( $run, $policy, Route_Outcome::stop( Engine_Class::No_Route, Explainer::no_route(), Explainer::no_route() ), $route_order );
		}

		$key_total = 0;
		foreach ( $order as $route ) {
			$key_total += max( 1, count( $this->keys->usable( $route->provider->id, $this->now_s() ) ) );
		}
		$run->attempt_cap = count( $order ) * $policy->attempts_per_route + $key_total;

		$queue   = $order;
		$outages = new Region_Outage( $this->breakers );
		while ( $queue ) {
			$route  = array_shift( $queue );
			$region = $outages->of( $route, $order );
			if ( null !== $region ) {
				// Every route of this region is down: skip them all at once, and say so.
				$skipped = array_merge( array( $route ), array_values( array_filter( $queue, static fn( Route $r ): bool => in_array( $r, $region, true ) ) ) );
				$queue   = array_values( array_filter( $queue, static fn( Route $r ): bool => ! in_array( $r, $region, true ) ) );
				$next    = $queue[0] ?? null;
				$reason  = Explainer::region_outage( $route->provider->region, count( $region ), $next );
				$outcome = Route_Outcome::fall_back( Engine_Class::Region_Outage, $reason, $reason );
				foreach ( $skipped as $member ) {
					$this->record( $run, Attempt::skipped( $run->next_index(), $member, Engine_Class::Region_Outage, $this->offset( $run ), Decision::Skip, $reason ) );
				}
			} else {
				$next    = $queue[0] ?? null;
				$outcome = $this->try_route( $run, $policy, $route, $next, $request );
			}
			if ( Decision::Fallback !== $outcome->decision || null === $next ) {
				return $this->finish( $run, $policy, $outcome, $route_order, $reserved );
			}
			$this->sink->fallback_started( $run->id, $route->id(), $next->id(), $outcome->reason );
		}//end while
		// Not reached: the last route's outcome always finishes the run.
		return $this->finish( $run, $policy, Route_Outcome::stop( Engine_Class::No_Route, Explainer::no_route(), Explainer::no_route() ), $route_order );
	}

	/**
	 * Ends a run the caller may not make before any provider is called (a feature's access
	 * rule refused it), logged like any run: one skipped attempt on the primary route that says
	 * why, so the refusal shows in the event log and no upstream request is ever sent.
	 *
	 * @since n.e.x.t
	 *
	 * @param Feature_Policy $policy  Feature policy.
	 * @param list<Route>    $routes  The feature's routes, primary first.
	 * @param Run_Request    $request Request.
	 * @param Engine_Class   $class   Why (access_denied).
	 * @param string         $reason  The sentence.
	 */
	public function refuse( Feature_Policy $policy, array $routes, Run_Request $request, Engine_Class $class, string $reason ): Run_Result {
		$this->books_lost = false;
		$run              = new Run_State( bin2hex( random_bytes( 8 ) ), $this->clock->now_ms(), $policy->budget_ms );
		$this->sink->run_started( $run->id, $policy, $request );
		if ( $routes ) {
			$this->record( $run, Attempt::skipped( $run->next_index(), $routes[0], $class, 0.0, Decision::Stop, $reason ) );
		}
		return $this->finish( $run, $policy, Route_Outcome::stop( $class, $reason, $reason ), array() );
	}

	/**
	 * Attempts on one route until it answers, fails for good, or hands over.
	 *
	 * @param Run_State      $run     Run.
	 * @param Feature_Policy $policy  Policy.
	 * @param Route          $route   Route.
	 * @param Route|null     $next    The route after it.
	 * @param Run_Request    $request Request.
	 */
	private function try_route( Run_State $run, Feature_Policy $policy, Route $route, ?Route $next, Run_Request $request ): Route_Outcome {
		if ( ! $this->breakers->allows( self::route_subject( $route ) ) ) {
			$reason = Explainer::breaker_open( $next );
			$this->record( $run, Attempt::skipped( $run->next_index(), $route, Engine_Class::Breaker_Open, $this->offset( $run ), Decision::Skip, $reason ) );
			return Route_Outcome::fall_back( Engine_Class::Breaker_Open, $reason, $reason );
		}

		$keys = $this->route_keys( $route );
		if ( ! $keys && $this->keys->usable( $route->provider->id, $this->now_s() ) ) {
			// Keys there, each behind an open breaker: the 5xx that opened them count against the route too,
			// so the route is down, not its keys; a key problem would never fall back.
			$reason = Explainer::breaker_open( $next );
			$this->record( $run, Attempt::skipped( $run->next_index(), $route, Engine_Class::Breaker_Open, $this->offset( $run ), Decision::Skip, $reason ) );
			return Route_Outcome::fall_back( Engine_Class::Breaker_Open, $reason, $reason );
		}
		if ( ! $keys ) {
			return $this->no_key( $run, $policy, $route, $next );
		}

		$key_index = 0;
		$tries     = 0;
		while ( $tries < $policy->attempts_per_route ) {
			if ( $run->attempts >= $run->attempt_cap ) {
				return Route_Outcome::stop( Engine_Class::Loop_Guard, Explainer::loop_guard(), Explainer::loop_guard() );
			}
			$remaining = $run->remaining_ms( $this->clock->now_ms() );
			if ( $remaining < self::MIN_ATTEMPT_MS ) {
				return Route_Outcome::stop( Engine_Class::Budget_Exhausted, Explainer::budget_used(), Explainer::budget_used() );
			}

			$reserved = 0.0;
			if ( null !== $this->budget && $this->spend && ! $route->over_budget ) {
				$estimate = $route->cost( $request->estimated_input_tokens(), $request->chat->max_tokens ?? Route_Planner::DEFAULT_OUTPUT_TOKENS );
				$refused  = $this->budget->reserve( $this->spend, $estimate );
				if ( null !== $refused ) {
					$reason = Explainer::over_spend_budget( $estimate, $refused['spent'], $refused['limit'], $refused['label'], $next );
					$this->record( $run, Attempt::skipped( $run->next_index(), $route, Engine_Class::Over_Spend_Budget, $this->offset( $run ), Decision::Skip, $reason ) );
					return Route_Outcome::fall_back( Engine_Class::Over_Spend_Budget, $reason, $reason );
				}
				$reserved = $estimate;
			}

			$key      = $keys[ $key_index ];
			$started  = $this->clock->now_ms();
			$probe    = $this->stream_probe( $policy, $request, $next, $started, $remaining );
			$timer    = null === $probe && null !== $policy->latency && null !== $request->listener && ! $this->is_drill ? new First_Token_Timer( $request->listener, $this->clock ) : null;
			$result   = $this->call( $policy, $route, $key, $request, $remaining, $probe ?? $timer );
			$duration = $this->clock->now_ms() - $started;
			++$run->attempts;
			$first_ms = $probe->first_ms ?? $timer?->first_ms;
			$this->latency_sample( $policy, $route, $result, null === $first_ms ? $duration : $first_ms - $started );
			if ( null !== $this->budget && $this->spend ) {
				// What the attempt really cost (a failed call costs nothing; a paid answer that failed validation does).
				$actual = $result instanceof Chat_Result ? $route->cost( $result->input_tokens, $result->output_tokens ) : 0.0;
				$this->books( fn() => $this->budget->settle( $this->spend, $reserved, $actual ) );
			}

			$paid = null;
			$slow = $probe?->settle( $result );
			if ( null !== $slow ) {
				// Too slow before any of its text went out: dropped, and the run may still move on.
				$paid   = $result instanceof Chat_Result ? $result : null;
				$result = new Provider_Error( Error_Class::Timeout, 200, Engine_Class::Slow_Stream->value, $slow );
				$class  = Engine_Class::Slow_Stream;
			} elseif ( $result instanceof Chat_Result ) {
				// The feature's stored rules first, then the request's own.
				$problem = $result->complete ? ( $this->validator->problem( $result->text, $policy->quality ) ?? $this->validator->problem( $result->text, $request->validate ) ) : null;
				if ( null === $problem ) {
					$this->health( $policy, $route, false );
					return $this->answered( $run, $policy, $route, $key, $result, $started, $duration );
				}
				$paid   = $result;
				$result = new Provider_Error( Error_Class::Invalid_Response, 200, 'validation_failed', $problem );
				$class  = Engine_Class::Validation_Failed;
			} else {
				$class = $result->class;
			}
			$rule = Decision_Table::rule( $class );
			if ( $rule->breaker ) {
				$this->breaker_failure( $policy, $route, $key );
				$this->health( $policy, $route, true );
			}

			$attempt  = Attempt::failed( $run->next_index(), $route, $key, $started - $run->started_ms, $duration, $class, $result, $paid );
			$what     = Explainer::what( $result, $class );
			$who      = Explainer::who( $route, $key );
			$spare    = $keys[ $key_index + 1 ] ?? null;
			$fallback = null !== $next && $policy->may_fall_back( $class );

			// The key's problem: rotate within the provider, never change provider for it.
			if ( Key_Step::Reject === $rule->key ) {
				if ( null !== $key ) {
					$this->books( fn() => $this->keys->mark_dead( $route->provider->id, $key->id, $what . ': ' . $result->message, $this->now_s() ) );
				}
				if ( null === $spare ) {
					$reason = Explainer::key_rejected_stop( $what, $who );
					$this->record( $run, $attempt->decided( Decision::Stop, $reason ) );
					return Route_Outcome::stop( Engine_Class::Keys_Exhausted, $result->message, $reason );
				}
				$this->record( $run, $attempt->decided( Decision::Rotate_Key, Explainer::key_rejected_rotated( $what, $who, $spare->label ) ) );
				++$key_index;
				continue;
				// A rejected key does not use up one of the route's attempts.
			}
			$asked_ms = null === $result->retry_after ? null : (int) ceil( $result->retry_after * 1000 );
			if ( Key_Step::Rest === $rule->key && null !== $key ) {
				// The wait the provider asked for belongs to this key: it rests, so other
				// requests skip it too, and a spare key is tried at once.
				$rest_ms = $asked_ms ?? 1000;
				$this->books( fn() => $this->keys->cool_down( $route->provider->id, $key->id, (int) ceil( ( $this->clock->now_ms() + $rest_ms ) / 1000 ), $what ) );
				if ( null !== $spare ) {
					$this->record( $run, $attempt->decided( Decision::Rotate_Key, Explainer::key_resting_rotated( $what, $who, $rest_ms, $spare->label ) ) );
					++$key_index;
					continue;
				}
			}

			++$tries;
			if ( Same_Route::Never === $rule->same_route ) {
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $what, $who, Engine_Class::Slow_Stream === $class ? $result->message : Explainer::why_permanent( $class ) );
			}
			$retry_anyway = Error_Class::Timeout === $class && $policy->retry_timeouts;
			if ( Same_Route::Unless_Fallback === $rule->same_route && $fallback && ! $retry_anyway ) {
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $what, $who, Explainer::why_fallback_ready( $asked_ms ) );
			}
			if ( $tries >= $policy->attempts_per_route ) {
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $what, $who, Explainer::why_no_attempt_left() );
			}

			$wait_ms = $asked_ms ?? Backoff::delay_ms( $tries, $policy->base_delay_ms, $policy->max_delay_ms, $this->random, $fallback );
			if ( $fallback && $wait_ms > Backoff::FALLBACK_READY_CAP_MS ) {
				// A long wait the provider asked for, while a healthy fallback is ready: move on.
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $what, $who, Explainer::why_fallback_ready( $wait_ms ) );
			}
			if ( $wait_ms + self::MIN_ATTEMPT_MS > $run->remaining_ms( $this->clock->now_ms() ) ) {
				if ( $request->background ) {
					$reason = Explainer::deferred( $what, $who, $wait_ms );
					$this->record( $run, $attempt->decided( Decision::Defer, $reason ) );
					return Route_Outcome::defer( $reason, $wait_ms / 1000.0 );
				}
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $what, $who, Explainer::why_wait_too_long( $wait_ms ) );
			}
			$this->record( $run, $attempt->decided( Decision::Retry, Explainer::retried( $what, $who, $wait_ms, null !== $asked_ms, $tries + 1, $policy->attempts_per_route ) ) );
			if ( $wait_ms > 0 ) {
				$this->sleeper->sleep_ms( $wait_ms );
			}
		}//end while

		return Route_Outcome::stop( Engine_Class::Attempts_Exhausted, Explainer::no_attempt_left(), Explainer::no_attempt_left() );
	}

	/**
	 * The one place a provider is called.
	 *
	 * @param Feature_Policy       $policy    Policy.
	 * @param Route                $route     Route.
	 * @param Resolved_Key|null    $key       Key.
	 * @param Run_Request          $request   Request.
	 * @param float                $remaining Budget left.
	 * @param Stream_Listener|null $listener  The request's listener wrapped (throughput probe, first-token timer), or null for the request's own.
	 */
	private function call( Feature_Policy $policy, Route $route, ?Resolved_Key $key, Run_Request $request, float $remaining, ?Stream_Listener $listener = null ): Chat_Result|Provider_Error {
		return $this->caller->chat(
			$route->provider,
			$route->model,
			$key?->secret() ?? '',
			$request->chat,
			array(
				'connect_ms'    => (int) min( $policy->connect_ms, $remaining ),
				'total_ms'      => (int) min( $policy->attempt_ms, $remaining ),
				'first_byte_ms' => (int) min( $policy->first_byte_ms, $remaining ),
			),
			$listener ?? $request->listener
		);
	}

	/**
	 * The throughput probe of a streamed attempt, or null when nothing is to be held: no rule, no
	 * client listening, a drill, or no way to act on a slow stream (no next route, or the feature
	 * does not allow fallback on slow_stream), since dropping it would only leave the caller with
	 * nothing. The probe decides within the attempt's time limit, and early enough for the next
	 * route to still get an attempt of at least MIN_ATTEMPT_MS.
	 *
	 * @param Feature_Policy $policy    Policy.
	 * @param Run_Request    $request   Request.
	 * @param Route|null     $next      The route after this one.
	 * @param float          $started   When the attempt starts (clock ms).
	 * @param float          $remaining The run's budget left.
	 */
	private function stream_probe( Feature_Policy $policy, Run_Request $request, ?Route $next, float $started, float $remaining ): ?Stream_Probe {
		if ( null === $policy->throughput || null === $request->listener || ! $request->chat->stream || $this->is_drill || null === $next || ! $policy->may_fall_back( Engine_Class::Slow_Stream ) ) {
			return null;
		}
		return new Stream_Probe( $request->listener, $this->clock, $policy->throughput, $started + min( $policy->attempt_ms, $remaining - self::MIN_ATTEMPT_MS ) );
	}

	/**
	 * Applies the feature's latency rule to the planned order: a route whose p95 over the window
	 * is over the threshold goes after the others (or, when the rule skips, out), with a skipped
	 * attempt that says why, unless it holds the route's one probe, which keeps its place. When
	 * every route is slow there is nothing faster to prefer: the order stays as planned.
	 *
	 * @param Run_State      $run    Run.
	 * @param Feature_Policy $policy Policy.
	 * @param Latency_Rule   $rule   The feature's latency rule.
	 * @param list<Route>    $order  Planned order.
	 * @return list<Route>
	 */
	private function demote_slow( Run_State $run, Feature_Policy $policy, Latency_Rule $rule, array $order ): array {
		$kept = array();
		$slow = array();
		foreach ( $order as $route ) {
			$window = $this->breakers->latency_window( Latency_Rule::subject( $route ) );
			if ( ! $rule->too_slow( $window['requests'], $window['slow'] ) ) {
				$kept[] = $route;
				continue;
			}
			$probe = false;
			$this->books(
				function () use ( $rule, $policy, $route, &$probe ): void {
					$probe = $this->breakers->claim_latency_probe( Latency_Rule::subject( $route ), $rule->probe_ttl_ms( $policy->attempt_ms ) );
				}
			);
			if ( $probe ) {
				$this->latency_probes[ $route->id() ] = true;
				$kept[]                               = $route;
				continue;
			}
			$slow[] = array( $route, $window );
		}//end foreach
		$faster = array_values( array_filter( $kept, fn( Route $r ): bool => ! isset( $this->latency_probes[ $r->id() ] ) ) );
		if ( ! $slow || ! $faster ) {
			return $order;
		}
		foreach ( $slow as list( $route, $window ) ) {
			$reason = Explainer::latency_demoted( $window['requests'], $window['slow'], $rule, $faster[0] );
			$this->record( $run, Attempt::skipped( $run->next_index(), $route, Engine_Class::Latency_Demoted, $this->offset( $run ), Decision::Skip, $reason ) );
		}
		return $rule->demote ? array_merge( $kept, array_column( $slow, 0 ) ) : $kept;
	}

	/**
	 * Counts one attempt in its route's latency window (features with a latency rule, real runs):
	 * an answer (time to first token for a stream) and a timeout, which was slow by definition of
	 * waiting; other failures say nothing of the route's speed.
	 *
	 * @param Feature_Policy             $policy     Policy.
	 * @param Route                      $route      Route.
	 * @param Chat_Result|Provider_Error $result     What the attempt got.
	 * @param float                      $latency_ms Time to the first token (streams) or to the answer.
	 */
	private function latency_sample( Feature_Policy $policy, Route $route, Chat_Result|Provider_Error $result, float $latency_ms ): void {
		$rule = $policy->latency;
		if ( null === $rule || $this->is_drill || ( $result instanceof Provider_Error && Error_Class::Timeout !== $result->class ) ) {
			return;
		}
		$probe = isset( $this->latency_probes[ $route->id() ] );
		unset( $this->latency_probes[ $route->id() ] );
		$slow = $result instanceof Provider_Error || $rule->is_slow( $latency_ms );
		$this->books(
			function () use ( $rule, $route, $slow, $probe, $latency_ms ): void {
				if ( $this->breakers->record_latency( Latency_Rule::subject( $route ), $slow, $probe ) ) {
					$this->pending_note = trim( $this->pending_note . ' ' . Explainer::latency_recovered( $latency_ms, $rule ) );
				}
			}
		);
	}

	/**
	 * The route will not be tried again: fall back if the table and the feature allow it, else stop.
	 *
	 * @param Run_State                $run     Run.
	 * @param Feature_Policy           $policy  Policy.
	 * @param Attempt                  $attempt The last attempt.
	 * @param Error_Class|Engine_Class $class   Class.
	 * @param Provider_Error           $error   Error.
	 * @param Route|null               $next    Next route.
	 * @param string                   $what    Status and class.
	 * @param string                   $who     Who failed.
	 * @param string                   $why     Why the route is not tried again.
	 */
	private function hand_over( Run_State $run, Feature_Policy $policy, Attempt $attempt, Error_Class|Engine_Class $class, Provider_Error $error, ?Route $next, string $what, string $who, string $why ): Route_Outcome {
		if ( null !== $next && $policy->may_fall_back( $class ) ) {
			$reason = Explainer::fell_back( $what, $who, $why, $next, $class );
			$this->record( $run, $attempt->decided( Decision::Fallback, $reason ) );
			return Route_Outcome::fall_back( $class, $error->message, $reason, $error->retry_after );
		}
		$reason = Explainer::stopped( $what, $who, $why, $next, $class );
		$this->record( $run, $attempt->decided( Decision::Stop, $reason ) );
		return Route_Outcome::stop( $class, $error->message, $reason, $error->retry_after );
	}

	/**
	 * A route whose provider has no usable key: resting keys count as a rate limit, dead or
	 * missing keys as keys_exhausted.
	 *
	 * @param Run_State      $run    Run.
	 * @param Feature_Policy $policy Policy.
	 * @param Route          $route  Route.
	 * @param Route|null     $next   Next route.
	 */
	private function no_key( Run_State $run, Feature_Policy $policy, Route $route, ?Route $next ): Route_Outcome {
		$until = $this->keys->cooling_until( $route->provider->id, $this->now_s() );
		if ( null !== $until ) {
			$fallback = null !== $next && $policy->may_fall_back( Error_Class::Rate_Limited );
			$reason   = Explainer::all_keys_resting( $route, $fallback ? $next : null );
			$this->record( $run, Attempt::skipped( $run->next_index(), $route, Error_Class::Rate_Limited, $this->offset( $run ), $fallback ? Decision::Fallback : Decision::Stop, $reason ) );
			$wait = (float) max( 0, $until - $this->now_s() );
			return $fallback ? Route_Outcome::fall_back( Error_Class::Rate_Limited, $reason, $reason, $wait ) : Route_Outcome::stop( Error_Class::Rate_Limited, $reason, $reason, $wait );
		}
		$reason = Explainer::no_usable_key( $route );
		$this->record( $run, Attempt::skipped( $run->next_index(), $route, Engine_Class::Keys_Exhausted, $this->offset( $run ), Decision::Stop, $reason ) );
		return Route_Outcome::stop( Engine_Class::Keys_Exhausted, $reason, $reason );
	}

	/**
	 * The keys to rotate through on a route. A provider's keys are sent whenever it has usable
	 * ones, whatever its preset: the preset only says whether a key is required. [null] means a
	 * call without a key. A drill sees the same keys, so it shows what a real run would do.
	 *
	 * @param Route $route Route.
	 * @return list<Resolved_Key|null>
	 */
	private function route_keys( Route $route ): array {
		$keys = array_values(
			array_filter(
				$this->keys->usable( $route->provider->id, $this->now_s() ),
				fn( Resolved_Key $key ) => $this->breakers->allows( self::key_subject( $route, $key ) )
			)
		);
		if ( $keys ) {
			return $keys;
		}
		$resting = null !== $this->keys->cooling_until( $route->provider->id, $this->now_s() );
		return ! $route->provider->requires_key() && ! $resting ? array( null ) : array();
	}

	/**
	 * @param Run_State         $run      Run.
	 * @param Feature_Policy    $policy   Policy.
	 * @param Route             $route    Route.
	 * @param Resolved_Key|null $key      Key.
	 * @param Chat_Result       $result   Answer.
	 * @param float             $started  Start time.
	 * @param float             $duration Duration.
	 */
	private function answered( Run_State $run, Feature_Policy $policy, Route $route, ?Resolved_Key $key, Chat_Result $result, float $started, float $duration ): Route_Outcome {
		$attempt = Attempt::answered( $run->next_index(), $route, $key, $started - $run->started_ms, $duration, $result );
		if ( $result->complete ) {
			$this->books(
				function () use ( $policy, $route, $key ): void {
					$this->breakers->record_success( self::route_subject( $route ), $this->is_drill ? null : $policy->error_rate );
					if ( null !== $key ) {
						$this->breakers->record_success( self::key_subject( $route, $key ) );
					}
				}
			);
			$reason = Explainer::answered( $run->degraded() );
		} else {
			$reason = Explainer::stream_broke( (string) $result->incomplete_reason );
		}
		$this->record( $run, $attempt->decided( Decision::Done, $reason ) );
		return Route_Outcome::answered(
			$result,
			array(
				'provider_id' => $route->provider->id,
				'provider'    => $route->provider->label,
				'model'       => $route->model,
				'key_label'   => ( null === $key ? '' : $key->label ),
			)
		);
	}

	/**
	 * @param Run_State      $run         Run.
	 * @param Feature_Policy $policy      Policy.
	 * @param Route_Outcome  $outcome     How the last route ended.
	 * @param list<string>   $route_order Planned order.
	 * @param string         $reserved    Why fallback routes were not tried for this caller ('' when they were allowed).
	 */
	private function finish( Run_State $run, Feature_Policy $policy, Route_Outcome $outcome, array $route_order, string $reserved = '' ): Run_Result {
		$cost = 0.0;
		foreach ( $run->log as $attempt ) {
			$cost += $attempt->cost;
		}
		$answer = $outcome->answer;
		$error  = $outcome->error();
		if ( null !== $error && '' !== $reserved ) {
			$error['message'] = trim( $error['message'] . ' ' . $reserved );
		}
		$result = new Run_Result(
			$run->id,
			$policy->id,
			$outcome->run_status(),
			$answer->text ?? '',
			$answer->finish_reason ?? '',
			$answer->input_tokens ?? 0,
			$answer->output_tokens ?? 0,
			$cost,
			$outcome->served_by,
			null !== $answer && $run->degraded(),
			$policy->degraded_notice,
			$route_order,
			$run->log,
			$error,
			$this->clock->now_ms() - $run->started_ms,
			$answer?->incomplete_reason,
			$this->is_drill,
			$policy->notice_required
		);
		$this->books( fn() => $this->breakers->flush() );
		$this->books( fn() => $this->sink->run_finished( $result ), true );
		return $result;
	}

	/**
	 * @param Run_State $run     Run.
	 * @param Attempt   $attempt Attempt with its decision.
	 */
	private function record( Run_State $run, Attempt $attempt ): void {
		$attempt = $this->is_drill ? $attempt->as_simulated() : $attempt;
		if ( '' !== $this->pending_note ) {
			$attempt            = $attempt->decided( $attempt->decision ?? Decision::Stop, $attempt->reason . ' ' . $this->pending_note );
			$this->pending_note = '';
		}
		$run->log[] = $attempt;
		$this->sink->attempt_finished( $run->id, $attempt );
	}

	/**
	 * Counts a failure against the route's and the key's breakers; when the feature's error-rate
	 * rule opened the route's breaker, the attempt says so.
	 *
	 * @param Feature_Policy    $policy Policy.
	 * @param Route             $route  Route.
	 * @param Resolved_Key|null $key    Key.
	 */
	private function breaker_failure( Feature_Policy $policy, Route $route, ?Resolved_Key $key ): void {
		$this->books(
			function () use ( $policy, $route, $key ): void {
				$rate = $this->is_drill ? null : $policy->error_rate;
				// The route's and the key's count in one write: a failover waits for one commit per failed attempt.
				$opened = null === $key
					? $this->breakers->record_failure( self::route_subject( $route ), $rate )
					: $this->breakers->record_failures( self::route_subject( $route ), self::key_subject( $route, $key ), $rate );
				if ( null !== $opened && null !== $rate ) {
					$this->pending_note = Explainer::breaker_opened_by_error_rate( $opened['failures'], $opened['requests'], $rate );
				}
			}
		);
	}

	/**
	 * Runs one write of the engine's shared bookkeeping (breakers, key states, health, the event
	 * log). The answer matters more than the books: a store that fails (the database went away
	 * mid-run) must not turn an answer the provider already gave into an error, so the failure is
	 * swallowed, and further writes of this run are skipped, since each would wait for the same
	 * outage. The event sink reports its own lost rows (aifo_event_log_failed).
	 *
	 * @param \Closure(): void $write  The write.
	 * @param bool             $always Run it even after an earlier write failed (the run's end).
	 */
	private function books( \Closure $write, bool $always = false ): void {
		if ( $this->books_lost && ! $always ) {
			return;
		}
		try {
			$write();
		} catch ( \Throwable $error ) {
			$this->books_lost = true;
		}
	}

	/**
	 * Keeps the adaptive strategy's failure score (real runs of adaptive features only).
	 *
	 * @param Feature_Policy $policy Policy.
	 * @param Route          $route  Route.
	 * @param bool           $failed Whether the route looked unwell.
	 */
	private function health( Feature_Policy $policy, Route $route, bool $failed ): void {
		if ( null !== $this->health && 'adaptive' === $policy->strategy && ! $this->is_drill ) {
			$this->books( fn() => $this->health->record( $route->id(), $failed ) );
		}
	}

	/**
	 * @param Route $route Route.
	 */
	public static function route_subject( Route $route ): string {
		return 'route:' . $route->id();
	}

	/**
	 * @param Route        $route Route.
	 * @param Resolved_Key $key   Key.
	 */
	public static function key_subject( Route $route, Resolved_Key $key ): string {
		return 'key:' . $route->provider->id . ':' . $key->id;
	}

	/**
	 * The downgrade threshold of the budget with this label (for its sentence).
	 *
	 * @param string $label Budget label.
	 */
	private function downgrade_pct( string $label ): int {
		foreach ( $this->spend as $account ) {
			if ( $account['label'] === $label ) {
				return $account['downgrade_at_pct'];
			}
		}
		return 80;
	}

	/**
	 * @param Run_State $run Run.
	 */
	private function offset( Run_State $run ): float {
		return $this->clock->now_ms() - $run->started_ms;
	}

	private function now_s(): int {
		return (int) floor( $this->clock->now_ms() / 1000 );
	}
}
