/**
 * WordPress dependencies
 */
import { InspectorControls, useBlockProps } from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import {
	PanelBody,
	SelectControl,
	TextareaControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../src/lib/control-size';
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { VariablePicker } from '../../src/workflow-editor/components/variable-picker';
import { useAnalysis, useBlockIssues } from '../../src/workflow-editor/hooks';
import { useAddInput } from '../../src/workflow-editor/use-add-input';

export type StopAttributes = {
	status: 'succeeded' | 'failed';
	message: string;
};

/**
 * Ends the whole run, as succeeded or failed, with a message.
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
}: BlockEditProps< StopAttributes > ) {
	const { status, message } = attributes;
	const scope = useAnalysis().scopes[ clientId ];
	const issues = useBlockIssues( clientId, null );
	const addInput = useAddInput();
	const title =
		status === 'succeeded'
			? __( 'Stop the workflow: succeeded', 'ai-failover' )
			: __( 'Stop the workflow: failed', 'ai-failover' );
	const blockProps = useBlockProps( {
		className: `aifo-stop is-${ status }`,
	} );
	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'Stop', 'ai-failover' ) }>
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'The run ends as', 'ai-failover' ) }
						value={ status }
						options={ [
							{
								value: 'failed',
								label: __( 'Failed', 'ai-failover' ),
							},
							{
								value: 'succeeded',
								label: __( 'Succeeded', 'ai-failover' ),
							},
						] }
						onChange={ ( value: string ) =>
							setAttributes( {
								status:
									value === 'succeeded'
										? 'succeeded'
										: 'failed',
							} )
						}
					/>
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Message', 'ai-failover' ) }
						rows={ 3 }
						value={ message }
						onChange={ ( value: string ) =>
							setAttributes( { message: value } )
						}
					/>
					<VariablePicker
						scope={ scope }
						onInsert={ ( text ) =>
							setAttributes( { message: message + text } )
						}
					/>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<div className="aifo-stop__header">
					<span className="aifo-stop__icon" aria-hidden="true">
						■
					</span>
					<span className="aifo-stop__title">{ title }</span>
				</div>
				{ message !== '' && (
					<p className="aifo-stop__message">{ message }</p>
				) }
				<IssueList issues={ issues } onAddInput={ addInput } />
			</div>
		</>
	);
}
