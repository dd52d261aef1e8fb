/**
 * Internal dependencies
 */
import type { Screen } from '../../lib/screens';
import { FeaturesTab } from '../features-tab';
import { FirstRunChecklist } from '../first-run-checklist';
import { ProvidersTab } from '../providers-tab';
import { SettingsScreen } from '../settings-screen';
import { Snackbars } from '../snackbars';

type Props = {
	/** The screen the page is (its menu entry; Admin\Admin_Page). */
	screen: Screen;
	/** When this user last opened Diagnostics (Unix seconds; 0: never). */
	diagnosticsSeenAt?: number;
};

/**
 * One screen of the AI Failover menu (Providers, Features or Settings),
 * rendered below the page's <h1>, with the first-run checklist above it
 * until the site is set up.
 *
 * @param props                   Props.
 * @param props.screen
 * @param props.diagnosticsSeenAt
 */
export function AdminApp( { screen, diagnosticsSeenAt = 0 }: Props ) {
	let body;
	switch ( screen ) {
		case 'features':
			body = <FeaturesTab />;
			break;
		case 'settings':
			body = <SettingsScreen />;
			break;
		default:
			body = <ProvidersTab />;
	}
	return (
		<div className={ `aifo-admin-app is-${ screen }` }>
			{ screen !== 'settings' && (
				<FirstRunChecklist diagnosticsSeenAt={ diagnosticsSeenAt } />
			) }
			{ body }
			<Snackbars />
		</div>
	);
}
