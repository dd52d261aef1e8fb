/**
 * WordPress dependencies
 */
import { TextareaControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';

type Props = {
	featureId: string;
	prompt: string;
	/** Message of the prompt's error, if any. */
	error: string | undefined;
	onChange: ( prompt: string ) => void;
};

/**
 * The prompt sent to the engine, with its field error.
 *
 * @param props           Props.
 * @param props.featureId Feature id, for the error's element id.
 * @param props.prompt    Prompt.
 * @param props.error     Field error.
 * @param props.onChange  Called with the new prompt.
 */
export function PromptSection( { featureId, prompt, error, onChange }: Props ) {
	return (
		<div className="aifo-feature-run__field">
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Prompt', 'ai-failover' ) }
				value={ prompt }
				rows={ 3 }
				onChange={ onChange }
			/>
			<FieldError
				id={ `aifo-feature-run-${ featureId }-prompt-error` }
				message={ error }
			/>
		</div>
	);
}
