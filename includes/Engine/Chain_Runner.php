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
use AI_Failover\Providers\Chat_Result;
use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Secrets\Resolved_Key;

/**
 * Runs one request through a feature's routes and keys, and returns the answer with the whole
 * story. The rules, in order of precedence:
 *
 * - Only the feature's routes are tried; with no fallback, a failure fails.
 * - invalid_request / unsupported_capability stop at once; context_length and content_policy stop
 *   unless the feature lets them fall back.
 * - auth / payment / forbidden mark the key dead and rotate to the provider's next key at once;
 *   never another provider. No key left: the run fails with keys_exhausted.
 * - rate_limited rotates to another key at once, or waits as asked (within the budget), then falls
 *   back only if the feature allows it.
 * - server / timeout / unreachable / empty_response / invalid_response retry with full-jitter
 *   backoff, then fall back if allowed.
 * - Bounds: attempts per route, the total budget (no sleep ever passes it), and a loop guard of
 *   routes x attempts + keys.
 * - A stream that broke after its first token ends as incomplete, never switches route.
 *
 * @since 0.1.0
 */
final class Chain_Runner {

	/** Below this, an attempt is not worth starting. */
	private const MIN_ATTEMPT_MS = 250;

	/**
	 * Classes that count against circuit breakers: signs the route is down. A rate limit is not
	 * (the key rests instead), nor is anything about the request or the key.
	 */
	private const BREAKER_CLASSES = array( 'server', 'timeout', 'unreachable', 'empty_response', 'invalid_response' );

	public function __construct(
		private readonly Route_Caller $caller,
		private readonly Key_Pool $keys,
		private readonly Clock $clock,
		private readonly Sleeper $sleeper,
		private readonly Random_Source $random,
		private readonly Circuit_Breaker $breakers,
		private readonly Event_Sink $sink,
		private readonly Output_Validator $validator,
	) {
	}

	/**
	 * Runs the request.
	 *
	 * @param Feature_Policy $policy  Feature policy (bounds already enforced).
	 * @param list<Route>    $routes  The feature's routes, primary first.
	 * @param Run_Request    $request Request.
	 */
	public function run( Feature_Policy $policy, array $routes, Run_Request $request ): Run_Result {
		$run = new Run_State( bin2hex( random_bytes( 8 ) ), $this->clock->now_ms(), $policy->budget_ms );
		$this->sink->run_started( $run->id, $policy, $request );
		$max_out = $request->chat->max_tokens ?? Route_Planner::DEFAULT_OUTPUT_TOKENS;
		$plan    = ( new Route_Planner( $this->random, $this->breakers ) )->plan( $policy, $routes, $request->estimated_input_tokens(), $max_out );

		foreach ( $plan['skipped'] as $skip ) {
			$this->record( $run, $this->skipped( $run, $skip['route'], $skip['class'], $skip['reason'] ) );
		}
		$order = $plan['order'];
		if ( ! $order ) {
			return $this->finish(
				$run,
				$policy,
				Run_Result::FAILED,
				null,
				array_map( static fn( Route $r ) => $r->id(), $order ),
				array(
					'class'   => 'no_route',
					'message' => __(
						'No route of this feature could be tried.',
						'ai-failover'
					),
				)
			);
		}

		$key_total = 0;
		foreach ( $order as $route ) {
			$key_total += max( 1, count( $this->keys->usable( $route->provider->id, $this->now_s() ) ) );
		}
		$run->attempt_cap = count( $order ) * $policy->attempts_per_route + $key_total;
		$route_order      = array_map( static fn( Route $r ) => $r->id(), $order );
		$last_error       = null;

		foreach ( $order as $position => $route ) {
			$next    = $order[ $position + 1 ] ?? null;
			$outcome = $this->try_route( $run, $policy, $route, $next, $request );
			if ( $outcome instanceof Run_Result_Draft ) {
				return $this->finish( $run, $policy, $outcome->status, $outcome, $route_order, $outcome->error );
			}
			$last_error = $outcome;
			if ( 'fallback' !== $outcome['decision'] || null === $next ) {
				break;
			}
			$this->sink->fallback_started( $run->id, $route->id(), $next->id(), $outcome['reason'] );
			$run->fell_back = true;
		}

		$last_class = $last_error['class'] ?? '';
		return $this->finish(
			$run,
			$policy,
			'deferred' === $last_class ? Run_Result::DEFERRED : Run_Result::FAILED,
			null,
			$route_order,
			array(
				'class'       => $last_error['class'] ?? 'no_route',
				'message'     => $last_error['message'] ?? '',
				'retry_after' => $last_error['retry_after'] ?? null,
			)
		);
	}

