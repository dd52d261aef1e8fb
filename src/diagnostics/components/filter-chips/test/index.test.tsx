/**
 * External dependencies
 */
import { fireEvent, render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { FilterChips } from '..';
import { DEFAULT_FILTERS } from '../../../view';

describe( 'FilterChips', () => {
	it( 'should show each active filter as a removable chip', () => {
		const onChange = jest.fn();
		render(
			<FilterChips
				filters={ {
					...DEFAULT_FILTERS,
					feature: 'summary',
					workflow: '42',
					step: 'draft',
				} }
				onChange={ onChange }
			/>
		);
		expect( screen.getByText( 'Feature: summary' ) ).toBeTruthy();
		expect( screen.getByText( 'Step: draft' ) ).toBeTruthy();

		fireEvent.click(
			screen.getByRole( 'button', { name: 'Remove the Workflow filter' } )
		);
		expect( onChange ).toHaveBeenLastCalledWith( {
			workflow: '',
			step: '',
		} );
		fireEvent.click(
			screen.getByRole( 'button', { name: 'Clear all filters' } )
		);
		expect( onChange ).toHaveBeenLastCalledWith( {
			feature: '',
			workflow: '',
			step: '',
		} );
	} );

	it( 'should show nothing without filters', () => {
		const { container } = render(
			<FilterChips filters={ DEFAULT_FILTERS } onChange={ jest.fn() } />
		);
		expect( container.innerHTML ).toBe( '' );
	} );
} );
