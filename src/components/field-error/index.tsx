/**
 * Internal dependencies
 */
import './style.scss';

/**
 * A field's error, right under the field; nothing when there is none. The
 * one field-error component of the admin screens and Diagnostics.
 *
 * A form that shows several errors at once passes `announce={ false }`: it
 * says how many in one summary and moves focus to the first field, so each
 * error is read with its field (which points here with aria-describedby)
 * instead of all of them at once as live regions. The error takes focus
 * (tabIndex -1) when it belongs to a group with no control of its own.
 *
 * @param props          Props.
 * @param props.id       Element id, for aria-describedby.
 * @param props.message  Message.
 * @param props.announce Whether to announce it as it appears (role=alert).
 */
export function FieldError( {
	id,
	message,
	announce = true,
}: {
	id: string;
	message: string | undefined;
	announce?: boolean;
} ) {
	if ( ! message ) {
		return null;
	}
	return (
		<p
			id={ id }
			className="aifo-field-error"
			tabIndex={ -1 }
			role={ announce ? 'alert' : undefined }
		>
			{ message }
		</p>
	);
}

/**
 * The attributes that tie a control to its error: aria-invalid and
 * aria-describedby while there is one, nothing otherwise.
 *
 * aria-errormessage too, because SelectControl puts its own (help) id over
 * a passed aria-describedby. While the error shows it replaces the help as
 * the control's description: the help's id cannot be known here, since
 * TextControl of older WordPress versions ignores a passed `id` for its
 * label and help.
 *
 * @param id      The FieldError's id.
 * @param message The error, if any.
 * @return Props to spread on the control.
 */
export function errorProps(
	id: string,
	message: string | undefined
): {
	'aria-invalid'?: true;
	'aria-describedby'?: string;
	'aria-errormessage'?: string;
} {
	if ( ! message ) {
		return {};
	}
	return {
		'aria-invalid': true,
		'aria-describedby': id,
		'aria-errormessage': id,
	};
}

/**
 * The error of a SelectControl, as (part of) its help: SelectControl sets its
 * own aria-describedby (its help's id, or none) over a passed one, so an
 * error beside it would be neither its description nor, without role=alert,
 * a valid aria-errormessage. Shown in place of a FieldError, with its look.
 *
 * @param message The error, if any.
 * @param help    The select's own help, if any: kept before the error.
 * @return Props to spread on the SelectControl.
 */
export function selectErrorProps(
	message: string | undefined,
	help?: string
): {
	'aria-invalid'?: true;
	help?: string | JSX.Element;
} {
	if ( ! message ) {
		return help ? { help } : {};
	}
	return {
		'aria-invalid': true,
		help: (
			<>
				{ help && <span>{ help } </span> }
				<span className="aifo-field-error">{ message }</span>
			</>
		),
	};
}

/**
 * Moves focus to the first field of a container that has an error (in page
 * order), or to the first error itself when it belongs to no control, and
 * scrolls it into view.
 *
 * @param container Form or other container.
 * @return Whether something took focus.
 */
export function focusFirstError( container: HTMLElement | null ): boolean {
	const target = container?.querySelector< HTMLElement >(
		'[aria-invalid="true"], .aifo-field-error'
	);
	if ( ! target ) {
		return false;
	}
	target.focus();
	target.scrollIntoView?.( { block: 'center' } );
	return true;
}
