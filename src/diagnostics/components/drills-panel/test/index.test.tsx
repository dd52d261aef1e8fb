/**
 * External dependencies
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { DrillsPanel } from '..';
import { getDrills, runDrill } from '../../../../api/drills';
import type { FeatureDrillsStatus } from '../../../../schemas/drill';

jest.mock( '../../../../api/drills', () => ( {
	getDrills: jest.fn(),
	runDrill: jest.fn(),
} ) );

const ROW: FeatureDrillsStatus = {
	feature: 'summary',
	label: 'Summary',
	drills: {
		enabled: true,
		frequency: 'weekly',
		steps: [ 'server', 'timeout' ],
	},
	next_at: '2026-12-08T10:00:00Z',
	results: [
		{
			feature: 'summary',
			ran_at: '2026-12-01T10:00:00Z',
			trigger: 'schedule',
			held: false,
			duration_ms: 80,
			cost: 0.0001,
			steps: [
				{
					error_class: 'server',
					held: true,
					status: 'success',
					served_by: 'openai/gpt-4o-mini',
					run_id: 'aaaaaaaaaaaaaaaa',
					duration_ms: 30,
					cost: 0.0001,
					reason: '',
				},
				{
					error_class: 'timeout',
					held: false,
					status: 'failed',
					served_by: '',
					run_id: 'bbbbbbbbbbbbbbbb',
					duration_ms: 50,
					cost: 0,
					reason: 'Stopped.',
				},
			],
		},
	],
};

describe( 'DrillsPanel', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		( getDrills as jest.Mock ).mockResolvedValue( [
			ROW,
			{
				...ROW,
				feature: 'off',
				label: 'Never drilled',
				drills: { ...ROW.drills, enabled: false },
				results: [],
			},
		] );
	} );

	it( 'should say whether the latest drill held, step by step, and hide features never drilled', async () => {
		render( <DrillsPanel /> );

		expect(
			await screen.findByText( 'The chain did not hold' )
		).toBeTruthy();
		expect(
			screen.getByText(
				/server: answered by openai\/gpt-4o-mini; timeout: not answered/
			)
		).toBeTruthy();
		expect( screen.queryByText( 'Never drilled' ) ).toBeNull();
	} );

	it( 'should drill now and reload the results', async () => {
		( runDrill as jest.Mock ).mockResolvedValue( ROW.results[ 0 ] );
		render( <DrillsPanel /> );
		fireEvent.click(
			await screen.findByRole( 'button', { name: 'Drill now: Summary' } )
		);

		await waitFor( () => expect( getDrills ).toHaveBeenCalledTimes( 2 ) );
		expect( runDrill ).toHaveBeenCalledWith( 'summary' );
	} );
} );
