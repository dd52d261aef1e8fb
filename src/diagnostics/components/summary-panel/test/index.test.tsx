/**
 * External dependencies
 */
import { fireEvent, render, screen, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { SummaryPanel } from '..';
import { SUMMARY } from '../../../test-utils';

const NOW = Date.parse( '2026-11-22T06:30:00Z' );

describe( 'SummaryPanel', () => {
	it( 'should show the figures by run with the attempts beside them', () => {
		render(
			<SummaryPanel
				summary={ SUMMARY }
				error={ null }
				isLoading={ false }
				now={ NOW }
			/>
		);
		const figure = ( name: string ) =>
			screen.getByText( name, { selector: 'dt' } ).nextElementSibling
				?.textContent;
		expect( figure( 'Runs' ) ).toBe( '1331 attempts: 21 sent, 10 skipped' );
		expect( figure( 'Served by a fallback' ) ).toBe( '13100%' );
		expect( figure( 'Failed' ) ).toBe( '00%' );
		expect( figure( 'p95 latency' ) ).toMatch( /^850 ms/ );
		expect(
			screen.getByText( /Summary needed a fallback/, { selector: 'li' } )
		).toBeTruthy();
	} );

	it( 'should describe the chart and offer its numbers as a table', () => {
		render(
			<SummaryPanel
				summary={ SUMMARY }
				error={ null }
				isLoading={ false }
				now={ NOW }
			/>
		);
		const chart = screen.getByRole( 'img', { name: /Runs by outcome/ } );
		expect( chart.querySelector( 'desc' )?.textContent ).toContain(
			'13 in all over 25 bars'
		);
		expect( chart.querySelectorAll( 'rect' ) ).toHaveLength( 2 );
		const table = screen.getByRole( 'table', { hidden: true } );
		const header = within( table )
			.getAllByRole( 'columnheader', { hidden: true } )
			.map( ( cell ) => cell.textContent );
		expect( header ).toEqual( [
			'Time',
			'Served by the first route',
			'Failed',
			'Served by a fallback',
			'Total',
		] );

		fireEvent.change( screen.getByLabelText( 'Break down by' ), {
			target: { value: 'error_class' },
		} );
		expect(
			screen.getByRole( 'img', { name: /Attempts by error class/ } )
		).toBeTruthy();
		expect( screen.getAllByText( 'breaker_open' ).length ).toBeGreaterThan(
			0
		);
	} );
} );
