/**
 * External dependencies
 */
import { act, fireEvent, render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { getJobs, updateJob } from '../../api/queue';
import type { QueueJob } from '../../schemas/queue';
import {
	QueueScreen,
	resultUrl,
	whenText,
	workflowRunUrl,
} from '../components/queue-screen';

jest.mock( '../../api/queue', () => ( {
	getJobs: jest.fn(),
	updateJob: jest.fn(),
	runQueue: jest.fn(),
} ) );

const mockGetJobs = getJobs as jest.Mock;
const mockUpdateJob = updateJob as jest.Mock;

const JOB: QueueJob = {
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

const page = ( jobs: QueueJob[] ) => ( {
	jobs,
	total: jobs.length,
	totalPages: 1,
	counts: { queued: 0, running: 0, done: 5, failed: 1, cancelled: 0 },
} );

describe( 'QueueScreen', () => {
	beforeEach( () => {
		mockGetJobs.mockReset();
		mockUpdateJob.mockReset();
	} );

	it( 'should list jobs with their error, link the run to Diagnostics and retry a failed one', async () => {
		mockGetJobs.mockResolvedValue( page( [ JOB ] ) );
		mockUpdateJob.mockResolvedValue( { ...JOB, status: 'queued' } );
		await act( async () => {
			render( <QueueScreen /> );
		} );

		expect( screen.getByText( 'server: Upstream 503' ) ).toBeTruthy();
		expect(
			screen
				.getByRole( 'link', { name: 'failed' } )
				.getAttribute( 'href' )
		).toBe(
			'admin.php?page=ai-failover-diagnostics#workflow-run=0123456789abcdef'
		);
		expect(
			screen.getByRole( 'button', { name: 'Failed (1)' } )
		).toBeTruthy();
		expect( screen.queryByRole( 'button', { name: 'Cancel' } ) ).toBeNull();

		await act( async () => {
			fireEvent.click(
				screen.getByRole( 'button', { name: 'Retry now' } )
			);
		} );
		expect( mockUpdateJob ).toHaveBeenCalledWith( 12, 'retry' );
		expect(
			screen.getAllByText( 'Job 12 is queued again.' ).length
		).toBeGreaterThan( 0 );
	} );

	it( 'should filter by status', async () => {
		mockGetJobs.mockResolvedValue( page( [] ) );
		await act( async () => {
			render( <QueueScreen /> );
		} );
		await act( async () => {
			fireEvent.click(
				screen.getByRole( 'button', { name: /^Queued/ } )
			);
		} );
		expect( mockGetJobs ).toHaveBeenLastCalledWith( 'queued', 1 );
		expect( screen.getByText( 'No jobs here.' ) ).toBeTruthy();
	} );

	it( 'should say when a deferred job runs next', () => {
		const later = new Date( Date.now() + 60000 ).toISOString();
		expect(
			whenText( { ...JOB, status: 'queued', run_after: later } )
		).toMatch( /^Waits until / );
		expect( workflowRunUrl( 'a b' ) ).toBe(
			'admin.php?page=ai-failover-diagnostics#workflow-run=a%20b'
		);
	} );

	it( 'should show a deferred engine run by its feature and link its engine run', async () => {
		const deferred: QueueJob = {
			...JOB,
			type: 'feature_run',
			source: 'deferred',
			workflow: 0,
			feature: 'summaries',
			status: 'done',
			outcome: 'success',
			error: null,
		};
		expect( resultUrl( deferred ) ).toBe(
			'admin.php?page=ai-failover-diagnostics#run=0123456789abcdef'
		);
		mockGetJobs.mockResolvedValue( page( [ deferred ] ) );
		await act( async () => {
			render( <QueueScreen /> );
		} );
		expect( screen.getByText( 'Feature summaries' ) ).toBeTruthy();
		expect(
			screen
				.getByRole( 'link', { name: 'success' } )
				.getAttribute( 'href' )
		).toBe( 'admin.php?page=ai-failover-diagnostics#run=0123456789abcdef' );
		expect( screen.getByText( 'Deferred (Retry-After)' ) ).toBeTruthy();
	} );
} );
