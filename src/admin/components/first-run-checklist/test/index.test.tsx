/**
 * External dependencies
 */
import { act, fireEvent, render, within } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FirstRunChecklist } from '..';
import { getEvents } from '../../../../api/events';
import { getFeatures } from '../../../../api/features';
import { getProviders } from '../../../../api/providers';
import { SITE_CHANGED_EVENT } from '../../../../api/request';
import { FeatureSchema } from '../../../../schemas';
import {
	checklistShows,
	doneSteps,
	type SiteState,
} from '../../../lib/first-run';
import { FEATURE, OPENAI, SIMULATOR } from '../../../test-utils';

jest.mock( '../../../../api/providers', () => ( { getProviders: jest.fn() } ) );
jest.mock( '../../../../api/features', () => ( { getFeatures: jest.fn() } ) );
jest.mock( '../../../../api/events', () => ( { getEvents: jest.fn() } ) );

const OPENAI_FEATURE = FeatureSchema.parse( {
	id: 'summary',
	label: 'Summary',
	primary: { provider_id: 'openai', model: 'gpt-4o-mini' },
} );
const RUN = { created_at: '2026-12-01T10:00:00.000Z' };
const RUN_AT = Date.parse( RUN.created_at ) / 1000;

const state = ( partial: Partial< SiteState > ): SiteState => ( {
	providers: [ SIMULATOR ],
	features: [],
	firstRun: null,
	diagnosticsSeenAt: 0,
	...partial,
} );

describe( 'doneSteps', () => {
	it( 'should count nothing on an empty site: the Simulator is no provider of its own', () => {
		expect( doneSteps( state( { features: [ FEATURE ] } ) ) ).toEqual( [] );
	} );

	it( 'should need a key for a provider that requires one', () => {
		expect(
			doneSteps( state( { providers: [ { ...OPENAI, key_count: 0 } ] } ) )
		).toEqual( [ 'provider' ] );
		expect( doneSteps( state( { providers: [ OPENAI ] } ) ) ).toEqual( [
			'provider',
			'key',
		] );
	} );

	it( 'should count a feature only when it routes to a provider that can answer', () => {
		expect(
			doneSteps(
				state( {
					providers: [ SIMULATOR, OPENAI ],
					features: [ FEATURE ],
				} )
			)
		).toEqual( [ 'provider', 'key' ] );
		expect(
			doneSteps(
				state( {
					providers: [ SIMULATOR, OPENAI ],
					features: [ OPENAI_FEATURE ],
				} )
			)
		).toEqual( [ 'provider', 'key', 'feature' ] );
	} );

	it( 'should count Diagnostics only when opened after the first run', () => {
		const ran = {
			providers: [ OPENAI ],
			features: [ OPENAI_FEATURE ],
			firstRun: RUN,
		};
		expect(
			doneSteps( state( { ...ran, diagnosticsSeenAt: RUN_AT - 60 } ) )
		).toEqual( [ 'provider', 'key', 'feature', 'run' ] );
		expect(
			doneSteps( state( { ...ran, diagnosticsSeenAt: RUN_AT } ) )
		).toHaveLength( 5 );
	} );
} );

describe( 'checklistShows', () => {
	it( 'should hide when all is done, or when dismissed, until a step done at dismissal is undone', () => {
		const all = [
			'provider',
			'key',
			'feature',
			'run',
			'diagnostics',
		] as const;
		expect( checklistShows( all, null ) ).toBe( false );
		expect( checklistShows( [ 'provider' ], null ) ).toBe( true );
		expect(
			checklistShows( [ 'provider', 'key' ], [ 'provider', 'key' ] )
		).toBe( false );
		expect( checklistShows( [ 'provider' ], [ 'provider', 'key' ] ) ).toBe(
			true
		);
	} );
} );

describe( 'FirstRunChecklist', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		window.localStorage.clear();
		( getProviders as jest.Mock ).mockResolvedValue( [ SIMULATOR ] );
		( getFeatures as jest.Mock ).mockResolvedValue( [] );
		( getEvents as jest.Mock ).mockResolvedValue( {
			events: [],
			total: 0,
			totalPages: 1,
		} );
	} );

	it( 'should tick steps from stored state and reload after a change on the screen', async () => {
		const { container } = render(
			<FirstRunChecklist diagnosticsSeenAt={ 0 } />
		);
		const view = within( container );
		expect( await view.findByText( '0 of 5 done' ) ).toBeTruthy();
		// The Simulator's (demo) runs are no test run of the admin's own.
		expect( getEvents ).not.toHaveBeenCalled();
		expect(
			view
				.getByRole( 'link', { name: 'Add a provider' } )
				.getAttribute( 'href' )
		).toBe( 'admin.php?page=ai-failover#add-provider' );

		( getProviders as jest.Mock ).mockResolvedValue( [
			SIMULATOR,
			OPENAI,
		] );
		act( () => {
			window.dispatchEvent( new Event( SITE_CHANGED_EVENT ) );
		} );
		expect( await view.findByText( '2 of 5 done' ) ).toBeTruthy();
		expect( getEvents ).toHaveBeenCalledWith( {
			provider: 'openai',
			per_page: 1,
			order: 'asc',
			simulated: false,
		} );
		expect(
			container.querySelector( '[data-step="key"]' )?.classList
		).toContain( 'is-done' );
		expect(
			view
				.getByRole( 'link', { name: 'Add a feature' } )
				.getAttribute( 'href' )
		).toBe( 'admin.php?page=ai-failover-features#new' );
	} );

	it( 'should stay dismissed until a step done at dismissal is undone', async () => {
		( getProviders as jest.Mock ).mockResolvedValue( [ OPENAI ] );
		const first = render( <FirstRunChecklist diagnosticsSeenAt={ 0 } /> );
		fireEvent.click(
			await within( first.container ).findByRole( 'button', {
				name: 'Dismiss',
			} )
		);
		expect(
			within( first.container ).queryByText( 'Get started' )
		).toBeNull();
		first.unmount();

		const again = render( <FirstRunChecklist diagnosticsSeenAt={ 0 } /> );
		await act( async () => {
			await new Promise( ( resolve ) => setTimeout( resolve, 0 ) );
		} );
		expect( getProviders ).toHaveBeenCalledTimes( 2 );
		expect(
			within( again.container ).queryByText( 'Get started' )
		).toBeNull();
		again.unmount();

		// The key was deleted: the provider can no longer answer.
		( getProviders as jest.Mock ).mockResolvedValue( [
			{ ...OPENAI, key_count: 0 },
		] );
		const regressed = render(
			<FirstRunChecklist diagnosticsSeenAt={ 0 } />
		);
		expect(
			await within( regressed.container ).findByText( '1 of 5 done' )
		).toBeTruthy();
	} );
} );
