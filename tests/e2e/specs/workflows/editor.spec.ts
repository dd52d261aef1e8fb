/**
 * External dependencies
 */
import {
	expect,
	test,
	type FrameLocator,
	type Locator,
	type Page,
} from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

/**
 * The workflow editor end to end, on a real WordPress: build a two-step
 * workflow with the inserter and the sidebar (no injected markup), run it
 * from the editor, see on the step blocks that the first step failed and
 * its On failure branch ran, then open that run in Diagnostics.
 */

const FAST = 'wf-e2e-fast';
const STRONG = 'wf-e2e-strong';
const SIMULATOR = 'simulator';
const NEW_WORKFLOW = '/wp-admin/post-new.php?post_type=aifo_workflow';
const TITLE = 'E2E two-step workflow';

type Call = ( ...args: unknown[] ) => unknown;
type WpGlobal = {
	data: {
		select: ( store: string ) => {
			getBlocks: Call;
			getCurrentPostId: Call;
			isFeatureActive: Call;
			isEditorSidebarOpened: Call;
		};
		dispatch: ( store: string ) => {
			toggleFeature: Call;
			openGeneralSidebar: Call;
			resetEditorBlocks: Call;
		};
	};
};

/**
 * `window` as the editor page has it (a type only: evaluate() callbacks
 * run in the browser and can use no value from this file).
 */
type WpWindow = { wp: WpGlobal };

/**
 * The editor canvas: the page on WordPress 6.1, the `editor-canvas` iframe
 * where WordPress uses one.
 *
 * @param page Page showing the block editor.
 */
async function editorCanvas( page: Page ): Promise< Page | FrameLocator > {
	const iframe = 'iframe[name="editor-canvas"]';
	// Whichever comes first: the iframe may be added after the blocks are in the store.
	await expect(
		page.locator( iframe ).or( page.locator( '.aifo-workflow' ) ).first()
	).toBeAttached();
	return ( await page.locator( iframe ).count() )
		? page.frameLocator( iframe )
		: page;
}

/**
 * Opens a new workflow with the settings sidebar open and no welcome guide.
 *
 * @param page Page.
 * @return The canvas and the block inspector.
 */
async function openNewWorkflow( page: Page ) {
	await page.goto( NEW_WORKFLOW );
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
		if ( ! data.select( 'core/edit-post' ).isEditorSidebarOpened() ) {
			data.dispatch( 'core/edit-post' ).openGeneralSidebar(
				'edit-post/block'
			);
		}
	} );
	const canvas = await editorCanvas( page );
	await expect( canvas.locator( '.aifo-workflow' ) ).toBeVisible();
	return {
		canvas,
		inspector: page.locator( '.block-editor-block-inspector' ),
	};
}

/**
 * Inserts a block through a block list's "+" appender and the inserter.
 *
 * @param page      Page (the inserter popover lives outside the canvas).
 * @param container Block whose appender to use.
 * @param title     Block title in the inserter.
 */
async function insertWithAppender(
	page: Page,
	container: Locator,
	title: string
) {
	await container
		.locator( '.block-list-appender' )
		.last()
		.getByRole( 'button' )
		.click();
	await page.getByRole( 'option', { name: title } ).click();
}

