/**
 * A filter's error, under its field; nothing when there is none.
 *
 * @param props         Props.
 * @param props.id      Element id, for aria-describedby.
 * @param props.message Message.
 */
export function FieldMessage( {
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
		<p id={ id } className="aifo-field-message" role="alert">
			{ message }
		</p>
	);
}
