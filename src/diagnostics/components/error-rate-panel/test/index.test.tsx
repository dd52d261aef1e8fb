/**
 * External dependencies
 */
import { render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { ErrorRatePanel } from '..';
import type { Resource } from '../../../../lib/use-resource';
import type {
	ErrorRateRoute,
	PolicyState,
} from '../../../../schemas/policy-state';
import { EMPTY_POLICY_STATE, POLICY_STATE } from '../../../test-utils';

function loaded( data: PolicyState | null ): Resource< PolicyState > {
	return {
		data,
		error: null,
		failure: null,
		isLoading: false,
		reload: jest.fn( () => Promise.resolve() ),
	};
}

describe( 'ErrorRatePanel', () => {
	it( 'should show the breaker, who opened it, the window and the rate against its threshold', () => {
		render( <ErrorRatePanel resource={ loaded( POLICY_STATE ) } /> );

		const table = screen.getByRole( 'table', {
			name: 'Routes of features with an error-rate breaker',
		} );
		const row = within( table ).getByRole( 'row', {
			name: /openai\/gpt-4o-mini/,
		} );
		const [ breaker, inARow, window, rate ] = within( row ).getAllByRole(
			'cell'
		) as [ HTMLElement, HTMLElement, HTMLElement, HTMLElement ];
		expect( within( breaker ).getByText( 'Open' ) ).toBeTruthy();
		expect( breaker.textContent ).toContain( 'opened by the error rate' );
		expect( breaker.textContent ).toMatch( /opened .+, next probe .+/ );
		expect( breaker.textContent ).not.toContain( 'a probe is in flight' );
		expect( inARow.textContent ).toBe( '2 of 5' );
		expect( window.textContent ).toBe( '2 failed of 18 in 60 sSummary' );
		expect( rate.textContent ).toBe(
			'11.1% opens at 5 % of at least 16 requestsat or over the threshold'
		);
		expect( screen.getByText( /after 5 failures in a row/ ) ).toBeTruthy();
		expect( screen.getByText( /after 30 s one probe/ ) ).toBeTruthy();
	} );

	it( 'should show a half-open breaker with its probe in flight', () => {
		const route = POLICY_STATE.error_rate.routes[ 0 ] as ErrorRateRoute;
		const rule = route.rules[ 0 ] as ErrorRateRoute[ 'rules' ][ number ];
		render(
			<ErrorRatePanel
				resource={ loaded( {
					...POLICY_STATE,
					error_rate: {
						...POLICY_STATE.error_rate,
						routes: [
							{
								...route,
								breaker: 'half_open',
								probe_in_flight: true,
								opened_by: 'consecutive',
								rules: [
									{
										...rule,
										requests: 3,
										failures: 0,
										rate: 0,
										trips: false,
									},
								],
							},
						],
					},
				} ) }
			/>
		);

		expect( screen.getByText( 'Half open' ) ).toBeTruthy();
		expect( screen.getByText( 'a probe is in flight' ) ).toBeTruthy();
		expect(
			screen.getByText( 'opened by consecutive failures' )
		).toBeTruthy();
		expect(
			screen.getByText( 'too few requests to count yet' )
		).toBeTruthy();
	} );

	it( 'should say when no feature has an error-rate breaker', () => {
		render( <ErrorRatePanel resource={ loaded( EMPTY_POLICY_STATE ) } /> );

		expect(
			screen.getByText( 'No feature has an error-rate breaker.' )
		).toBeTruthy();
		expect( screen.queryByRole( 'table' ) ).toBeNull();
	} );
} );
