/**
 * External dependencies
 */
import { render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { WorkflowRunView } from '..';
import { getRun } from '../../../../api/events';
import { getWorkflowRun } from '../../../../api/workflows';
import { RUN, RUN_ID } from '../../../test-utils';

jest.mock( '../../../../api/events', () => ( { getRun: jest.fn() } ) );
jest.mock( '../../../../api/workflows', () => ( {
	getWorkflowRun: jest.fn(),
} ) );

const step = {
	id: 'summarise',
	label: 'Summarise',
	status: 'succeeded' as const,
	branch: 'success' as const,
	feature: 'summary',
	run_id: RUN_ID,
	served_by: { provider_id: 'sim', provider: 'Sim', model: 'sim-echo' },
	degraded: true,
	output: 'x',
	error: null,
	attempts: 2,
	duration_ms: 120,
	cost: 0.001,
};

describe( 'WorkflowRunView', () => {
	it( 'should show the steps, the branch that ran and where the engine fell back', async () => {
		( getWorkflowRun as jest.Mock ).mockResolvedValue( {
			id: 'abcdefabcdefabcd',
			workflow: 42,
			workflow_title: 'Post pipeline',
			status: 'failed',
			outcome: 'failed',
			output: '',
			message: '',
			error: null,
			started_at: '2026-11-22T06:00:00Z',
			duration_ms: 300,
			cost: 0.002,
			dry_run: false,
			steps: [
				step,
				{
					...step,
					id: 'publish',
					label: 'Publish',
					status: 'failed' as const,
					branch: 'failure' as const,
					degraded: false,
					run_id: '',
					served_by: null,
					error: {
						class: 'server',
						status: 503,
						provider: 'sim',
						model: 'sim-unavailable',
						message: 'No route answered.',
						attempts: 1,
					},
				},
			],
		} );
		( getRun as jest.Mock ).mockResolvedValue( RUN );
		render(
			<WorkflowRunView
				workflowRunId="abcdefabcdefabcd"
				onClose={ () => undefined }
			/>
		);

		const steps = await screen.findAllByRole( 'listitem' );
		const first = steps[ 0 ] as HTMLElement;
		expect(
			within( first ).getByText( 'Engine fell back in this step' )
		).toBeTruthy();
		expect(
			within( first )
				.getByRole( 'link', { name: `Open engine run ${ RUN_ID }` } )
				.getAttribute( 'href' )
		).toBe( `#run=${ RUN_ID }` );
		expect( getRun ).toHaveBeenCalledWith( RUN_ID );
		expect(
			await within( first ).findByText( RUN.attempts[ 0 ]?.reason ?? '' )
		).toBeTruthy();
		expect( screen.getByText( 'On failure branch ran' ) ).toBeTruthy();
		expect( screen.getByText( 'No route answered.' ) ).toBeTruthy();
	} );
} );
