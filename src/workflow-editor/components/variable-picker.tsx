/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Scope } from '../analyze';
import { ERROR_FIELDS } from '../templates';

type Props = {
	scope: Scope | undefined;
	/** Called with `{{variable}}`, to insert it. */
	onInsert: ( text: string ) => void;
};

/**
 * The variables the block may use, as buttons that insert them: what is
 * listed here is defined, so picking never produces an undefined variable.
 *
 * @param props          Props.
 * @param props.scope    What the block may reference.
 * @param props.onInsert Inserts a variable.
 */
export function VariablePicker( { scope, onInsert }: Props ) {
	if ( ! scope ) {
		return null;
	}
	const variables = [
		...scope.inputs.map( ( name ) => `input.${ name }` ),
		...scope.steps.map( ( id ) => `steps.${ id }.output` ),
		...( scope.errorOf === null
			? []
			: ERROR_FIELDS.map( ( field ) => `error.${ field }` ) ),
	];
	return (
		<div className="aifo-variables">
			<p className="aifo-variables__title" id="aifo-variables-title">
				{ __( 'Insert a variable', 'ai-failover' ) }
			</p>
			{ variables.length === 0 ? (
				<p className="aifo-variables__empty">
					{ __(
						'None yet: declare inputs on the workflow, or use the output of an earlier step.',
						'ai-failover'
					) }
				</p>
			) : (
				<div
					className="aifo-variables__list"
					role="group"
					aria-labelledby="aifo-variables-title"
				>
					{ variables.map( ( variable ) => (
						<Button
							key={ variable }
							variant="secondary"
							size="small"
							onClick={ () => onInsert( `{{${ variable }}}` ) }
						>
							{ `{{${ variable }}}` }
						</Button>
					) ) }
				</div>
			) }
		</div>
	);
}
