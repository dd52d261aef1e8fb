/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * The audit log of policy changes (Diagnostics > Audit log).
 *
 * @see \AI_Failover\Governance\Audit_Trail
 * @see \AI_Failover\REST\Audit_Controller
 */

export const AUDIT_OBJECT_TYPES = [
	'provider',
	'key',
	'feature',
	'settings',
] as const;

export const AUDIT_ACTIONS = [ 'created', 'updated', 'deleted' ] as const;

/** GET /ai-failover/v1/audit: filters and paging. */
export const AuditQuerySchema = z.strictObject( {
	object_type: z.enum( AUDIT_OBJECT_TYPES ).optional(),
	page: z.number().int().min( 1 ).max( 100000 ).default( 1 ),
	per_page: z.number().int().min( 1 ).max( 200 ).default( 50 ),
} );

export type AuditQuery = z.input< typeof AuditQuerySchema >;

const snapshot = z
	.union( [ z.string(), z.null() ] )
	.describe(
		'The object as stored, as JSON, without secrets (keys: label, source and last 4 only; URLs shortened); null when it did not exist.'
	);

/** One change of a provider, key, feature or the settings. */
export const AuditEntrySchema = z.strictObject( {
	id: z.number().int().min( 1 ),
	created_at: z.string().describe( 'ISO 8601, UTC.' ),
	user_id: z
		.number()
		.int()
		.min( 0 )
		.describe( '0: no user (WP-CLI, WP-Cron, code).' ),
	user_login: z.string(),
	action: z.enum( AUDIT_ACTIONS ),
	object_type: z.enum( AUDIT_OBJECT_TYPES ),
	object_id: z
		.string()
		.describe( 'Provider, feature id; "provider/key id"; "site".' ),
	fields: z.array( z.string() ).describe( 'Top-level fields that changed.' ),
	before: snapshot,
	after: snapshot,
} );

export type AuditEntry = z.output< typeof AuditEntrySchema >;

export const AuditEntryListSchema = z.array( AuditEntrySchema );
