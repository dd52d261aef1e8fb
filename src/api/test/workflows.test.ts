/**
 * External dependencies
 */
import { TextDecoder, TextEncoder } from 'node:util';

/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import {
	getFeaturesSummary,
	runWorkflowStreamed,
	validateWorkflow,
	workflowErrorsOf,
} from '../workflows';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

Object.assign( global, { TextDecoder, TextEncoder } );

const mockApiFetch = apiFetch as unknown as jest.Mock;

const RECORD = {
	id: 'draft',
	label: 'Draft',
	status: 'failed',
	branch: 'failure',
	feature: 'fast',
	run_id: 'run-1',
	served_by: null,
	degraded: false,
	output: '',
	error: {
		class: 'server',
		status: 503,
		provider: 'simulator',
		model: 'sim-unavailable',
		message: 'Unavailable',
		attempts: 1,
		retry_after: null,
	},
	attempts: 1,
	duration_ms: 5,
	cost: 0,
};

const RUN = {
	id: 'wfr-1',
	workflow: 7,
	workflow_title: 'Digest',
	status: 'succeeded',
	outcome: 'succeeded',
	output: 'ok',
	message: '',
	error: null,
	started_at: '2026-12-01T08:00:00Z',
	duration_ms: 9,
	cost: 0,
	dry_run: false,
	steps: [ RECORD ],
};

/**
 * A fetch Response whose body arrives in the given chunks.
 *
 * @param chunks      Body pieces.
 * @param contentType Content-Type header.
 * @return Response-like object.
 */
function streamed( chunks: string[], contentType = 'text/event-stream' ) {
	const encoder = new TextEncoder();
	let index = 0;
	return {
		status: 200,
		headers: { get: () => contentType },
		json: async () => JSON.parse( chunks.join( '' ) ),
		text: async () => chunks.join( '' ),
		body: {
			getReader: () => ( {
				read: async () =>
					index < chunks.length
						? {
								done: false,
								value: encoder.encode( chunks[ index++ ] ),
							}
						: { done: true, value: undefined },
			} ),
		},
	};
}

describe( 'workflows API', () => {
	beforeEach( () => mockApiFetch.mockReset() );

	it( 'should parse the features summary', async () => {
		const features = [
			{
				id: 'fast',
				label: 'Fast',
				primary: 'simulator/sim-echo',
				fallbacks: [],
				triggers: [],
			},
		];
		mockApiFetch.mockResolvedValue( features );
		await expect( getFeaturesSummary() ).resolves.toEqual( features );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/features-summary',
		} );
	} );

	it( 'should refuse a malformed features summary', async () => {
		mockApiFetch.mockResolvedValue( [ { id: 'fast', key: 'sk-1' } ] );
		await expect( getFeaturesSummary() ).rejects.toMatchObject( {
			code: 'aifo_invalid_response',
		} );
	} );

	it( 'should post content to validate', async () => {
		mockApiFetch.mockResolvedValue( { valid: true, errors: [] } );
		await expect( validateWorkflow( '<!-- wp:x /-->' ) ).resolves.toEqual( {
			valid: true,
			errors: [],
		} );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/workflows/validate',
			method: 'POST',
			data: { content: '<!-- wp:x /-->' },
		} );
	} );

	it( 'should read step events as they arrive, split anywhere, then the run', async () => {
		const body =
			`event: step_started\ndata: {"step":"draft","label":"Draft"}\n\n` +
			`event: step_finished\ndata: ${ JSON.stringify( RECORD ) }\n\n` +
			`event: done\ndata: ${ JSON.stringify( RUN ) }\n\n`;
		const cut = [ 7, 40, 90, 200 ];
		const chunks = [ 0, ...cut ].map( ( start, i ) =>
			body.slice( start, cut[ i ] ?? body.length )
		);
		mockApiFetch.mockResolvedValue( streamed( chunks ) );
		const events: unknown[] = [];

		await expect(
			runWorkflowStreamed( 7, { input: { topic: 'x' } }, ( e ) =>
				events.push( e )
			)
		).resolves.toEqual( RUN );
		expect( events ).toEqual( [
			{ type: 'step_started', step: 'draft', label: 'Draft' },
			{ type: 'step_finished', record: RECORD },
		] );
		expect( mockApiFetch ).toHaveBeenCalledWith( {
			path: '/ai-failover/v1/workflows/7/runs',
			method: 'POST',
			data: { input: { topic: 'x' }, stream: true },
			parse: false,
		} );
	} );

	it( 'should read a plain JSON answer as the run', async () => {
		mockApiFetch.mockResolvedValue(
			streamed( [ JSON.stringify( RUN ) ], 'application/json' )
		);
		const onEvent = jest.fn();
		await expect( runWorkflowStreamed( 7, {}, onEvent ) ).resolves.toEqual(
			RUN
		);
		expect( onEvent ).not.toHaveBeenCalled();
	} );

	it( 'should fail a stream that ends without a run', async () => {
		mockApiFetch.mockResolvedValue(
			streamed( [
				'event: step_started\ndata: {"step":"a","label":""}\n\n',
			] )
		);
		await expect(
			runWorkflowStreamed( 7, {}, jest.fn() )
		).rejects.toMatchObject( {
			code: 'aifo_invalid_response',
		} );
	} );

	it( 'should hand over the graph problems of a refused run', async () => {
		const errors = [
			{
				step: 'draft',
				block: 'ai-failover/step',
				code: 'missing_feature',
				message: 'Pick one.',
			},
		];
		mockApiFetch.mockRejectedValue( {
			status: 400,
			statusText: 'Bad Request',
			headers: { get: () => 'application/json' },
			json: async () => ( {
				code: 'aifo_workflow_invalid',
				message: 'The workflow has problems.',
				data: { status: 400, errors },
			} ),
		} );
		const error = await runWorkflowStreamed( 7, {}, jest.fn() ).catch(
			( e ) => e
		);
		expect( error ).toBeInstanceOf( ApiError );
		expect( error ).toMatchObject( {
			code: 'aifo_workflow_invalid',
			status: 400,
		} );
		expect( workflowErrorsOf( error ) ).toEqual( errors );
		expect( workflowErrorsOf( new Error( 'x' ) ) ).toEqual( [] );
	} );
} );
