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

const PostMetaSchema = z.object( {
	meta: z.object( {
		[ PROVENANCE_META_KEY ]: ProvenanceListSchema.optional(),
	} ),
} );

/**
 * GET /wp/v2/{rest_base}/{id}?context=edit&_fields=meta: a post's
 * provenance as stored now (a queued workflow may have written since the
 * editor loaded the post).
 *
 * @param  restBase The post type's REST base, e.g. "posts".
 * @param  postId   Post id.
 * @return Entries, oldest first.
 * @throws {Error} An ApiError on any REST error or an unexpected response shape.
 */
export async function getProvenance(
	restBase: string,
	postId: number
): Promise< ProvenanceEntry[] > {
	const post = await request( PostMetaSchema, {
		path: `/wp/v2/${ segment( restBase ) }/${ postId }?context=edit&_fields=meta`,
	} );
	return post.meta[ PROVENANCE_META_KEY ] ?? [];
}
