/**
 * Internal dependencies
 */
import { DEFAULT_URL_VIEW, readUrlView, writeUrlView } from '../url-view';

describe( 'url-view', () => {
	it( 'should round-trip a filtered view and keep the page parameter', () => {
		const view = {
			...DEFAULT_URL_VIEW,
			window: '7d' as const,
			drills: true,
			filters: {
				...DEFAULT_URL_VIEW.filters,
				feature: 'summary',
				error_class: 'server',
			},
		};
		const search = writeUrlView( view, '?page=ai-failover-diagnostics' );
		expect( search ).toBe(
			'?page=ai-failover-diagnostics&window=7d&drills=1&feature=summary&error_class=server'
		);
		expect( readUrlView( search ) ).toEqual( view );
	} );

	it( 'should drop values a hand-edited URL got wrong', () => {
		const view = readUrlView(
			'?window=1y&feature=Fake%20503&outcome=melted&range=7d'
		);
		expect( view.window ).toBe( '24h' );
		expect( view.filters.feature ).toBe( '' );
		expect( view.filters.outcome ).toBe( '' );
		expect( view.filters.range ).toBe( '7d' );
	} );
} );
