/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import { getJobs, runQueue, updateJob } from '../queue';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock;

const JOB = {
	id: 12,
	type: 'workflow_run',
	status: 'failed',
	source: 'schedule',
	workflow: 34,
	feature: '',
	post: 0,
	attempts: 3,
	max_attempts: 3,
	run_after: null,
	created_at: '2026-12-01T10:00:00Z',
	started_at: '2026-12-01T10:02:00Z',
	finished_at: '2026-12-01T10:02:01Z',
	outcome: 'failed',
	run_id: '0123456789abcdef',
	error: { class: 'server', message: 'Upstream 503', retry_after: null },
};

const COUNTS = {
	'X-AIFO-Count-Queued': '2',
	'X-AIFO-Count-Running': '1',
	'X-AIFO-Count-Done': '40',
	'X-AIFO-Count-Failed': '1',
	'X-AIFO-Count-Cancelled': '0',
};

const response = ( body: unknown, headers: Record< string, string > ) => ( {
	status: 200,
	statusText: '',
	headers: {
		get: ( name: string ) =>
			Object.entries( headers ).find(
				( [ key ] ) => key.toLowerCase() === name.toLowerCase()
			)?.[ 1 ] ?? null,
	},
	json: () => Promise.resolve( body ),
} );

describe( 'queue API', () => {
	beforeEach( () => mockApiFetch.mockReset() );

	it( 'should GET a page of one status with its totals and the count of every status', async () => {
		mockApiFetch.mockResolvedValue(
			response( [ JOB ], {
				'X-WP-Total': '1',
				'X-WP-TotalPages': '1',
				...COUNTS,
			} )
		);
		const page = await getJobs( 'failed', 2 );
		expect( mockApiFetch.mock.calls[ 0 ][ 0 ] ).toMatchObject( {
			path: '/ai-failover/v1/queue/jobs?page=2&per_page=20&status=failed',
			parse: false,
		} );
		expect( page ).toEqual( {
			jobs: [ JOB ],
			total: 1,
			totalPages: 1,
			counts: {
				queued: 2,
				running: 1,
				done: 40,
				failed: 1,
				cancelled: 0,
			},
		} );
	} );

	it( 'should refuse an answer without its count headers', async () => {
		mockApiFetch.mockResolvedValue(
			response( [ JOB ], { 'X-WP-Total': '1', 'X-WP-TotalPages': '1' } )
		);
		await expect( getJobs( null ) ).rejects.toMatchObject( {
			code: 'aifo_invalid_response',
		} );
	} );

	it( 'should refuse a job that does not match the schema', async () => {
		mockApiFetch.mockResolvedValue(
			response( [ { ...JOB, status: 'sleeping' } ], {
				'X-WP-Total': '1',
				'X-WP-TotalPages': '1',
				...COUNTS,
			} )
		);
		await expect( getJobs( null ) ).rejects.toBeInstanceOf( ApiError );
	} );

	it( 'should POST retry and cancel, and run the queue', async () => {
		mockApiFetch.mockResolvedValueOnce( { ...JOB, status: 'queued' } );
		await expect( updateJob( 12, 'retry' ) ).resolves.toMatchObject( {
			status: 'queued',
		} );
		expect( mockApiFetch.mock.calls[ 0 ][ 0 ] ).toEqual( {
			path: '/ai-failover/v1/queue/jobs/12',
			method: 'POST',
			data: { action: 'retry' },
		} );
		mockApiFetch.mockResolvedValueOnce( {
			ran: [ { id: 12, status: 'done' } ],
		} );
		await expect( runQueue() ).resolves.toEqual( {
			ran: [ { id: 12, status: 'done' } ],
		} );
	} );
} );
