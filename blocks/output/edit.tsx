/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { PanelBody, TextareaControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { VariablePicker } from '../../src/workflow-editor/components/variable-picker';
import { useAnalysis, useBlockIssues } from '../../src/workflow-editor/hooks';
import { useAddInput } from '../../src/workflow-editor/use-add-input';

export type OutputAttributes = {
	value: string;
};

/**
 * What the workflow returns; the last Output block that runs wins.
 *
 * @param props               Block edit props.
 * @param props.attributes    Attributes.
 * @param props.setAttributes Attribute setter.
 * @param props.clientId      Block client id.
 */
export default function Edit( {
	attributes,
	setAttributes,
	clientId,
}: BlockEditProps< OutputAttributes > ) {
	const { value } = attributes;
	const scope = useAnalysis().scopes[ clientId ];
	const issues = useBlockIssues( clientId, null );
	const addInput = useAddInput();
	const blockProps = useBlockProps( {
		className: 'aifo-output',
	} );
	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'Output', 'ai-failover' ) }>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Output template', 'ai-failover' ) }
						rows={ 4 }
						value={ value }
						onChange={ ( text: string ) =>
							setAttributes( { value: text } )
						}
					/>
					<VariablePicker
						scope={ scope }
						onInsert={ ( text ) =>
							setAttributes( { value: value + text } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<div className="aifo-output__header">
					<span className="aifo-output__icon" aria-hidden="true">
						⇥
					</span>
					<span className="aifo-output__title">
						{ __( 'Output', 'ai-failover' ) }
					</span>
				</div>
				<p className="aifo-output__value">
					{ value || (
						<em>
							{ __(
								'Empty: the run returns an empty output.',
								'ai-failover'
							) }
						</em>
					) }
				</p>
				<IssueList issues={ issues } onAddInput={ addInput } />
			</div>
		</>
	);
}
