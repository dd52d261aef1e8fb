/**
 * WordPress dependencies
 */
import {
	getBlockType,
	registerBlockType,
	type BlockConfiguration,
} from '@wordpress/blocks';
import { createReduxStore, dispatch, register } from '@wordpress/data';
/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * Internal dependencies
 */
import onFailure from '../../../blocks/on-failure/block.json';
import onSuccess from '../../../blocks/on-success/block.json';
import output from '../../../blocks/output/block.json';
import step from '../../../blocks/step/block.json';
import stop from '../../../blocks/stop/block.json';
import workflow from '../../../blocks/workflow/block.json';
import type { WorkflowNode } from '../analyze';
import { saveInnerBlocks, saveNothing } from '../save';
import { STORE_NAME } from '../store';

/**
 * Test doubles for the block edit components: a `core/block-editor` and a
 * `core/editor` store holding just what the workflow blocks read and
 * write, and a stand-in for @wordpress/block-editor's hooks (mock it with
 * `jest.mock( '@wordpress/block-editor', () => blockEditorMock() )`).
 */

type EditorState = {
	blocks: WorkflowNode[];
	calls: Array< [ string, ...unknown[] ] >;
	post: { id: number; dirty: boolean; isNew: boolean; saveFails: boolean };
};

let state: EditorState = {
	blocks: [],
	calls: [],
	post: { id: 12, dirty: false, isNew: false, saveFails: false },
};

const find = (
	blocks: WorkflowNode[],
	clientId: string,
	parent: WorkflowNode | null = null
): { block: WorkflowNode; parent: WorkflowNode | null } | null => {
	for ( const block of blocks ) {
		if ( block.clientId === clientId ) {
			return { block, parent };
		}
		const inner = find( block.innerBlocks, clientId, block );
		if ( inner ) {
			return inner;
		}
	}
	return null;
};

const mapBlocks = (
	blocks: WorkflowNode[],
	clientId: string,
	change: ( block: WorkflowNode ) => WorkflowNode
): WorkflowNode[] =>
	blocks.map( ( block ) =>
		block.clientId === clientId
			? change( block )
			: {
					...block,
					innerBlocks: mapBlocks(
						block.innerBlocks,
						clientId,
						change
					),
				}
	);

const NO_PATTERNS: never[] = [];

const fakeBlockEditor = createReduxStore( 'core/block-editor', {
	reducer: ( current: EditorState = state, action: { type: string } ) =>
		action.type === 'SYNC' ? state : current,
	selectors: {
		getBlocks: ( s: EditorState, rootClientId?: string ) =>
			rootClientId === undefined
				? s.blocks
				: ( find( s.blocks, rootClientId )?.block.innerBlocks ?? [] ),
		getBlock: ( s: EditorState, clientId: string ) =>
			find( s.blocks, clientId )?.block ?? null,
		getBlockRootClientId: ( s: EditorState, clientId: string ) =>
			find( s.blocks, clientId )?.parent?.clientId ?? null,
		__experimentalGetAllowedPatterns: () => NO_PATTERNS,
	},
	actions: {
		updateBlockAttributes: (
			clientId: string,
			attributes: Record< string, unknown >
		) => {
			state = {
				...state,
				calls: [
					...state.calls,
					[ 'updateBlockAttributes', clientId, attributes ],
				],
				blocks: mapBlocks( state.blocks, clientId, ( block ) => ( {
					...block,
					attributes: { ...block.attributes, ...attributes },
				} ) ),
			};
			return { type: 'SYNC' };
		},
		insertBlock: ( ...args: unknown[] ) => {
			state = {
				...state,
				calls: [ ...state.calls, [ 'insertBlock', ...args ] ],
			};
			return { type: 'SYNC' };
		},
		insertBlocks: ( ...args: unknown[] ) => {
			state = {
				...state,
				calls: [ ...state.calls, [ 'insertBlocks', ...args ] ],
			};
			return { type: 'SYNC' };
		},
		__unstableMarkNextChangeAsNotPersistent: () => ( { type: 'NOOP' } ),
		sync: () => ( { type: 'SYNC' } ),
	},
} );

