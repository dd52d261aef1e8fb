/**
 * WordPress dependencies
 */
import { TabPanel } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FeaturesTab } from '../features-tab';
import { ProvidersTab } from '../providers-tab';
import { SettingsScreen } from '../settings-screen';

export const TAB_NAMES = [ 'providers', 'features', 'settings' ] as const;
export type TabName = ( typeof TAB_NAMES )[ number ];

/**
 * The tab named in the URL fragment (`#features`), so a reload or a link
 * opens the same tab.
 *
 * @return Tab name.
 */
export function tabFromHash(): TabName {
	const hash = window.location.hash.replace( /^#/, '' );
	return ( TAB_NAMES as readonly string[] ).includes( hash )
		? ( hash as TabName )
		: 'providers';
}

const rememberTab = ( name: string ) => {
	if ( window.location.hash !== `#${ name }` ) {
		window.history.replaceState( null, '', `#${ name }` );
	}
};

/**
 * The AI Failover admin screen: Providers, Features and Settings tabs,
 * rendered below the page's <h1>. Inactive tabs are unmounted, so each tab
 * loads fresh data when opened.
 */
export function AdminApp() {
	// A changed fragment (a link to #features, the back button) opens that
	// tab: WordPress 6.1's TabPanel has no controlled mode, so it remounts.
	const [ initialTab, setInitialTab ] = useState< TabName >( tabFromHash );
	useEffect( () => {
		const follow = () => setInitialTab( tabFromHash() );
		window.addEventListener( 'hashchange', follow );
		return () => window.removeEventListener( 'hashchange', follow );
	}, [] );
	const tabs = [
		{ name: 'providers', title: __( 'Providers', 'ai-failover' ) },
		{ name: 'features', title: __( 'Features', 'ai-failover' ) },
		{ name: 'settings', title: __( 'Settings', 'ai-failover' ) },
	];
	return (
		<TabPanel
			className="aifo-admin-app"
			tabs={ tabs }
			key={ initialTab }
			initialTabName={ initialTab }
			onSelect={ rememberTab }
		>
			{ ( tab ) => {
				switch ( tab.name ) {
					case 'features':
						return <FeaturesTab />;
					case 'settings':
						return <SettingsScreen />;
					default:
						return <ProvidersTab />;
				}
			} }
		</TabPanel>
	);
}
