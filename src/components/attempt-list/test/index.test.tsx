/**
 * External dependencies
 */
import { render, screen } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { AttemptList } from '..';
import {
	FALLBACK_RESULT,
	FAILED_RESULT,
} from '../../../api/test/fixtures/runs';
import { EVENT, SUCCESS_EVENT } from '../../../api/test/fixtures/events';

describe( 'AttemptList', () => {
	it( 'should list a run result’s attempts with one set of labels', () => {
		const { container } = render(
			<AttemptList attempts={ FALLBACK_RESULT.attempts } />
		);

		const items = container.querySelectorAll( 'ol.aifo-attempt-list > li' );
		expect( items ).toHaveLength( 2 );
		expect( items[ 0 ]?.className ).toContain( 'is-error' );
		expect( items[ 0 ]?.textContent ).toContain(
			'simulator/sim-unavailable'
		);
		expect( items[ 0 ]?.textContent ).toContain( 'Fell back' );
		expect( items[ 0 ]?.textContent ).toContain( '503' );
		expect( items[ 1 ]?.textContent ).toContain( 'Done' );
		expect( items[ 1 ]?.textContent ).toContain( 'prod-1' );
		expect( screen.queryByText( 'Simulated' ) ).toBeNull();
	} );

	it( 'should list event rows the same way: they are attempts plus context', () => {
		const { container } = render(
			<AttemptList attempts={ [ EVENT, SUCCESS_EVENT ] } />
		);

		const items = container.querySelectorAll( 'ol.aifo-attempt-list > li' );
		expect( items ).toHaveLength( 2 );
		expect( items[ 0 ]?.textContent ).toContain( 'Fell back' );
		expect( items[ 0 ]?.textContent ).toContain( EVENT.message );
		expect( items[ 1 ]?.textContent ).not.toContain( 'Provider message' );
	} );

	it( 'should mark every attempt of a drill and render server text as text', () => {
		const html = '<img src=x onerror=alert(1)>';
		render(
			<AttemptList
				attempts={ FAILED_RESULT.attempts.map( ( attempt ) => ( {
					...attempt,
					reason: html,
				} ) ) }
			/>
		);

		expect( screen.getAllByText( 'Simulated' ) ).toHaveLength( 2 );
		expect( screen.getAllByText( html ) ).toHaveLength( 2 );
		expect( document.querySelector( 'img' ) ).toBeNull();
	} );
} );
