/**
 * WordPress dependencies
 */
import {
	InnerBlocks,
	InspectorControls,
	useBlockProps,
	useInnerBlocksProps,
} from '@wordpress/block-editor';
import { cloneBlock, type BlockEditProps } from '@wordpress/blocks';
import { Button, PanelBody, Spinner } from '@wordpress/components';
import { useDispatch, useSelect } from '@wordpress/data';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	WORKFLOW_BLOCKS,
	type WorkflowInput,
} from '../../src/schemas/workflow';
import {
	readInputs,
	type WorkflowNode,
} from '../../src/workflow-editor/analyze';
import { InputsEditor } from '../../src/workflow-editor/components/inputs-editor';
import { IssueList } from '../../src/workflow-editor/components/issue-list';
import { RunPanel } from '../../src/workflow-editor/components/run-panel';
import { TriggersPanel } from '../../src/workflow-editor/components/triggers-panel';
import {
	useAnalysis,
	useBlockIssues,
	useLatestRun,
	useServerValidation,
	useWorkflowBlocks,
} from '../../src/workflow-editor/hooks';
import { store } from '../../src/workflow-editor/store';
import { parseTemplate } from '../../src/workflow-editor/templates';
import { useAddInput } from '../../src/workflow-editor/use-add-input';
import {
	blockEditorOf,
	editorOf,
	type BlockEditorActions,
} from '../../src/workflow-editor/wp-stores';

export type WorkflowAttributes = {
	inputs: WorkflowInput[];
};

const ALLOWED = [
	WORKFLOW_BLOCKS.step,
	WORKFLOW_BLOCKS.stop,
	WORKFLOW_BLOCKS.output,
	WORKFLOW_BLOCKS.writePost,
];

/** Prefix of the plugin's block patterns (registered in PHP). */
export const PATTERN_PREFIX = 'ai-failover/';

type Pattern = { name: string; title: string; blocks?: WorkflowNode[] };

/**
 * Input names a pattern's templates use, so starting from a pattern also
 * declares its inputs.
 *
 * @param blocks Pattern blocks.
 * @param names  Accumulator.
 * @return Names.
 */
export function inputsUsed(
	blocks: WorkflowNode[],
	names: Set< string > = new Set()
): Set< string > {
	for ( const block of blocks ) {
		for ( const key of [ 'prompt', 'message', 'value' ] ) {
			const text = block.attributes[ key ];
			if ( typeof text === 'string' ) {
				for ( const ref of parseTemplate( text ) ) {
					if ( ref.kind === 'input' ) {
						names.add( ref.name );
					}
				}
			}
		}
		inputsUsed( block.innerBlocks, names );
	}
	return names;
}

/**
 * The workflow root: its inputs and the main path. The sidebar holds the
 * inputs editor and "Run"; the canvas shows the steps in order and, when
 * empty, the three starting patterns.
 *
 * @param props               Block edit props.
 * @param props.attributes    Attributes.
 * @param props.setAttributes Attribute setter.
 * @param props.clientId      Block client id.
 */
