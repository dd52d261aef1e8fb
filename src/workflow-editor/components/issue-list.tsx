/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { EditorIssue } from '../analyze';

type Props = {
	issues: EditorIssue[];
	/** Offered on an undefined `input.<name>`: declares the input. */
	onAddInput?: ( name: string ) => void;
};

/**
 * The problems of a block, errors first, as a list a screen reader reads
 * with the block.
 *
 * @param props            Props.
 * @param props.issues     Problems.
 * @param props.onAddInput Declares a missing input.
 */
export function IssueList( { issues, onAddInput }: Props ) {
	if ( issues.length === 0 ) {
		return null;
	}
	const sorted = [ ...issues ].sort(
		( a, b ) =>
			Number( a.severity === 'warning' ) -
			Number( b.severity === 'warning' )
	);
	return (
		<ul
			className="aifo-issues"
			aria-label={ __( 'Problems', 'ai-failover' ) }
		>
			{ sorted.map( ( issue, index ) => {
				const input = /^input\.([a-z][a-z0-9_]*)$/.exec(
					issue.variable ?? ''
				)?.[ 1 ];
				return (
					<li
						key={ `${ issue.code }-${ index }` }
						className={ `aifo-issues__item is-${ issue.severity }` }
					>
						<span className="aifo-issues__label">
							{ issue.severity === 'error'
								? __( 'Error:', 'ai-failover' )
								: __( 'Warning:', 'ai-failover' ) }
						</span>{ ' ' }
						{ issue.message }
						{ input && onAddInput && (
							<Button
								variant="link"
								className="aifo-issues__fix"
								onClick={ () => onAddInput( input ) }
							>
								{ sprintf(
									/* translators: %s: input name. */
									__( 'Add input "%s"', 'ai-failover' ),
									input
								) }
							</Button>
						) }
					</li>
				);
			} ) }
		</ul>
	);
}
