/**
 * WordPress dependencies
 */
import { InnerBlocks } from '@wordpress/block-editor';

/**
 * Saved markup of the containers (workflow, step, branches): only their
 * inner blocks. Everything a run needs lives in the block comments'
 * attributes, which PHP's parse_blocks() reads.
 */
export function saveInnerBlocks() {
	return <InnerBlocks.Content />;
}

/** Saved markup of the leaves (stop, output): nothing but the comment. */
export function saveNothing() {
	return null;
}
