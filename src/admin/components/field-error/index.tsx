/**
 * Inline error below a form field.
 *
 * @param props         Props.
 * @param props.id      Element id, for aria-describedby.
 * @param props.message Message; nothing is rendered when empty.
 */
export function FieldError( {
	id,
	message,
}: {
	id: string;
	message: string | undefined;
} ) {
	if ( ! message ) {
		return null;
	}
	return (
		<p id={ id } className="aifo-field-error" role="alert">
			{ message }
		</p>
	);
}
