/**
 * WordPress dependencies
 */
import { SnackbarList } from '@wordpress/components';
import { dispatch, useDispatch, useSelect } from '@wordpress/data';
import { store as noticesStore } from '@wordpress/notices';

/**
 * Internal dependencies
 */
import './style.scss';

/** Notices context of the plugin's screens, apart from any other script's. */
const CONTEXT = 'aifo-admin';

/**
 * Shows a result (saved, deleted, tested) as a snackbar that goes away by
 * itself, instead of a notice that stays until dismissed. Errors that need
 * action stay inline, next to what failed.
 *
 * @param message Sentence.
 */
export function showSnackbar( message: string ): void {
	void dispatch( noticesStore ).createSuccessNotice( message, {
		type: 'snackbar',
		context: CONTEXT,
	} );
}

/**
 * The screen's snackbars (`@wordpress/notices`, shown with the components'
 * SnackbarList, which removes each after a few seconds).
 */
export function Snackbars() {
	const notices = useSelect(
		( select ) =>
			select( noticesStore )
				.getNotices( CONTEXT )
				.filter( ( notice ) => notice.type === 'snackbar' ),
		[]
	);
	const { removeNotice } = useDispatch( noticesStore );
	return (
		<SnackbarList
			className="aifo-snackbars"
			notices={ notices }
			onRemove={ ( id: string ) => removeNotice( id, CONTEXT ) }
		/>
	);
}