	/**
	 * Attempts on one route until it answers, fails for good, or hands over.
	 *
	 * @param Run_State      $run     Run.
	 * @param Feature_Policy $policy  Policy.
	 * @param Route          $route   Route.
	 * @param Route|null     $next    The route after it, for explanations.
	 * @param Run_Request    $request Request.
	 * @return Run_Result_Draft|array{decision: string, class: string, message: string, reason: string, retry_after?: float|null}
	 */
	private function try_route( Run_State $run, Feature_Policy $policy, Route $route, ?Route $next, Run_Request $request ): Run_Result_Draft|array {
		$subject = 'route:' . $route->id();
		if ( ! $this->breakers->allows( $subject ) ) {
			$reason = null === $next
				? __( 'Skipped: the circuit breaker is open after repeated failures, and there is no further route.', 'ai-failover' )
				/* translators: %s: Next route. */
				: sprintf( __( 'Skipped: the circuit breaker is open after repeated failures; moving on to %s.', 'ai-failover' ), $next->id() );
			$this->record( $run, $this->skipped( $run, $route, 'breaker_open', $reason ) );
			return array(
				'decision' => 'fallback',
				'class'    => 'breaker_open',
				'message'  => $reason,
				'reason'   => $reason,
			);
		}

		$simulated = $request->simulate[ $route->id() ] ?? null;
		$keys      = $this->route_keys( $route, null !== $simulated );
		if ( ! $keys ) {
			return $this->no_key( $run, $policy, $route, $next );
		}

		$key_index = 0;
		$tries     = 0;
		while ( $tries < $policy->attempts_per_route ) {
			if ( $run->attempts >= $run->attempt_cap ) {
				$reason = __( 'Stopped: the loop guard ended the run (more attempts than routes x attempts + keys).', 'ai-failover' );
				return array(
					'decision' => 'stop',
					'class'    => 'loop_guard',
					'message'  => $reason,
					'reason'   => $reason,
				);
			}
			$remaining = $run->remaining_ms( $this->clock->now_ms() );
			if ( $remaining < self::MIN_ATTEMPT_MS ) {
				$reason = __( 'Stopped: the time budget for this request is used up.', 'ai-failover' );
				return array(
					'decision' => 'stop',
					'class'    => 'budget_exhausted',
					'message'  => $reason,
					'reason'   => $reason,
				);
			}

			$key      = $keys[ $key_index ];
			$started  = $this->clock->now_ms();
			$result   = null !== $simulated ? self::simulated_error( $simulated ) : $this->caller->chat(
				$route->provider,
				$route->model,
				$key?->secret() ?? '',
				$request->chat,
				array(
					'connect_ms'    => (int) min( $policy->connect_ms, $remaining ),
					'total_ms'      => (int) min( $policy->attempt_ms, $remaining ),
					'first_byte_ms' => (int) min( $policy->first_byte_ms, $remaining ),
				),
				$request->listener
			);
			$duration = $this->clock->now_ms() - $started;
			++$run->attempts;

			if ( $result instanceof Chat_Result ) {
				$problem = $result->complete ? $this->validator->problem( $result->text, $request->validate ) : null;
				if ( null === $problem ) {
					return $this->answered( $run, $policy, $route, $key, $result, $started, $duration, null !== $simulated );
				}
				$result = new Provider_Error( Error_Class::Invalid_Response, 200, 'validation_failed', $problem );
				$class  = 'validation_failed';
			} else {
				$class = $result->class->value;
			}
			$this->breaker_failure( $route, $key, $class );

			$attempt = $this->attempt( $run, $route, $key, $started, $duration, Attempt::ERROR, $class, $result, null !== $simulated );
			$status  = $result->http_status ? $result->http_status . ' ' : '';
			$from    = $this->who( $route, $key );

			// Key problems: rotate within the provider, never change provider.
			if ( $result->class->is_key_problem() && 'validation_failed' !== $class ) {
				if ( null !== $key ) {
					$this->keys->mark_dead( $route->provider->id, $key->id, $status . $class . ': ' . $result->message, $this->now_s() );
				}
				$following = $keys[ $key_index + 1 ] ?? null;
				if ( null !== $following ) {
					/* translators: 1: Status and class, 2: Provider and key, 3: Next key label. */
					$this->record( $run, $attempt->decided( 'rotate_key', sprintf( __( '%1$s from %2$s: the key was rejected, so it was taken out of rotation and key \'%3$s\' of the same provider was tried at once.', 'ai-failover' ), trim( $status . $class ), $from, $following->label ) ) );
					++$key_index;
					$run->rotated = true;
					continue;
					// A rejected key does not use up one of the route's attempts.
				}
				/* translators: 1: Status and class, 2: Provider and key. */
				$reason = sprintf( __( '%1$s from %2$s: the key was rejected and the provider has no other usable key. Stopped: a rejected key never moves a request to another provider.', 'ai-failover' ), trim( $status . $class ), $from );
				$this->record( $run, $attempt->decided( 'stop', $reason ) );
				return array(
					'decision' => 'stop',
					'class'    => 'keys_exhausted',
					'message'  => $result->message,
					'reason'   => $reason,
				);
			}//end if

			++$tries;

			// Errors retrying cannot fix.
			if ( in_array( $class, array( 'invalid_request', 'unsupported_capability', 'context_length', 'content_policy', 'validation_failed' ), true ) ) {
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $from, $status, true );
			}

			$following = null;
			if ( Error_Class::Rate_Limited === $result->class && null !== $key ) {
				// The key rests for as long as the provider asked, so other requests skip it too.
				$this->keys->cool_down( $route->provider->id, $key->id, (int) ceil( $this->now_s() + ( $result->retry_after ?? 1 ) ), $status . 'rate_limited' );
				$following = $keys[ $key_index + 1 ] ?? null;
			}

			if ( $tries >= $policy->attempts_per_route ) {
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $from, $status, false );
			}

