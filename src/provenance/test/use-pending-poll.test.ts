/**
 * External dependencies
 */
import { act, renderHook } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { usePendingPoll } from '../use-pending-poll';

type Props = { pending: number; busy: boolean; resetKey: number };

function setup( initial: Props, limit = 3 ) {
	const poll = jest.fn();
	const hook = renderHook(
		( { pending, busy, resetKey }: Props ) =>
			usePendingPoll( pending, busy, poll, resetKey, {
				interval: 1000,
				limit,
			} ),
		{ initialProps: initial }
	);
	return { poll, ...hook };
}

describe( 'usePendingPoll', () => {
	beforeEach( () => jest.useFakeTimers() );
	afterEach( () => jest.useRealTimers() );

	it( 'never reads while nothing is pending', () => {
		const { poll, result } = setup( {
			pending: 0,
			busy: false,
			resetKey: 0,
		} );
		act( () => jest.advanceTimersByTime( 60_000 ) );
		expect( poll ).not.toHaveBeenCalled();
		expect( result.current ).toEqual( { polling: false, gaveUp: false } );
	} );

	it( 'reads once per interval while a run is pending and stops when it is done', () => {
		const { poll, rerender, result } = setup( {
			pending: 1,
			busy: false,
			resetKey: 0,
		} );
		expect( result.current.polling ).toBe( true );
		act( () => jest.advanceTimersByTime( 999 ) );
		expect( poll ).not.toHaveBeenCalled();
		act( () => jest.advanceTimersByTime( 1 ) );
		expect( poll ).toHaveBeenCalledTimes( 1 );

		// No second read while the first is in flight.
		rerender( { pending: 1, busy: true, resetKey: 0 } );
		act( () => jest.advanceTimersByTime( 5000 ) );
		expect( poll ).toHaveBeenCalledTimes( 1 );

		rerender( { pending: 1, busy: false, resetKey: 0 } );
		act( () => jest.advanceTimersByTime( 1000 ) );
		expect( poll ).toHaveBeenCalledTimes( 2 );

		// The run finished: nothing more.
		rerender( { pending: 0, busy: false, resetKey: 0 } );
		act( () => jest.advanceTimersByTime( 60_000 ) );
		expect( poll ).toHaveBeenCalledTimes( 2 );
		expect( result.current ).toEqual( { polling: false, gaveUp: false } );
	} );

	it( 'gives up after its limit and starts again after the next save', () => {
		const { poll, rerender, result } = setup(
			{ pending: 2, busy: false, resetKey: 0 },
			3
		);
		for ( let i = 0; i < 10; i++ ) {
			act( () => jest.advanceTimersByTime( 1000 ) );
		}
		expect( poll ).toHaveBeenCalledTimes( 3 );
		expect( result.current ).toEqual( { polling: false, gaveUp: true } );

		rerender( { pending: 2, busy: false, resetKey: 1 } );
		expect( result.current.polling ).toBe( true );
		act( () => jest.advanceTimersByTime( 1000 ) );
		expect( poll ).toHaveBeenCalledTimes( 4 );
	} );
} );
