/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	JOB_STATUSES,
	QueueJobListSchema,
	QueueJobSchema,
	QueueRunResultSchema,
	type QueueJob,
} from '../schemas/queue';
import { ApiError } from './errors';
import { NAMESPACE, request, requestWithHeaders } from './request';

export const QUEUE_JOBS_PATH = `${ NAMESPACE }/queue/jobs`;
export const QUEUE_RUN_PATH = `${ NAMESPACE }/queue/run`;

export type JobStatus = ( typeof JOB_STATUSES )[ number ];

export type JobPage = {
	jobs: QueueJob[];
	/** Jobs matching the filter (X-WP-Total). */
	total: number;
	/** Pages (X-WP-TotalPages), at least 1. */
	totalPages: number;
	/** Jobs per status in the whole queue (X-AIFO-Count-<Status>). */
	counts: Record< JobStatus, number >;
};

const countOf = ( value: string | null ): number | null =>
	value !== null && /^\d+$/.test( value ) ? Number( value ) : null;

/**
 * GET /ai-failover/v1/queue/jobs: one page of jobs, newest first.
 *
 * @param  status Only this status, or every job.
 * @param  page   Page (1-based).
 * @return The jobs, the totals and the count of each status.
 * @throws {ApiError} On any REST error, or `aifo_invalid_response` when the
 *                    count headers are missing.
 */
export async function getJobs(
	status: JobStatus | null,
	page = 1
): Promise< JobPage > {
	const args = new URLSearchParams( {
		page: String( page ),
		per_page: '20',
	} );
	if ( status ) {
		args.set( 'status', status );
	}
	const { data, header } = await requestWithHeaders( QueueJobListSchema, {
		path: `${ QUEUE_JOBS_PATH }?${ args.toString() }`,
	} );
	const total = countOf( header( 'X-WP-Total' ) );
	const pages = countOf( header( 'X-WP-TotalPages' ) );
	const counts = Object.fromEntries(
		JOB_STATUSES.map( ( name ) => [
			name,
			countOf(
				header(
					`X-AIFO-Count-${ name.charAt( 0 ).toUpperCase() }${ name.slice(
						1
					) }`
				)
			),
		] )
	);
	if (
		total === null ||
		pages === null ||
		Object.values( counts ).some( ( count ) => count === null )
	) {
		throw new ApiError(
			'aifo_invalid_response',
			__( 'The queue answered without its count headers.', 'ai-failover' )
		);
	}
	return {
		jobs: data,
		total,
		totalPages: Math.max( 1, pages ),
		counts: counts as Record< JobStatus, number >,
	};
}

/**
 * POST /ai-failover/v1/queue/jobs/{id}: retry a job now, or cancel it.
 *
 * @param  id     Job id.
 * @param  action retry or cancel.
 * @return The job afterwards.
 * @throws {ApiError} 409 `aifo_job_conflict` when the job's status does not
 *                    allow it, 404 `aifo_job_not_found`.
 */
export function updateJob(
	id: number,
	action: 'retry' | 'cancel'
): Promise< QueueJob > {
	return request( QueueJobSchema, {
		path: `${ QUEUE_JOBS_PATH }/${ id }`,
		method: 'POST',
		data: { action },
	} );
}

/**
 * POST /ai-failover/v1/queue/run: runs the due jobs now, in that request.
 *
 * @return The jobs that ran and how each ended.
 */
export function runQueue(): Promise< {
	ran: { id: number; status: string }[];
} > {
	return request( QueueRunResultSchema, {
		path: QUEUE_RUN_PATH,
		method: 'POST',
	} );
}
