/**
 * A wide table's own horizontal scroll area: on a phone the table scrolls inside its card instead of
 * widening the page, and keyboard users can scroll it too (it takes focus, WCAG 2.1.1; axe rule
 * scrollable-region-focusable), announced by the label of what it holds.
 */
/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * Internal dependencies
 */
import './style.scss';

export function ScrollRegion( {
	label,
	children,
}: {
	label: string;
	children: ReactNode;
} ): JSX.Element {
	return (
		<div
			className="aifo-scroll-region"
			role="region"
			aria-label={ label }
			tabIndex={ 0 }
		>
			{ children }
		</div>
	);
}
