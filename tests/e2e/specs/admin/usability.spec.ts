/**
 * External dependencies
 */
import { mkdirSync } from 'node:fs';
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { seriousViolations } from '../../utils/axe';
import { login, PageErrors } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover';
const FEATURES_PAGE = '/wp-admin/admin.php?page=ai-failover-features';
const SETTINGS_PAGE = '/wp-admin/admin.php?page=ai-failover-settings';
const DIAGNOSTICS_PAGE = '/wp-admin/admin.php?page=ai-failover-diagnostics';
const WORKFLOWS_PAGE = '/wp-admin/edit.php?post_type=aifo_workflow';
const ARTIFACTS = 'artifacts/screens';

/** Every screen of the plugin's menu: a name for its screenshot and its address. */
const SCREENS: Array< [ string, string ] > = [
	[ 'providers', ADMIN_PAGE ],
	[ 'features', FEATURES_PAGE ],
	[ 'workflows', WORKFLOWS_PAGE ],
	[ 'diagnostics', DIAGNOSTICS_PAGE ],
	[ 'settings', SETTINGS_PAGE ],
];

/**
 * What axe checks: the screen's own content. WordPress's admin menu and bar
 * are core's markup, the same on every screen, and out of the plugin's hands.
 */
const AXE_SCOPE = '#wpbody-content';

/**
 * How far the page scrolls sideways: its content width beyond the viewport.
 *
 * @param page Page.
 * @return Pixels; 0 when nothing scrolls sideways.
 */
const horizontalOverflow = ( page: Page ) =>
	page.evaluate(
		() =>
			document.documentElement.scrollWidth -
			document.documentElement.clientWidth
	);

/**
 * The visible form labels of the screen's own content that are cut off (an
 * ellipsis or a clip: their text is wider than their box), such as a
 * control's label as wide as its short value.
 *
 * @param page Page.
 * @return Their texts.
 */
const truncatedLabels = ( page: Page ) =>
	page.evaluate(
		( scope ) =>
			Array.from(
				document.querySelectorAll< HTMLElement >(
					`${ scope } label, ${ scope } .components-base-control__label`
				)
			)
				.filter(
					( label ) =>
						label.offsetParent !== null &&
						// Hidden on purpose (WordPress's own "Select All" of a list table).
						! label.closest( '.screen-reader-text' ) &&
						label.scrollWidth > label.clientWidth + 1
				)
				.map( ( label ) => label.textContent?.trim() ?? '' ),
		AXE_SCOPE
	);

/**
 * Opens a screen and waits until its app has rendered.
 *
 * @param page Page.
 * @param url  Screen address.
 */
async function openScreen( page: Page, url: string ) {
	await page.goto( url );
	await page
		.locator(
			'.aifo-admin-app, .aifo-diagnostics-app, #aifo-diagnostics, .wp-list-table'
		)
		.first()
		.waitFor();
	// Loaded: no spinner left (lists, keys, health figures).
	await expect( page.locator( '.components-spinner' ) ).toHaveCount( 0 );
}

