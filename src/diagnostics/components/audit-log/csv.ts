/**
 * Internal dependencies
 */
import type { AuditEntry } from '../../../schemas/audit';

/** Columns of the audit CSV, in order. */
export const AUDIT_CSV_COLUMNS = [
	'created_at',
	'user_login',
	'user_id',
	'action',
	'object_type',
	'object_id',
	'fields',
	'before',
	'after',
] as const;

/**
 * One CSV cell: quoted when needed, and a leading =, +, - or @ made text so
 * a spreadsheet never runs it as a formula (the event export does the same).
 *
 * @param value Cell value.
 * @return Cell.
 */
function cell( value: string ): string {
	const safe = /^[=+\-@\t\r]/.test( value ) ? `'${ value }` : value;
	return /[",\n\r]/.test( safe ) ? `"${ safe.replace( /"/g, '""' ) }"` : safe;
}

/**
 * The audit log as CSV (RFC 4180, CRLF line ends), header row first.
 *
 * @param entries Entries.
 * @return CSV text.
 */
export function auditCsv( entries: AuditEntry[] ): string {
	const rows = entries.map( ( entry ) =>
		AUDIT_CSV_COLUMNS.map( ( column ) => {
			const value = entry[ column ];
			if ( Array.isArray( value ) ) {
				return cell( value.join( ' ' ) );
			}
			return cell( value === null ? '' : String( value ) );
		} ).join( ',' )
	);
	return [ AUDIT_CSV_COLUMNS.join( ',' ), ...rows ].join( '\r\n' ) + '\r\n';
}
