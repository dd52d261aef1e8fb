/**
 * WordPress dependencies
 */
import {
	Button,
	Notice,
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import { toApiError, type FieldErrors } from '../../../api/errors';
import { createProvider, updateProvider } from '../../../api/providers';
import type { Provider, ProviderInput, ProviderPreset } from '../../../schemas';
import type { Preset } from '../../../schemas/preset';
import { useIsMounted } from '../../../lib/use-is-mounted';
import { FieldError } from '../../../components/field-error';
import { KeyResetConfirm, keyDestinationChanged } from '../key-reset-confirm';
import {
	DataHandlingFields,
	type DataHandlingForm,
} from './data-handling-fields';

type Props = {
	presets: Preset[];
	/** Provider to edit; null to add one. */
	provider: Provider | null;
	onSaved: ( provider: Provider, isNew: boolean ) => void;
	onCancel?: () => void;
};

type Form = {
	id: string;
	label: string;
	preset: ProviderPreset;
	base_url: string;
	allow_private_network: boolean;
	enabled: boolean;
	region: string;
	data_handling: DataHandlingForm;
	api_family: string;
};

const DEFAULT_PRESET: ProviderPreset = 'openai';

function initialForm( provider: Provider | null, presets: Preset[] ): Form {
	if ( provider ) {
		return {
			id: provider.id,
			label: provider.label,
			preset: provider.preset,
			base_url: provider.custom_base_url ? provider.base_url : '',
			allow_private_network: provider.allow_private_network,
			enabled: provider.enabled,
			region: provider.region ?? '',
			api_family: provider.api_family ?? '',
			data_handling: provider.data_handling ?? {
				local: provider.is_local,
				no_retention: false,
				no_training: false,
			},
		};
	}
	const preset =
		presets.find( ( p ) => p.id === DEFAULT_PRESET ) ?? presets[ 0 ];
	return {
		id: '',
		label: '',
		preset: preset?.id ?? DEFAULT_PRESET,
		base_url: '',
		allow_private_network: preset?.local ?? false,
		enabled: true,
		region: '',
		api_family: '',
		data_handling: {
			local: preset?.local ?? false,
			no_retention: false,
			no_training: false,
		},
	};
}

/**
 * Adds or edits a provider. The server validates (same schema) and checks the
 * base URL against the private-network policy; its field errors show inline.
 *
 * @param props Props.
 */
export function ProviderForm( props: Props ) {
	const { presets, provider, onSaved, onCancel } = props;
	const isNew = provider === null;
	const [ form, setForm ] = useState< Form >( () =>
		initialForm( provider, presets )
	);
	// Until the admin flips it, the private-network toggle follows the preset.
	const [ privateTouched, setPrivateTouched ] = useState( ! isNew );
	const [ fieldErrors, setFieldErrors ] = useState< FieldErrors >( {} );
	const [ error, setError ] = useState< string | null >( null );
	const [ isSaving, setIsSaving ] = useState( false );
	const [ confirmKeyReset, setConfirmKeyReset ] = useState( false );
	const isMounted = useIsMounted();
	// The server refuses to move stored keys to another address unconfirmed.
	const asksKeyReset =
		! isNew &&
		( fieldErrors.confirm_key_reset !== undefined ||
			( provider.key_count > 0 &&
				keyDestinationChanged( provider, form, presets ) ) );

	const preset = presets.find( ( p ) => p.id === form.preset );
	const isSimulator = preset?.protocol === 'simulator';
	const formId = isNew ? 'aifo-provider-new' : `aifo-provider-${ form.id }`;

	const set = < K extends keyof Form >( field: K, value: Form[ K ] ) => {
		setForm( ( current ) => ( { ...current, [ field ]: value } ) );
		setFieldErrors( ( { [ field ]: _removed, ...rest } ) => rest );
	};

	const choosePreset = ( value: string ) => {
		const next = presets.find( ( p ) => p.id === value );
		if ( ! next ) {
			return;
		}
		setForm( ( current ) => ( {
			...current,
			preset: next.id,
			base_url: next.protocol === 'simulator' ? '' : current.base_url,
			allow_private_network: privateTouched
				? current.allow_private_network
				: next.local,
			// A new provider's "runs locally" follows the preset chosen.
			data_handling: isNew
				? { ...current.data_handling, local: next.local }
				: current.data_handling,
		} ) );
		setFieldErrors( ( { preset: _p, base_url: _b, ...rest } ) => rest );
	};

	const submit = async () => {
		const input: ProviderInput = {
			id: form.id.trim(),
			label: form.label.trim(),
			preset: form.preset,
			base_url: form.base_url.trim(),
			allow_private_network: form.allow_private_network,
			enabled: form.enabled,
			region: form.region.trim(),
			api_family: form.api_family.trim(),
			data_handling: form.data_handling,
			...( asksKeyReset && confirmKeyReset
				? { confirm_key_reset: true }
				: {} ),
		};
		setIsSaving( true );
		setError( null );
		try {
			const saved = isNew
				? await createProvider( input )
				: await updateProvider( provider.id, input );
			if ( ! isMounted() ) {
				return;
			}
			setIsSaving( false );
			setFieldErrors( {} );
			if ( isNew ) {
				setForm( initialForm( null, presets ) );
				setPrivateTouched( false );
			}
			onSaved( saved, isNew );
		} catch ( failure ) {
			if ( ! isMounted() ) {
				return;
			}
			const apiError = toApiError( failure );
			setIsSaving( false );
			setFieldErrors( apiError.fieldErrors );
			setError(
				Object.keys( apiError.fieldErrors ).length > 0
					? __(
							'The provider was not saved. Correct the highlighted fields and try again.',
							'ai-failover'
						)
					: apiError.message
			);
		}
	};

	return (
		<form
			className="aifo-provider-form"
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				void submit();
			} }
		>
			<div className="aifo-provider-form__field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'ID', 'ai-failover' ) }
					help={ __(
						'Lowercase letters, digits and dashes, such as "openai" or "local-ollama". Cannot change later.',
						'ai-failover'
					) }
					value={ form.id }
					disabled={ ! isNew }
					onChange={ ( value: string ) => set( 'id', value ) }
				/>
				<FieldError
					id={ `${ formId }-error-id` }
					message={ fieldErrors.id }
				/>
			</div>
			<div className="aifo-provider-form__field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Label', 'ai-failover' ) }
					value={ form.label }
					onChange={ ( value: string ) => set( 'label', value ) }
				/>
				<FieldError
					id={ `${ formId }-error-label` }
					message={ fieldErrors.label }
				/>
			</div>
			<div className="aifo-provider-form__field">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Preset', 'ai-failover' ) }
					help={ __(
						'Which service this is: it fixes the wire protocol and the default base URL.',
						'ai-failover'
					) }
					value={ form.preset }
					options={ presets.map( ( p ) => ( {
						value: p.id,
						label: p.label,
					} ) ) }
					onChange={ choosePreset }
				/>
				<FieldError
					id={ `${ formId }-error-preset` }
					message={ fieldErrors.preset }
				/>
			</div>
			<div className="aifo-provider-form__field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Base URL', 'ai-failover' ) }
					help={
						isSimulator
							? __(
									'The Simulator runs inside WordPress: it has no URL.',
									'ai-failover'
								)
							: __(
									'Leave empty to use the preset default shown in the field.',
									'ai-failover'
								)
					}
					type="url"
					placeholder={ preset?.base_url ?? '' }
					value={ form.base_url }
					disabled={ isSimulator }
					onChange={ ( value: string ) => set( 'base_url', value ) }
				/>
				<FieldError
					id={ `${ formId }-error-base_url` }
					message={ fieldErrors.base_url }
				/>
			</div>
			<div className="aifo-provider-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Allow private network', 'ai-failover' ) }
					help={ __(
						'Allow a base URL on a loopback or private address, such as a model server on this machine.',
						'ai-failover'
					) }
					checked={ form.allow_private_network }
					onChange={ ( checked: boolean ) => {
						setPrivateTouched( true );
						set( 'allow_private_network', checked );
						// The private-network policy reports on base_url.
						setFieldErrors( ( { base_url: _b, ...rest } ) => rest );
					} }
				/>
				<FieldError
					id={ `${ formId }-error-allow_private_network` }
					message={ fieldErrors.allow_private_network }
				/>
			</div>
			<div className="aifo-provider-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Enabled', 'ai-failover' ) }
					help={ __(
						'A disabled provider is never called.',
						'ai-failover'
					) }
					checked={ form.enabled }
					onChange={ ( checked: boolean ) =>
						set( 'enabled', checked )
					}
				/>
			</div>
			<DataHandlingFields
				formId={ formId }
				region={ form.region }
				dataHandling={ form.data_handling }
				fieldErrors={ fieldErrors }
				apiFamily={ form.api_family }
				onRegion={ ( value ) => set( 'region', value ) }
				onApiFamily={ ( value ) => set( 'api_family', value ) }
				onDataHandling={ ( value ) => set( 'data_handling', value ) }
			/>
			{ asksKeyReset && (
				<KeyResetConfirm
					formId={ formId }
					keyCount={ provider?.key_count ?? 0 }
					checked={ confirmKeyReset }
					onChange={ setConfirmKeyReset }
					error={ fieldErrors.confirm_key_reset }
				/>
			) }
			{ error && (
				<Notice
					className="aifo-provider-form__notice"
					status="error"
					onRemove={ () => setError( null ) }
				>
					{ error }
				</Notice>
			) }
			<div className="aifo-form-actions">
				<Button
					type="submit"
					variant="primary"
					isBusy={ isSaving }
					disabled={ isSaving }
				>
					{ isNew
						? __( 'Add provider', 'ai-failover' )
						: __( 'Save provider', 'ai-failover' ) }
				</Button>
				{ onCancel && (
					<Button variant="tertiary" onClick={ onCancel }>
						{ __( 'Cancel', 'ai-failover' ) }
					</Button>
				) }
			</div>
		</form>
	);
}
