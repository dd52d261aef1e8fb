/**
 * Internal dependencies
 */
import { controlSize } from '../control-size';

function adminBody( className: string ): HTMLElement {
	const body = document.createElement( 'body' );
	body.className = className;
	return body;
}

describe( 'controlSize', () => {
	it.each( [
		[ 'wp-admin branch-6-1 version-6-1-9 admin-color-fresh' ],
		[ 'wp-admin branch-6-4 version-6-4-5' ],
		[ 'not wp-admin: no version class' ],
		[ 'wp-admin branch-7 xversion-7-0' ],
	] )(
		'passes nothing where the controls would put it on the DOM: %s',
		( classes ) => {
			expect( controlSize( adminBody( classes ) ) ).toEqual( {} );
		}
	);

	it.each( [
		[ 'wp-admin branch-6-5 version-6-5-5' ],
		[ 'wp-admin branch-6-6 version-6-6' ],
		[ 'wp-admin branch-7 version-7-0' ],
		[ 'version-10-0' ],
	] )(
		'opts into the 40px size where the controls know it: %s',
		( classes ) => {
			expect( controlSize( adminBody( classes ) ) ).toEqual( {
				__next40pxDefaultSize: true,
			} );
		}
	);

	it( 'reads the page it runs on by default', () => {
		document.body.className = 'wp-admin branch-6-8 version-6-8-1';
		expect( controlSize() ).toEqual( { __next40pxDefaultSize: true } );
		document.body.className = 'wp-admin branch-6-1 version-6-1-9';
		expect( controlSize() ).toEqual( {} );
	} );
} );
