/**
 * External dependencies
 */
import { mkdirSync } from 'node:fs';
import { expect, test } from '@playwright/test';

/**
 * Internal dependencies
 */
import { login, PageErrors, rest } from '../../utils/wp';

/**
 * AI Failover > Queue on a real WordPress: a run queued over REST (`async`)
 * whose workflow was trashed before a worker got to it is kept as failed
 * with its error; the screen shows it under Failed, Retry now queues it
 * again, Cancel cancels it. Everything is created over REST and removed.
 */

const QUEUE_PAGE = '/wp-admin/admin.php?page=ai-failover-queue';
const FEATURE = 'queue-e2e';

test.describe( 'the Queue screen', () => {
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

	test( 'shows a failed job with its error, retries it now and cancels it', async ( {
		page,
	} ) => {
		await page.goto( QUEUE_PAGE );
		await rest( page, 'DELETE', `/ai-failover/v1/features/${ FEATURE }` );
		expect(
			(
				await rest( page, 'POST', '/ai-failover/v1/features', {
					id: FEATURE,
					label: 'Queue e2e',
					primary: { provider_id: 'simulator', model: 'sim-echo' },
				} )
			).status
		).toBe( 201 );
		const created = await rest( page, 'POST', '/wp/v2/aifo-workflows', {
			title: 'Queue e2e',
			status: 'publish',
			content: `<!-- wp:ai-failover/workflow --><!-- wp:ai-failover/step {"stepId":"ask","feature":"${ FEATURE }","prompt":"Hi"} /--><!-- /wp:ai-failover/workflow -->`,
		} );
		expect( created.status ).toBe( 201 );
		workflow = ( created.body as { id: number } ).id;
		const queued = await rest(
			page,
			'POST',
			`/ai-failover/v1/workflows/${ workflow }/runs`,
			{ async: true }
		);
		expect( queued.status ).toBe( 202 );
		const job = ( queued.body as { id: number } ).id;
		// The workflow goes to the trash before a worker takes the job.
		await rest( page, 'DELETE', `/wp/v2/aifo-workflows/${ workflow }` );
		await rest( page, 'POST', '/ai-failover/v1/queue/run' );

		await page.goto( QUEUE_PAGE );
		await page.getByRole( 'button', { name: /^Failed \(\d+\)$/ } ).click();
		const row = page.locator( 'tr' ).filter( {
			has: page.getByRole( 'cell', {
				name: String( job ),
				exact: true,
			} ),
		} );
		await expect( row ).toContainText(
			'workflow_missing: The workflow no longer exists.'
		);
		await expect( row ).toContainText( 'Failed' );

		mkdirSync( 'artifacts/screens', { recursive: true } );
		await page.screenshot( {
			path: 'artifacts/screens/queue.png',
			fullPage: true,
		} );

		await row.getByRole( 'button', { name: 'Retry now' } ).click();
		await expect(
			page.getByText( `Job ${ job } is queued again.` ).first()
		).toBeVisible();
		await page.getByRole( 'button', { name: /^Queued \(\d+\)$/ } ).click();
		await row.getByRole( 'button', { name: 'Cancel' } ).click();
		await expect(
			page.getByText( `Job ${ job } is cancelled.` ).first()
		).toBeVisible();
		const after = await rest(
			page,
			'GET',
			`/ai-failover/v1/queue/jobs/${ job }`
		);
		expect( ( after.body as { status: string } ).status ).toBe(
			'cancelled'
		);
	} );
} );
