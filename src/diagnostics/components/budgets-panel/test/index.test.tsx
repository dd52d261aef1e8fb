/**
 * External dependencies
 */
import { render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { BudgetsPanel, FEATURES_URL, SETTINGS_URL } from '..';
import type { Resource } from '../../../../lib/use-resource';
import type { PolicyState } from '../../../../schemas/policy-state';
import { EMPTY_POLICY_STATE, POLICY_STATE, XSS } from '../../../test-utils';

function loaded(
	data: PolicyState | null,
	error: string | null = null
): Resource< PolicyState > {
	return {
		data,
		error,
		failure: null,
		isLoading: false,
		reload: jest.fn( () => Promise.resolve() ),
	};
}

describe( 'BudgetsPanel', () => {
	it( 'should show each period’s spend, limit, threshold, state and reset, site first', () => {
		render( <BudgetsPanel resource={ loaded( POLICY_STATE ) } /> );

		const table = screen.getByRole( 'table', {
			name: 'Today and this month',
		} );
		const rows = within( table ).getAllByRole( 'row' );
		const site = rows[ 1 ] as HTMLElement;
		const feature = rows[ 2 ] as HTMLElement;
		expect( within( site ).getByRole( 'rowheader' ).textContent ).toBe(
			'Whole siteThis month'
		);
		const siteCells = within( site )
			.getAllByRole( 'cell' )
			.map( ( cell ) => cell.textContent );
		expect( siteCells.slice( 0, 4 ) ).toEqual( [
			'$12.50$0.25 reserved in flight',
			'$100.00',
			'$80.00 (80 %)',
			'Normal',
		] );
		expect( within( site ).getByText( /2027|Jan/ ) ).toBeTruthy();

		const featureCells = within( feature )
			.getAllByRole( 'cell' )
			.map( ( cell ) => cell.textContent );
		expect( featureCells.slice( 0, 4 ) ).toEqual( [
			'$1.0002',
			'$1.00',
			'$0.80 (80 %)',
			'Capped',
		] );
		expect(
			within( feature ).getByRole( 'rowheader' ).textContent
		).toContain( 'Today' );
	} );

	it( 'should list the routes that still run in order and those that do not', () => {
		render( <BudgetsPanel resource={ loaded( POLICY_STATE ) } /> );

		const table = screen.getByRole( 'table', {
			name: 'Which routes run now',
		} );
		const row = within( table ).getAllByRole( 'row' )[ 1 ] as HTMLElement;
		const [ state, running, idle ] = within( row ).getAllByRole(
			'cell'
		) as [ HTMLElement, HTMLElement, HTMLElement ];
		expect( state.textContent ).toContain( 'Capped' );
		expect( state.textContent ).toContain(
			'set by the feature’s daily budget'
		);
		expect( state.textContent ).toContain(
			'The site-wide budget counts too.'
		);
		expect(
			within( running )
				.getAllByRole( 'listitem' )
				.map( ( item ) => item.textContent )
		).toEqual( [ 'openai/gpt-4o-mini fallback 1, may run over budget' ] );
		expect( idle.textContent ).toBe( 'openai/gpt-4o ' );
	} );

	it( 'should print a feature label as text, never as markup', () => {
		const { container } = render(
			<BudgetsPanel resource={ loaded( POLICY_STATE ) } />
		);
		expect( screen.getAllByText( XSS ).length ).toBe( 2 );
		expect( container.querySelector( 'img' ) ).toBeNull();
	} );

	it( 'should say no budget is set and where to set one', () => {
		render( <BudgetsPanel resource={ loaded( EMPTY_POLICY_STATE ) } /> );

		expect( screen.getByText( 'No spend budget is set.' ) ).toBeTruthy();
		// Where a person sets it, not a REST route.
		expect( screen.queryByText( /site_budget_daily_usd|PUT / ) ).toBeNull();
		expect(
			screen
				.getByRole( 'link', {
					name: 'Set a site-wide budget in Settings',
				} )
				.getAttribute( 'href' )
		).toBe( SETTINGS_URL );
		expect(
			screen
				.getByRole( 'link', { name: 'Open the features' } )
				.getAttribute( 'href' )
		).toBe( FEATURES_URL );
		expect( screen.queryByRole( 'table' ) ).toBeNull();
	} );

	it( 'should show a load error and reload on Refresh', () => {
		const resource = loaded( null, 'The server is down.' );
		render( <BudgetsPanel resource={ resource } /> );

		expect(
			screen.getAllByText( 'The server is down.' ).length
		).toBeGreaterThan( 0 );
		expect( screen.queryByText( 'No spend budget is set.' ) ).toBeNull();
		screen.getByRole( 'button', { name: 'Refresh' } ).click();
		expect( resource.reload ).toHaveBeenCalledTimes( 1 );
	} );
} );