			// Back off (as long as the provider asked, when it said), then retry: on the next key of
			// the same provider after a rate limit, else on the same key.
			$wait_ms = null !== $result->retry_after
				? (int) ceil( $result->retry_after * 1000 )
				: Backoff::delay_ms( $tries, $policy->base_delay_ms, $policy->max_delay_ms, $this->random );
			$left    = $run->remaining_ms( $this->clock->now_ms() );
			if ( $wait_ms + self::MIN_ATTEMPT_MS > $left ) {
				if ( $request->background ) {
					/* translators: 1: Status and class, 2: Provider and key, 3: Seconds. */
					$reason = sprintf( __( '%1$s from %2$s: the wait of %3$s s does not fit this request\'s time budget, so the request was deferred to a background retry.', 'ai-failover' ), trim( $status . $class ), $from, number_format( $wait_ms / 1000, 1 ) );
					$this->record( $run, $attempt->decided( 'defer', $reason ) );
					return array(
						'decision'    => 'stop',
						'class'       => 'deferred',
						'message'     => $reason,
						'reason'      => $reason,
						'retry_after' => $wait_ms / 1000.0,
					);
				}
				return $this->hand_over( $run, $policy, $attempt, $class, $result, $next, $from, $status, false, $wait_ms );
			}
			$waited = null !== $result->retry_after
				/* translators: %s: Seconds. */
				? sprintf( __( 'waited %s s as the provider asked', 'ai-failover' ), number_format( $wait_ms / 1000, 1 ) )
				/* translators: %s: Seconds. */
				: sprintf( __( 'waited a %s s backoff', 'ai-failover' ), number_format( $wait_ms / 1000, 1 ) );
			if ( null !== $following ) {
				/* translators: 1: Status and class, 2: Provider and key, 3: What the wait was, 4: Next key label. */
				$this->record( $run, $attempt->decided( 'rotate_key', sprintf( __( '%1$s from %2$s: %3$s, then tried key \'%4$s\'.', 'ai-failover' ), trim( $status . $class ), $from, $waited, $following->label ) ) );
				++$key_index;
				$run->rotated = true;
			} else {
				$this->record(
					$run,
					$attempt->decided(
						'retry',
						/* translators: 1: Status and class, 2: Provider and key, 3: What the wait was, 4: Attempt number, 5: Attempts allowed. */
						sprintf( __( '%1$s from %2$s: %3$s, then tried again (attempt %4$d of %5$d).', 'ai-failover' ), trim( $status . $class ), $from, $waited, $tries + 1, $policy->attempts_per_route )
					)
				);
			}
			if ( $wait_ms > 0 ) {
				$this->sleeper->sleep_ms( $wait_ms );
			}
		}//end while

		$reason = __( 'Stopped: no attempt left on this route.', 'ai-failover' );
		return array(
			'decision' => 'stop',
			'class'    => 'attempts_exhausted',
			'message'  => $reason,
			'reason'   => $reason,
		);
	}

	/**
	 * The route has failed for good: fall back if the feature allows it for this class, else stop.
	 *
	 * @param Run_State      $run       Run.
	 * @param Feature_Policy $policy    Policy.
	 * @param Attempt        $attempt   The last attempt.
	 * @param string         $class     Error class.
	 * @param Provider_Error $error     Error.
	 * @param Route|null     $next      Next route.
	 * @param string         $from      Who failed, for the sentence.
	 * @param string         $status    "429 " or "".
	 * @param bool           $permanent Whether retrying could not help.
	 * @param int|null       $wait_ms   A wait that did not fit the budget.
	 * @return array{decision: string, class: string, message: string, reason: string}
	 */
	private function hand_over( Run_State $run, Feature_Policy $policy, Attempt $attempt, string $class, Provider_Error $error, ?Route $next, string $from, string $status, bool $permanent, ?int $wait_ms = null ): array {
		$what = trim( $status . $class );
		$why  = $permanent
			? ( 'invalid_request' === $class
				? __( 'not retried; fix the request', 'ai-failover' )
				: __( 'retrying would give the same answer', 'ai-failover' ) )
			: ( null !== $wait_ms
				/* translators: %s: Seconds. */
				? sprintf( __( 'the %s s wait does not fit the time budget', 'ai-failover' ), number_format( $wait_ms / 1000, 1 ) )
				: __( 'no attempt left on this route', 'ai-failover' ) );

		if ( null !== $next && $policy->may_fall_back( $class ) ) {
			/* translators: 1: Status and class, 2: Who failed, 3: Why, 4: Next route, 5: Error class. */
			$reason = sprintf( __( '%1$s from %2$s (%3$s): fell back to %4$s because the feature allows fallback on %5$s.', 'ai-failover' ), $what, $from, $why, $next->id(), $class );
			$this->record( $run, $attempt->decided( 'fallback', $reason ) );
			return array(
				'decision' => 'fallback',
				'class'    => $class,
				'message'  => $error->message,
				'reason'   => $reason,
			);
		}
		$reason = null === $next
			/* translators: 1: Status and class, 2: Who failed, 3: Why. */
			? sprintf( __( '%1$s from %2$s (%3$s). Stopped: the feature has no further route.', 'ai-failover' ), $what, $from, $why )
			/* translators: 1: Status and class, 2: Who failed, 3: Why, 4: Error class. */
			: sprintf( __( '%1$s from %2$s (%3$s). Stopped: the feature does not allow fallback on %4$s.', 'ai-failover' ), $what, $from, $why, $class );
		$this->record( $run, $attempt->decided( 'stop', $reason ) );
		return array(
			'decision' => 'stop',
			'class'    => $class,
			'message'  => $error->message,
			'reason'   => $reason,
		);
	}

	/**
	 * A route whose provider has no usable key: rate-limited keys count as a rate limit, dead or
	 * missing keys as keys_exhausted.
	 *
	 * @param Run_State      $run    Run.
	 * @param Feature_Policy $policy Policy.
	 * @param Route          $route  Route.
	 * @param Route|null     $next   Next route.
	 * @return array{decision: string, class: string, message: string, reason: string}
	 */
	private function no_key( Run_State $run, Feature_Policy $policy, Route $route, ?Route $next ): array {
		if ( null !== $this->keys->cooling_until( $route->provider->id, $this->now_s() ) ) {
			$fallback = null !== $next && $policy->may_fall_back( 'rate_limited' );
			$reason   = $fallback
				/* translators: 1: Provider, 2: Next route. */
				? sprintf( __( 'Skipped: every key of %1$s is resting after a rate limit; fell back to %2$s because the feature allows fallback on rate_limited.', 'ai-failover' ), $route->provider->label, $next->id() )
				/* translators: %s: Provider. */
				: sprintf( __( 'Skipped: every key of %s is resting after a rate limit. Stopped.', 'ai-failover' ), $route->provider->label );
			$this->record( $run, $this->skipped( $run, $route, 'rate_limited', $reason )->decided( $fallback ? 'fallback' : 'stop', $reason ) );
			return array(
				'decision' => $fallback ? 'fallback' : 'stop',
				'class'    => 'rate_limited',
				'message'  => $reason,
				'reason'   => $reason,
			);
		}
		/* translators: %s: Provider. */
		$reason = sprintf( __( 'Skipped: %s has no usable key (none configured, or all rejected). Stopped: a key problem never moves a request to another provider.', 'ai-failover' ), $route->provider->label );
		$this->record( $run, $this->skipped( $run, $route, 'keys_exhausted', $reason )->decided( 'stop', $reason ) );
		return array(
			'decision' => 'stop',
			'class'    => 'keys_exhausted',
			'message'  => $reason,
			'reason'   => $reason,
		);
	}

	/**
	 * The keys to rotate through on a route: [null] for keyless providers and drills.
	 *
	 * @param Route $route     Route.
	 * @param bool  $simulated Whether this route's attempts are simulated.
	 * @return list<Resolved_Key|null>
	 */
	private function route_keys( Route $route, bool $simulated ): array {
		if ( ! $route->provider->requires_key() ) {
			return array( null );
		}
		$keys = array_values(
			array_filter(
				$this->keys->usable( $route->provider->id, $this->now_s() ),
				fn( Resolved_Key $key ) => $this->breakers->allows( 'key:' . $route->provider->id . ':' . $key->id )
			)
		);
		return $keys ? $keys : ( $simulated ? array( null ) : array() );
	}

	/**
	 * @param Run_State         $run       Run.
	 * @param Feature_Policy    $policy    Policy.
	 * @param Route             $route     Route.
	 * @param Resolved_Key|null $key       Key.
	 * @param Chat_Result       $result    Answer.
	 * @param float             $started   Start time.
	 * @param float             $duration  Duration.
	 * @param bool              $simulated Drill.
	 */
	private function answered( Run_State $run, Feature_Policy $policy, Route $route, ?Resolved_Key $key, Chat_Result $result, float $started, float $duration, bool $simulated ): Run_Result_Draft {
		$cost    = $route->cost( $result->input_tokens, $result->output_tokens );
		$outcome = $result->complete ? Attempt::SUCCESS : Attempt::INCOMPLETE;
		$attempt = new Attempt( $run->attempts, $route->id(), $route->provider->id, $route->provider->label, $route->model, ( null === $key ? '' : $key->label ), $started - $run->started_ms, $duration, $outcome, $result->complete ? null : 'incomplete', 200, '', null, 'done', '', $result->input_tokens, $result->output_tokens, $cost, $simulated );
		if ( $result->complete ) {
			$this->breakers->record_success( 'route:' . $route->id() );
			if ( null !== $key ) {
				$this->breakers->record_success( 'key:' . $route->provider->id . ':' . $key->id );
			}
			$reason = $run->fell_back || $run->rotated ? __( 'Answered (degraded: an earlier route or key failed).', 'ai-failover' ) : __( 'Answered.', 'ai-failover' );
		} else {
			/* translators: %s: Why the stream is incomplete. */
			$reason = sprintf( __( 'The stream broke after its first token (%s): a started answer is never switched to another route, so the partial text is returned as incomplete.', 'ai-failover' ), (string) $result->incomplete_reason );
		}
		$this->record( $run, $attempt->decided( 'done', $reason ) );
		return new Run_Result_Draft(
			$result->complete ? Run_Result::SUCCESS : Run_Result::INCOMPLETE,
			$result,
			array(
				'provider_id' => $route->provider->id,
				'provider'    => $route->provider->label,
				'model'       => $route->model,
				'key_label'   => ( null === $key ? '' : $key->label ),
			),
			$result->complete ? null : array(
				'class'   => 'incomplete',
				'message' => (string) $result->incomplete_reason,
			)
		);
	}

	/**
	 * @param Run_State                                                            $run         Run.
	 * @param Feature_Policy                                                       $policy      Policy.
	 * @param string                                                               $status      Run status.
	 * @param Run_Result_Draft|null                                                $draft       Answer, if any.
	 * @param list<string>                                                         $route_order Planned order.
	 * @param array{class: string, message: string, retry_after?: float|null}|null $error Error.
	 */
	private function finish( Run_State $run, Feature_Policy $policy, string $status, ?Run_Result_Draft $draft, array $route_order, ?array $error ): Run_Result {
		$cost = 0.0;
		foreach ( $run->log as $attempt ) {
			$cost += $attempt->cost;
		}
		$result = new Run_Result(
			$run->id,
			$policy->id,
			$status,
			$draft?->result->text ?? '',
			$draft?->result->finish_reason ?? '',
			$draft?->result->input_tokens ?? 0,
			$draft?->result->output_tokens ?? 0,
			$cost,
			$draft?->served_by,
			null !== $draft && ( $run->fell_back || $run->rotated ),
			$policy->degraded_notice,
			$route_order,
			$run->log,
			$error,
			$this->clock->now_ms() - $run->started_ms,
			$draft?->result->incomplete_reason
		);
		$this->breakers->flush();
		$this->sink->run_finished( $result );
		return $result;
	}

	/**
	 * @param Run_State $run     Run.
	 * @param Attempt   $attempt Attempt with its decision.
	 */
	private function record( Run_State $run, Attempt $attempt ): void {
		$run->log[] = $attempt;
		$this->sink->attempt_finished( $run->id, $attempt );
	}

	/**
	 * @param Run_State $run    Run.
	 * @param Route     $route  Route.
	 * @param string    $class  Why.
	 * @param string    $reason Sentence.
	 */
	private function skipped( Run_State $run, Route $route, string $class, string $reason ): Attempt {
		return new Attempt( count( $run->log ) + 1, $route->id(), $route->provider->id, $route->provider->label, $route->model, '', $this->clock->now_ms() - $run->started_ms, 0.0, Attempt::SKIPPED, $class, 0, '', null, 'skip', $reason );
	}

	/**
	 * @param Run_State         $run       Run.
	 * @param Route             $route     Route.
	 * @param Resolved_Key|null $key       Key.
	 * @param float             $started   Start.
	 * @param float             $duration  Duration.
	 * @param string            $outcome   Outcome.
	 * @param string            $class     Class.
	 * @param Provider_Error    $error     Error.
	 * @param bool              $simulated Drill.
	 */
	private function attempt( Run_State $run, Route $route, ?Resolved_Key $key, float $started, float $duration, string $outcome, string $class, Provider_Error $error, bool $simulated ): Attempt {
		return new Attempt( count( $run->log ) + 1, $route->id(), $route->provider->id, $route->provider->label, $route->model, ( null === $key ? '' : $key->label ), $started - $run->started_ms, $duration, $outcome, $class, $error->http_status, $error->provider_code, $error->retry_after, '', '', 0, 0, 0.0, $simulated, $error->message );
	}

	/**
	 * @param Route             $route Route.
	 * @param Resolved_Key|null $key   Key.
	 * @param string            $class Error class.
	 */
	private function breaker_failure( Route $route, ?Resolved_Key $key, string $class ): void {
		if ( ! in_array( $class, self::BREAKER_CLASSES, true ) ) {
			return;
		}
		$this->breakers->record_failure( 'route:' . $route->id() );
		if ( null !== $key ) {
			$this->breakers->record_failure( 'key:' . $route->provider->id . ':' . $key->id );
		}
	}

	/**
	 * "OpenAI key 'prod-2'" or "OpenAI".
	 *
	 * @param Route             $route Route.
	 * @param Resolved_Key|null $key   Key.
	 */
	private function who( Route $route, ?Resolved_Key $key ): string {
		/* translators: 1: Provider, 2: Model, 3: Key label. */
		return null === $key ? sprintf( __( '%1$s (%2$s)', 'ai-failover' ), $route->provider->label, $route->model ) : sprintf( __( '%1$s (%2$s) key \'%3$s\'', 'ai-failover' ), $route->provider->label, $route->model, $key->label );
	}

	/**
	 * An injected failure for an administrator's drill.
	 *
	 * @param string $class Error class.
	 */
	private static function simulated_error( string $class ): Provider_Error {
		$error_class = Error_Class::tryFrom( $class ) ?? Error_Class::Server;
		$status      = array(
			'invalid_request' => 400,
			'auth'            => 401,
			'payment'         => 402,
			'forbidden'       => 403,
			'rate_limited'    => 429,
			'server'          => 503,
			'context_length'  => 400,
			'content_policy'  => 400,
		)[ $error_class->value ] ?? 0;
		/* translators: %s: Error class. */
		return new Provider_Error( $error_class, $status, 'simulated', sprintf( __( 'Simulated %s (drill).', 'ai-failover' ), $error_class->value ), Error_Class::Rate_Limited === $error_class ? 1.0 : null );
	}

	private function now_s(): int {
		return (int) floor( $this->clock->now_ms() / 1000 );
	}
}
