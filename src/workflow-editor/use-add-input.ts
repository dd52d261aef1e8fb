/**
 * WordPress dependencies
 */
import { useDispatch, useSelect } from '@wordpress/data';
import { useCallback } from '@wordpress/element';

/**
 * Internal dependencies
 */
import { WORKFLOW_BLOCKS } from '../schemas/workflow';
import { readInputs } from './analyze';
import { newInput } from './components/inputs-editor';
import { blockEditorOf, type BlockEditorActions } from './wp-stores';

/**
 * Declares an input on the workflow root: the fix offered next to an
 * undefined `{{input.<name>}}`.
 *
 * @return Adds the named input (once).
 */
export function useAddInput(): ( name: string ) => void {
	const blocks = useSelect(
		( select ) => blockEditorOf( select ).getBlocks(),
		[]
	);
	const { updateBlockAttributes } = useDispatch(
		'core/block-editor'
	) as unknown as BlockEditorActions;
	return useCallback(
		( name: string ) => {
			const root = blocks.find(
				( block ) => block.name === WORKFLOW_BLOCKS.workflow
			);
			if ( ! root ) {
				return;
			}
			const inputs = readInputs( root.attributes.inputs );
			if ( inputs.some( ( input ) => input.name === name ) ) {
				return;
			}
			updateBlockAttributes( root.clientId, {
				inputs: [ ...inputs, newInput( name ) ],
			} );
		},
		[ blocks, updateBlockAttributes ]
	);
}