export default function Edit( {
	attributes,
	setAttributes,
	clientId,
}: BlockEditProps< WorkflowAttributes > ) {
	const inputs = readInputs( attributes.inputs );
	const blocks = useWorkflowBlocks();
	useServerValidation( blocks );
	const postId = useSelect( ( select ) => {
		const editor = editorOf( select );
		return editor && ! editor.isEditedPostNew()
			? editor.getCurrentPostId()
			: null;
	}, [] );
	useLatestRun( postId );
	const analysis = useAnalysis();
	const issues = useBlockIssues( clientId, 'workflow' );
	const addInput = useAddInput();
	const server = useSelect(
		( select ) => select( store ).getServerValidation(),
		[]
	);
	const { hasChildren, patterns } = useSelect(
		( select ) => {
			const editor = blockEditorOf( select ) as ReturnType<
				typeof blockEditorOf
			> & {
				__experimentalGetAllowedPatterns?: (
					rootClientId: string
				) => Pattern[];
			};
			return {
				hasChildren: editor.getBlocks( clientId ).length > 0,
				patterns:
					editor.__experimentalGetAllowedPatterns?.( clientId ) ??
					null,
			};
		},
		[ clientId ]
	);
	const { insertBlocks } = useDispatch(
		'core/block-editor'
	) as unknown as BlockEditorActions;
	const starters = ( patterns ?? [] ).filter( ( pattern ) =>
		pattern.name.startsWith( PATTERN_PREFIX )
	);
	// Administrators only, as the meta's auth_callback (manage_options).
	const canSetTriggers = useSelect(
		( select ) =>
			(
				select as unknown as ( store: string ) => {
					canUser: ( action: string, resource: string ) => unknown;
				} | null
			 )( 'core' )?.canUser( 'update', 'settings' ) === true,
		[]
	);
	const errorCount = analysis.issues.filter(
		( i ) => i.severity === 'error'
	).length;

	const start = ( pattern: Pattern ) => {
		const patternBlocks = pattern.blocks ?? [];
		const missing = [ ...inputsUsed( patternBlocks ) ].filter(
			( name ) => ! inputs.some( ( input ) => input.name === name )
		);
		missing.forEach( addInput );
		insertBlocks(
			patternBlocks.map( ( block ) =>
				cloneBlock( block as Parameters< typeof cloneBlock >[ 0 ] )
			),
			0,
			clientId
		);
	};

	const blockProps = useBlockProps( { className: 'aifo-workflow' } );
	const innerBlocksProps = useInnerBlocksProps(
		{ className: 'aifo-workflow__steps' },
		{
			allowedBlocks: ALLOWED,
			renderAppender: InnerBlocks.ButtonBlockAppender,
		}
	);

	return (
		<>
			<InspectorControls>
				<PanelBody title={ __( 'Inputs', 'ai-failover' ) }>
					<InputsEditor
						inputs={ inputs }
						onChange={ ( next ) =>
							setAttributes( { inputs: next } )
						}
					/>
				</PanelBody>
				<PanelBody title={ __( 'Run', 'ai-failover' ) }>
					<RunPanel inputs={ inputs } stepIds={ analysis.stepIds } />
				</PanelBody>
				{ canSetTriggers && (
					<PanelBody
						title={ __( 'Triggers', 'ai-failover' ) }
						initialOpen={ false }
					>
						<TriggersPanel inputs={ inputs } />
					</PanelBody>
				) }
			</InspectorControls>
			<div { ...blockProps }>
				<div className="aifo-workflow__header">
					<span className="aifo-workflow__title">
						{ __( 'AI workflow', 'ai-failover' ) }
					</span>
					<span className="aifo-workflow__inputs">
						{ inputs.length === 0
							? __( 'No inputs', 'ai-failover' )
							: sprintf(
									/* translators: %s: comma-separated variables. */
									__( 'Inputs: %s', 'ai-failover' ),
									inputs
										.map( ( i ) => `{{input.${ i.name }}}` )
										.join( ', ' )
								) }
					</span>
					<span className="aifo-workflow__check" aria-live="polite">
						{ server.status === 'loading' && <Spinner /> }
						{ errorCount === 0
							? __( 'No problems found', 'ai-failover' )
							: sprintf(
									/* translators: %d: number of problems. */
									_n(
										'%d problem',
										'%d problems',
										errorCount,
										'ai-failover'
									),
									errorCount
								) }
						{ server.status === 'error' &&
							' ' +
								sprintf(
									/* translators: %s: error message. */
									__(
										'(the server check failed: %s)',
										'ai-failover'
									),
									server.error
								) }
					</span>
				</div>
				<IssueList issues={ issues } onAddInput={ addInput } />
				{ ! hasChildren && starters.length > 0 && (
					<div className="aifo-workflow__starters">
						<p>{ __( 'Start from a pattern:', 'ai-failover' ) }</p>
						{ starters.map( ( pattern ) => (
							<Button
								key={ pattern.name }
								variant="secondary"
								onClick={ () => start( pattern ) }
							>
								{ pattern.title }
							</Button>
						) ) }
						<p>
							{ __(
								'or add a step with the + button below.',
								'ai-failover'
							) }
						</p>
					</div>
				) }
				<div { ...innerBlocksProps } />
				<p className="aifo-workflow__end">
					{ __(
						'End: the run returns the last Output block that ran, else the last succeeded step’s output.',
						'ai-failover'
					) }
				</p>
			</div>
		</>
	);
}
