/**
 * WordPress dependencies
 */
import { useSelect } from '@wordpress/data';

/**
 * Internal dependencies
 */
import { WORKFLOW_BLOCKS } from '../schemas/workflow';
import type { WorkflowNode } from './analyze';
import { useAnalysis } from './hooks';
import { store, type LiveStep } from './store';
import { blockEditorOf } from './wp-stores';

/**
 * The failure branch a failed step runs: the first On failure listing the
 * error class, else the first with no class (any error), else none.
 *
 * @see \AI_Failover\Workflows\Workflow_Runner
 *
 * @param branches   The step's inner blocks.
 * @param errorClass Class of the step's error.
 * @return clientId of the branch, or null.
 */
export function matchingFailureBranch(
	branches: WorkflowNode[],
	errorClass: string
): string | null {
	const failures = branches.filter(
		( b ) => b.name === WORKFLOW_BLOCKS.onFailure
	);
	const classesOf = ( b: WorkflowNode ) =>
		Array.isArray( b.attributes.errorClasses )
			? ( b.attributes.errorClasses as unknown[] )
			: [];
	return (
		(
			failures.find( ( b ) => classesOf( b ).includes( errorClass ) ) ??
			failures.find( ( b ) => classesOf( b ).length === 0 ) ??
			null
		)?.clientId ?? null
	);
}

export type BranchContext = {
	step: WorkflowNode | null;
	stepNumber: string;
	stepTitle: string;
	/** The step's part of the last run. */
	live: LiveStep | null;
	/** Whether this branch ran in the last run. */
	ran: boolean;
	/** Whether the branch always ends the run (ends with a Stop block). */
	stops: boolean;
};

/**
 * What a branch block shows about the step it belongs to.
 *
 * @param clientId The branch block.
 * @return Step, number, last run.
 */
export function useBranch( clientId: string ): BranchContext {
	const { step, self } = useSelect(
		( select ) => {
			const editor = blockEditorOf( select );
			const parent = editor.getBlockRootClientId( clientId );
			return {
				step: parent ? editor.getBlock( parent ) : null,
				self: editor.getBlock( clientId ),
			};
		},
		[ clientId ]
	);
	const analysis = useAnalysis();
	const stepId = String( step?.attributes.stepId ?? '' );
	const live = useSelect(
		( select ) => select( store ).getStepResult( stepId ),
		[ stepId ]
	);
	const record = live?.status === 'finished' ? live.record : null;
	let ran = false;
	if ( record && step && self ) {
		ran =
			self.name === WORKFLOW_BLOCKS.onSuccess
				? record.status === 'succeeded' && record.branch === 'success'
				: record.status === 'failed' &&
					record.branch === 'failure' &&
					matchingFailureBranch(
						step.innerBlocks,
						record.error?.class ?? ''
					) === clientId;
	}
	const last = self?.innerBlocks[ self.innerBlocks.length - 1 ];
	return {
		step,
		stepNumber: step ? ( analysis.numbers[ step.clientId ] ?? '' ) : '',
		stepTitle: String( step?.attributes.label || stepId ),
		live,
		ran,
		stops: last?.name === WORKFLOW_BLOCKS.stop,
	};
}
