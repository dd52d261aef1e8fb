/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	FeatureSummaryListSchema,
	StepRecordSchema,
	WorkflowRunListSchema,
	WorkflowRunSchema,
	WorkflowStepStartedEventSchema,
	WorkflowValidationErrorSchema,
	WorkflowValidationSchema,
	type FeatureSummary,
	type StepRecord,
	type WorkflowRun,
	type WorkflowRunRequest,
	type WorkflowValidation,
	type WorkflowValidationError,
} from '../schemas/workflow';
import { ApiError, parseResponse, toApiError } from './errors';
import { errorFromRejection, NAMESPACE, request, segment } from './request';

export const FEATURES_SUMMARY_PATH = `${ NAMESPACE }/features-summary`;
export const WORKFLOW_VALIDATE_PATH = `${ NAMESPACE }/workflows/validate`;

/**
 * Path of a workflow's runs.
 *
 * @param workflowId Post id of the workflow.
 * @return Route.
 */
export const workflowRunsPath = ( workflowId: number ) =>
	`${ NAMESPACE }/workflows/${ workflowId }/runs`;

/**
 * GET /ai-failover/v1/features-summary: what an editor may know of the
 * features (id, label, primary -> fallbacks, triggers; no keys).
 *
 * @return Features.
 * @throws {ApiError} 403 for users who cannot run workflows.
 */
export function getFeaturesSummary(): Promise< FeatureSummary[] > {
	return request( FeatureSummaryListSchema, { path: FEATURES_SUMMARY_PATH } );
}

/**
 * POST /ai-failover/v1/workflows/validate: the server's judgement of
 * unsaved content.
 *
 * @param  content Serialized blocks.
 * @param  signal  Aborts a check that a newer edit made stale.
 * @return Whether the graph is valid, and every problem per step.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function validateWorkflow(
	content: string,
	signal?: AbortSignal
): Promise< WorkflowValidation > {
	return request( WorkflowValidationSchema, {
		path: WORKFLOW_VALIDATE_PATH,
		method: 'POST',
		data: { content },
		...( signal ? { signal } : {} ),
	} );
}

/**
 * The graph problems a refused run names (400 `aifo_workflow_invalid`,
 * `data.errors`); empty for any other error.
 *
 * @param error Error of runWorkflow().
 * @return Problems.
 */
export function workflowErrorsOf( error: unknown ): WorkflowValidationError[] {
	if ( ! ( error instanceof ApiError ) ) {
		return [];
	}
	const parsed = z
		.array( WorkflowValidationErrorSchema )
		.safeParse( error.data.errors );
	return parsed.success ? parsed.data : [];
}

/** A run request answered with JSON. */
export type JsonWorkflowRunRequest = Omit< WorkflowRunRequest, 'stream' >;

/**
 * POST /ai-failover/v1/workflows/{id}/runs: runs the saved workflow. A run
 * that failed or stopped resolves (HTTP 200); only a refused request
 * rejects.
 *
 * @param  workflowId Post id.
 * @param  body       Input values; `simulate` needs an administrator.
 * @return The run.
 * @throws {ApiError} 400 `aifo_workflow_invalid` (see workflowErrorsOf()),
 *                    403, 404.
 */
export function runWorkflow(
	workflowId: number,
	body: JsonWorkflowRunRequest
): Promise< WorkflowRun > {
	return request( WorkflowRunSchema, {
		path: workflowRunsPath( workflowId ),
		method: 'POST',
		data: { ...body, stream: false },
	} );
}

/** What a streamed run reports while it runs. */
export type WorkflowRunEvent =
	| { type: 'step_started'; step: string; label: string }
	| { type: 'step_finished'; record: StepRecord };

/**
 * POST /ai-failover/v1/workflows/{id}/runs with `stream: true`: calls
 * `onEvent` for every `step_started` and `step_finished` server-sent event
 * as it arrives, and resolves with the `done` event's run. A server that
 * answers with plain JSON instead is read as runWorkflow() reads it.
 *
 * @param  workflowId Post id.
 * @param  body       Input values and options.
 * @param  onEvent    Called per step event, in order.
 * @return The whole run.
 * @throws {ApiError} As runWorkflow(), plus `aifo_invalid_response` for a
 *                    stream without a `done` event or with a malformed event.
 */
