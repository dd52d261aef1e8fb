/**
 * WordPress dependencies
 */
import { Button, Notice, TextControl } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import { toApiError, type FieldErrors } from '../../../api/errors';
import type { ProviderKey, ProviderKeyInput } from '../../../schemas';
import { useIsMounted } from '../../../lib/use-is-mounted';
import { FieldError } from '../../../components/field-error';

type Props = {
	providerId: string;
	/** Stores the key; rejects with an ApiError. */
	onAdd: ( input: ProviderKeyInput ) => Promise< ProviderKey >;
};

/**
 * Adds a key. The secret is a password field that is emptied as soon as the
 * server has it: it is never shown again, and the server never returns it.
 *
 * @param props            Props.
 * @param props.providerId
 * @param props.onAdd
 */
export function AddKeyForm( { providerId, onAdd }: Props ) {
	const [ label, setLabel ] = useState( '' );
	const [ secret, setSecret ] = useState( '' );
	const [ fieldErrors, setFieldErrors ] = useState< FieldErrors >( {} );
	const [ notice, setNotice ] = useState< {
		status: 'success' | 'error';
		message: string;
	} | null >( null );
	const [ isSaving, setIsSaving ] = useState( false );
	const isMounted = useIsMounted();
	const prefix = `aifo-add-key-${ providerId }`;

	const submit = async () => {
		setIsSaving( true );
		setNotice( null );
		try {
			const key = await onAdd( { label: label.trim(), secret } );
			if ( ! isMounted() ) {
				return;
			}
			setSecret( '' );
			setLabel( '' );
			setFieldErrors( {} );
			setNotice( {
				status: 'success',
				message: key.last4
					? sprintfLast4( key.last4 )
					: __(
							'Key added. It is stored encrypted and is never shown again.',
							'ai-failover'
						),
			} );
		} catch ( failure ) {
			if ( ! isMounted() ) {
				return;
			}
			const apiError = toApiError( failure );
			setFieldErrors( apiError.fieldErrors );
			setNotice( {
				status: 'error',
				message:
					Object.keys( apiError.fieldErrors ).length > 0
						? __(
								'The key was not added. Correct the highlighted fields and try again.',
								'ai-failover'
							)
						: apiError.message,
			} );
		} finally {
			if ( isMounted() ) {
				setIsSaving( false );
			}
		}
	};

	return (
		<form
			className="aifo-add-key-form"
			noValidate
			autoComplete="off"
			onSubmit={ ( event ) => {
				event.preventDefault();
				void submit();
			} }
		>
			<h4 className="aifo-add-key-form__title">
				{ __( 'Add a key', 'ai-failover' ) }
			</h4>
			<div className="aifo-add-key-form__fields">
				<div className="aifo-add-key-form__field">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Key label', 'ai-failover' ) }
						help={ __(
							'Such as "prod-2". Logs show this name, never the key.',
							'ai-failover'
						) }
						value={ label }
						onChange={ ( value: string ) => {
							setLabel( value );
							setFieldErrors(
								( { label: _l, ...rest } ) => rest
							);
						} }
					/>
					<FieldError
						id={ `${ prefix }-error-label` }
						message={ fieldErrors.label }
					/>
				</div>
				<div className="aifo-add-key-form__field">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Secret key', 'ai-failover' ) }
						help={ __(
							'Stored encrypted. After saving, only its last 4 characters are shown.',
							'ai-failover'
						) }
						type="password"
						autoComplete="new-password"
						spellCheck={ false }
						value={ secret }
						onChange={ ( value: string ) => {
							setSecret( value );
							setFieldErrors(
								( { secret: _s, ...rest } ) => rest
							);
						} }
					/>
					<FieldError
						id={ `${ prefix }-error-secret` }
						message={ fieldErrors.secret }
					/>
				</div>
			</div>
			{ notice && (
				<Notice
					className="aifo-add-key-form__notice"
					status={ notice.status }
					onRemove={ () => setNotice( null ) }
				>
					{ notice.message }
				</Notice>
			) }
			<Button
				type="submit"
				variant="secondary"
				isBusy={ isSaving }
				disabled={ isSaving || secret === '' }
			>
				{ __( 'Add key', 'ai-failover' ) }
			</Button>
		</form>
	);
}

const sprintfLast4 = ( last4: string ) =>
	sprintf(
		/* translators: %s: last 4 characters of the key. */
		__(
			'Key ••••%s added. It is stored encrypted and is never shown again.',
			'ai-failover'
		),
		last4
	);
