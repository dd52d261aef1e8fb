/**
 * External dependencies
 */
import { act, fireEvent, render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { ApiError } from '../../api/errors';
import { runWorkflowStreamed } from '../../api/workflows';
import type { WorkflowInput, WorkflowRun } from '../../schemas/workflow';
import { RunPanel, runInput } from '../components/run-panel';
import { editorCalls, resetWorkflowStore, setEditor } from '../test-utils';

jest.mock( '@wordpress/block-editor', () =>
	jest.requireActual( '../test-utils' ).blockEditorMock()
);
jest.mock( '../../api/workflows', () => ( {
	...jest.requireActual( '../../api/workflows' ),
	runWorkflowStreamed: jest.fn(),
} ) );

const mockRun = runWorkflowStreamed as jest.Mock;

const INPUTS: WorkflowInput[] = [
	{
		name: 'topic',
		label: 'Topic',
		type: 'text',
		required: true,
		default: '',
	},
	{
		name: 'count',
		label: 'Count',
		type: 'number',
		required: false,
		default: '3',
	},
	{
		name: 'formal',
		label: 'Formal',
		type: 'boolean',
		required: false,
		default: 'false',
	},
];

const RUN: WorkflowRun = {
	id: 'wfr-1',
	workflow: 12,
	workflow_title: 'Digest',
	status: 'succeeded',
	outcome: 'succeeded',
	output: 'Done.',
	message: '',
	error: null,
	started_at: '2026-12-01T08:00:00Z',
	duration_ms: 40,
	cost: 0,
	dry_run: false,
	steps: [
		{
			id: 'draft',
			label: 'Draft',
			status: 'succeeded',
			branch: null,
			feature: 'fast',
			run_id: 'run-9',
			served_by: {
				provider_id: 'simulator',
				provider: 'Simulator',
				model: 'sim-echo',
			},
			degraded: false,
			output: 'Done.',
			error: null,
			attempts: 1,
			duration_ms: 20,
			cost: 0,
		},
	],
};

describe( 'runInput', () => {
	it( 'should type values, fill defaults and leave blanks out', () => {
		expect( runInput( INPUTS, { topic: 'WordPress' } ) ).toEqual( {
			topic: 'WordPress',
			count: 3,
			formal: false,
		} );
		expect(
			runInput( INPUTS, { topic: '', count: '', formal: true } )
		).toEqual( {
			formal: true,
		} );
	} );
} );

describe( 'RunPanel', () => {
	beforeEach( () => {
		resetWorkflowStore();
		mockRun.mockReset();
	} );

	it( 'should save unsaved changes, run with the typed input and show the result', async () => {
		setEditor( [], { dirty: true } );
		mockRun.mockImplementation( async ( _id, _body, onEvent ) => {
			onEvent( { type: 'step_started', step: 'draft', label: 'Draft' } );
			return RUN;
		} );
		render( <RunPanel inputs={ INPUTS } stepIds={ [ 'draft' ] } /> );
		expect(
			screen.getByText(
				'Runs the saved workflow: unsaved changes are saved first.'
			)
		).toBeTruthy();

		fireEvent.change( screen.getByLabelText( 'Topic (required)' ), {
			target: { value: 'WordPress' },
		} );
		await act( async () => {
			fireEvent.click(
				screen.getByRole( 'button', { name: 'Run workflow' } )
			);
		} );

		expect( editorCalls() ).toEqual( [ [ 'savePost' ] ] );
		expect( mockRun ).toHaveBeenCalledWith(
			12,
			{
				input: { topic: 'WordPress', count: 3, formal: false },
				simulate: [],
			},
			expect.any( Function )
		);
		expect( screen.getByText( 'Run succeeded' ) ).toBeTruthy();
		expect( screen.getByText( 'Done.', { selector: 'pre' } ) ).toBeTruthy();
		expect(
			screen
				.getByRole( 'link', { name: 'Open in Diagnostics' } )
				.getAttribute( 'href' )
		).toMatch( /#run=run-9$/ );
	} );

	it( 'should send a drill and list the problems of a refused run', async () => {
		setEditor( [] );
		mockRun.mockRejectedValue(
			new ApiError(
				'aifo_workflow_invalid',
				'The workflow has problems.',
				400,
				{},
				{
					data: {
						errors: [
							{
								step: 'draft',
								block: 'ai-failover/step',
								code: 'missing_feature',
								message: 'Choose a feature.',
							},
						],
					},
				}
			)
		);
		render( <RunPanel inputs={ [] } stepIds={ [ 'draft' ] } /> );
		fireEvent.change( screen.getByLabelText( 'Fail this step' ), {
			target: { value: 'draft' },
		} );
		fireEvent.change( screen.getByLabelText( 'With this error class' ), {
			target: { value: 'rate_limited' },
		} );
		await act( async () => {
			fireEvent.click(
				screen.getByRole( 'button', { name: 'Run workflow' } )
			);
		} );

		expect( editorCalls() ).toEqual( [] );
		expect( mockRun.mock.calls[ 0 ]?.[ 1 ] ).toEqual( {
			input: {},
			simulate: [ { step: 'draft', error_class: 'rate_limited' } ],
		} );
		expect(
			screen.getAllByText( 'The workflow has problems.', {
				exact: false,
			} ).length
		).toBeGreaterThan( 0 );
		expect( screen.getByText( 'draft: Choose a feature.' ) ).toBeTruthy();
	} );

	it( 'should not run when saving fails', async () => {
		setEditor( [], { isNew: true, saveFails: true } );
		render( <RunPanel inputs={ [] } stepIds={ [] } /> );
		await act( async () => {
			fireEvent.click(
				screen.getByRole( 'button', { name: 'Run workflow' } )
			);
		} );
		expect( mockRun ).not.toHaveBeenCalled();
		expect(
			screen.getAllByText(
				'The workflow could not be saved, so it was not run.'
			).length
		).toBeGreaterThan( 0 );
	} );
} );
