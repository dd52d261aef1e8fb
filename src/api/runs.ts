/**
 * Internal dependencies
 */
import { RunResultSchema, type RunRequest, type RunResult } from '../schemas';
import type { ApiError } from './errors';
import { featurePath } from './features';
import { request } from './request';

/**
 * Path of a feature's run route.
 *
 * @param id Feature id.
 * @return Route.
 */
export const featureRunPath = ( id: string ) => `${ featurePath( id ) }/run`;

/**
 * A run request answered with JSON: `stream: true` makes the server answer
 * with server-sent events instead, which this client does not read.
 */
export type JsonRunRequest = Omit< RunRequest, 'stream' > & { stream?: false };

/**
 * POST /ai-failover/v1/features/{id}/run: runs the feature through the real
 * engine. The server answers 200 whatever the run's outcome, so a failed run
 * resolves (status `failed`, `error` set); only a refused request rejects.
 *
 * @param  id   Feature id.
 * @param  body Messages and options; `simulate` needs an administrator.
 * @return The result: answer, who served it, and every attempt.
 * @throws {ApiError} 400 with `fieldErrors` (`messages[0].content`, ...),
 *                    403 `aifo_forbidden` when a non-administrator sends `simulate`,
 *                    404 `aifo_feature_not_found`.
 */
export function runFeature(
	id: string,
	body: JsonRunRequest
): Promise< RunResult > {
	return request( RunResultSchema, {
		path: featureRunPath( id ),
		method: 'POST',
		data: body,
	} );
}
