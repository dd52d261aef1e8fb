/**
 * WordPress dependencies
 */
import { registerBlockType, type BlockConfiguration } from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import { saveInnerBlocks, saveNothing } from '../../src/workflow-editor/save';
// Registers the editor store the blocks share.
import '../../src/workflow-editor/store';
import onFailureMetadata from '../on-failure/block.json';
import OnFailureEdit from '../on-failure/edit';
import onSuccessMetadata from '../on-success/block.json';
import OnSuccessEdit from '../on-success/edit';
import outputMetadata from '../output/block.json';
import OutputEdit from '../output/edit';
import stepMetadata from '../step/block.json';
import StepEdit from '../step/edit';
import stopMetadata from '../stop/block.json';
import StopEdit from '../stop/edit';
import metadata from './block.json';
import WorkflowEdit from './edit';
import writePostMetadata from '../write-post/block.json';
import WritePostEdit from '../write-post/edit';
import './editor.scss';

/**
 * One editor script for the seven workflow blocks: this block.json names it,
 * the other six have none, so the shared code (analysis, store, API) is
 * loaded once. Each block still registers from its own block.json, which
 * PHP registers too (build/blocks-manifest.php).
 */
export const BLOCKS = [
	[ metadata, WorkflowEdit, saveInnerBlocks ],
	[ stepMetadata, StepEdit, saveInnerBlocks ],
	[ onSuccessMetadata, OnSuccessEdit, saveInnerBlocks ],
	[ onFailureMetadata, OnFailureEdit, saveInnerBlocks ],
	[ stopMetadata, StopEdit, saveNothing ],
	[ outputMetadata, OutputEdit, saveNothing ],
	[ writePostMetadata, WritePostEdit, saveNothing ],
] as const;

/**
 * What WordPress calls a step in the List View and in the block's
 * accessible name ("Block: Fast draft"): its label, else its id.
 *
 * @param attributes Step attributes.
 * @return Label.
 */
export function stepLabel( attributes: Record< string, unknown > ): string {
	const label = attributes.label;
	const id = attributes.stepId;
	return (
		( typeof label === 'string' && label ) ||
		( typeof id === 'string' && id ) ||
		stepMetadata.title
	);
}

for ( const [ blockMetadata, edit, save ] of BLOCKS ) {
	// Pass the metadata object (not only the name) so the block also
	// registers when PHP has not bootstrapped its definition.
	registerBlockType(
		blockMetadata as unknown as BlockConfiguration,
		{
			edit,
			save,
			...( blockMetadata.name === stepMetadata.name
				? { __experimentalLabel: stepLabel }
				: {} ),
		} as unknown as Partial< BlockConfiguration >
	);
}
