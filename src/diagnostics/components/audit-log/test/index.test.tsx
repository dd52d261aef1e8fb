/**
 * External dependencies
 */
import { fireEvent, render, screen, waitFor } from '@testing-library/react';

/**
 * Internal dependencies
 */
import { AuditLog } from '..';
import { getAuditLog, getWholeAuditLog } from '../../../../api/audit';
import type { AuditEntry } from '../../../../schemas/audit';
import { auditCsv } from '../csv';

jest.mock( '../../../../api/audit', () => ( {
	getAuditLog: jest.fn(),
	getWholeAuditLog: jest.fn(),
} ) );

const ENTRY: AuditEntry = {
	id: 7,
	created_at: '2026-12-01T10:00:00Z',
	user_id: 1,
	user_login: 'admin',
	action: 'updated',
	object_type: 'feature',
	object_id: 'summary',
	fields: [ 'label' ],
	before: '{"id":"summary","label":"Before"}',
	after: '{"id":"summary","label":"After"}',
};

describe( 'AuditLog', () => {
	beforeEach( () => {
		jest.clearAllMocks();
		( getAuditLog as jest.Mock ).mockResolvedValue( {
			entries: [ ENTRY ],
			total: 1,
			totalPages: 1,
		} );
	} );

	it( 'should list who changed what, and show before and after on request', async () => {
		render( <AuditLog /> );

		expect(
			await screen.findByText( 'Changed: Feature summary' )
		).toBeTruthy();
		expect( screen.getByText( 'admin' ) ).toBeTruthy();
		fireEvent.click(
			screen.getByRole( 'button', { name: 'Before and after' } )
		);
		expect( screen.getByText( /"label": "Before"/ ) ).toBeTruthy();
		expect( screen.getByText( /"label": "After"/ ) ).toBeTruthy();
		// A long snapshot scrolls: each can be reached and scrolled by keyboard.
		expect(
			screen.getByRole( 'region', { name: 'Before' } ).tabIndex
		).toBe( 0 );
		expect(
			screen.getByRole( 'region', { name: 'After' } ).textContent
		).toMatch( /"label": "After"/ );
	} );

	it( 'should filter by kind of object, from the first page', async () => {
		render( <AuditLog /> );
		await screen.findByText( 'Changed: Feature summary' );

		fireEvent.change( screen.getByLabelText( 'Show' ), {
			target: { value: 'key' },
		} );

		await waitFor( () =>
			expect( getAuditLog ).toHaveBeenLastCalledWith( {
				object_type: 'key',
				page: 1,
				per_page: 20,
			} )
		);
	} );

	it( 'should export every entry of the filter as CSV', async () => {
		( getWholeAuditLog as jest.Mock ).mockResolvedValue( [ ENTRY ] );
		const createObjectURL = jest.fn( () => 'blob:x' );
		Object.assign( URL, { createObjectURL, revokeObjectURL: jest.fn() } );
		const click = jest
			.spyOn( HTMLAnchorElement.prototype, 'click' )
			.mockImplementation( () => undefined );
		render( <AuditLog /> );
		await screen.findByText( 'Changed: Feature summary' );

		fireEvent.click(
			screen.getByRole( 'button', { name: 'Download CSV' } )
		);

		await waitFor( () => expect( createObjectURL ).toHaveBeenCalled() );
		expect( getWholeAuditLog ).toHaveBeenCalledWith( undefined );
		expect( click ).toHaveBeenCalled();
		click.mockRestore();
	} );
} );

describe( 'auditCsv', () => {
	it( 'should quote cells and neutralise spreadsheet formulas', () => {
		const csv = auditCsv( [
			{ ...ENTRY, object_id: '=HYPERLINK("x")', fields: [ 'a', 'b' ] },
		] );
		const [ header, row ] = csv.split( '\r\n' );

		expect( header ).toBe(
			'created_at,user_login,user_id,action,object_type,object_id,fields,before,after'
		);
		expect( row ).toContain( `"'=HYPERLINK(""x"")"` );
		expect( row ).toContain( ',a b,' );
		expect( row ).toContain(
			'"{""id"":""summary"",""label"":""Before""}"'
		);
	} );
} );
