/**
 * External dependencies
 */
import { act, renderHook, waitFor } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { usePolicyState } from '../use-policy-state';
import { getPolicyState } from '../../../api/policy-state';
import { EMPTY_POLICY_STATE, POLICY_STATE } from '../../test-utils';

jest.mock( '../../../api/policy-state', () => ( {
	getPolicyState: jest.fn(),
} ) );

const mockGet = getPolicyState as jest.Mock;

describe( 'usePolicyState', () => {
	beforeEach( () => {
		jest.clearAllMocks();
	} );

	it( 'should load once on mount and again each time the refresh key changes', async () => {
		mockGet
			.mockResolvedValueOnce( EMPTY_POLICY_STATE )
			.mockResolvedValueOnce( POLICY_STATE );
		const { result, rerender } = renderHook(
			( { tick } ) => usePolicyState( tick ),
			{ initialProps: { tick: 0 } }
		);
		await waitFor( () =>
			expect( result.current.data ).toBe( EMPTY_POLICY_STATE )
		);
		expect( mockGet ).toHaveBeenCalledTimes( 1 );

		await act( async () => rerender( { tick: 1 } ) );
		await waitFor( () =>
			expect( result.current.data ).toBe( POLICY_STATE )
		);
		expect( mockGet ).toHaveBeenCalledTimes( 2 );
	} );
} );
