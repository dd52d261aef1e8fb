/**
 * WordPress dependencies
 */
import {
	Button,
	CheckboxControl,
	Notice,
	TextControl,
} from '@wordpress/components';
import { useRef, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError } from '../../../api/errors';
import { saveModel } from '../../../api/models';
import {
	CAPABILITIES,
	type Capability,
	type ModelListItem,
} from '../../../schemas';
import {
	errorProps,
	FieldError,
	focusFirstError,
} from '../../../components/field-error';
import {
	serverCatalogErrors,
	validateCatalogEntry,
	type CatalogErrors,
} from '../../lib/catalog-validation';
import './style.scss';

type Props = {
	providerId: string;
	/** The row being edited; null adds a model. */
	entry: ModelListItem | null;
	onSaved: ( saved: ModelListItem ) => void;
	onCancel: () => void;
};

export const capabilityLabel = ( capability: Capability ): string => {
	switch ( capability ) {
		case 'vision':
			return __( 'Images (vision)', 'ai-failover' );
		case 'tools':
			return __( 'Tool calls', 'ai-failover' );
		case 'json_output':
			return __( 'JSON output', 'ai-failover' );
		case 'reasoning':
			return __( 'Reasoning', 'ai-failover' );
		default:
			return __( 'Logit bias', 'ai-failover' );
	}
};

/**
 * A number field's text as the schema's input: empty takes the default.
 * @param text
 */
const numberOrDefault = ( text: string ): number | undefined =>
	text.trim() === '' ? undefined : Number( text );

/**
 * Adds or edits one model of a provider's catalog: price in and out per
 * million tokens, context window, capabilities. What it saves is what the
 * cost ceiling, "prefer lower cost", capability filtering and every logged
 * attempt's cost use for this provider.
 *
 * @param props            Props.
 * @param props.providerId
 * @param props.entry
 * @param props.onSaved
 * @param props.onCancel
 */
export function CatalogEntryForm( {
	providerId,
	entry,
	onSaved,
	onCancel,
}: Props ) {
	const [ model, setModel ] = useState( entry?.model ?? '' );
	const [ input, setInput ] = useState(
		entry ? String( entry.input_price_per_mtok ) : ''
	);
	const [ output, setOutput ] = useState(
		entry ? String( entry.output_price_per_mtok ) : ''
	);
	const [ context, setContext ] = useState(
		entry ? String( entry.context_window ) : ''
	);
	const [ capabilities, setCapabilities ] = useState< Capability[] >(
		entry?.capabilities ?? []
	);
	const [ errors, setErrors ] = useState< CatalogErrors >( {} );
	const [ failure, setFailure ] = useState< string | null >( null );
	const [ isSaving, setIsSaving ] = useState( false );
	const form = useRef< HTMLFormElement >( null );
	const idPrefix = `aifo-catalog-${ providerId }`;

	const showErrors = ( next: CatalogErrors ) => {
		setErrors( next );
		// After the render that shows them.
		window.setTimeout( () => focusFirstError( form.current ), 0 );
	};

	const submit = async () => {
		setFailure( null );
		const checked = validateCatalogEntry( {
			model: model.trim(),
			input_price_per_mtok: numberOrDefault( input ),
			output_price_per_mtok: numberOrDefault( output ),
			context_window: numberOrDefault( context ),
			capabilities,
		} );
		if ( ! checked.ok ) {
			showErrors( checked.errors );
			return;
		}
		setErrors( {} );
		setIsSaving( true );
		try {
			onSaved( await saveModel( providerId, checked.entry ) );
		} catch ( caught ) {
			const error = toApiError( caught );
			const mapped = serverCatalogErrors( error.fieldErrors );
			setFailure(
				mapped.other.length > 0 ||
					Object.keys( mapped.errors ).length === 0
					? [ error.message, ...mapped.other ].join( ' ' )
					: null
			);
			showErrors( mapped.errors );
		} finally {
			setIsSaving( false );
		}
	};

	const field = (
		name: keyof CatalogErrors,
		label: string,
		value: string,
		onChange: ( next: string ) => void,
		extra: Record< string, unknown > = {}
	) => (
		<div className="aifo-catalog-form__field">
			<TextControl
				label={ label }
				value={ value }
				onChange={ ( next ) => {
					onChange( next );
					if ( errors[ name ] ) {
						setErrors( ( current ) => ( {
							...current,
							[ name ]: undefined,
						} ) );
					}
				} }
				{ ...errorProps(
					`${ idPrefix }-${ name }-error`,
					errors[ name ]
				) }
				{ ...extra }
			/>
			<FieldError
				id={ `${ idPrefix }-${ name }-error` }
				message={ errors[ name ] }
				announce={ false }
			/>
		</div>
	);

	return (
		<form
			ref={ form }
			className="aifo-catalog-form"
			noValidate
			aria-label={
				entry
					? __( 'Edit model', 'ai-failover' )
					: __( 'Add model', 'ai-failover' )
			}
			onSubmit={ ( event ) => {
				event.preventDefault();
				void submit();
			} }
		>
			{ failure && (
				<Notice status="error" isDismissible={ false }>
					{ failure }
				</Notice>
			) }
			{ field(
				'model',
				__( 'Model ID', 'ai-failover' ),
				model,
				setModel,
				entry ? { readOnly: true } : {}
			) }
			{ field(
				'input_price_per_mtok',
				__( 'Input price (US$ per million tokens)', 'ai-failover' ),
				input,
				setInput,
				{ type: 'number', min: 0, step: 'any', inputMode: 'decimal' }
			) }
			{ field(
				'output_price_per_mtok',
				__( 'Output price (US$ per million tokens)', 'ai-failover' ),
				output,
				setOutput,
				{ type: 'number', min: 0, step: 'any', inputMode: 'decimal' }
			) }
			{ field(
				'context_window',
				__( 'Context window (tokens; 0 if unknown)', 'ai-failover' ),
				context,
				setContext,
				{ type: 'number', min: 0, step: 1, inputMode: 'numeric' }
			) }
			<fieldset className="aifo-catalog-form__capabilities">
				<legend>{ __( 'Capabilities', 'ai-failover' ) }</legend>
				{ CAPABILITIES.map( ( capability ) => (
					<CheckboxControl
						key={ capability }
						label={ capabilityLabel( capability ) }
						checked={ capabilities.includes( capability ) }
						onChange={ ( checked ) =>
							setCapabilities( ( current ) =>
								checked
									? CAPABILITIES.filter(
											( c ) =>
												c === capability ||
												current.includes( c )
										)
									: current.filter(
											( c ) => c !== capability
										)
							)
						}
					/>
				) ) }
				<FieldError
					id={ `${ idPrefix }-capabilities-error` }
					message={ errors.capabilities }
					announce={ false }
				/>
			</fieldset>
			<p className="aifo-catalog-form__help">
				{ __(
					'Prices are what this provider charges you. Every attempt’s cost, the cost ceiling and "prefer lower cost" use them; 0 counts the model as free.',
					'ai-failover'
				) }
			</p>
			<div className="aifo-catalog-form__actions">
				<Button variant="primary" type="submit" isBusy={ isSaving }>
					{ __( 'Save model', 'ai-failover' ) }
				</Button>
				<Button variant="tertiary" onClick={ onCancel }>
					{ __( 'Cancel', 'ai-failover' ) }
				</Button>
			</div>
		</form>
	);
}
