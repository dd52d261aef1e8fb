/**
 * Internal dependencies
 */
import { assignStepId } from '../use-step-id';

describe( 'assignStepId', () => {
	it( 'should give a new step the first free step_<n>', () => {
		expect(
			assignStepId( 'c3', '', [
				[ 'c1', 'step_1' ],
				[ 'c2', 'draft' ],
				[ 'c3', '' ],
			] )
		).toBe( 'step_2' );
	} );

	it( 'should keep a unique id, even a malformed one the user is typing', () => {
		expect( assignStepId( 'c1', 'draft', [ [ 'c1', 'draft' ] ] ) ).toBe(
			'draft'
		);
		expect( assignStepId( 'c1', 'Draft-', [ [ 'c1', 'Draft-' ] ] ) ).toBe(
			'Draft-'
		);
	} );

	it( 'should rename the later copy of a duplicated step, not the original', () => {
		const order: Array< [ string, string ] > = [
			[ 'c1', 'draft' ],
			[ 'c2', 'draft' ],
		];
		expect( assignStepId( 'c1', 'draft', order ) ).toBe( 'draft' );
		expect( assignStepId( 'c2', 'draft', order ) ).toBe( 'step_1' );
	} );
} );
