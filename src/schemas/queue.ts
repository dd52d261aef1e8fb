/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Workflows running on their own (issue 11): a workflow's triggers (post
 * meta `_aifo_triggers`), the durable queue's jobs and the Queue routes.
 *
 * @see \AI_Failover\Queue\Trigger_Settings
 * @see \AI_Failover\Queue\Job
 * @see \AI_Failover\REST\Queue_Controller
 */

/** Five cron fields: minute hour day-of-month month day-of-week (`*`, lists, ranges, steps). */
export const CRON_PATTERN =
	/^\s*[0-9*,/-]+\s+[0-9*,/-]+\s+[0-9*,/-]+\s+[0-9*,/-]+\s+[0-9*,/-]+\s*$(?!\n)/;

export const SCHEDULE_RECURRENCES = [
	'hourly',
	'daily',
	'weekly',
	'cron',
] as const;

/** The fixed inputs of a scheduled run, by input name (as a run request's `input`). */
export const TriggerInputSchema = z
	.record(
		z.string(),
		z.union( [ z.string().max( 20000 ), z.number(), z.boolean() ] )
	)
	.default( {} );

export const ScheduleTriggerSchema = z.strictObject( {
	enabled: z.boolean().default( false ),
	recurrence: z
		.enum( SCHEDULE_RECURRENCES )
		.default( 'daily' )
		.describe(
			"hourly (minute 0), daily (00:00), weekly (Monday 00:00) in the site's time zone, or the cron expression."
		),
	cron: z
		.string()
		.max( 100 )
		.regex( CRON_PATTERN )
		.default( '0 0 * * *' )
		.describe(
			'minute hour day-of-month month day-of-week, for recurrence "cron".'
		),
	input: TriggerInputSchema,
} );

/** Post type names as WordPress allows them (20 characters at most). */
const PostTypeSchema = z
	.string()
	.min( 1 )
	.max( 20 )
	.regex( /^[a-z0-9_-]+$(?!\n)/ );

export const PublishTriggerSchema = z.strictObject( {
	enabled: z.boolean().default( false ),
	post_types: z.array( PostTypeSchema ).max( 20 ).default( [ 'post' ] ),
	on_update: z
		.boolean()
		.default( false )
		.describe( 'Also when an already published post is updated.' ),
} );

/** Post meta `_aifo_triggers` of a workflow: administrators only. */
export const WorkflowTriggersSchema = z.strictObject( {
	schedule: ScheduleTriggerSchema.default( {
		enabled: false,
		recurrence: 'daily',
		cron: '0 0 * * *',
		input: {},
	} ),
	publish: PublishTriggerSchema.default( {
		enabled: false,
		post_types: [ 'post' ],
		on_update: false,
	} ),
} );

export type WorkflowTriggers = z.output< typeof WorkflowTriggersSchema >;

export const JOB_STATUSES = [
	'queued',
	'running',
	'done',
	'failed',
	'cancelled',
] as const;

export const JOB_SOURCES = [
	'schedule',
	'publish',
	'async',
	'cli',
	'deferred',
] as const;

const nullableTime = z.union( [ z.string(), z.null() ] );

/** A job of the durable queue (`{prefix}aifo_jobs`). */
export const QueueJobSchema = z.strictObject( {
	id: z.number().int().min( 1 ),
	type: z
		.string()
		.describe(
			'workflow_run, or feature_run (an engine run deferred past its budget by a Retry-After).'
		),
	status: z.enum( JOB_STATUSES ),
	source: z.string().describe( 'schedule, publish, async, cli or deferred.' ),
	workflow: z.number().int().min( 0 ),
	feature: z
		.string()
		.optional()
		.describe( 'The feature a feature_run job runs, else empty.' ),
	post: z
		.number()
		.int()
		.min( 0 )
		.describe( 'The post that triggered an on-publish job, else 0.' ),
	attempts: z.number().int().min( 0 ),
	max_attempts: z.number().int().min( 1 ),
	run_after: nullableTime.describe(
		'Not before then (ISO 8601, UTC): a deferral after a Retry-After.'
	),
	created_at: nullableTime,
	started_at: nullableTime,
	finished_at: nullableTime,
	outcome: z
		.string()
		.describe(
			"The workflow run's status (succeeded, failed, stopped; feature_run: success, incomplete, failed, deferred), '' before."
		),
	run_id: z
		.string()
		.describe(
			'The workflow run (feature_run: the engine run) it produced (Diagnostics), else empty.'
		),
	error: z.union( [
		z.strictObject( {
			class: z.string(),
			message: z.string(),
			retry_after: z.union( [ z.number(), z.null() ] ),
		} ),
		z.null(),
	] ),
} );

export type QueueJob = z.output< typeof QueueJobSchema >;

export const QueueJobListSchema = z.array( QueueJobSchema );

/** Query of GET /ai-failover/v1/queue/jobs. */
export const QueueJobQuerySchema = z.strictObject( {
	status: z.enum( JOB_STATUSES ).optional(),
	workflow: z.number().int().min( 0 ).default( 0 ),
	page: z.number().int().min( 1 ).default( 1 ),
	per_page: z.number().int().min( 1 ).max( 100 ).default( 20 ),
} );

/** Body of POST /ai-failover/v1/queue/jobs/{id} (retry now or cancel). */
export const QueueJobActionSchema = z.strictObject( {
	action: z.enum( [ 'retry', 'cancel' ] ),
} );

/** Answer of POST /ai-failover/v1/queue/run: the jobs this worker ran. */
export const QueueRunResultSchema = z.strictObject( {
	ran: z.array(
		z.strictObject( {
			id: z.number().int().min( 1 ),
			status: z.string(),
		} )
	),
} );
