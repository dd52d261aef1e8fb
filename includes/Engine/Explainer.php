<?php
/**
 * Every sentence the engine writes about a run.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

use AI_Failover\Providers\Error_Class;
use AI_Failover\Providers\Provider_Error;
use AI_Failover\Secrets\Resolved_Key;

/**
 * One plain sentence per decision, for site admins: what happened, on which route and key, and
 * why the engine did what it did next. Kept together so the wording stays consistent (and
 * translatable in one place).
 *
 * @since 0.2.0
 */
final class Explainer {

	/**
	 * "503 server" or "timeout".
	 *
	 * @param Provider_Error           $error Error.
	 * @param Error_Class|Engine_Class $class Class.
	 */
	public static function what( Provider_Error $error, Error_Class|Engine_Class $class ): string {
		return trim( ( $error->http_status ? $error->http_status . ' ' : '' ) . $class->value );
	}

	/**
	 * "OpenAI (gpt-4o) key 'prod-2'" or "OpenAI (gpt-4o)".
	 *
	 * @param Route             $route Route.
	 * @param Resolved_Key|null $key   Key.
	 */
	public static function who( Route $route, ?Resolved_Key $key ): string {
		/* translators: 1: Provider, 2: Model, 3: Key label. */
		return null === $key ? sprintf( __( '%1$s (%2$s)', 'ai-failover' ), $route->provider->label, $route->model ) : sprintf( __( '%1$s (%2$s) key \'%3$s\'', 'ai-failover' ), $route->provider->label, $route->model, $key->label );
	}

	/**
	 * @param Route|null $next Next route.
	 */
	public static function breaker_open( ?Route $next ): string {
		return null === $next
			? __( 'Skipped: the circuit breaker is open after repeated failures, and there is no further route.', 'ai-failover' )
			/* translators: %s: Next route. */
			: sprintf( __( 'Skipped: the circuit breaker is open after repeated failures; moving on to %s.', 'ai-failover' ), $next->id() );
	}

	/**
	 * @param int             $failures Failed requests in the window.
	 * @param int             $requests Requests in the window.
	 * @param Error_Rate_Rule $rule     The feature's rule.
	 */
	public static function breaker_opened_by_error_rate( int $failures, int $requests, Error_Rate_Rule $rule ): string {
		/* translators: %d: Minimum requests. */
		$counted = sprintf( _n( 'counted from %d request on', 'counted from %d requests on', $rule->min_requests, 'ai-failover' ), $rule->min_requests );
		/* translators: 1: Failed requests, 2: Requests, 3: Failure share in percent, 4: Window in seconds, 5: The feature's limit in percent, 6: When the limit counts, e.g. "counted from 20 requests on". */
		return sprintf( _n( 'The route\'s circuit breaker opened: %1$d of its last %2$d request (%3$s %%) failed within %4$d s, at or over this feature\'s error-rate limit of %5$s %% (%6$s).', 'The route\'s circuit breaker opened: %1$d of its last %2$d requests (%3$s %%) failed within %4$d s, at or over this feature\'s error-rate limit of %5$s %% (%6$s).', $requests, 'ai-failover' ), $failures, $requests, number_format( 100 * $failures / max( 1, $requests ), 1 ), (int) ( $rule->window_ms / 1000 ), (string) round( $rule->percent, 2 ), $counted );
	}

	/**
	 * @param float  $spent Spent (and reserved) so far.
	 * @param float  $limit Limit.
	 * @param string $label Which budget.
	 * @param int    $pct   The downgrade threshold.
	 */
	public static function budget_downgrade( float $spent, float $limit, string $label, int $pct ): string {
		/* translators: 1: Which budget, 2: Spent in USD, 3: Limit in USD, 4: Percent spent, 5: Threshold in percent. */
		return sprintf( __( 'Budget: %1$s is at $%2$s of $%3$s (%4$s %%, at or over %5$d %%), so the cheapest routes of the feature go first.', 'ai-failover' ), $label, self::usd( $spent ), self::usd( $limit ), number_format( 100 * $spent / max( 1e-9, $limit ), 1 ), $pct );
	}

	/**
	 * @param float      $cost  The attempt's estimated cost.
	 * @param float      $spent Spent (and reserved) so far.
	 * @param float      $limit Limit.
	 * @param string     $label Which budget.
	 * @param Route|null $next  Next route.
	 */
	public static function over_spend_budget( float $cost, float $spent, float $limit, string $label, ?Route $next ): string {
		/* translators: 1: Estimated cost in USD, 2: Which budget, 3: Spent in USD, 4: Limit in USD. */
		$why = sprintf( __( 'Skipped: an attempt estimated at $%1$s would take %2$s ($%3$s spent) past its $%4$s limit', 'ai-failover' ), self::usd( $cost ), $label, self::usd( $spent ), self::usd( $limit ) );
		return null === $next
			? $why . __( '; no further route, so the run stops.', 'ai-failover' )
			/* translators: %s: Next route. */
			: $why . sprintf( __( '; moving on to %s.', 'ai-failover' ), $next->id() );
	}

