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
import type { StepRecord } from '../../../src/schemas/workflow';
import { store } from '../../../src/workflow-editor/store';
import {
	node,
	resetWorkflowStore,
	setEditor,
} from '../../../src/workflow-editor/test-utils';
import Edit, { type OnFailureAttributes } from '../edit';

jest.mock( '@wordpress/block-editor', () =>
	jest
		.requireActual( '../../../src/workflow-editor/test-utils' )
		.blockEditorMock()
);
jest.mock( '../../../src/api/workflows', () => ( {
	getFeaturesSummary: jest.fn( () =>
		Promise.resolve(
			jest.requireActual( '../../../src/workflow-editor/test-utils' )
				.FEATURES
		)
	),
	validateWorkflow: jest.fn(),
} ) );

const failed = ( errorClass: string ): StepRecord => ( {
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
		class: errorClass,
		status: 429,
		provider: 'simulator',
		model: 'sim-unavailable',
		message: 'Slow down',
		attempts: 1,
		retry_after: 2,
	},
	attempts: 1,
	duration_ms: 3,
	cost: 0,
} );

function setup() {
	const limited = node( 'on-failure', { errorClasses: [ 'rate_limited' ] }, [
		node( 'step', { stepId: 'other', feature: 'strong', prompt: 'x' } ),
	] );
	const any = node( 'on-failure', { errorClasses: [] }, [
		node( 'stop', { status: 'failed', message: '{{error.message}}' } ),
	] );
	const step = node(
		'step',
		{ stepId: 'draft', label: 'Draft', feature: 'fast', prompt: 'x' },
		[ limited, any ]
	);
	setEditor( [ node( 'workflow', { inputs: [] }, [ step ] ) ] );
	return { limited, any };
}

const renderBranch = async (
	branch: ReturnType< typeof setup >[ 'limited' ]
) => {
	const setAttributes = jest.fn();
	render(
		<Edit
			attributes={ branch.attributes as OnFailureAttributes }
			setAttributes={ setAttributes }
			clientId={ branch.clientId }
			isSelected
			context={ {} }
			className=""
		/>
	);
	// The features load.
	await act( async () => undefined );
	return setAttributes;
};

describe( 'ai-failover/on-failure edit', () => {
	beforeEach( resetWorkflowStore );

	it( 'should name its step and the classes it catches, and what follows', async () => {
		const { limited } = setup();
		await renderBranch( limited );
		expect( screen.getByText( 'On failure of step 1' ) ).toBeTruthy();
		expect( screen.getByText( 'Only: rate_limited' ) ).toBeTruthy();
		expect(
			screen.getByText(
				/Stands in for step 1: .* then the main path goes on/
			)
		).toBeTruthy();
	} );

	it( 'should say a catch-all branch that stops ends the run', async () => {
		const { any } = setup();
		await renderBranch( any );
		expect( screen.getByText( 'Any error' ) ).toBeTruthy();
		expect(
			screen.getByText( 'Ends the run with its Stop block.' )
		).toBeTruthy();
	} );

	it( 'should toggle error classes from the sidebar', async () => {
		const { limited } = setup();
		const setAttributes = await renderBranch( limited );
		fireEvent.click(
			screen.getByRole( 'checkbox', { name: 'validation_failed' } )
		);
		expect( setAttributes ).toHaveBeenCalledWith( {
			errorClasses: [ 'rate_limited', 'validation_failed' ],
		} );
		fireEvent.click(
			screen.getByRole( 'checkbox', { name: 'rate_limited' } )
		);
		expect( setAttributes ).toHaveBeenLastCalledWith( {
			errorClasses: [],
		} );
	} );

	it( 'should mark the branch the last run took, by error class', async () => {
		const { limited, any } = setup();
		await renderBranch( limited );
		act( () => {
			dispatch( store ).stepFinished( failed( 'rate_limited' ) );
		} );
		expect( screen.getByText( 'Ran in the last run' ) ).toBeTruthy();

		act( () => {
			dispatch( store ).stepFinished( failed( 'server' ) );
		} );
		expect( screen.queryByText( 'Ran in the last run' ) ).toBeNull();
		await renderBranch( any );
		expect( screen.getByText( 'Ran in the last run' ) ).toBeTruthy();
	} );
} );