export async function runWorkflowStreamed(
	workflowId: number,
	body: JsonWorkflowRunRequest,
	onEvent: ( event: WorkflowRunEvent ) => void
): Promise< WorkflowRun > {
	const route = workflowRunsPath( workflowId );
	let response: Response;
	try {
		response = await apiFetch< Response, false >( {
			path: route,
			method: 'POST',
			data: { ...body, stream: true },
			parse: false,
		} );
	} catch ( error ) {
		throw await errorFromRejection( error );
	}
	const type = response.headers.get( 'content-type' ) ?? '';
	if ( ! type.includes( 'text/event-stream' ) ) {
		return parseResponse(
			WorkflowRunSchema,
			await readJson( response ),
			route
		);
	}
	let run: WorkflowRun | null = null;
	await readEvents( response, ( event, data ) => {
		const payload = parseJson( data );
		if ( event === 'step_started' ) {
			const started = parseResponse(
				WorkflowStepStartedEventSchema,
				payload,
				route
			);
			onEvent( { type: 'step_started', ...started } );
		} else if ( event === 'step_finished' ) {
			onEvent( {
				type: 'step_finished',
				record: parseResponse( StepRecordSchema, payload, route ),
			} );
		} else if ( event === 'done' ) {
			run = parseResponse( WorkflowRunSchema, payload, route );
		} else if ( event === 'error' ) {
			throw toApiError( payload );
		}
	} );
	if ( run === null ) {
		throw new ApiError(
			'aifo_invalid_response',
			__( 'The run ended without a result.', 'ai-failover' )
		);
	}
	return run;
}

/**
 * GET /ai-failover/v1/workflows/{id}/runs: the latest 20 runs, newest first.
 *
 * @param  workflowId Post id.
 * @return Runs.
 * @throws {ApiError} On any REST error or an unexpected response shape.
 */
export function getWorkflowRuns(
	workflowId: number
): Promise< WorkflowRun[] > {
	return request( WorkflowRunListSchema, {
		path: workflowRunsPath( workflowId ),
	} );
}

/**
 * GET /ai-failover/v1/workflow-runs/{run_id}
 *
 * @param  runId Workflow run id.
 * @return The run.
 * @throws {ApiError} 404 when the run is unknown.
 */
export function getWorkflowRun( runId: string ): Promise< WorkflowRun > {
	return request( WorkflowRunSchema, {
		path: `${ NAMESPACE }/workflow-runs/${ segment( runId ) }`,
	} );
}

const parseJson = ( text: string ): unknown => {
	try {
		return JSON.parse( text );
	} catch {
		return undefined;
	}
};

async function readJson( response: Response ): Promise< unknown > {
	const text = await response.text();
	return parseJson( text );
}

/**
 * Reads server-sent events as they arrive (`event:` and `data:` lines,
 * blank line between events).
 *
 * @param response Streamed response.
 * @param onEvent  Called per complete event.
 */
async function readEvents(
	response: Response,
	onEvent: ( event: string, data: string ) => void
): Promise< void > {
	let buffer = '';
	const flush = ( final: boolean ) => {
		const blocks = buffer.split( /\r?\n\r?\n/ );
		buffer = final ? '' : ( blocks.pop() ?? '' );
		for ( const block of blocks ) {
			let event = 'message';
			const data: string[] = [];
			for ( const line of block.split( /\r?\n/ ) ) {
				if ( line.startsWith( 'event:' ) ) {
					event = line.slice( 6 ).trim();
				} else if ( line.startsWith( 'data:' ) ) {
					data.push( line.slice( 5 ).replace( /^ /, '' ) );
				}
			}
			if ( data.length > 0 ) {
				onEvent( event, data.join( '\n' ) );
			}
		}
	};
	const reader = response.body?.getReader();
	if ( ! reader ) {
		buffer = await response.text();
		flush( true );
		return;
	}
	const decoder = new TextDecoder();
	for (;;) {
		const { done, value } = await reader.read();
		if ( done ) {
			break;
		}
		buffer += decoder.decode( value, { stream: true } );
		flush( false );
	}
	buffer += decoder.decode();
	flush( true );
}