test.describe( 'workflows: the editor', () => {
	let errors: PageErrors;

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
		await page.goto( '/wp-admin/admin.php?page=ai-failover' );
		for ( const id of [ FAST, STRONG ] ) {
			const { status } = await rest(
				page,
				'DELETE',
				`/ai-failover/v1/features/${ id }`
			);
			expect( [ 200, 404 ] ).toContain( status );
		}
		const fast = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: FAST,
			label: 'E2E fast (always 503)',
			primary: { provider_id: SIMULATOR, model: 'sim-unavailable' },
			retry: { attempts_per_route: 1 },
		} );
		expect( fast.status ).toBe( 201 );
		const strong = await rest( page, 'POST', '/ai-failover/v1/features', {
			id: STRONG,
			label: 'E2E strong',
			primary: { provider_id: SIMULATOR, model: 'sim-echo' },
		} );
		expect( strong.status ).toBe( 201 );
	} );

	test.afterEach( async ( { page } ) => {
		await page.goto( '/wp-admin/admin.php?page=ai-failover' );
		for ( const id of [ FAST, STRONG ] ) {
			await rest( page, 'DELETE', `/ai-failover/v1/features/${ id }` );
		}
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'builds a two-step workflow, runs it, shows the failure branch taken, and finds the run in Diagnostics', async ( {
		page,
	} ) => {
		test.setTimeout( 120_000 );
		const { canvas, inspector } = await openNewWorkflow( page );
		await canvas
			.getByRole( 'textbox', { name: 'Add title' } )
			.fill( TITLE );

		// Inputs: one, "topic".
		const root = canvas.locator( '.aifo-workflow' );
		await root.locator( '.aifo-workflow__header' ).click();
		await inspector.getByRole( 'button', { name: 'Add input' } ).click();
		await expect(
			inspector.getByLabel( 'Name', { exact: true } )
		).toHaveValue( 'topic' );
		await expect( root.locator( '.aifo-workflow__inputs' ) ).toHaveText(
			'Inputs: {{input.topic}}'
		);

		// Step 1, from the inserter.
		await insertWithAppender( page, root, 'AI step' );
		const first = canvas.locator( '.aifo-step' ).first();
		await expect( first ).toHaveAttribute( 'data-step', '1 step_1' );
		await inspector
			.getByLabel( 'Label', { exact: true } )
			.fill( 'Fast draft' );
		await inspector.getByLabel( 'Feature' ).selectOption( FAST );
		await inspector
			.getByLabel( 'Prompt template' )
			.fill( 'Summarize: {{input.topic}}' );
		// The sidebar shows the feature's own chain.
		await expect( inspector.locator( '.aifo-chain' ) ).toContainText(
			'simulator/sim-unavailable'
		);
		await expect(
			first.locator( ':scope > .aifo-step__footer .aifo-step__unhandled' )
		).toHaveText( /the whole run fails/ );

		// Its On failure branch, and step 1.1 inside it, from the inserter.
		// By keyboard: the branch button is a plain button in the step.
		await first.getByRole( 'button', { name: '+ On failure' } ).focus();
		await page.keyboard.press( 'Enter' );
		const failure = first.locator( '.aifo-branch.is-failure' );
		await expect( failure ).toContainText( 'On failure of step 1' );
		await expect( failure ).toContainText( 'Any error' );
		await insertWithAppender( page, failure, 'AI step' );
		const second = failure.locator( '.aifo-step' );
		await expect( second ).toHaveAttribute( 'data-step', '1.1 step_2' );
		await inspector
			.getByLabel( 'Label', { exact: true } )
			.fill( 'Stronger model' );
		await inspector.getByLabel( 'Feature' ).selectOption( STRONG );
		// An undefined variable is flagged, then fixed from the picker.
		await inspector
			.getByLabel( 'Prompt template' )
			.fill( 'Again ({{error.class}}): {{input.subject}}' );
		await expect( second.locator( '.aifo-issues' ) ).toContainText(
			'{{input.subject}} is not defined'
		);
		await inspector
			.getByLabel( 'Prompt template' )
			.fill( 'Again ({{error.class}}):' );
		// The variable picker, by keyboard: Tab from the prompt reaches it.
		await inspector.getByLabel( 'Prompt template' ).focus();
		await page.keyboard.press( 'Tab' );
		await expect(
			inspector.getByRole( 'button', { name: '{{input.topic}}' } )
		).toBeFocused();
		await page.keyboard.press( 'Enter' );
		await expect( inspector.getByLabel( 'Prompt template' ) ).toHaveValue(
			'Again ({{error.class}}): {{input.topic}}'
		);
		await expect(
			first.locator( ':scope > .aifo-step__footer .aifo-step__unhandled' )
		).toHaveCount( 0 );

		// No problems, in the editor or from the server.
		await expect( root.locator( '.aifo-issues__item' ) ).toHaveCount( 0 );
		await expect( root.locator( '.aifo-workflow__check' ) ).toHaveText(
			'No problems found'
		);

		// Run it from the root's sidebar (it saves first).
		await root.locator( '.aifo-workflow__header' ).click();
		await inspector
			.getByLabel( 'topic', { exact: true } )
			.fill( 'WordPress' );
		await inspector.getByRole( 'button', { name: 'Run workflow' } ).click();
		const summary = inspector.locator( '.aifo-run__summary' );
		await expect( summary ).toContainText( 'Run succeeded', {
			timeout: 30_000,
		} );

		// The step blocks show what happened.
		await expect(
			first.locator( ':scope > .aifo-step-result' )
		).toHaveClass( /is-failed/ );
		await expect(
			first.locator( ':scope > .aifo-step-result' )
		).toContainText(
			'Failed; its On failure branch ran and stood in for it.'
		);
		await expect( failure ).toHaveClass( /is-taken/ );
		await expect( failure.locator( '.aifo-branch__taken' ) ).toHaveText(
			'Ran in the last run'
		);
		await expect( second.locator( '.aifo-step-result' ) ).toContainText(
			'Served by'
		);
		await expect( second.locator( '.aifo-step-result' ) ).toContainText(
			'sim-echo'
		);
		await expect( summary.locator( '.aifo-run__output' ) ).toContainText(
			'WordPress'
		);

		// The post was saved by the run; the workflow's id for the clean-up.
		const postId = await page.evaluate(
			() =>
				( window as unknown as WpWindow ).wp.data
					.select( 'core/editor' )
					.getCurrentPostId() as number
		);

		// Diagnostics opens on the failed step's engine run.
		await summary
			.locator( 'li', { hasText: 'Fast draft' } )
			.getByRole( 'link', { name: 'Open in Diagnostics' } )
			.click();
		await expect( page ).toHaveURL( /page=ai-failover-diagnostics#run=/ );
		const runView = page.locator( '.aifo-run-view' );
		await expect( runView ).toBeVisible();
		await expect( runView.locator( '.aifo-run-view__meta' ) ).toContainText(
			`Feature ${ FAST }`
		);
		await expect( runView ).toContainText( 'sim-unavailable' );

		// Back in the editor, the blocks show the latest run again.
		await page.goto( `/wp-admin/post.php?post=${ postId }&action=edit` );
		const reopened = ( await editorCanvas( page ) ).locator( '.aifo-step' );
		await expect(
			reopened.first().locator( ':scope > .aifo-step-result' )
		).toContainText( 'Failed; its On failure branch ran' );
		await expect(
			reopened.first().locator( '.aifo-branch.is-failure' )
		).toHaveClass( /is-taken/ );

		const deleted = await rest(
			page,
			'DELETE',
			`/wp/v2/aifo-workflows/${ postId }?force=true`
		);
		expect( deleted.status ).toBe( 200 );
	} );

	test( 'starts from a pattern, declaring the input it uses', async ( {
		page,
	} ) => {
		const { canvas } = await openNewWorkflow( page );
		const root = canvas.locator( '.aifo-workflow' );
		await root
			.getByRole( 'button', {
				name: 'Stop the workflow if a critical step fails',
			} )
			.click();
		await expect( root.locator( '.aifo-workflow__inputs' ) ).toHaveText(
			'Inputs: {{input.text}}'
		);
		const steps = root.locator( '.aifo-step' );
		await expect( steps ).toHaveCount( 2 );
		await expect(
			steps.nth( 0 ).locator( '.aifo-step__label' )
		).toHaveText( 'Critical check' );
		await expect( steps.nth( 0 ) ).toHaveAttribute(
			'data-step',
			'1 critical'
		);
		await expect( steps.nth( 1 ) ).toHaveAttribute(
			'data-step',
			'2 follow_up'
		);
		await expect(
			root.locator( '.aifo-branch.is-failure .aifo-stop.is-failed' )
		).toBeVisible();
		// Only the features are left to choose.
		await expect( root.locator( '.aifo-issues__item' ) ).toHaveText( [
			'Error: Choose the feature this step runs.',
			'Error: Choose the feature this step runs.',
		] );
		// Leave without the "unsaved changes" prompt.
		await page.evaluate( () =>
			( window as unknown as WpWindow ).wp.data
				.dispatch( 'core/editor' )
				.resetEditorBlocks( [] )
		);
	} );
} );
