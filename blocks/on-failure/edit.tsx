/**
 * WordPress dependencies
 */
import {
	InnerBlocks,
	InspectorControls,
	useBlockProps,
	useInnerBlocksProps,
} from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { CheckboxControl, PanelBody } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	WORKFLOW_BLOCKS,
	WORKFLOW_ERROR_CLASSES,
} from '../../src/schemas/workflow';
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { useBlockIssues } from '../../src/workflow-editor/hooks';
import { useBranch } from '../../src/workflow-editor/use-branch';

export type OnFailureAttributes = {
	errorClasses: string[];
};

const ALLOWED = [
	WORKFLOW_BLOCKS.step,
	WORKFLOW_BLOCKS.stop,
	WORKFLOW_BLOCKS.output,
	WORKFLOW_BLOCKS.writePost,
];

/**
 * The failure path of a step, drawn as such: red frame, "On failure of
 * step N", the error classes it catches, what happens after it, and
 * whether it ran in the last run.
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
}: BlockEditProps< OnFailureAttributes > ) {
	const errorClasses = Array.isArray( attributes.errorClasses )
		? attributes.errorClasses
		: [];
	const branch = useBranch( clientId );
	const issues = useBlockIssues( clientId, null );
	const title = sprintf(
		/* translators: %s: step number. */
		__( 'On failure of step %s', 'ai-failover' ),
		branch.stepNumber
	);
	const catches =
		errorClasses.length === 0
			? __( 'Any error', 'ai-failover' )
			: sprintf(
					/* translators: %s: comma-separated error classes. */
					__( 'Only: %s', 'ai-failover' ),
					errorClasses.join( ', ' )
				);
	const blockProps = useBlockProps( {
		className: `aifo-branch is-failure${ branch.ran ? ' is-taken' : '' }`,
	} );
	const innerBlocksProps = useInnerBlocksProps(
		{ className: 'aifo-branch__blocks' },
		{
			allowedBlocks: ALLOWED,
			renderAppender: InnerBlocks.ButtonBlockAppender,
		}
	);
	const toggle = ( errorClass: string, checked: boolean ) =>
		setAttributes( {
			errorClasses: checked
				? [ ...errorClasses, errorClass ]
				: errorClasses.filter( ( c ) => c !== errorClass ),
		} );

	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'On failure', 'ai-failover' ) }>
					<p>
						{ __(
							'Runs when the step fails with one of these error classes; none checked means any error. The first branch that matches runs.',
							'ai-failover'
						) }
					</p>
					<fieldset className="aifo-error-classes">
						<legend>
							{ __( 'Error classes', 'ai-failover' ) }
						</legend>
						{ WORKFLOW_ERROR_CLASSES.map( ( errorClass ) => (
							<CheckboxControl
								key={ errorClass }
								__nextHasNoMarginBottom
								label={ errorClass }
								checked={ errorClasses.includes( errorClass ) }
								onChange={ ( checked: boolean ) =>
									toggle( errorClass, checked )
								}
							/>
						) ) }
					</fieldset>
				</PanelBody>
			</InspectorControls>
			<div { ...blockProps }>
				<div className="aifo-branch__header">
					<span className="aifo-branch__icon" aria-hidden="true">
						✕
					</span>
					<span className="aifo-branch__title">{ title }</span>
					<span className="aifo-branch__classes">{ catches }</span>
					{ branch.ran && (
						<span className="aifo-branch__taken">
							{ __( 'Ran in the last run', 'ai-failover' ) }
						</span>
					) }
				</div>
				<p className="aifo-branch__help">
					{ branch.stops
						? __(
								'Ends the run with its Stop block.',
								'ai-failover'
							)
						: sprintf(
								/* translators: %s: step number. */
								__(
									'Stands in for step %s: its last step’s output becomes the step’s output, then the main path goes on. {{error.class}}, {{error.message}}, … are defined here.',
									'ai-failover'
								),
								branch.stepNumber
							) }
				</p>
				<IssueList issues={ issues } />
				<div { ...innerBlocksProps } />
			</div>
		</>
	);
}