test.describe( 'admin screens a site admin can use', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'an invalid new feature shows every error at once, focus on the first', async ( {
		page,
	} ) => {
		await page.setViewportSize( { width: 1400, height: 900 } );
		await page.goto( FEATURES_PAGE );
		let posted = 0;
		page.on( 'request', ( request ) => {
			if (
				request.method() === 'POST' &&
				request.url().includes( 'ai-failover/v1/features' )
			) {
				posted++;
			}
		} );
		await page.getByRole( 'button', { name: 'Add feature' } ).click();
		const form = page.locator( '.aifo-feature-form' );
		// Required means required: no provider is chosen for the admin.
		await expect(
			form
				.locator( '.aifo-feature-form__section' )
				.nth( 1 )
				.getByLabel( 'Provider' )
		).toHaveValue( '' );
		await form.getByLabel( 'Attempt timeout (ms)' ).fill( '99999' );

		await form.getByRole( 'button', { name: 'Create feature' } ).click();

		await expect( form.locator( '.aifo-field-error' ) ).toHaveText( [
			'Enter an ID, such as "post-summary".',
			'Enter a label.',
			'Choose a provider.',
			'Enter a model, such as one the list suggests.',
			'Enter a whole number from 1000 to 60000.',
		] );
		await expect( form.getByLabel( 'ID', { exact: true } ) ).toBeFocused();
		await expect(
			form.getByText( '5 fields need correcting; each is marked below.' )
		).toBeVisible();
		expect( posted ).toBe( 0 );
		mkdirSync( ARTIFACTS, { recursive: true } );
		await page.screenshot( {
			path: `${ ARTIFACTS }/feature-form-errors-1400.png`,
		} );

		// Fixing a field clears its error, and only its error.
		await form.getByLabel( 'ID', { exact: true } ).fill( 'fixed-id' );
		await expect( form.locator( '.aifo-field-error' ) ).toHaveCount( 4 );
	} );

	for ( const [ name, url ] of SCREENS ) {
		test( `${ name }: no serious axe violation, no label cut off at 1400 px, no horizontal page scroll at 360 and 390 px; screenshots at 1400 and 390 px`, async ( {
			page,
		} ) => {
			// Two axe scans and three loads of a screen: Diagnostics, with its
			// health, budgets and error-rate panels, needs over 60 s on a loaded 2-core runner.
			test.slow();
			mkdirSync( ARTIFACTS, { recursive: true } );
			await page.setViewportSize( { width: 1400, height: 900 } );
			await openScreen( page, url );
			await page.screenshot( {
				path: `${ ARTIFACTS }/${ name }-1400.png`,
				fullPage: true,
			} );
			expect( await seriousViolations( page, AXE_SCOPE ) ).toEqual( [] );
			expect( await truncatedLabels( page ), '1400 px' ).toEqual( [] );

			await page.setViewportSize( { width: 390, height: 844 } );
			await openScreen( page, url );
			await page.screenshot( {
				path: `${ ARTIFACTS }/${ name }-390.png`,
				fullPage: true,
			} );
			expect( await seriousViolations( page, AXE_SCOPE ) ).toEqual( [] );
			expect( await horizontalOverflow( page ), '390 px' ).toBe( 0 );

			await page.setViewportSize( { width: 360, height: 740 } );
			await openScreen( page, url );
			expect( await horizontalOverflow( page ), '360 px' ).toBe( 0 );
		} );
	}

	test( 'the feature form: no horizontal page scroll at 390 px', async ( {
		page,
	} ) => {
		mkdirSync( ARTIFACTS, { recursive: true } );
		await page.setViewportSize( { width: 390, height: 844 } );
		await openScreen( page, FEATURES_PAGE );
		await page.getByRole( 'button', { name: 'Add feature' } ).click();
		await page.locator( '.aifo-feature-form' ).waitFor();
		await page.getByRole( 'button', { name: 'Add fallback' } ).click();
		await page.screenshot( {
			path: `${ ARTIFACTS }/feature-form-390.png`,
			fullPage: true,
		} );
		expect( await horizontalOverflow( page ) ).toBe( 0 );
	} );

	test( 'the Plugins screen links to the plugin’s settings', async ( {
		page,
	} ) => {
		await page.goto( '/wp-admin/plugins.php' );
		const link = page
			.locator( 'tr[data-slug="ai-failover"]' )
			.getByRole( 'link', { name: 'Settings', exact: true } );
		await expect( link ).toHaveAttribute(
			'href',
			/admin\.php\?page=ai-failover$/
		);
		await link.click();
		await expect( page ).toHaveURL( /admin\.php\?page=ai-failover$/ );
		await page.locator( '.aifo-admin-app' ).waitFor();
	} );

	test( 'a link to a former tab opens its page of the menu', async ( {
		page,
	} ) => {
		await page.goto( `${ ADMIN_PAGE }#settings` );
		await expect( page ).toHaveURL( /page=ai-failover-settings$/ );
		await expect(
			page.getByRole( 'heading', { level: 1, name: 'Settings' } )
		).toBeVisible();
		await expect(
			page.locator( '#toplevel_page_ai-failover li.current a' )
		).toHaveText( 'Settings' );
	} );
} );
