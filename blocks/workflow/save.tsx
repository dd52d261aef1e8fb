/**
 * WordPress dependencies
 */
import { InnerBlocks, useBlockProps } from '@wordpress/block-editor';
import type { BlockSaveProps } from '@wordpress/blocks';

/**
 * Internal dependencies
 */
import type { WorkflowAttributes } from './types';

/**
 * Saved markup: a wrapper carrying the label, around the steps.
 *
 * @param props            Block save props.
 * @param props.attributes Block attributes.
 */
export default function save( {
	attributes,
}: BlockSaveProps< WorkflowAttributes > ) {
	return (
		<div
			{ ...useBlockProps.save( {
				className: 'aifo-workflow',
				'data-label': attributes.label || undefined,
			} ) }
		>
			<InnerBlocks.Content />
		</div>
	);
}
