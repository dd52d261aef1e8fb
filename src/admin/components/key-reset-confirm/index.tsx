/**
 * WordPress dependencies
 */
import { CheckboxControl } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Provider, ProviderPreset } from '../../../schemas';
import type { Preset } from '../../../schemas/preset';
import { FieldError } from '../../../components/field-error';

/** What decides where a provider's keys are sent. */
type Destination = {
	preset: ProviderPreset;
	base_url: string;
	allow_private_network: boolean;
};

/**
 * Whether the edited provider would send its keys somewhere else: another
 * wire protocol, another effective base URL, or private addresses newly
 * allowed. The same rule the server enforces (Key_Destination_Rule).
 *
 * @param provider Provider as stored.
 * @param form     Provider as edited.
 * @param presets  Presets, for the default base URLs.
 * @return Whether the change moves the keys.
 */
export function keyDestinationChanged(
	provider: Provider,
	form: Destination,
	presets: Preset[]
): boolean {
	const preset = presets.find( ( p ) => p.id === form.preset );
	const url = (
		form.base_url.trim() !== ''
			? form.base_url.trim()
			: ( preset?.base_url ?? '' )
	).replace( /\/+$/, '' );
	return (
		( preset?.protocol ?? provider.protocol ) !== provider.protocol ||
		url !== provider.base_url.replace( /\/+$/, '' ) ||
		( ! provider.allow_private_network && form.allow_private_network )
	);
}

type Props = {
	/** Element id prefix of the form. */
	formId: string;
	keyCount: number;
	checked: boolean;
	onChange: ( checked: boolean ) => void;
	/** The server's message for confirm_key_reset. */
	error: string | undefined;
};

/**
 * Asks before a change that sends a provider's keys to another address: the
 * stored keys are deleted and added again, so a key never goes where it was
 * not entered for (the server refuses the change without this).
 *
 * @param props Props.
 */
export function KeyResetConfirm( props: Props ) {
	const { formId, keyCount, checked, onChange, error } = props;
	return (
		<div className="aifo-provider-form__field aifo-key-reset-confirm">
			<CheckboxControl
				__nextHasNoMarginBottom
				label={ sprintf(
					/* translators: %d: Number of keys. */
					_n(
						'Delete the %d stored key of this provider; I will add it again for the new address',
						'Delete the %d stored keys of this provider; I will add them again for the new address',
						keyCount,
						'ai-failover'
					),
					keyCount
				) }
				help={ __(
					'Keys are only ever sent to the address they were added for.',
					'ai-failover'
				) }
				checked={ checked }
				onChange={ onChange }
			/>
			<FieldError
				id={ `${ formId }-error-confirm_key_reset` }
				message={ error }
			/>
		</div>
	);
}
