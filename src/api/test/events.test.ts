/**
 * WordPress dependencies
 */
import apiFetch from '@wordpress/api-fetch';

/**
 * Internal dependencies
 */
import { ApiError } from '../errors';
import {
	eventQueryArgs,
	exportUrl,
	getEvents,
	getHealth,
	getRun,
	restRoot,
} from '../events';
import { EVENT, HEALTH_ROW } from './fixtures/events';

jest.mock( '@wordpress/api-fetch', () => ( {
	__esModule: true,
	default: jest.fn(),
} ) );

const mockApiFetch = apiFetch as unknown as jest.Mock & {
	nonceMiddleware?: { nonce: string };
};

/**
 * What apiFetch resolves with under `parse: false`.
 *
 * @param body    JSON body.
 * @param headers Response headers.
 * @param status  HTTP status.
 */
const response = (
	body: unknown,
	headers: Record< string, string > = {},
	status = 200
) => ( {
	status,
	statusText: '',
	headers: {
		get: ( name: string ) =>
			Object.entries( headers ).find(
				( [ key ] ) => key.toLowerCase() === name.toLowerCase()
			)?.[ 1 ] ?? null,
	},
	json: () => Promise.resolve( body ),
} );

describe( 'events API', () => {
	beforeEach( () => {
		mockApiFetch.mockReset();
		delete mockApiFetch.nonceMiddleware;
		delete ( window as unknown as { wpApiSettings?: unknown } )
			.wpApiSettings;
	} );

	describe( 'getEvents', () => {
		it( 'should GET a page and read the count headers', async () => {
			mockApiFetch.mockResolvedValue(
				response( [ EVENT ], {
					'X-WP-Total': '51',
					'X-WP-TotalPages': '3',
				} )
			);

			await expect(
				getEvents( {
					outcome: 'error',
					simulated: false,
					after: '2026-11-22T05:00:00.000Z',
					per_page: 25,
					page: 2,
				} )
			).resolves.toEqual( {
				events: [ EVENT ],
				total: 51,
				totalPages: 3,
			} );
			const [ [ options ] ] = mockApiFetch.mock.calls;
			expect( options.parse ).toBe( false );
			const [ path, search ] = String( options.path ).split( '?' );
			expect( path ).toBe( '/ai-failover/v1/events' );
			expect(
				Object.fromEntries( new URLSearchParams( search ) )
			).toEqual( {
				after: '2026-11-22T05:00:00.000Z',
				outcome: 'error',
				simulated: 'false',
				orderby: 'created_at',
				order: 'desc',
				page: '2',
				per_page: '25',
			} );
		} );

		it( 'should throw aifo_invalid_response on a bad shape', async () => {
			mockApiFetch.mockResolvedValue(
				response( [ { ...EVENT, outcome: 'exploded' } ], {
					'X-WP-Total': '1',
					'X-WP-TotalPages': '1',
				} )
			);

			const error = await getEvents( {} ).catch( ( e: unknown ) => e );
			expect( error ).toBeInstanceOf( ApiError );
			expect( error ).toMatchObject( {
				code: 'aifo_invalid_response',
				message: 'Unexpected response from /ai-failover/v1/events.',
			} );
		} );

		it( 'should throw aifo_invalid_response without count headers', async () => {
			mockApiFetch.mockResolvedValue( response( [ EVENT ] ) );

			await expect( getEvents( {} ) ).rejects.toMatchObject( {
				code: 'aifo_invalid_response',
			} );
		} );

		it( 'should map a 400 to an ApiError with the field', async () => {
			mockApiFetch.mockRejectedValue(
				response(
					{
						code: 'rest_invalid_param',
						message: 'Invalid parameter(s): feature',
						data: {
							status: 400,
							params: { feature: 'Not a known filter.' },
						},
					},
					{},
					400
				)
			);

			const error = await getEvents( { feature: 'summary' } ).catch(
				( e: unknown ) => e
			);
			expect( error ).toBeInstanceOf( ApiError );
			expect( error ).toMatchObject( {
				code: 'rest_invalid_param',
				status: 400,
				fieldErrors: { feature: 'Not a known filter.' },
			} );
		} );

		it( 'should refuse an invalid query before any request', async () => {
			const error = await getEvents( {
				per_page: 500,
				// @ts-expect-error -- not a class: refused before any request.
				error_class: 'Server!',
			} ).catch( ( e: unknown ) => e );

			expect( error ).toBeInstanceOf( ApiError );
			expect( error ).toMatchObject( { code: 'aifo_invalid_query' } );
			expect( Object.keys( ( error as ApiError ).fieldErrors ) ).toEqual(
				[ 'error_class', 'per_page' ]
			);
			expect( mockApiFetch ).not.toHaveBeenCalled();
		} );

		it( 'should refuse unknown parameters (strict query)', () => {
			expect( () =>
				eventQueryArgs( { colour: 'red' } as never )
			).toThrow( ApiError );
		} );
	} );

	describe( 'getRun', () => {
		it( 'should GET a run and parse its attempts', async () => {
			const run = {
				run_id: EVENT.run_id,
				feature: 'summary',
				attempts: [ EVENT ],
			};
			mockApiFetch.mockResolvedValue( run );

			await expect( getRun( EVENT.run_id ) ).resolves.toEqual( run );
			expect( mockApiFetch ).toHaveBeenCalledWith( {
				path: `/ai-failover/v1/runs/${ EVENT.run_id }`,
			} );
		} );

		it( 'should map a 404', async () => {
			mockApiFetch.mockRejectedValue( {
				code: 'aifo_run_not_found',
				message: 'No run with this id in the event log.',
				data: { status: 404 },
			} );

			await expect( getRun( '0123456789abcdef' ) ).rejects.toMatchObject(
				{ code: 'aifo_run_not_found', status: 404 }
			);
		} );

		it( 'should refuse a malformed id without a request', async () => {
			await expect( getRun( '../settings' ) ).rejects.toMatchObject( {
				code: 'aifo_invalid_run_id',
			} );
			expect( mockApiFetch ).not.toHaveBeenCalled();
		} );

		it( 'should throw on an attempt with a bad shape', async () => {
			mockApiFetch.mockResolvedValue( {
				run_id: EVENT.run_id,
				feature: 'summary',
				attempts: [ { ...EVENT, latency_ms: '12' } ],
			} );

			await expect( getRun( EVENT.run_id ) ).rejects.toMatchObject( {
				code: 'aifo_invalid_response',
			} );
		} );
	} );

	describe( 'getHealth', () => {
		it( 'should GET the health of a window with the routes left out', async () => {
			mockApiFetch.mockResolvedValue(
				response( [ HEALTH_ROW ], {
					'X-AIFO-Routes-Total': '205',
					'X-AIFO-Routes-Omitted': '204',
				} )
			);

			await expect( getHealth( '7d' ) ).resolves.toEqual( {
				rows: [ HEALTH_ROW ],
				routesTotal: 205,
				routesOmitted: 204,
			} );
			expect( mockApiFetch ).toHaveBeenCalledWith( {
				path: '/ai-failover/v1/health?window=7d',
				parse: false,
			} );
		} );

		it( 'should count nothing as left out without the count headers', async () => {
			mockApiFetch.mockResolvedValue( response( [ HEALTH_ROW ] ) );

			await expect( getHealth() ).resolves.toEqual( {
				rows: [ HEALTH_ROW ],
				routesTotal: 1,
				routesOmitted: 0,
			} );
		} );

		it( 'should throw on an unknown breaker state', async () => {
			mockApiFetch.mockResolvedValue(
				response( [ { ...HEALTH_ROW, breaker: 'melted' } ] )
			);

			await expect( getHealth() ).rejects.toMatchObject( {
				code: 'aifo_invalid_response',
			} );
		} );
	} );

	describe( 'exportUrl', () => {
		const ROOT = 'http://example.test/wp-json/';

		it( 'should build the export URL with the filters and the nonce', () => {
			mockApiFetch.nonceMiddleware = { nonce: 'n0nce' };

			const url = new URL(
				exportUrl(
					{ outcome: 'error', search: 'a b&c', page: 3 },
					ROOT
				)
			);

			expect( url.origin + url.pathname ).toBe(
				'http://example.test/wp-json/ai-failover/v1/events/export'
			);
			expect( Object.fromEntries( url.searchParams ) ).toEqual( {
				outcome: 'error',
				search: 'a b&c',
				_wpnonce: 'n0nce',
			} );
		} );

		it( 'should append to a ?rest_route= root (plain permalinks)', () => {
			mockApiFetch.nonceMiddleware = { nonce: 'n0nce' };

			expect(
				exportUrl(
					{ simulated: true },
					'http://example.test/?rest_route=/'
				)
			).toBe(
				'http://example.test/?rest_route=/ai-failover/v1/events/export&simulated=true&_wpnonce=n0nce'
			);
		} );

		it( 'should refuse an invalid filter', () => {
			expect( () =>
				exportUrl( { provider: 'Not A Slug' }, ROOT )
			).toThrow( ApiError );
		} );

		it( 'should prefer wpApiSettings.root, else use ?rest_route=', () => {
			expect(
				restRoot(
					'http://example.test/blog/wp-admin/admin.php?page=ai-failover-diagnostics'
				)
			).toBe( 'http://example.test/blog/?rest_route=/' );

			(
				window as unknown as { wpApiSettings: { root: string } }
			 ).wpApiSettings = { root: ROOT };
			expect( restRoot( 'http://other.test/wp-admin/admin.php' ) ).toBe(
				ROOT
			);
		} );
	} );
} );
