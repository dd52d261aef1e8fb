/**
 * WordPress dependencies
 */
import { useDispatch, useSelect } from '@wordpress/data';
import { useEffect, useMemo } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { VARIABLE_NAME_PATTERN, WORKFLOW_BLOCKS } from '../schemas/workflow';
import type { WorkflowNode } from './analyze';
import { blockEditorOf, type BlockEditorActions } from './wp-stores';

/**
 * Step ids of the tree, with their blocks, in document order.
 *
 * @param blocks Blocks.
 * @param out    Accumulator.
 * @return Pairs of clientId and stepId.
 */
export function stepIdsInOrder(
	blocks: WorkflowNode[],
	out: Array< [ string, string ] > = []
): Array< [ string, string ] > {
	for ( const block of blocks ) {
		if ( block.name === WORKFLOW_BLOCKS.step ) {
			out.push( [
				block.clientId,
				String( block.attributes.stepId ?? '' ),
			] );
		}
		stepIdsInOrder( block.innerBlocks, out );
	}
	return out;
}

/**
 * The id a step should get: its own when it is unique and well formed, else
 * the first free `step_<n>` (a new step, or the copy of a duplicated one:
 * the earlier step keeps the id).
 *
 * @param clientId The step.
 * @param stepId   Its current id.
 * @param order    Every step, in document order.
 * @return The id to keep or assign.
 */
export function assignStepId(
	clientId: string,
	stepId: string,
	order: Array< [ string, string ] >
): string {
	const earlier = order.findIndex( ( [ id ] ) => id === clientId );
	const takenBefore = order
		.slice( 0, earlier === -1 ? order.length : earlier )
		.some( ( [ , other ] ) => other === stepId );
	if ( VARIABLE_NAME_PATTERN.test( stepId ) && ! takenBefore ) {
		return stepId;
	}
	if ( stepId !== '' && ! takenBefore ) {
		// Malformed but unique: the editor shows the problem; keep what the
		// user typed so they can fix it.
		return stepId;
	}
	const taken = new Set( order.map( ( [ , other ] ) => other ) );
	let n = 1;
	while ( taken.has( `step_${ n }` ) ) {
		n++;
	}
	return `step_${ n }`;
}

/**
 * Gives a new or duplicated step its own id, without an undo step.
 *
 * @param clientId The step.
 * @param stepId   Its current id.
 */
export function useStepId( clientId: string, stepId: string ): void {
	const blocks = useSelect(
		( select ) => blockEditorOf( select ).getBlocks(),
		[]
	);
	const order = useMemo( () => stepIdsInOrder( blocks ), [ blocks ] );
	const editor = useDispatch(
		'core/block-editor'
	) as unknown as BlockEditorActions;
	const wanted = assignStepId( clientId, stepId, order );
	useEffect( () => {
		if ( wanted !== stepId ) {
			editor.__unstableMarkNextChangeAsNotPersistent?.();
			editor.updateBlockAttributes( clientId, { stepId: wanted } );
		}
	}, [ wanted, stepId, clientId, editor ] );
}
