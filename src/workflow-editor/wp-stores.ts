/**
 * Internal dependencies
 */
import type { WorkflowNode } from './analyze';

/**
 * The parts of WordPress's editor stores the workflow blocks use, typed.
 * `@wordpress/block-editor` ships no types and `@wordpress/editor` is not a
 * dependency (its store is reached by name, as on WordPress 6.1), so these
 * are narrow views of `core/block-editor` and `core/editor`.
 */

export type BlockEditorSelectors = {
	getBlocks: ( rootClientId?: string ) => WorkflowNode[];
	getBlock: ( clientId: string ) => WorkflowNode | null;
	getBlockRootClientId: ( clientId: string ) => string | null;
	getBlockName: ( clientId: string ) => string | null;
	getSelectedBlockClientId: () => string | null;
	hasSelectedInnerBlock: ( clientId: string, deep?: boolean ) => boolean;
};

export type BlockEditorActions = {
	updateBlockAttributes: (
		clientId: string,
		attributes: Record< string, unknown >
	) => void;
	insertBlock: (
		block: unknown,
		index?: number,
		rootClientId?: string,
		updateSelection?: boolean
	) => void;
	insertBlocks: (
		blocks: unknown[],
		index?: number,
		rootClientId?: string,
		updateSelection?: boolean
	) => void;
	selectBlock: ( clientId: string ) => void;
	__unstableMarkNextChangeAsNotPersistent?: () => void;
};

export type EditorSelectors = {
	getCurrentPostId: () => number | null;
	getCurrentPostType: () => string | null;
	isEditedPostDirty: () => boolean;
	isEditedPostNew: () => boolean;
	isSavingPost: () => boolean;
	didPostSaveRequestFail: () => boolean;
	getEditedPostAttribute: ( name: string ) => unknown;
};

export type EditorActions = {
	savePost: () => Promise< void >;
};

type AnySelect = ( store: string ) => unknown;

/**
 * @param select The `select` a useSelect() callback receives.
 * @return core/block-editor selectors.
 */
export const blockEditorOf = ( select: unknown ): BlockEditorSelectors =>
	( select as AnySelect )( 'core/block-editor' ) as BlockEditorSelectors;

/**
 * @param select The `select` a useSelect() callback receives.
 * @return core/editor selectors, or null outside the post editor.
 */
export const editorOf = ( select: unknown ): EditorSelectors | null =>
	( ( select as AnySelect )( 'core/editor' ) as EditorSelectors | null ) ??
	null;
