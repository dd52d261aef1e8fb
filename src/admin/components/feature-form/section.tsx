/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * One titled group of the feature form.
 *
 * @param props           Props.
 * @param props.title     Legend.
 * @param props.children  Fields.
 * @param props.className Extra class.
 */
export function Section( {
	title,
	children,
	className = '',
}: {
	title: string;
	children: ReactNode;
	className?: string;
} ) {
	return (
		<fieldset className={ `aifo-feature-form__section ${ className }` }>
			<legend className="aifo-feature-form__legend">{ title }</legend>
			{ children }
		</fieldset>
	);
}
