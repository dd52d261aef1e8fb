/**
 * External dependencies
 */
import { render } from '@testing-library/react';
import type { ReactElement } from 'react';

/**
 * WordPress dependencies
 */
import { dispatch } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import { Snackbars } from '../components/snackbars';

/**
 * Renders a screen with the snackbars AdminApp shows beside it, none left
 * from an earlier test.
 *
 * @param ui Screen.
 * @return render()'s result.
 */
export function renderWithSnackbars( ui: ReactElement ) {
	// SnackbarList animates with framer-motion, whose layout measuring calls
	// window.scrollTo, which jsdom only reports as "not implemented".
	window.scrollTo = () => {};
	void dispatch( noticesStore ).removeAllNotices( 'snackbar', 'aifo-admin' );
	return render(
		<>
			{ ui }
			<Snackbars />
		</>
	);
}