	public static function loop_guard(): string {
		return __( 'Stopped: the loop guard ended the run (more attempts than routes x attempts + keys).', 'ai-failover' );
	}

	public static function budget_used(): string {
		return __( 'Stopped: the time budget for this request is used up.', 'ai-failover' );
	}

	public static function no_attempt_left(): string {
		return __( 'Stopped: no attempt left on this route.', 'ai-failover' );
	}

	public static function no_route(): string {
		return __( 'No route of this feature could be tried.', 'ai-failover' );
	}

	/**
	 * @param string $what Status and class.
	 * @param string $who  Provider and key.
	 * @param string $next Next key's label.
	 */
	public static function key_rejected_rotated( string $what, string $who, string $next ): string {
		/* translators: 1: Status and class, 2: Provider and key, 3: Next key label. */
		return sprintf( __( '%1$s from %2$s: the key was rejected, so it was taken out of rotation and key \'%3$s\' of the same provider was tried at once.', 'ai-failover' ), $what, $who, $next );
	}

	/**
	 * @param string $what Status and class.
	 * @param string $who  Provider and key.
	 */
	public static function key_rejected_stop( string $what, string $who ): string {
		/* translators: 1: Status and class, 2: Provider and key. */
		return sprintf( __( '%1$s from %2$s: the key was rejected and the provider has no other usable key. Stopped: a rejected key never moves a request to another provider.', 'ai-failover' ), $what, $who );
	}

	/**
	 * @param string $what      Status and class.
	 * @param string $who       Provider and key.
	 * @param int    $rest_ms   How long the key rests.
	 * @param string $next      Next key's label.
	 */
	public static function key_resting_rotated( string $what, string $who, int $rest_ms, string $next ): string {
		/* translators: 1: Status and class, 2: Provider and key, 3: Seconds, 4: Next key label. */
		return sprintf( __( '%1$s from %2$s: the key rests for %3$s s as the provider asked, and key \'%4$s\' of the same provider was tried at once.', 'ai-failover' ), $what, $who, self::seconds( $rest_ms ), $next );
	}

	/**
	 * @param string $what    Status and class.
	 * @param string $who     Provider and key.
	 * @param int    $wait_ms The wait.
	 */
	public static function deferred( string $what, string $who, int $wait_ms ): string {
		/* translators: 1: Status and class, 2: Provider and key, 3: Seconds. */
		return sprintf( __( '%1$s from %2$s: the wait of %3$s s does not fit this request\'s time budget, so the request was deferred to a background retry.', 'ai-failover' ), $what, $who, self::seconds( $wait_ms ) );
	}

	/**
	 * @param string $what     Status and class.
	 * @param string $who      Provider and key.
	 * @param int    $wait_ms  The wait.
	 * @param bool   $asked    Whether the provider asked for it.
	 * @param int    $next     Number of the next attempt.
	 * @param int    $attempts Attempts allowed.
	 */
	public static function retried( string $what, string $who, int $wait_ms, bool $asked, int $next, int $attempts ): string {
		$waited = $asked
			/* translators: %s: Seconds. */
			? sprintf( __( 'waited %s s as the provider asked', 'ai-failover' ), self::seconds( $wait_ms ) )
			/* translators: %s: Seconds. */
			: sprintf( __( 'waited a %s s backoff', 'ai-failover' ), self::seconds( $wait_ms ) );
		/* translators: 1: Status and class, 2: Provider and key, 3: What the wait was, 4: Attempt number, 5: Attempts allowed. */
		return sprintf( __( '%1$s from %2$s: %3$s, then tried again (attempt %4$d of %5$d).', 'ai-failover' ), $what, $who, $waited, $next, $attempts );
	}

	/**
	 * Why a route is handed over (or stopped) without trying it again: retrying cannot help.
	 *
	 * @param Error_Class|Engine_Class $class Class.
	 */
	public static function why_permanent( Error_Class|Engine_Class $class ): string {
		return Error_Class::Invalid_Request === $class
			? __( 'not retried; fix the request', 'ai-failover' )
			: __( 'retrying would give the same answer', 'ai-failover' );
	}

