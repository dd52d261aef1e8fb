/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import * as element from '@wordpress/element';

/**
 * Mounts a React tree into a DOM node on every supported WordPress version.
 *
 * `wp.element.createRoot` exists since WordPress 6.2 (React 18). WordPress 6.1
 * ships React 17, where only the legacy `render` exists. `@wordpress/element`
 * is an external (`window.wp.element`), so the check happens at run time.
 *
 * @param node Element to render.
 * @param root DOM container.
 */
export function mount( node: ReactNode, root: Element ): void {
	const api: Partial< typeof element > = element;
	if ( typeof api.createRoot === 'function' ) {
		api.createRoot( root ).render( node );
		return;
	}
	if ( typeof api.render === 'function' ) {
		// React 17 path (WordPress < 6.2); `render` is deprecated since 6.2.
		api.render( node as Parameters< typeof element.render >[ 0 ], root );
		return;
	}
	throw new Error( 'wp.element offers neither createRoot nor render.' );
}

/**
 * Mounts a React tree into the element with the given id once the DOM is
 * parsed (the script may be enqueued in the head). Does nothing when the
 * container is missing, e.g. on another admin screen.
 *
 * @param node Element to render.
 * @param id   Id of the DOM container rendered by PHP.
 */
export function mountById( node: ReactNode, id: string ): void {
	const run = () => {
		const root = document.getElementById( id );
		if ( root ) {
			mount( node, root );
		}
	};
	if ( document.readyState === 'loading' ) {
		document.addEventListener( 'DOMContentLoaded', run, { once: true } );
	} else {
		run();
	}
}
