/**
 * A number field of the feature form keeps what is typed: no clamping or
 * rounding on each key, because a value in the middle of being typed ("2"
 * on the way to "2500", or an emptied field) must not change under the
 * cursor. An empty field holds NaN. Out of range, not whole or empty is a
 * field error at save (validateFeature, the schema's range in words).
 */

/**
 * The number a field's text stands for.
 *
 * @param text Field text.
 * @return The number; NaN while the field is empty.
 */
export function numberAsTyped( text: string ): number {
	return text.trim() === '' ? Number.NaN : Number( text );
}

/**
 * The text a field shows for a number held in the form.
 *
 * @param value Number, NaN while the field is empty.
 * @return Field text.
 */
export function typedNumberText( value: number ): string {
	return Number.isFinite( value ) ? String( value ) : '';
}
