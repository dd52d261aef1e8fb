/**
 * WordPress dependencies
 */
import {
	InspectorControls,
	useBlockProps,
	useInnerBlocksProps,
} from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../src/lib/control-size';
import { ALLOWED_BLOCKS, type WorkflowAttributes } from './types';

/**
 * Editor view: a labelled container whose inner blocks are the steps.
 *
 * @param props               Block edit props.
 * @param props.attributes    Block attributes.
 * @param props.setAttributes Attribute setter.
 */
export default function Edit( {
	attributes,
	setAttributes,
}: BlockEditProps< WorkflowAttributes > ) {
	const { label } = attributes;
	const blockProps = useBlockProps( { className: 'aifo-workflow' } );
	const innerBlocksProps = useInnerBlocksProps(
		{ className: 'aifo-workflow__steps' },
		{ allowedBlocks: ALLOWED_BLOCKS }
	);

	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'Workflow', 'ai-failover' ) }>
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Label', 'ai-failover' ) }
						value={ label }
						onChange={ ( value: string ) =>
							setAttributes( { label: value } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<h3 className="aifo-workflow__label">
					{ label || __( 'Untitled workflow', 'ai-failover' ) }
				</h3>
				<div { ...innerBlocksProps } />
			</div>
		</>
	);
}