const fakeEditor = createReduxStore( 'core/editor', {
	reducer: ( current: EditorState = state, action: { type: string } ) =>
		action.type === 'SYNC' ? state : current,
	selectors: {
		getCurrentPostId: ( s: EditorState ) => s.post.id,
		isEditedPostDirty: ( s: EditorState ) => s.post.dirty,
		isEditedPostNew: ( s: EditorState ) => s.post.isNew,
		didPostSaveRequestFail: ( s: EditorState ) => s.post.saveFails,
	},
	actions: {
		savePost:
			() =>
			async ( {
				dispatch: own,
			}: {
				dispatch: ( a: unknown ) => void;
			} ) => {
				state = {
					...state,
					calls: [ ...state.calls, [ 'savePost' ] ],
					post: { ...state.post, dirty: state.post.saveFails },
				};
				own( { type: 'SYNC' } );
			},
		sync: () => ( { type: 'SYNC' } ),
	},
} );

/**
 * Registers the six block types from their block.json with an empty edit
 * and the real save, so createBlock() and serialize() work in tests.
 */
export function registerWorkflowBlockTypes(): void {
	const containers = [
		workflow.name,
		step.name,
		onSuccess.name,
		onFailure.name,
	];
	for ( const metadata of [
		workflow,
		step,
		onSuccess,
		onFailure,
		stop,
		output,
	] ) {
		if ( ! getBlockType( metadata.name ) ) {
			registerBlockType(
				metadata as unknown as BlockConfiguration,
				{
					edit: () => null,
					save: containers.includes( metadata.name )
						? saveInnerBlocks
						: saveNothing,
				} as unknown as Partial< BlockConfiguration >
			);
		}
	}
}

let registered = false;

/**
 * Registers the fake stores (once) and puts a block tree in them.
 *
 * @param blocks Top-level blocks.
 * @param post   Post state for the run panel.
 */
export function setEditor(
	blocks: WorkflowNode[],
	post: Partial< EditorState[ 'post' ] > = {}
): void {
	if ( ! registered ) {
		registerWorkflowBlockTypes();
		register( fakeBlockEditor );
		register( fakeEditor );
		registered = true;
	}
	state = {
		blocks,
		calls: [],
		post: {
			id: 12,
			dirty: false,
			isNew: false,
			saveFails: false,
			...post,
		},
	};
	syncStores();
}

/** Makes both fake stores pick up the module state. */
export function syncStores(): void {
	for ( const name of [ 'core/block-editor', 'core/editor' ] ) {
		( dispatch( name ) as unknown as { sync: () => void } ).sync();
	}
}

/**
 * The calls the components made on the fake stores.
 *
 * @return Calls, in order.
 */
export const editorCalls = () => state.calls;

/**
 * The current block tree of the fake store.
 *
 * @return Blocks.
 */
export const editorBlocks = () => state.blocks;

/** Resets the workflow editor's own store. */
export function resetWorkflowStore(): void {
	const actions = dispatch( STORE_NAME ) as unknown as {
		runCleared: () => void;
		serverChecked: ( errors: [] ) => void;
	};
	actions.runCleared();
	actions.serverChecked( [] );
}

let nextId = 0;

/**
 * A block of the tree.
 *
 * @param name        Block name without the `ai-failover/` prefix.
 * @param attributes  Attributes.
 * @param innerBlocks Inner blocks.
 * @return Block.
 */
export const node = (
	name: string,
	attributes: Record< string, unknown > = {},
	innerBlocks: WorkflowNode[] = []
): WorkflowNode => ( {
	clientId: `block-${ ++nextId }`,
	name: `ai-failover/${ name }`,
	attributes,
	innerBlocks,
} );

/**
 * Stand-in for @wordpress/block-editor: wrappers are plain props, the
 * inspector renders in place, inner blocks render nothing.
 *
 * @return Module.
 */
export function blockEditorMock() {
	return {
		__esModule: true,
		useBlockProps: ( props: Record< string, unknown > = {} ) => props,
		useInnerBlocksProps: ( props: Record< string, unknown > = {} ) => ( {
			...props,
			children: null,
		} ),
		InspectorControls: ( { children }: { children: ReactNode } ) => (
			<div data-testid="inspector">{ children }</div>
		),
		InnerBlocks: {
			ButtonBlockAppender: () => null,
			Content: () => null,
		},
	};
}

export const FEATURES = [
	{
		id: 'fast',
		label: 'Fast',
		primary: 'simulator/sim-unavailable',
		fallbacks: [ 'simulator/sim-slow' ],
		triggers: [ 'server', 'timeout' ],
	},
	{
		id: 'strong',
		label: 'Strong',
		primary: 'simulator/sim-echo',
		fallbacks: [],
		triggers: [],
	},
];
