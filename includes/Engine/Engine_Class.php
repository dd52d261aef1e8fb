<?php
/**
 * The classes the engine itself gives a step, beside the providers' taxonomy.
 *
 * @package AI_Failover
 */

declare( strict_types=1 );

namespace AI_Failover\Engine;

/**
 * Why a step failed or was skipped when no provider error says so: an answer that failed the
 * caller's checks, a route the plan left out, or a bound of the run that was reached.
 *
 * @since 0.2.0
 */
enum Engine_Class: string {

	case Validation_Failed  = 'validation_failed';
	case Breaker_Open       = 'breaker_open';
	case Provider_Disabled  = 'provider_disabled';
	case Capability_Missing = 'capability_missing';
	case Over_Cost_Ceiling  = 'over_cost_ceiling';
	case Over_Spend_Budget  = 'over_spend_budget';
	case Privacy_Ineligible = 'privacy_ineligible';
	case Region_Excluded    = 'region_excluded';
	case Region_Outage      = 'region_outage';
	case Latency_Demoted    = 'latency_demoted';
	case Slow_Stream        = 'slow_stream';
	case Keys_Exhausted     = 'keys_exhausted';
	case Budget_Exhausted   = 'budget_exhausted';
	case Attempts_Exhausted = 'attempts_exhausted';
	case Loop_Guard         = 'loop_guard';
	case Incomplete         = 'incomplete';
	case Deferred           = 'deferred';
	case No_Route           = 'no_route';
	case Unknown_Feature    = 'unknown_feature';
	case Access_Denied      = 'access_denied';
}
