/**
 * WordPress dependencies
 */
import { registerBlockType } from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import metadata from './block.json';
import Edit from './edit';
import save from './save';
import type { WorkflowAttributes } from './types';

export const settings = { edit: Edit, save };

// Pass the metadata object (not only the name) so the block also registers
// when PHP has not bootstrapped its definition.
registerBlockType< WorkflowAttributes >( metadata, settings );
