/**
 * The app's screens and their addresses. Each is a WordPress submenu page of
 * the one "AI Failover" menu (Admin\Admin_Page); Workflows and Diagnostics are
 * pages of the same menu that other code renders.
 */
export const SCREENS = [ 'providers', 'features', 'settings' ] as const;
export type Screen = ( typeof SCREENS )[ number ];

const PAGES: Record< Screen, string > = {
	providers: 'ai-failover',
	features: 'ai-failover-features',
	settings: 'ai-failover-settings',
};

/**
 * Address of a screen, relative to wp-admin (every screen is in wp-admin).
 *
 * @param screen Screen.
 * @param hash   Fragment without "#", such as "new".
 * @return Address.
 */
export function screenUrl( screen: Screen, hash = '' ): string {
	return `admin.php?page=${ PAGES[ screen ] }${ hash ? `#${ hash }` : '' }`;
}

/** The workflow list (core's screen for the `aifo_workflow` post type). */
export const WORKFLOWS_URL = 'edit.php?post_type=aifo_workflow';

/**
 * Diagnostics, optionally on one run (the `#run=<id>` contract).
 *
 * @param runId Run id.
 * @return Address.
 */
export function diagnosticsUrl( runId?: string ): string {
	return `admin.php?page=ai-failover-diagnostics${
		runId ? `#run=${ encodeURIComponent( runId ) }` : ''
	}`;
}

/**
 * The screen named by the mount point's data-screen attribute.
 *
 * @param value Attribute value.
 * @return Screen; Providers for anything else.
 */
export function screenFrom( value: string | undefined ): Screen {
	return ( SCREENS as readonly string[] ).includes( value ?? '' )
		? ( value as Screen )
		: 'providers';
}

/**
 * Where an address of the former tabbed screen (`page=ai-failover#features`)
 * lives now, so old links and bookmarks still land on the right screen.
 *
 * @param search location.search.
 * @param hash   location.hash.
 * @return New address, or null when the address is current.
 */
export function movedTabUrl( search: string, hash: string ): string | null {
	const page = new URLSearchParams( search ).get( 'page' );
	const tab = hash.replace( /^#/, '' );
	if (
		page !== PAGES.providers ||
		( tab !== 'features' && tab !== 'settings' )
	) {
		return null;
	}
	return screenUrl( tab );
}