	/**
	 * Why a route is handed over at once: the fallback is ready and waiting would only delay.
	 *
	 * @param int|null $wait_ms A wait the provider asked for, if any.
	 */
	public static function why_fallback_ready( ?int $wait_ms = null ): string {
		return null === $wait_ms
			? __( 'not retried: a fallback route is ready', 'ai-failover' )
			/* translators: %s: Seconds. */
			: sprintf( __( 'not waiting %s s: a fallback route is ready', 'ai-failover' ), self::seconds( $wait_ms ) );
	}

	/**
	 * @param int $wait_ms The wait.
	 */
	public static function why_wait_too_long( int $wait_ms ): string {
		/* translators: %s: Seconds. */
		return sprintf( __( 'the %s s wait does not fit the time budget', 'ai-failover' ), self::seconds( $wait_ms ) );
	}

	public static function why_no_attempt_left(): string {
		return __( 'no attempt left on this route', 'ai-failover' );
	}

	/**
	 * @param string                   $what  Status and class.
	 * @param string                   $who   Who failed.
	 * @param string                   $why   Why not again.
	 * @param Route                    $next  Next route.
	 * @param Error_Class|Engine_Class $class Class.
	 */
	public static function fell_back( string $what, string $who, string $why, Route $next, Error_Class|Engine_Class $class ): string {
		/* translators: 1: Status and class, 2: Who failed, 3: Why, 4: Next route, 5: Error class. */
		return sprintf( __( '%1$s from %2$s (%3$s): fell back to %4$s because the feature allows fallback on %5$s.', 'ai-failover' ), $what, $who, $why, $next->id(), $class->value );
	}

	/**
	 * @param string                   $what  Status and class.
	 * @param string                   $who   Who failed.
	 * @param string                   $why   Why not again.
	 * @param Route|null               $next  Next route.
	 * @param Error_Class|Engine_Class $class Class.
	 */
	/**
	 * @since n.e.x.t
	 *
	 * @param list<string> $roles Roles whose requests may fall back.
	 */
	public static function fallback_reserved( array $roles ): string {
		/* translators: %s: Comma-separated role slugs. */
		return sprintf( __( 'Fallback routes are reserved for these roles: %s. This request is served by its first route only, and fails if that route fails.', 'ai-failover' ), implode( ', ', $roles ) );
	}

	public static function stopped( string $what, string $who, string $why, ?Route $next, Error_Class|Engine_Class $class ): string {
		return null === $next
			/* translators: 1: Status and class, 2: Who failed, 3: Why. */
			? sprintf( __( '%1$s from %2$s (%3$s). Stopped: the feature has no further route.', 'ai-failover' ), $what, $who, $why )
			/* translators: 1: Status and class, 2: Who failed, 3: Why, 4: Error class. */
			: sprintf( __( '%1$s from %2$s (%3$s). Stopped: the feature does not allow fallback on %4$s.', 'ai-failover' ), $what, $who, $why, $class->value );
	}

	/**
	 * @param Route      $route    Route.
	 * @param Route|null $next     Next route, when the feature allows the fallback.
	 */
	public static function all_keys_resting( Route $route, ?Route $next ): string {
		return null !== $next
			/* translators: 1: Provider, 2: Next route. */
			? sprintf( __( 'Skipped: every key of %1$s is resting after a rate limit; fell back to %2$s because the feature allows fallback on rate_limited.', 'ai-failover' ), $route->provider->label, $next->id() )
			/* translators: %s: Provider. */
			: sprintf( __( 'Skipped: every key of %s is resting after a rate limit. Stopped.', 'ai-failover' ), $route->provider->label );
	}

	/**
	 * @param Route $route Route.
	 */
	public static function no_usable_key( Route $route ): string {
		/* translators: %s: Provider. */
		return sprintf( __( 'Skipped: %s has no usable key (none configured, or all rejected). Stopped: a key problem never moves a request to another provider.', 'ai-failover' ), $route->provider->label );
	}

	/**
	 * @param bool $degraded Whether an earlier route or key did not serve.
	 */
	public static function answered( bool $degraded ): string {
		return $degraded ? __( 'Answered (degraded: an earlier route or key failed).', 'ai-failover' ) : __( 'Answered.', 'ai-failover' );
	}

	/**
	 * @param string $why Why the stream is incomplete.
	 */
	public static function stream_broke( string $why ): string {
		/* translators: %s: Why the stream is incomplete. */
		return sprintf( __( 'The stream broke after its first token (%s): a started answer is never switched to another route, so the partial text is returned as incomplete.', 'ai-failover' ), $why );
	}

