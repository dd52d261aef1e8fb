/**
 * External dependencies
 */
import { expect, test, type Page } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

/**
 * The on-publish path end to end, on a real WordPress: a workflow set to
 * run when a post is published writes the post's excerpt (its fast step is
 * rate limited, the On failure branch's strong step stands in); the editor
 * publishes a post, the queue runs the job, the post editor's AI provenance
 * panel fills in by itself with who wrote it and why (it reads the post
 * again while the run is pending, and only then), and its link opens the
 * run in Diagnostics.
 */

const FAST = 'prov-e2e-fast';
const STRONG = 'prov-e2e-strong';
const TITLE = 'E2E excerpt on publish';

type Call = ( ...args: unknown[] ) => unknown;
type WpWindow = {
	wp: {
		data: {
			select: ( store: string ) => Record< string, Call >;
			dispatch: ( store: string ) => Record< string, Call >;
		};
	};
};

/**
 * The workflow: draft (rate limited) -> On failure: draft_strong, then the
 * excerpt of the post that triggered it.
 */
const CONTENT =
	'<!-- wp:ai-failover/workflow -->' +
	`<!-- wp:ai-failover/step {"stepId":"draft","label":"Fast draft","feature":"${ FAST }","prompt":"Summarise: {{post.title}}"} -->` +
	'<!-- wp:ai-failover/on-failure {"errorClasses":["rate_limited"]} -->' +
	`<!-- wp:ai-failover/step {"stepId":"draft_strong","label":"Strong draft","feature":"${ STRONG }","prompt":"Summarise: {{post.title}}"} /-->` +
	'<!-- /wp:ai-failover/on-failure --><!-- /wp:ai-failover/step -->' +
	'<!-- wp:ai-failover/write-post {"source":"draft","field":"excerpt","postId":"{{post.id}}"} /-->' +
	'<!-- /wp:ai-failover/workflow -->';

async function deleteFeatures( page: Page ) {
	for ( const id of [ FAST, STRONG ] ) {
		await rest( page, 'DELETE', `/ai-failover/v1/features/${ id }` );
	}
}

