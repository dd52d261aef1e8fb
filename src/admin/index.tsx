/**
 * Internal dependencies
 */
import { mountById } from '../lib/mount';
import { AdminApp } from './components/admin-app';
import { movedTabUrl, screenFrom } from './lib/screens';
import './index.scss';

/** Id of the container Admin\Admin_Page renders below the <h1>. */
export const ROOT_ID = 'aifo-admin-root';

/**
 * Sends a link to a former tab (`page=ai-failover#features`, also followed
 * within the page) to that screen's own page of the menu.
 *
 * @return Whether the browser is leaving for it.
 */
const followMovedTab = (): boolean => {
	const moved = movedTabUrl( window.location.search, window.location.hash );
	if ( moved ) {
		window.location.replace( moved );
	}
	return moved !== null;
};

window.addEventListener( 'hashchange', followMovedTab );
if ( ! followMovedTab() ) {
	const root = document.getElementById( ROOT_ID );
	mountById(
		<AdminApp
			screen={ screenFrom( root?.dataset.screen ) }
			diagnosticsSeenAt={ Number( root?.dataset.diagnosticsSeenAt ?? 0 ) }
		/>,
		ROOT_ID
	);
}
