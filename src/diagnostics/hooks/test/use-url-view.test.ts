/**
 * External dependencies
 */
import { act, renderHook } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { useUrlView } from '../use-url-view';

const PAGE = '/wp-admin/admin.php';

describe( 'useUrlView', () => {
	beforeEach( () =>
		window.history.replaceState(
			null,
			'',
			`${ PAGE }?page=ai-failover-diagnostics&feature=summary`
		)
	);

	it( 'writes a filter change into the URL without a history step', () => {
		const { result } = renderHook( () => useUrlView() );
		expect( result.current[ 0 ].filters.feature ).toBe( 'summary' );
		const length = window.history.length;
		act( () =>
			result.current[ 1 ]( {
				filters: { ...result.current[ 0 ].filters, outcome: 'error' },
			} )
		);
		expect( window.location.search ).toBe(
			'?page=ai-failover-diagnostics&feature=summary&outcome=error'
		);
		expect( window.history.length ).toBe( length );
	} );

	it( 'restores the filters of the entry back/forward lands on', () => {
		const { result } = renderHook( () => useUrlView() );
		// Another entry (as a run link makes), then back to one with other filters.
		window.history.pushState(
			null,
			'',
			`${ PAGE }?page=ai-failover-diagnostics&provider=openai&window=7d#run=abc`
		);
		act( () => {
			window.dispatchEvent( new PopStateEvent( 'popstate' ) );
		} );
		expect( result.current[ 0 ].filters ).toMatchObject( {
			feature: '',
			provider: 'openai',
		} );
		expect( result.current[ 0 ].window ).toBe( '7d' );
	} );

	it( 'restores the filters on a fragment change that comes without popstate', () => {
		const { result } = renderHook( () => useUrlView() );
		window.history.replaceState(
			null,
			'',
			`${ PAGE }?page=ai-failover-diagnostics&outcome=error#run=abc`
		);
		act( () => {
			window.dispatchEvent( new HashChangeEvent( 'hashchange' ) );
		} );
		expect( result.current[ 0 ].filters ).toMatchObject( {
			feature: '',
			outcome: 'error',
		} );
	} );

	it( 'keeps the same view object when the URL did not change', () => {
		const { result } = renderHook( () => useUrlView() );
		const before = result.current[ 0 ];
		act( () => {
			window.dispatchEvent( new PopStateEvent( 'popstate' ) );
			window.dispatchEvent( new HashChangeEvent( 'hashchange' ) );
		} );
		expect( result.current[ 0 ] ).toBe( before );
	} );
} );
