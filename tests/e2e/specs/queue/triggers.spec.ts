/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

/**
 * The workflow editor's Triggers panel (administrators): turning on the
 * on-publish trigger and a schedule in the sidebar, saving, and finding them
 * in the workflow's `_aifo_triggers` meta; a cron expression out of range is
 * explained at its field.
 */

const FEATURE = 'triggers-e2e';

type Call = ( ...args: unknown[] ) => unknown;
type WpWindow = {
	wp: {
		data: {
			select: ( store: string ) => {
				getBlocks: Call;
				isFeatureActive: Call;
				isSavingPost: Call;
				isEditedPostDirty: Call;
			};
			dispatch: ( store: string ) => {
				toggleFeature: Call;
				selectBlock: Call;
				openGeneralSidebar: Call;
				savePost: Call;
			};
		};
	};
};

/**
 * Opens a workflow in the editor with the settings sidebar open.
 *
 * @param page Page.
 * @param id   Workflow post id.
 */
async function openWorkflow( page: Page, id: number ) {
	await page.goto( `/wp-admin/post.php?post=${ id }&action=edit` );
	await page.waitForFunction(
		() =>
			(
				( window as unknown as WpWindow ).wp.data
					.select( 'core/block-editor' )
					.getBlocks() as []
			 ).length > 0
	);
	await page.evaluate( () => {
		const { data } = ( window as unknown as WpWindow ).wp;
		if (
			data.select( 'core/edit-post' ).isFeatureActive( 'welcomeGuide' )
		) {
			data.dispatch( 'core/edit-post' ).toggleFeature( 'welcomeGuide' );
		}
		const root = (
			data.select( 'core/block-editor' ).getBlocks() as {
				clientId: string;
			}[]
		 )[ 0 ];
		data.dispatch( 'core/block-editor' ).selectBlock( root?.clientId );
		data.dispatch( 'core/edit-post' ).openGeneralSidebar(
			'edit-post/block'
		);
	} );
}

test.describe( 'the Triggers panel', () => {
	let errors: PageErrors;
	let workflow = 0;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
	} );

	test.afterEach( async ( { page } ) => {
		if ( workflow ) {
			await rest(
				page,
				'DELETE',
				`/wp/v2/aifo-workflows/${ workflow }?force=true`
			);
		}
		await rest( page, 'DELETE', `/ai-failover/v1/features/${ FEATURE }` );
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'sets an on-publish trigger and a schedule that are saved as the workflow’s meta', async ( {
		page,
	} ) => {
		await page.goto( '/wp-admin/admin.php?page=ai-failover-queue' );
		await rest( page, 'DELETE', `/ai-failover/v1/features/${ FEATURE }` );
		await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FEATURE,
			label: 'Triggers e2e',
			primary: { provider_id: 'simulator', model: 'sim-echo' },
		} );
		const created = await rest( page, 'POST', '/wp/v2/aifo-workflows', {
			title: 'Triggers e2e',
			status: 'publish',
			content: `<!-- wp:ai-failover/workflow --><!-- wp:ai-failover/step {"stepId":"sum","feature":"${ FEATURE }","prompt":"Summarize {{post.title}}"} /--><!-- /wp:ai-failover/workflow -->`,
		} );
		expect( created.status ).toBe( 201 );
		workflow = ( created.body as { id: number } ).id;

		await openWorkflow( page, workflow );
		const sidebar = page.locator( '.block-editor-block-inspector' );
		await sidebar.getByRole( 'button', { name: 'Triggers' } ).click();
		await sidebar
			.getByRole( 'checkbox', { name: 'Run when a post is published' } )
			.check();
		await expect(
			sidebar.getByRole( 'checkbox', { name: 'Posts', exact: true } )
		).toBeChecked();
		await sidebar
			.getByRole( 'checkbox', {
				name: 'Also when a published post is updated',
			} )
			.check();
		await sidebar
			.getByRole( 'checkbox', { name: 'Run on a schedule' } )
			.check();
		await sidebar
			.getByRole( 'combobox', { name: 'Recurrence' } )
			.selectOption( 'cron' );
		const cron = sidebar.getByRole( 'textbox', {
			name: 'Cron expression',
		} );
		await cron.fill( '75 * * * *' );
		await expect( sidebar ).toContainText( 'A value is out of range' );
		await cron.fill( '*/15 8-18 * * 1-5' );
		await expect( sidebar ).not.toContainText( 'A value is out of range' );

		await page.evaluate( () =>
			( window as unknown as WpWindow ).wp.data
				.dispatch( 'core/editor' )
				.savePost()
		);
		await page.waitForFunction(
			() =>
				! ( window as unknown as WpWindow ).wp.data
					.select( 'core/editor' )
					.isSavingPost() &&
				! ( window as unknown as WpWindow ).wp.data
					.select( 'core/editor' )
					.isEditedPostDirty()
		);
		const saved = await rest(
			page,
			'GET',
			`/wp/v2/aifo-workflows/${ workflow }?context=edit`
		);
		expect(
			( saved.body as { meta: Record< string, unknown > } ).meta
				._aifo_triggers
		).toEqual( {
			schedule: {
				enabled: true,
				recurrence: 'cron',
				cron: '*/15 8-18 * * 1-5',
				input: {},
			},
			publish: { enabled: true, post_types: [ 'post' ], on_update: true },
		} );
	} );
} );
