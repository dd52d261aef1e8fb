/**
 * External dependencies
 */
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import type { ProvenanceEntry } from '../../schemas/workflow';
import {
	ProvenanceList,
	provenanceSentence,
	workflowRunUrl,
} from '../provenance-list';

const entry = (
	changes: Partial< ProvenanceEntry > = {}
): ProvenanceEntry => ( {
	workflow_id: 12,
	workflow_title: 'Summaries',
	run_id: '0123456789abcdef',
	engine_run_id: 'run_1',
	step: 'draft',
	step_label: 'Fast draft',
	served_step: 'draft',
	field: 'excerpt',
	provider_id: 'simulator',
	provider: 'Simulator',
	model: 'sim-echo',
	fallback: false,
	degraded: false,
	reason_class: '',
	written_at: '2026-12-01T10:00:00Z',
	user_id: 1,
	...changes,
} );

describe( 'ProvenanceList', () => {
	it( 'should say which workflow, step and model wrote it, and the fallback reason', () => {
		expect( provenanceSentence( entry() ) ).toBe(
			'Written by AI workflow Summaries, step Fast draft: served by Simulator/sim-echo'
		);
		expect(
			provenanceSentence(
				entry( { fallback: true, reason_class: 'rate_limited' } )
			)
		).toBe(
			'Written by AI workflow Summaries, step Fast draft: served by Simulator/sim-echo (fallback after primary failed: rate_limited)'
		);
	} );

	it( 'should list the newest write first with a link to its run in Diagnostics', () => {
		render(
			<ProvenanceList
				entries={ [
					entry(),
					entry( {
						run_id: 'fedcba9876543210',
						field: 'meta:seo_description',
						served_step: 'draft_strong',
						fallback: true,
						reason_class: 'rate_limited',
					} ),
				] }
			/>
		);
		const items = screen.getAllByRole( 'listitem' );
		expect( items ).toHaveLength( 2 );
		expect( items[ 0 ]?.textContent ).toContain( 'Meta seo_description' );
		expect( items[ 0 ]?.textContent ).toContain(
			'(answered by step draft_strong)'
		);
		expect( items[ 0 ]?.textContent ).toContain(
			'fallback after primary failed: rate_limited'
		);
		expect( items[ 1 ]?.textContent ).toContain( 'Excerpt' );
		const links = screen.getAllByRole( 'link', {
			name: 'Open the run in Diagnostics',
		} );
		expect( links[ 0 ]?.getAttribute( 'href' ) ).toBe(
			'admin.php?page=ai-failover-diagnostics#workflow-run=fedcba9876543210'
		);
	} );

	it( 'should escape what the workflow title and the model say', () => {
		const { container } = render(
			<ProvenanceList
				entries={ [
					entry( {
						workflow_title: '<img src=x onerror=alert(1)>',
						model: '<script>x</script>',
						run_id: '"><script>',
					} ),
				] }
			/>
		);
		expect( container.querySelector( 'img, script' ) ).toBeNull();
		expect( container.textContent ).toContain(
			'<img src=x onerror=alert(1)>'
		);
		expect( workflowRunUrl( '"><script>' ) ).toBe(
			'admin.php?page=ai-failover-diagnostics#workflow-run=%22%3E%3Cscript%3E'
		);
	} );

	it( 'should say so when nothing was written', () => {
		render( <ProvenanceList entries={ [] } /> );
		expect(
			screen.getByText( 'No AI workflow has written into this post.' )
				.tagName
		).toBe( 'P' );
	} );
} );
