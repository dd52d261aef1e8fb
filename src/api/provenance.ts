/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import {
	ProvenanceListSchema,
	type ProvenanceEntry,
} from '../schemas/workflow';
import { request, segment } from './request';

/** The meta key the plugin records which model wrote what in (a post's `meta` in the edit context). */
export const PROVENANCE_META_KEY = '_aifo_provenance';

/** A post's field (edit context): the workflow runs it triggered that are still queued or running. */
export const PENDING_RUNS_FIELD = 'aifo_pending_runs';

const PostMetaSchema = z.object( {
	meta: z.object( {
		[ PROVENANCE_META_KEY ]: ProvenanceListSchema.optional(),
	} ),
	[ PENDING_RUNS_FIELD ]: z.number().int().min( 0 ).nullable().optional(),
} );

export type PostProvenance = {
	/** Entries, oldest first. */
	entries: ProvenanceEntry[];
	/** Runs the post triggered that are still queued or running. */
	pending: number;
};

/**
 * GET /wp/v2/{rest_base}/{id}?context=edit&_fields=meta,aifo_pending_runs:
 * a post's provenance as stored now (a queued workflow may have written
 * since the editor loaded the post) and how many of its runs are pending.
 *
 * @param  restBase The post type's REST base, e.g. "posts".
 * @param  postId   Post id.
 * @return Entries and pending runs.
 * @throws {Error} An ApiError on any REST error or an unexpected response shape.
 */
export async function getProvenance(
	restBase: string,
	postId: number
): Promise< PostProvenance > {
	const post = await request( PostMetaSchema, {
		path: `/wp/v2/${ segment( restBase ) }/${ postId }?context=edit&_fields=meta,${ PENDING_RUNS_FIELD }`,
	} );
	return {
		entries: post.meta[ PROVENANCE_META_KEY ] ?? [],
		pending: post[ PENDING_RUNS_FIELD ] ?? 0,
	};
}
