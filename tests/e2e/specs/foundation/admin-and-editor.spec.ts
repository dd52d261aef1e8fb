/**
 * External dependencies
 */
import { expect, test, type FrameLocator, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, pluginDebugLogLines } from '../../utils/wp';

const ADMIN_PAGE = '/wp-admin/admin.php?page=ai-failover-settings';
const SETTINGS_ROUTE = /ai-failover\/v1\/settings/;
const DEFAULTS = {
	log_retention_days: 30,
	log_previews: false,
	log_preview_max_chars: 500,
};

type WpGlobal = {
	apiFetch: ( options: Record< string, unknown > ) => Promise< unknown >;
	data: {
		select: (
			store: string
		) => Record< string, ( ...args: unknown[] ) => unknown >;
		dispatch: (
			store: string
		) => Record< string, ( ...args: unknown[] ) => unknown >;
	};
	blocks: {
		createBlock: (
			name: string,
			attributes?: object
		) => {
			clientId: string;
		};
		getBlockType: ( name: string ) => unknown;
	};
};

declare global {
	interface Window {
		wp: WpGlobal;
	}
}

const isSettingsRequest = ( url: string ) =>
	SETTINGS_ROUTE.test( decodeURIComponent( url ) );

/**
 * Puts the settings back to their defaults through the REST API, with the
 * admin page's nonce (wp.apiFetch is one of the screen's dependencies).
 *
 * @param page Page showing the admin screen.
 */
async function resetSettings( page: Page ) {
	await page.waitForFunction( () => !! window.wp?.apiFetch );
	await page.evaluate(
		( data ) =>
			window.wp.apiFetch( {
				path: '/ai-failover/v1/settings',
				method: 'POST',
				data,
			} ),
		DEFAULTS
	);
}

/**
 * The editor canvas: the page itself on WordPress 6.1 (no iframe), the
 * `editor-canvas` iframe where newer WordPress uses one.
 *
 * @param page Page showing the block editor.
 */
async function editorCanvas( page: Page ): Promise< Page | FrameLocator > {
	const iframe = 'iframe[name="editor-canvas"]';
	return ( await page.locator( iframe ).count() )
		? page.frameLocator( iframe )
		: page;
}

test.describe( 'foundation: admin screen and block editor', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( () => {
		// (c) No console errors or uncaught exceptions on either page.
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'settings screen loads, saves and shows server field errors', async ( {
		page,
	} ) => {
		await page.goto( ADMIN_PAGE );
		await resetSettings( page );
		await page.reload();

		await expect(
			page.getByRole( 'heading', { level: 1, name: 'Settings' } )
		).toBeVisible();
		await expect(
			page.getByRole( 'button', { name: 'Diagnostics settings' } )
		).toBeVisible();

		const days = page.getByLabel( 'Keep run logs for (days)' );
		const previews = page.getByLabel(
			'Store prompt and response previews'
		);
		const chars = page.getByLabel( 'Preview length (characters)' );
		const save = page.getByRole( 'button', { name: 'Save settings' } );

		await expect( days ).toHaveValue( '30' );
		await expect( previews ).not.toBeChecked();
		await expect( chars ).toHaveValue( '500' );
		await expect( save ).toBeDisabled();

		// Save a valid value: success notice, and it survives a reload.
		await days.fill( '45' );
		await expect( save ).toBeEnabled();
		const saved = page.waitForResponse(
			( response ) =>
				isSettingsRequest( response.url() ) &&
				response.request().method() === 'POST'
		);
		await save.click();
		expect( ( await saved ).status() ).toBe( 200 );
		await expect(
			page.locator( '.aifo-snackbars .components-snackbar' )
		).toContainText( 'Settings saved.' );

		await page.reload();
		await expect( days ).toHaveValue( '45' );

		// Out of range: the server answers 400 and its message shows inline.
		errors.expect( /status of 400/, SETTINGS_ROUTE );
		await days.fill( '0' );
		const rejected = page.waitForResponse(
			( response ) =>
				isSettingsRequest( response.url() ) &&
				response.request().method() === 'POST'
		);
		await save.click();
		expect( ( await rejected ).status() ).toBe( 400 );
		const fieldError = page.locator( '.aifo-field-error' );
		await expect( fieldError ).toHaveCount( 1 );
		await expect( fieldError ).toContainText( 'log_retention_days' );
		await expect(
			page.locator( '.components-notice.is-error' )
		).toBeVisible();

		// Nothing was saved.
		await page.reload();
		await expect( days ).toHaveValue( '45' );

		await resetSettings( page );
	} );

	test( 'block editor opens and the workflow block renders', async ( {
		page,
	} ) => {
		// A new workflow starts with its root block (the post type's template).
		await page.goto( '/wp-admin/post-new.php?post_type=aifo_workflow' );
		await page.waitForFunction(
			() =>
				!! window.wp?.blocks?.getBlockType( 'ai-failover/workflow' ) &&
				!! window.wp.data.select( 'core/block-editor' )
		);

		// Close the welcome guide if it shows (first visit of this user).
		await page.evaluate( () => {
			const editPost = window.wp.data.select( 'core/edit-post' );
			if ( editPost.isFeatureActive?.( 'welcomeGuide' ) ) {
				window.wp.data
					.dispatch( 'core/edit-post' )
					.toggleFeature?.( 'welcomeGuide' );
			}
		} );
		await expect( page.locator( '.edit-post-welcome-guide' ) ).toHaveCount(
			0
		);

		const canvas = await editorCanvas( page );
		const block = canvas.locator( '[data-type="ai-failover/workflow"]' );
		await expect( block ).toBeVisible();
		await expect( block.locator( '.aifo-workflow__title' ) ).toHaveText(
			'AI workflow'
		);
		const clientId = await block.getAttribute( 'data-block' );

		// The inputs attribute reaches the header and the saved markup.
		await page.evaluate(
			( id ) =>
				window.wp.data
					.dispatch( 'core/block-editor' )
					.updateBlockAttributes?.( id, {
						inputs: [
							{
								name: 'topic',
								label: 'Topic',
								type: 'text',
								required: true,
								default: '',
							},
						],
					} ),
			clientId
		);
		await expect( block.locator( '.aifo-workflow__inputs' ) ).toHaveText(
			'Inputs: {{input.topic}}'
		);
		const content = await page.evaluate( () =>
			window.wp.data.select( 'core/editor' ).getEditedPostContent?.()
		);
		expect( content ).toBe(
			'<!-- wp:ai-failover/workflow {"inputs":[{"name":"topic","label":"Topic","type":"text","required":true,"default":""}]} /-->'
		);
		// Leave without the "unsaved changes" prompt.
		await page.evaluate( () =>
			window.wp.data.dispatch( 'core/editor' ).resetEditorBlocks?.( [] )
		);
	} );

	// Runs last (one worker, file order): covers the PHP requests of the tests above.
	test( 'WordPress debug log has no notices from the plugin', () => {
		// eslint-disable-next-line playwright/no-skipped-test -- Only meaningful against a rig that logs.
		test.skip(
			! process.env.WP_DEBUG_LOG_FILE,
			'WP_DEBUG_LOG_FILE is not set'
		);
		expect( pluginDebugLogLines() ).toEqual( [] );
	} );
} );
