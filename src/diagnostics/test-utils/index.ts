/**
 * Data shared by the diagnostics component tests.
 */

/**
 * Internal dependencies
 */
import type { HealthRow, Run, Summary } from '../../api/events';
import type { LogEvent } from '../../schemas';
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
