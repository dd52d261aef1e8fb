/**
 * External dependencies
 */
import { act, fireEvent, render, screen } from '@testing-library/react';

/**
 * WordPress dependencies
 */
import { dispatch } from '@wordpress/data';

/**
 * Internal dependencies
 */
import { getFeaturesSummary } from '../../../src/api/workflows';
import { resetFeaturesRequest } from '../../../src/workflow-editor/hooks';
import { store } from '../../../src/workflow-editor/store';
import {
	editorBlocks,
	editorCalls,
	FEATURES,
	node,
	resetWorkflowStore,
	setEditor,
} from '../../../src/workflow-editor/test-utils';
import Edit, { type StepAttributes } from '../edit';

jest.mock( '@wordpress/block-editor', () =>
	jest
		.requireActual( '../../../src/workflow-editor/test-utils' )
		.blockEditorMock()
);
jest.mock( '../../../src/api/workflows', () => ( {
	getFeaturesSummary: jest.fn(),
	validateWorkflow: jest.fn(),
} ) );

const mockFeatures = getFeaturesSummary as jest.Mock;

const tree = ( attributes: Partial< StepAttributes >, inner = [] ) => {
	const step = node(
		'step',
		{
			stepId: 'draft',
			label: 'Draft',
			feature: 'fast',
			prompt: 'x',
			...attributes,
		},
		inner
	);
	const root = node(
		'workflow',
		{
			inputs: [
				{
					name: 'topic',
					label: '',
					type: 'text',
					required: false,
					default: '',
				},
			],
		},
		[
			node( 'step', { stepId: 'first', feature: 'fast', prompt: 'x' } ),
			step,
		]
	);
	return { root, step };
};

async function renderStep( step: ReturnType< typeof tree >[ 'step' ] ) {
	const setAttributes = jest.fn();
	render(
		<Edit
			attributes={ step.attributes as StepAttributes }
			setAttributes={ setAttributes }
			clientId={ step.clientId }
			isSelected
			context={ {} }
			className=""
		/>
	);
	// Features resolve.
	await act( async () => undefined );
	return setAttributes;
}

describe( 'ai-failover/step edit', () => {
	beforeEach( () => {
		resetFeaturesRequest();
		mockFeatures.mockResolvedValue( FEATURES );
		resetWorkflowStore();
	} );

	it( 'should show its number, label, feature chain and no problem when complete', async () => {
		const { root, step } = tree( {
			prompt: 'About {{input.topic}} after {{steps.first.output}}',
		} );
		setEditor( [ root ] );
		await renderStep( step );

		expect( screen.getAllByText( 'Step 2' ).length ).toBeGreaterThan( 0 );
		expect( screen.getAllByText( 'Draft' ).length ).toBeGreaterThan( 0 );
		expect(
			screen.getAllByText( 'simulator/sim-unavailable' ).length
		).toBeGreaterThan( 0 );
		expect(
			screen.getAllByText( 'simulator/sim-slow' ).length
		).toBeGreaterThan( 0 );
		expect(
			screen.getByText( 'Moves to the next route on: server, timeout' )
		).toBeTruthy();
		expect( screen.queryByRole( 'list', { name: 'Problems' } ) ).toBeNull();
		expect(
			screen.getByText( 'If this step fails, the whole run fails.' )
		).toBeTruthy();
	} );

	it( 'should flag an undefined input and declare it on request', async () => {
		const { root, step } = tree( { prompt: 'About {{input.subject}}' } );
		setEditor( [ root ] );
		await renderStep( step );

		const problems = screen.getByRole( 'list', { name: 'Problems' } );
		expect( problems.textContent ).toContain(
			'{{input.subject}} is not defined: declare an input "subject" on the workflow.'
		);
		fireEvent.click(
			screen.getByRole( 'button', { name: 'Add input "subject"' } )
		);
		expect( editorBlocks()[ 0 ]?.attributes.inputs ).toEqual( [
			{
				name: 'topic',
				label: '',
				type: 'text',
				required: false,
				default: '',
			},
			{
				name: 'subject',
				label: '',
				type: 'text',
				required: false,
				default: '',
			},
		] );
	} );

	it( 'should flag a missing and a deleted feature', async () => {
		const { root, step } = tree( { feature: 'gone' } );
		setEditor( [ root ] );
		await renderStep( step );

		expect(
			screen.getByRole( 'list', { name: 'Problems' } ).textContent
		).toContain( 'The feature "gone" does not exist' );
		expect(
			screen.getByRole( 'option', { name: 'gone (not found)' } )
		).toBeTruthy();
	} );

	it( 'should add branches as inner blocks of the step', async () => {
		const { root, step } = tree( {} );
		setEditor( [ root ] );
		await renderStep( step );

		fireEvent.click(
			screen.getByRole( 'button', { name: '+ On failure' } )
		);
		const [ call ] = editorCalls();
		expect( call?.[ 0 ] ).toBe( 'insertBlock' );
		expect( ( call?.[ 1 ] as { name: string } ).name ).toBe(
			'ai-failover/on-failure'
		);
		expect( call?.[ 3 ] ).toBe( step.clientId );
	} );

	it( 'should insert only variables in scope from the picker', async () => {
		const { root, step } = tree( { prompt: 'Use' } );
		setEditor( [ root ] );
		const setAttributes = await renderStep( step );

		expect(
			screen.queryByRole( 'button', { name: '{{steps.draft.output}}' } )
		).toBeNull();
		fireEvent.click(
			screen.getByRole( 'button', { name: '{{steps.first.output}}' } )
		);
		expect( setAttributes ).toHaveBeenCalledWith( {
			prompt: 'Use {{steps.first.output}}',
		} );
	} );

	it( "should show the step's last result with a Diagnostics link", async () => {
		const { root, step } = tree( {} );
		setEditor( [ root ] );
		await renderStep( step );

		act( () => {
			dispatch( store ).stepFinished( {
				id: 'draft',
				label: 'Draft',
				status: 'failed',
				branch: 'failure',
				feature: 'fast',
				run_id: 'run-42',
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
				duration_ms: 12,
				cost: 0,
			} );
		} );
		const result = screen.getByRole( 'status' );
		expect( result.textContent ).toContain(
			'Failed; its On failure branch ran and stood in for it.'
		);
		expect( result.textContent ).toContain( 'Error server: Unavailable' );
		expect(
			screen
				.getByRole( 'link', { name: /Open in Diagnostics/ } )
				.getAttribute( 'href' )
		).toMatch( /admin\.php\?page=ai-failover-diagnostics#run=run-42$/ );
	} );
} );
