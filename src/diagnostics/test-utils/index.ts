/**
 * Data shared by the diagnostics component tests.
 */

/**
 * Internal dependencies
 */
import type { HealthRow, Run, Summary } from '../../api/events';
import type { LogEvent, PolicyState } from '../../schemas';
import {
	EVENT,
	HEALTH_ROW,
	RUN_ID,
	SUCCESS_EVENT,
} from '../../api/test/fixtures/events';

export { EVENT, HEALTH_ROW, RUN_ID, SUCCESS_EVENT };

/** Markup in user-supplied strings must come out as text. */
export const XSS = '<img src=x onerror=alert(1)>';

export const XSS_EVENT: LogEvent = {
	...EVENT,
	id: 3,
	run_id: 'aaaaaaaaaaaaaaaa',
	key_label: XSS,
	reason: `429 rate_limited from OpenAI (gpt-4o-mini) key '${ XSS }': waited 2.0 s as the provider asked, then tried key 'prod-3'.`,
};

export const RUN: Run = {
	run_id: RUN_ID,
	feature: 'summary',
	attempts: [ EVENT, SUCCESS_EVENT ],
};

export const KEY_ROW: HealthRow = {
	...HEALTH_ROW,
	kind: 'key',
	subject: 'openai:prod-2',
	provider: 'openai',
	runs: null,
	runs_served: null,
	runs_fell_back: null,
	runs_breaker_skipped: null,
	attempts: 10,
	requests: 10,
	successes: 9,
	success_rate: 0.9,
	error_rate: 0.1,
	fallback_rate: 0,
	errors_by_class: [
		{
			error_class: 'auth',
			count: 1,
			first_seen: '2026-11-22T05:10:00.000Z',
			last_seen: '2026-11-22T05:10:00.000Z',
		},
	],
	breaker: 'n/a',
	breaker_opened_at: null,
	breaker_next_probe_at: null,
	key_state: 'dead',
	key_state_reason: '401 auth from OpenAI: the key was revoked.',
	series: [],
};

/**
 * What getEvents resolves with.
 *
 * @param events Rows.
 */
export const eventPage = ( events: LogEvent[] ) => ( {
	events,
	total: events.length,
	totalPages: 1,
} );

/** The incident of issue 12: 13 runs, all served by the fallback. */
export const SUMMARY: Summary = {
	window: '24h',
	since: '2026-11-21T06:30:00Z',
	until: '2026-11-22T06:30:00Z',
	bucket: 'hour',
	simulated: false,
	runs: 13,
	degraded: 13,
	served_by_fallback: 13,
	failed: 0,
	cost: 0.0042,
	p50_latency_ms: 120,
	p95_latency_ms: 850,
	attempts: 31,
	attempts_sent: 21,
	attempts_skipped: 10,
	series: [
		{
			bucket: '2026-11-22T05:00:00Z',
			runs: 3,
			served_first: 0,
			served_by_fallback: 3,
			failed: 0,
		},
		{
			bucket: '2026-11-22T06:00:00Z',
			runs: 10,
			served_first: 0,
			served_by_fallback: 10,
			failed: 0,
		},
	],
	by_provider: [
		{
			name: 'fake-ok',
			total: 13,
			points: [
				{ bucket: '2026-11-22T05:00:00Z', count: 3 },
				{ bucket: '2026-11-22T06:00:00Z', count: 10 },
			],
		},
	],
	by_error_class: [
		{
			name: 'breaker_open',
			total: 10,
			points: [ { bucket: '2026-11-22T06:00:00Z', count: 10 } ],
		},
		{
			name: 'server',
			total: 8,
			points: [ { bucket: '2026-11-22T05:00:00Z', count: 8 } ],
		},
	],
	alerts: [
		{
			condition: 'fallback_rate:summary',
			message:
				'Summary needed a fallback or a key rotation in 100% of its 13 runs over the last 60 minutes.',
		},
	],
};

/** The policy state of one capped feature (and a site-wide month) and one route whose error rate opened its breaker. */
export const POLICY_STATE: PolicyState = {
	generated_at: '2026-12-01T14:05:00Z',
	budgets: {
		site: {
			periods: [
				{
					scope: 'site',
					period: 'month',
					account: 'site@month:2026-12',
					spent_usd: 12.5,
					reserved_usd: 0.25,
					limit_usd: 100,
					downgrade_at_pct: 80,
					downgrade_at_usd: 80,
					state: 'normal',
					resets_at: '2027-01-01T00:00:00Z',
				},
			],
		},
		features: [
			{
				feature: 'summary',
				label: XSS,
				state: 'capped',
				decided_by: 'the feature’s daily budget',
				room_usd: 0,
				periods: [
					{
						scope: 'feature',
						period: 'day',
						account: 'feature:summary@day:2026-12-01',
						spent_usd: 1.0002,
						reserved_usd: 0,
						limit_usd: 1,
						downgrade_at_pct: 80,
						downgrade_at_usd: 0.8,
						state: 'capped',
						resets_at: '2026-12-02T00:00:00Z',
					},
				],
				site_counts: true,
				routes: [
					{
						route: 'openai/gpt-4o',
						position: 'primary',
						over_budget: false,
						estimated_cost_usd: 0.01274,
						runs: false,
						order: null,
					},
					{
						route: 'openai/gpt-4o-mini',
						position: 'fallback 1',
						over_budget: true,
						estimated_cost_usd: 0.000764,
						runs: true,
						order: 1,
					},
				],
				typical_input: 1000,
			},
		],
	},
	error_rate: {
		cooldown_ms: 30000,
		consecutive_threshold: 5,
		routes: [
			{
				route: 'openai/gpt-4o-mini',
				breaker: 'open',
				consecutive_failures: 2,
				opened_at: '2026-12-01T14:04:40Z',
				next_probe_at: '2026-12-01T14:05:10Z',
				probe_in_flight: false,
				opened_by: 'error_rate',
				rules: [
					{
						feature: 'summary',
						label: 'Summary',
						window_s: 60,
						threshold_pct: 5,
						min_requests: 16,
						requests: 18,
						failures: 2,
						rate: 0.1111,
						trips: true,
					},
				],
			},
		],
	},
};

/** No budget set, no feature with an error-rate breaker. */
export const EMPTY_POLICY_STATE: PolicyState = {
	generated_at: '2026-12-01T14:05:00Z',
	budgets: { site: { periods: [] }, features: [] },
	error_rate: { cooldown_ms: 30000, consecutive_threshold: 5, routes: [] },
};
