/**
 * Internal dependencies
 */
import { bucketKeys, fillSeries } from '..';

const NOW = Date.parse( '2026-11-22T06:38:54Z' );

describe( 'sparkline buckets', () => {
	it( 'should list 25 hourly buckets for 24 hours', () => {
		const keys = bucketKeys( '24h', NOW );
		expect( keys ).toHaveLength( 25 );
		expect( keys[ 0 ] ).toBe( '2026-11-21T06:00:00Z' );
		expect( keys[ 24 ] ).toBe( '2026-11-22T06:00:00Z' );
	} );

	it( 'should list 8 daily buckets for 7 days', () => {
		const keys = bucketKeys( '7d', NOW );
		expect( keys ).toHaveLength( 8 );
		expect( keys[ 0 ] ).toBe( '2026-11-15T00:00:00Z' );
		expect( keys[ 7 ] ).toBe( '2026-11-22T00:00:00Z' );
	} );

	it( 'should fill quiet buckets with zeros and keep the server ones', () => {
		const point = {
			bucket: '2026-11-22T05:00:00Z',
			requests: 3,
			failures: 1,
			fallbacks: 1,
		};
		const filled = fillSeries( [ point ], '24h', NOW );
		expect( filled ).toHaveLength( 25 );
		expect( filled[ 23 ] ).toEqual( point );
		expect( filled[ 24 ] ).toEqual( {
			bucket: '2026-11-22T06:00:00Z',
			requests: 0,
			failures: 0,
			fallbacks: 0,
		} );
	} );
} );
