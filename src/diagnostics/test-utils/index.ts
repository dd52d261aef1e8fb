/**
 * Data shared by the diagnostics component tests.
 */

/**
 * Internal dependencies
 */
import type { HealthRow, Run } from '../../api/events';
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
	requests: 10,
	successes: 9,
	success_rate: 0.9,
	error_rate: 0.1,
	fallback_rate: 0,
	errors_by_class: [ { error_class: 'auth', count: 1 } ],
	breaker: 'n/a',
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
