/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	AuditEntryListSchema,
	AuditQuerySchema,
	type AuditEntry,
	type AuditQuery,
} from '../schemas/audit';
import { ApiError } from './errors';
import { NAMESPACE, requestWithHeaders } from './request';

export const AUDIT_PATH = `${ NAMESPACE }/audit`;

export type AuditPage = {
	entries: AuditEntry[];
	/** Entries matching the filter (X-WP-Total). */
	total: number;
	/** Pages at the requested size (X-WP-TotalPages), at least 1. */
	totalPages: number;
};

const CountSchema = z
	.string()
	.regex( /^\d+$/ )
	.transform( ( value ) => Number( value ) );

/**
 * GET /ai-failover/v1/audit: one page of the audit log, newest first.
 *
 * @param  query Filter and paging (checked with AuditQuerySchema first).
 * @return The entries and their counts.
 * @throws {ApiError} `aifo_invalid_query` before any request; REST errors.
 */
export async function getAuditLog( query: AuditQuery ): Promise< AuditPage > {
	const parsed = AuditQuerySchema.safeParse( query );
	if ( ! parsed.success ) {
		throw new ApiError(
			'aifo_invalid_query',
			__( 'The audit log filter is not valid.', 'ai-failover' )
		);
	}
	const args = new URLSearchParams(
		Object.entries( parsed.data ).map( ( [ key, value ] ) => [
			key,
			String( value ),
		] )
	).toString();
	const { data, header } = await requestWithHeaders( AuditEntryListSchema, {
		path: `${ AUDIT_PATH }?${ args }`,
	} );
	const total = CountSchema.safeParse( header( 'X-WP-Total' ) );
	const pages = CountSchema.safeParse( header( 'X-WP-TotalPages' ) );
	if ( ! total.success || ! pages.success ) {
		throw new ApiError(
			'aifo_invalid_response',
			__(
				'The audit log answered without its X-WP-Total and X-WP-TotalPages headers.',
				'ai-failover'
			)
		);
	}
	return {
		entries: data,
		total: total.data,
		totalPages: Math.max( 1, pages.data ),
	};
}

/**
 * Every entry matching the filter (page by page, 200 at a time), for the
 * CSV export.
 *
 * @param objectType Object type, or undefined for all.
 * @return Entries, newest first.
 */
export async function getWholeAuditLog(
	objectType: AuditQuery[ 'object_type' ]
): Promise< AuditEntry[] > {
	const entries: AuditEntry[] = [];
	for ( let page = 1; ; page++ ) {
		const loaded = await getAuditLog( {
			...( objectType ? { object_type: objectType } : {} ),
			page,
			per_page: 200,
		} );
		entries.push( ...loaded.entries );
		if ( page >= loaded.totalPages ) {
			return entries;
		}
	}
}
