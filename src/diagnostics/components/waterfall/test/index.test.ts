/**
 * Internal dependencies
 */
import { niceTicks } from '..';

describe( 'niceTicks', () => {
	it.each( [
		[ 2.2, [ 0, 0.5, 1, 1.5, 2, 2.5 ] ],
		[ 1, [ 0, 0.2, 0.4, 0.6, 0.8, 1 ] ],
		[ 2600, [ 0, 1000, 2000, 3000 ] ],
		[ 2400, [ 0, 500, 1000, 1500, 2000, 2500 ] ],
		[ 31000, [ 0, 10000, 20000, 30000, 40000 ] ],
	] )( 'should cover %p with round steps', ( max, ticks ) => {
		expect( niceTicks( max ) ).toEqual( ticks );
	} );
} );
