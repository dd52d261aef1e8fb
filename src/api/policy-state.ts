/**
 * Internal dependencies
 */
import { PolicyStateSchema, type PolicyState } from '../schemas/policy-state';
import type { ApiError } from './errors';
import { NAMESPACE, request } from './request';

export const POLICY_STATE_PATH = `${ NAMESPACE }/policy-state`;

/**
 * GET /ai-failover/v1/policy-state: every spend budget (per feature and
 * site-wide, today and this month) and the error-rate window and breaker of
 * every route a feature with an error-rate breaker uses.
 *
 * @return The state, as the engine's next run would find it.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getPolicyState(): Promise< PolicyState > {
	return request( PolicyStateSchema, { path: POLICY_STATE_PATH } );
}
