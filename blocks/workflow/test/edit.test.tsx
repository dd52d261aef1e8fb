/**
 * External dependencies
 */
import { act, fireEvent, render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { getWorkflowRuns, validateWorkflow } from '../../../src/api/workflows';
import type { WorkflowRun } from '../../../src/schemas/workflow';
import { SERVER_CHECK_DELAY_MS } from '../../../src/workflow-editor/hooks';
import {
	node,
	resetWorkflowStore,
	setEditor,
} from '../../../src/workflow-editor/test-utils';
import Edit, { inputsUsed, type WorkflowAttributes } from '../edit';

jest.mock( '@wordpress/block-editor', () =>
	jest
		.requireActual( '../../../src/workflow-editor/test-utils' )
		.blockEditorMock()
);
jest.mock( '../../../src/api/workflows', () => ( {
	...jest.requireActual( '../../../src/api/workflows' ),
	getFeaturesSummary: jest.fn( () =>
		Promise.resolve(
			jest.requireActual( '../../../src/workflow-editor/test-utils' )
				.FEATURES
		)
	),
	validateWorkflow: jest.fn(),
	getWorkflowRuns: jest.fn(),
} ) );

const mockValidate = validateWorkflow as jest.Mock;
const mockRuns = getWorkflowRuns as jest.Mock;

const TOPIC = {
	name: 'topic',
	label: 'Topic',
	type: 'text' as const,
	required: true,
	default: '',
};

const RUN: WorkflowRun = {
	id: 'wfr-3',
	workflow: 12,
	workflow_title: 'Digest',
	status: 'failed',
	outcome: 'failed',
	output: '',
	message: '',
	error: {
		class: 'server',
		status: 503,
		provider: 'simulator',
		model: 'sim-unavailable',
		message: 'Unavailable',
		attempts: 1,
		retry_after: null,
	},
	started_at: '2026-12-01T08:00:00Z',
	duration_ms: 9,
	cost: 0,
	dry_run: false,
	steps: [],
};

async function renderRoot(
	inputs = [ TOPIC ],
	children = [] as ReturnType< typeof node >[]
) {
	const root = node( 'workflow', { inputs }, children );
	setEditor( [ root ] );
	const setAttributes = jest.fn();
	render(
		<Edit
			attributes={ root.attributes as WorkflowAttributes }
			setAttributes={ setAttributes }
			clientId={ root.clientId }
			isSelected
			context={ {} }
			className=""
		/>
	);
	await act( async () => undefined );
	return setAttributes;
}

describe( 'ai-failover/workflow edit', () => {
	beforeEach( () => {
		jest.useFakeTimers();
		resetWorkflowStore();
		mockValidate
			.mockReset()
			.mockResolvedValue( { valid: true, errors: [] } );
		mockRuns.mockReset().mockResolvedValue( [] );
	} );

	afterEach( () => {
		jest.useRealTimers();
	} );

	it( 'should list its inputs and ask for a step while empty', async () => {
		await renderRoot();
		expect( screen.getByText( 'Inputs: {{input.topic}}' ) ).toBeTruthy();
		expect(
			screen.getByRole( 'list', { name: 'Problems' } ).textContent
		).toContain( 'Add a step' );
		// The run form is built from the inputs.
		expect( screen.getByLabelText( 'Topic (required)' ) ).toBeTruthy();
	} );

	it( 'should add an input with a free name', async () => {
		const setAttributes = await renderRoot();
		fireEvent.click( screen.getByRole( 'button', { name: 'Add input' } ) );
		expect( setAttributes ).toHaveBeenCalledWith( {
			inputs: [
				TOPIC,
				{
					name: 'input_2',
					label: '',
					type: 'text',
					required: false,
					default: '',
				},
			],
		} );
	} );

	it( 'should check the content with the server once editing pauses', async () => {
		await renderRoot(
			[ TOPIC ],
			[ node( 'step', { stepId: 'a', feature: 'x', prompt: 'p' } ) ]
		);
		expect( mockValidate ).not.toHaveBeenCalled();
		mockValidate.mockResolvedValue( {
			valid: false,
			errors: [
				{
					step: null,
					block: 'ai-failover/workflow',
					code: 'too_many_steps',
					message: 'Too many steps.',
				},
			],
		} );
		await act( async () => {
			jest.advanceTimersByTime( SERVER_CHECK_DELAY_MS );
		} );
		expect( mockValidate ).toHaveBeenCalledTimes( 1 );
		// The serialized post (inner blocks are stubbed in this test).
		expect( mockValidate.mock.calls[ 0 ]?.[ 0 ] ).toContain(
			'<!-- wp:ai-failover/workflow {"inputs":[{"name":"topic"'
		);
		// Server-only problems of the workflow show on the root.
		expect(
			screen.getByRole( 'list', { name: 'Problems' } ).textContent
		).toContain( 'Too many steps.' );
	} );

	it( "should show the saved workflow's latest run", async () => {
		mockRuns.mockResolvedValue( [ RUN ] );
		await renderRoot();
		expect( mockRuns ).toHaveBeenCalledWith( 12 );
		expect( screen.getByText( 'Run failed' ) ).toBeTruthy();
		expect( screen.getByText( 'Error server: Unavailable' ) ).toBeTruthy();
	} );
} );

describe( 'inputsUsed', () => {
	it( 'should collect the input names of every template in a pattern', () => {
		const blocks = [
			node( 'step', { prompt: '{{input.text}} {{steps.a.output}}' }, [
				node( 'on-failure', {}, [
					node( 'stop', { message: '{{ input.reason }}' } ),
				] ),
			] ),
			node( 'output', { value: '{{input.text}}' } ),
		];
		expect( [ ...inputsUsed( blocks ) ] ).toEqual( [ 'text', 'reason' ] );
	} );
} );