test.describe( 'provenance: an on-publish workflow writes the post', () => {
	let errors: PageErrors;
	const cleanup: string[] = [];

	test.beforeEach( async ( { page, baseURL } ) => {
		errors = new PageErrors( page, baseURL ?? '' ).watch();
		await login( page );
		await page.goto( '/wp-admin/admin.php?page=ai-failover' );
		await deleteFeatures( page );
		for ( const [ id, model ] of [
			[ FAST, 'sim-rate-limited' ],
			[ STRONG, 'sim-echo' ],
		] ) {
			const created = await rest(
				page,
				'POST',
				'/ai-failover/v1/features',
				{
					id,
					label: `Provenance ${ id }`,
					primary: { provider_id: 'simulator', model },
					retry: { attempts_per_route: 1, base_delay_ms: 0 },
				}
			);
			expect( created.status ).toBe( 201 );
		}
	} );

	test.afterEach( async ( { page } ) => {
		await page.goto( '/wp-admin/admin.php?page=ai-failover' );
		for ( const route of cleanup.splice( 0 ).reverse() ) {
			await rest( page, 'DELETE', route );
		}
		await deleteFeatures( page );
		expect( errors.messages ).toEqual( [] );
	} );

	test( 'publishing runs the workflow from the queue, the provenance panel fills in, and its link opens the run', async ( {
		page,
	} ) => {
		test.setTimeout( 120_000 );
		const workflow = await rest( page, 'POST', '/wp/v2/aifo-workflows', {
			title: TITLE,
			status: 'publish',
			content: CONTENT,
			meta: {
				_aifo_triggers: {
					publish: {
						enabled: true,
						post_types: [ 'post' ],
						on_update: false,
					},
				},
			},
		} );
		expect( workflow.status ).toBe( 201 );
		const workflowId = ( workflow.body as { id: number } ).id;
		cleanup.push( `/wp/v2/aifo-workflows/${ workflowId }?force=true` );

		const draft = await rest( page, 'POST', '/wp/v2/posts', {
			title: 'Owls at night',
			content:
				'<!-- wp:paragraph --><p>Owls hunt at night.</p><!-- /wp:paragraph -->',
			status: 'draft',
		} );
		expect( draft.status ).toBe( 201 );
		const postId = ( draft.body as { id: number } ).id;
		cleanup.push( `/wp/v2/posts/${ postId }?force=true` );

		// The panel's own reads of the post (not the editor's).
		const panelReads: string[] = [];
		page.on( 'request', ( request ) => {
			const url = decodeURIComponent( request.url() );
			if (
				url.includes( `/wp/v2/posts/${ postId }` ) &&
				url.includes( '_fields=meta' )
			) {
				panelReads.push( url );
			}
		} );

		// Publish from the block editor.
		await page.goto( `/wp-admin/post.php?post=${ postId }&action=edit` );
		await page.waitForFunction(
			() =>
				!! ( window as unknown as WpWindow ).wp?.data
					?.select( 'core/editor' )
					?.getCurrentPostId?.()
		);
		await page.evaluate( () => {
			const { data } = ( window as unknown as WpWindow ).wp;
			if (
				data
					.select( 'core/edit-post' )
					.isFeatureActive?.( 'welcomeGuide' )
			) {
				data.dispatch( 'core/edit-post' ).toggleFeature?.(
					'welcomeGuide'
				);
			}
		} );
		// Nothing is pending for a draft: the panel does not poll. A fixed wait
		// (longer than its interval) is the point: nothing may happen in it.
		// eslint-disable-next-line playwright/no-wait-for-timeout
		await page.waitForTimeout( 4000 );
		expect( panelReads ).toEqual( [] );
		await page
			.getByRole( 'region', { name: 'Editor top bar' } )
			.getByRole( 'button', { name: 'Publish', exact: true } )
			.click();
		await page
			.getByRole( 'region', { name: 'Editor publish' } )
			.getByRole( 'button', { name: 'Publish', exact: true } )
			.click();
		await expect(
			page
				.getByRole( 'region', { name: 'Editor publish' } )
				.getByText( 'is now live' )
		).toBeVisible();

		// The panel says the run is queued (the save's response counts it).
		await page
			.getByRole( 'region', { name: 'Editor publish' } )
			.getByRole( 'button', { name: 'Close panel' } )
			.click();
		await page.evaluate( () => {
			const { data } = ( window as unknown as WpWindow ).wp;
			if ( ! data.select( 'core/edit-post' ).isEditorSidebarOpened?.() ) {
				data.dispatch( 'core/edit-post' ).openGeneralSidebar?.(
					'edit-post/document'
				);
			}
		} );
		const panel = page.locator( '.aifo-provenance-panel' );
		const toggle = panel.getByRole( 'button', { name: 'AI provenance' } );
		if ( ( await toggle.getAttribute( 'aria-expanded' ) ) === 'false' ) {
			await toggle.click();
		}
		const queued = panel.getByRole( 'status' );
		await expect( queued ).toHaveText(
			'A workflow run this post started is queued: this panel updates when it has run.'
		);
		await expect(
			panel.getByText( 'No AI workflow has written into this post.' )
		).toBeVisible();

		// The save queued a job (the run never happens in the editor's request); run the queue.
		let runId = '';
		await expect
			.poll(
				async () => {
					await rest( page, 'POST', '/ai-failover/v1/queue/run' );
					const jobs = await rest(
						page,
						'GET',
						`/ai-failover/v1/queue/jobs?workflow=${ workflowId }`
					);
					const job = (
						jobs.body as Array< {
							post: number;
							status: string;
							run_id: string;
						} >
					 ).find( ( item ) => item.post === postId );
					runId = job?.run_id ?? '';
					return job?.status ?? 'none';
				},
				{ timeout: 30_000, intervals: [ 500, 1000, 2000 ] }
			)
			.toBe( 'done' );
		expect( runId ).toMatch( /^[a-f0-9]{16}$/ );

		// The panel fills in by itself (no "Check again"), then stops reading.
		const entry = panel.locator( '.aifo-provenance__entry' );
		await expect( entry ).toHaveCount( 1, { timeout: 15_000 } );
		await expect( queued ).toHaveCount( 0 );
		const readsWhenDone = panelReads.length;
		expect( readsWhenDone ).toBeGreaterThan( 0 );
		// eslint-disable-next-line playwright/no-wait-for-timeout -- as above: no read after the run.
		await page.waitForTimeout( 4000 );
		expect( panelReads ).toHaveLength( readsWhenDone );
		await expect( entry ).toContainText( 'Excerpt' );
		await expect( entry ).toContainText(
			`Written by AI workflow ${ TITLE }, step Fast draft: served by`
		);
		await expect( entry ).toContainText( '/sim-echo' );
		await expect( entry ).toContainText(
			'(fallback after primary failed: rate_limited)'
		);
		await expect( entry ).toContainText(
			'(answered by step draft_strong)'
		);

		// The excerpt really is the stand-in's answer.
		const saved = await rest(
			page,
			'GET',
			`/wp/v2/posts/${ postId }?context=edit`
		);
		expect(
			( saved.body as { excerpt: { raw: string } } ).excerpt.raw
		).toContain( 'Simulated answer to: Summarise: Owls at night' );

		// Its link opens the run in Diagnostics.
		await entry
			.getByRole( 'link', { name: 'Open the run in Diagnostics' } )
			.click();
		await page.waitForURL( /page=ai-failover-diagnostics/ );
		expect( new URL( page.url() ).hash ).toBe( `#workflow-run=${ runId }` );
		const run = await rest(
			page,
			'GET',
			`/ai-failover/v1/workflow-runs/${ runId }`
		);
		expect( run.status ).toBe( 200 );
		expect(
			( run.body as { writes: Array< { post_id: number } > } ).writes
		).toEqual( [
			expect.objectContaining( { post_id: postId, status: 'written' } ),
		] );
	} );
} );
