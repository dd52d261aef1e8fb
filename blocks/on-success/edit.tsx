/**
 * WordPress dependencies
 */
import {
	InnerBlocks,
	useBlockProps,
	useInnerBlocksProps,
} from '@wordpress/block-editor';
import type { BlockEditProps } from '@wordpress/blocks';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { WORKFLOW_BLOCKS } from '../../src/schemas/workflow';
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { useBlockIssues } from '../../src/workflow-editor/hooks';
import { useBranch } from '../../src/workflow-editor/use-branch';

const ALLOWED = [
	WORKFLOW_BLOCKS.step,
	WORKFLOW_BLOCKS.stop,
	WORKFLOW_BLOCKS.output,
	WORKFLOW_BLOCKS.writePost,
];

/**
 * The success path of a step: green frame, "On success of step N", and
 * whether it ran in the last run.
 *
 * @param props          Block edit props.
 * @param props.clientId Block client id.
 */
export default function Edit( {
	clientId,
}: BlockEditProps< Record< string, never > > ) {
	const branch = useBranch( clientId );
	const issues = useBlockIssues( clientId, null );
	const title = sprintf(
		/* translators: %s: step number. */
		__( 'On success of step %s', 'ai-failover' ),
		branch.stepNumber
	);
	const blockProps = useBlockProps( {
		className: `aifo-branch is-success${ branch.ran ? ' is-taken' : '' }`,
	} );
	const innerBlocksProps = useInnerBlocksProps(
		{ className: 'aifo-branch__blocks' },
		{
			allowedBlocks: ALLOWED,
			renderAppender: InnerBlocks.ButtonBlockAppender,
		}
	);
	return (
		<div { ...blockProps }>
			<div className="aifo-branch__header">
				<span className="aifo-branch__icon" aria-hidden="true">
					✓
				</span>
				<span className="aifo-branch__title">{ title }</span>
				{ branch.ran && (
					<span className="aifo-branch__taken">
						{ __( 'Ran in the last run', 'ai-failover' ) }
					</span>
				) }
			</div>
			<p className="aifo-branch__help">
				{ branch.stops
					? __( 'Ends the run with its Stop block.', 'ai-failover' )
					: __(
							'Runs after the step succeeds (its output passed the rules), then the main path goes on.',
							'ai-failover'
						) }
			</p>
			<IssueList issues={ issues } />
			<div { ...innerBlocksProps } />
		</div>
	);
}
