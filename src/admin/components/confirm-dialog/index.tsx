/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import { Button, Flex, FlexItem, Modal, Notice } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError, type ApiError } from '../../../api/errors';
import { useIsMounted } from '../../../lib/use-is-mounted';

type Props = {
	title: string;
	/** What will happen, as text. */
	children: ReactNode;
	confirmLabel: string;
	/** Does the work; a rejection keeps the dialog open and shows the error. */
	onConfirm: () => Promise< void >;
	onClose: () => void;
	/** Extra details shown under the error message. */
	renderErrorDetails?: ( error: ApiError ) => ReactNode;
};

/**
 * A confirmation dialog for destructive actions. The server's refusal (such
 * as a 409) is shown inside the dialog.
 *
 * @param props Props.
 */
export function ConfirmDialog( props: Props ) {
	const {
		title,
		children,
		confirmLabel,
		onConfirm,
		onClose,
		renderErrorDetails,
	} = props;
	const [ isBusy, setIsBusy ] = useState( false );
	const [ error, setError ] = useState< ApiError | null >( null );
	const isMounted = useIsMounted();

	const confirm = async () => {
		if ( isBusy ) {
			return;
		}
		setIsBusy( true );
		setError( null );
		try {
			await onConfirm();
			if ( isMounted() ) {
				onClose();
			}
		} catch ( failure ) {
			if ( isMounted() ) {
				setError( toApiError( failure ) );
				setIsBusy( false );
			}
		}
	};

	return (
		<Modal
			className="aifo-confirm-dialog"
			title={ title }
			onRequestClose={ onClose }
		>
			<div className="aifo-confirm-dialog__message">{ children }</div>
			{ error && (
				<Notice
					className="aifo-confirm-dialog__error"
					status="error"
					isDismissible={ false }
				>
					<p>{ error.message }</p>
					{ renderErrorDetails?.( error ) }
				</Notice>
			) }
			<Flex justify="flex-end" className="aifo-confirm-dialog__actions">
				<FlexItem>
					<Button variant="tertiary" onClick={ onClose }>
						{ __( 'Cancel', 'ai-failover' ) }
					</Button>
				</FlexItem>
				<FlexItem>
					<Button
						variant="primary"
						isDestructive
						isBusy={ isBusy }
						// Not `disabled`: a focused button that gets disabled
						// blurs, and WordPress 6.1's Modal closes on focus loss.
						aria-disabled={ isBusy }
						onClick={ () => void confirm() }
					>
						{ confirmLabel }
					</Button>
				</FlexItem>
			</Flex>
		</Modal>
	);
}
