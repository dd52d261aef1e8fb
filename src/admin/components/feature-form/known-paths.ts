/**
 * Internal dependencies
 */
import { ALERT_FIELDS, RETRY_FIELDS, TIMEOUT_FIELDS } from './labels';

/**
 * Every field-error key the form shows next to a field; the others are
 * listed in the form's error notice, so no server message is lost.
 *
 * @param fallbackCount Number of fallback routes.
 * @return Keys.
 */
export function knownPaths( fallbackCount: number ): Set< string > {
	const paths = [
		'id',
		'label',
		'fallbacks',
		'triggers',
		'retry',
		'timeouts',
		'requires',
		'strategy',
		'prefer_local',
		'retry_timeouts',
		'prefer_lower_cost',
		'max_cost_per_request',
		'degraded_notice',
		'alerts',
		'error_rate_breaker',
		'error_rate_breaker.enabled',
		'error_rate_breaker.percent',
		'error_rate_breaker.min_requests',
		'error_rate_breaker.window_s',
		'budget',
		'budget.daily_usd',
		'budget.monthly_usd',
		'budget.downgrade_at_pct',
		'routing',
		'routing.privacy',
		'routing.privacy.private',
		'routing.privacy.requires',
		'routing.regions',
		'routing.regions.require',
		'routing.regions.prefer',
		'routing.compatibility',
		'routing.compatibility.allow_cross_family',
		'routing.compatibility.allow_incapable',
		'routing.compatibility.min_context_tokens',
		'routing.quality',
		'routing.quality.non_empty',
		'routing.quality.min_length',
		'routing.quality.regex',
		'routing.quality.json',
		'routing.latency',
		'routing.latency.enabled',
		'routing.latency.threshold_ms',
		'routing.latency.window_s',
		'routing.latency.min_requests',
		'routing.latency.probe_every_s',
		'routing.latency.action',
		'routing.throughput',
		'routing.throughput.enabled',
		'routing.throughput.probe_ms',
		'routing.throughput.min_chars_per_second',
		'retry.attempts_per_route',
		...RETRY_FIELDS.map( ( f ) => `retry.${ f }` ),
		...TIMEOUT_FIELDS.map( ( f ) => `timeouts.${ f }` ),
		...ALERT_FIELDS.map( ( f ) => `alerts.${ f }` ),
		'access',
		'access.roles',
		'access.ip_allow',
		'access.allow_server_runs',
		'tier',
		'tier.notice_required',
		'tier.fallback_roles',
		'drills',
		'drills.enabled',
		'drills.frequency',
		'drills.steps',
		...Array.from(
			{ length: 20 },
			( _v, i ) => `tier.fallback_roles[${ i }]`
		),
		// The access section shows an entry's error at its list (at most 100 entries).
		...Array.from(
			{ length: 100 },
			( _v, i ) => `access.ip_allow[${ i }]`
		),
		...Array.from( { length: 20 }, ( _v, i ) => `access.roles[${ i }]` ),
	];
	const routes = [
		'primary',
		...Array.from(
			{ length: fallbackCount },
			( _v, i ) => `fallbacks[${ i }]`
		),
	];
	for ( const route of routes ) {
		paths.push(
			route,
			`${ route }.provider_id`,
			`${ route }.model`,
			`${ route }.weight`
		);
	}
	return new Set( paths );
}