	/**
	 * @param Route $route Route.
	 */
	public static function provider_disabled( Route $route ): string {
		/* translators: %s: Provider name. */
		return sprintf( __( 'Skipped: the provider %s is disabled.', 'ai-failover' ), $route->provider->label );
	}

	/**
	 * @param Route        $route   Route.
	 * @param list<string> $missing Capabilities missing.
	 */
	public static function capability_missing( Route $route, array $missing ): string {
		return $route->in_catalog
			/* translators: %s: Comma-separated capabilities. */
			? sprintf( __( 'Skipped: the model lacks a required capability (%s).', 'ai-failover' ), implode( ', ', $missing ) )
			/* translators: %s: Comma-separated capabilities. */
			: sprintf( __( 'Skipped: the model is not in the catalog, so its capabilities (%s required) are unknown.', 'ai-failover' ), implode( ', ', $missing ) );
	}

	/**
	 * @param float $cost    Estimated cost.
	 * @param float $ceiling Ceiling.
	 */
	public static function over_cost_ceiling( float $cost, float $ceiling ): string {
		/* translators: 1: Estimated cost in USD, 2: Ceiling in USD. */
		return sprintf( __( 'Skipped: the estimated cost of $%1$s exceeds the feature\'s ceiling of $%2$s.', 'ai-failover' ), number_format( $cost, 4 ), number_format( $ceiling, 4 ) );
	}

	/**
	 * @param Route        $route   Route.
	 * @param list<string> $missing Data-handling flags the provider does not declare.
	 */
	public static function privacy_ineligible( Route $route, array $missing ): string {
		/* translators: 1: Provider name, 2: Comma-separated data-handling rules (such as "no retention, no training or data collection"). */
		return sprintf( __( 'Skipped: this feature is private, and the provider %1$s does not declare %2$s, so the request is never sent to it.', 'ai-failover' ), $route->provider->label, self::data_flags( $missing ) );
	}

	/**
	 * @param Route        $route   Route.
	 * @param list<string> $regions The feature's required regions.
	 */
	public static function region_excluded( Route $route, array $regions ): string {
		return '' === $route->provider->region
			/* translators: 1: Comma-separated regions, 2: Provider name. */
			? sprintf( __( 'Skipped: this feature only uses routes in %1$s, and the provider %2$s declares no region.', 'ai-failover' ), implode( ', ', $regions ), $route->provider->label )
			/* translators: 1: Comma-separated regions, 2: Provider name, 3: Its region. */
			: sprintf( __( 'Skipped: this feature only uses routes in %1$s, and the provider %2$s serves from %3$s.', 'ai-failover' ), implode( ', ', $regions ), $route->provider->label, $route->provider->region );
	}

	/**
	 * @param string     $region Region.
	 * @param int        $routes Routes of the feature in it.
	 * @param Route|null $next   The route after the region.
	 */
	public static function region_outage( string $region, int $routes, ?Route $next ): string {
		/* translators: 1: Region, 2: Number of routes. */
		$why = sprintf( __( 'Skipped: region %1$s is down (the circuit breakers of all %2$d of this feature\'s routes there are open), so the region is skipped as a whole', 'ai-failover' ), $region, $routes );
		if ( null === $next ) {
			return $why . __( '; no route in another region, so the run stops.', 'ai-failover' );
		}
		return '' === $next->provider->region
			/* translators: %s: Next route. */
			? $why . sprintf( __( '; moving on to %s.', 'ai-failover' ), $next->id() )
			/* translators: 1: Next route, 2: Its region. */
			: $why . sprintf( __( '; moving on to %1$s in region %2$s.', 'ai-failover' ), $next->id(), $next->provider->region );
	}

	/**
	 * Data-handling flags in words: "no retention, no training or data collection".
	 *
	 * @param list<string> $flags Flags (Provider_Config::DATA_FLAGS).
	 */
	public static function data_flags( array $flags ): string {
		$words = array(
			'local'        => __( 'runs locally', 'ai-failover' ),
			'no_retention' => __( 'no retention', 'ai-failover' ),
			'no_training'  => __( 'no training or data collection', 'ai-failover' ),
		);
		return implode( ', ', array_map( static fn( string $flag ): string => $words[ $flag ] ?? $flag, $flags ) );
	}

	/**
	 * Why a slow route goes after the others (or is skipped): its p95 over the feature's window.
	 *
	 * @since n.e.x.t
	 *
	 * @param int          $requests Requests in the window.
	 * @param int          $slow     Requests slower than the threshold among them.
	 * @param Latency_Rule $rule     The feature's latency rule.
	 * @param Route        $first    The route now tried first.
	 */
	public static function latency_demoted( int $requests, int $slow, Latency_Rule $rule, Route $first ): string {
		/* translators: 1: Threshold in seconds, 2: Window in seconds, 3: Slow requests, 4: Requests, 5: Percent of them, 6: Percent a p95 allows. */
		$why = sprintf( _n( 'p95 over %1$s s over the last %2$d s (%3$d of %4$d request, %5$s %%, took longer than %1$s s; a p95 allows %6$d %%)', 'p95 over %1$s s over the last %2$d s (%3$d of %4$d requests, %5$s %%, took longer than %1$s s; a p95 allows %6$d %%)', $requests, 'ai-failover' ), self::seconds( $rule->threshold_ms ), (int) ( $rule->window_ms / 1000 ), $slow, $requests, number_format( 100 * $slow / max( 1, $requests ), 1 ), Latency_Rule::P95_SLOW_PERCENT );
		return $rule->demote
			/* translators: 1: Why, 2: The route tried first. */
			? sprintf( __( '%1$s: tried after %2$s and the other faster routes, until a probe shows it is fast again.', 'ai-failover' ), $why, $first->id() )
			/* translators: 1: Why, 2: The route tried instead. */
			: sprintf( __( '%1$s: skipped, moving on to %2$s, until a probe shows it is fast again.', 'ai-failover' ), $why, $first->id() );
	}

	/**
	 * The probe of a slow route was fast: it is no longer demoted.
	 *
	 * @since n.e.x.t
	 *
	 * @param float        $latency_ms The probe's latency (time to first token for a stream).
	 * @param Latency_Rule $rule       The feature's latency rule.
	 */
	public static function latency_recovered( float $latency_ms, Latency_Rule $rule ): string {
		/* translators: 1: The probe's latency in seconds, 2: Threshold in seconds. */
		return sprintf( __( 'Latency probe: %1$s s, within the %2$s s threshold, so the route has recovered and is no longer tried after the others.', 'ai-failover' ), self::seconds( (int) round( $latency_ms ) ), self::seconds( $rule->threshold_ms ) );
	}

	/**
	 * Why a stream held by the throughput probe was dropped: what its window delivered.
	 *
	 * @since n.e.x.t
	 *
	 * @param int             $chars     Characters that arrived inside the window.
	 * @param float           $window_ms The window.
	 * @param Throughput_Rule $rule      The feature's rule.
	 */
	public static function stream_too_slow( int $chars, float $window_ms, Throughput_Rule $rule ): string {
		/* translators: 1: Characters, 2: Window in seconds, 3: Characters per second measured, 4: Characters per second required. */
		return sprintf( _n( '%1$d character in the first %2$s s of the stream (%3$s per second), under the feature\'s minimum of %4$d per second; none of its text had been sent', '%1$d characters in the first %2$s s of the stream (%3$s per second), under the feature\'s minimum of %4$d per second; none of its text had been sent', $chars, 'ai-failover' ), $chars, self::seconds( (int) round( $window_ms ) ), number_format( Throughput_Rule::rate( $chars, $window_ms ), 1 ), $rule->min_chars_per_second );
	}

	/**
	 * Why a stream held by the throughput probe was dropped: it ended before its window did.
	 *
	 * @since n.e.x.t
	 *
	 * @param int             $chars      Characters that arrived.
	 * @param float           $elapsed_ms How far into the window it ended.
	 * @param float           $window_ms  The window.
	 * @param Throughput_Rule $rule       The feature's rule.
	 * @param string          $why        Why it ended.
	 */
	public static function stream_ended_in_probe( int $chars, float $elapsed_ms, float $window_ms, Throughput_Rule $rule, string $why ): string {
		/* translators: 1: Seconds into the window, 2: Window in seconds, 3: Why the stream ended, 4: Characters, 5: Characters the window needs, 6: Characters per second required. */
		return sprintf( __( 'the stream ended %1$s s into its %2$s s throughput probe (%3$s) with %4$d characters, short of the %5$d that %6$d per second asks for; none of its text had been sent', 'ai-failover' ), self::seconds( (int) round( $elapsed_ms ) ), self::seconds( (int) round( $window_ms ) ), $why, $chars, $rule->chars_needed( $window_ms ), $rule->min_chars_per_second );
	}

	/**
	 * Dollars with 4 decimals, or 6 below a cent (what one request costs).
	 *
	 * @param float $usd USD.
	 */
	private static function usd( float $usd ): string {
		return number_format( $usd, $usd > 0 && $usd < 0.01 ? 6 : 4 );
	}

	/**
	 * @param int $ms Milliseconds.
	 */
	private static function seconds( int $ms ): string {
		return number_format( $ms / 1000, $ms > 0 && $ms < 100 ? 2 : 1 );
	}
}
