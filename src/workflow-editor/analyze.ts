/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import {
	StepValidationSchema,
	VARIABLE_NAME_PATTERN,
	WORKFLOW_BLOCKS,
	WORKFLOW_BOUNDS,
	WORKFLOW_ERROR_CLASSES,
	type FeatureSummary,
	type WORKFLOW_ERROR_CODES,
	type WorkflowInput,
} from '../schemas/workflow';
import { parseTemplate, variableOf } from './templates';

/**
 * The editor's own reading of a workflow: step numbers, the variables each
 * block may use, and the problems the server would refuse, found while the
 * editor types (the server's POST /workflows/validate stays the judge).
 *
 * @see \AI_Failover\Workflows\Graph_Parser
 */

/** A block as `core/block-editor`'s getBlocks() returns it. */
export type WorkflowNode = {
	clientId: string;
	name: string;
	attributes: Record< string, unknown >;
	innerBlocks: WorkflowNode[];
};

/** The server's problem codes, shared so both speak one vocabulary. */
export type WorkflowErrorCode = ( typeof WORKFLOW_ERROR_CODES )[ number ];

export type IssueSeverity = 'error' | 'warning';

/** One problem, on the block that has it. */
export type EditorIssue = {
	clientId: string;
	/** The step's id for step problems, else null. */
	step: string | null;
	code: WorkflowErrorCode;
	message: string;
	severity: IssueSeverity;
	/** For undefined_variable: the variable as written. */
	variable?: string;
};

/** What a block may reference. */
export type Scope = {
	inputs: string[];
	steps: string[];
	/** The failed step a failure branch receives `{{error.*}}` from. */
	errorOf: string | null;
};

export type Analysis = {
	issues: EditorIssue[];
	/** Step number by clientId: "1", "2", "2.1" (in step 2's branches). */
	numbers: Record< string, string >;
	/** Scope by clientId, for step, stop and output blocks. */
	scopes: Record< string, Scope >;
	/** Every step id, in document order. */
	stepIds: string[];
};

export type AnalyzeOptions = {
	/** Features the editor may pick; null while they load (not checked). */
	features: FeatureSummary[] | null;
};

type Context = {
	analysis: Analysis;
	/** Step each non-step block belongs to (the server names it). */
	owners: Map< string, string >;
	inputs: string[];
	features: Map< string, FeatureSummary > | null;
	stepCount: Map< string, number >;
};

type PathState = {
	defined: Set< string >;
	errorOf: string | null;
	depth: number;
	number: string;
};

const str = ( value: unknown ): string =>
	typeof value === 'string' ? value : '';

const stepIdOf = ( node: WorkflowNode ): string =>
	str( node.attributes.stepId );

/**
 * Analyses a workflow.
 *
 * @param blocks  The post's top-level blocks (the root workflow block among
 *                them) or the root's inner blocks' parent.
 * @param options Features.
 * @return Numbers, scopes and issues.
 */
export function analyzeWorkflow(
	blocks: WorkflowNode[],
	options: AnalyzeOptions
): Analysis {
	const analysis: Analysis = {
		issues: [],
		numbers: {},
		scopes: {},
		stepIds: [],
	};
	const roots = blocks.filter( ( b ) => b.name === WORKFLOW_BLOCKS.workflow );
	const root = roots[ 0 ];
	if ( ! root ) {
		return analysis;
	}
	const inputs = readInputs( root.attributes.inputs );
	const ctx: Context = {
		analysis,
		inputs: inputs.map( ( input ) => input.name ),
		features: options.features
			? new Map( options.features.map( ( f ) => [ f.id, f ] ) )
			: null,
		stepCount: new Map(),
		owners: new Map(),
	};
	checkInputs( root, inputs, ctx );
	collectStepIds( root.innerBlocks, ctx );
	if ( analysis.stepIds.length === 0 ) {
		issue( ctx, root, 'empty_workflow', {
			message: __(
				'Add a step: a workflow runs nothing without one.',
				'ai-failover'
			),
			severity: 'warning',
		} );
	}
	let mainIndex = 0;
	runSequence(
		root.innerBlocks,
		ctx,
		{ defined: new Set(), errorOf: null, depth: 0, number: '' },
		() => String( ++mainIndex )
	);
	return analysis;
}

/**
 * The root's `inputs` attribute, keeping only well-formed entries.
 *
 * @param value Attribute value.
 * @return Inputs.
 */
export function readInputs( value: unknown ): WorkflowInput[] {
	if ( ! Array.isArray( value ) ) {
		return [];
	}
	return value
		.filter(
			( item ): item is Record< string, unknown > =>
				typeof item === 'object' && item !== null
		)
		.map( ( item ) => ( {
			name: str( item.name ),
			label: str( item.label ),
			type:
				item.type === 'long_text' ||
				item.type === 'number' ||
				item.type === 'boolean'
					? item.type
					: 'text',
			required: item.required === true,
			default: str( item.default ),
		} ) );
}

/**
 * A step's `validation` attribute as the schema expects it: absent (the
 * block.json has no default, because PHP would send `{}` as `[]`) or an
 * empty array means no rules.
 *
 * @param value Attribute value.
 * @return Value to parse.
 */
export function readRules( value: unknown ): unknown {
	return value === undefined ||
		( Array.isArray( value ) && value.length === 0 )
		? {}
		: value;
}

function issue(
	ctx: Context,
	node: WorkflowNode,
	code: WorkflowErrorCode,
	details: { message: string; severity?: IssueSeverity; variable?: string }
): void {
	ctx.analysis.issues.push( {
		clientId: node.clientId,
		step:
			node.name === WORKFLOW_BLOCKS.step
				? stepIdOf( node )
				: ( ctx.owners.get( node.clientId ) ?? null ),
		code,
		message: details.message,
		severity: details.severity ?? 'error',
		...( details.variable === undefined
			? {}
			: { variable: details.variable } ),
	} );
}

function checkInputs(
	root: WorkflowNode,
	inputs: WorkflowInput[],
	ctx: Context
): void {
	const seen = new Set< string >();
	for ( const input of inputs ) {
		if ( ! VARIABLE_NAME_PATTERN.test( input.name ) ) {
			issue( ctx, root, 'invalid_input', {
				message: sprintf(
					/* translators: %s: input name as typed. */
					__(
						'Input "%s": use a lowercase letter first, then lowercase letters, digits or underscores (at most 40).',
						'ai-failover'
					),
					input.name
				),
			} );
		} else if ( seen.has( input.name ) ) {
			issue( ctx, root, 'duplicate_input', {
				message: sprintf(
					/* translators: %s: input name. */
					__( 'Input "%s" is declared twice.', 'ai-failover' ),
					input.name
				),
			} );
		}
		seen.add( input.name );
	}
}

function collectStepIds( nodes: WorkflowNode[], ctx: Context ): void {
	for ( const node of nodes ) {
		if ( node.name === WORKFLOW_BLOCKS.step ) {
			const id = stepIdOf( node );
			ctx.analysis.stepIds.push( id );
			ctx.stepCount.set( id, ( ctx.stepCount.get( id ) ?? 0 ) + 1 );
		}
		collectStepIds( node.innerBlocks, ctx );
	}
}

/**
 * Walks one sequence of blocks (the main path or a branch) in run order.
 *
 * @param nodes      Blocks of the sequence.
 * @param ctx        Analysis context.
 * @param state      Variables defined on entry, depth, error scope.
 * @param nextNumber Hands out the numbers of the sequence's steps.
 */
function runSequence(
	nodes: WorkflowNode[],
	ctx: Context,
	state: PathState,
	nextNumber: () => string
): void {
	const defined = new Set( state.defined );
	let stopped = false;
	for ( const node of nodes ) {
		if (
			stopped &&
			( node.name === WORKFLOW_BLOCKS.step ||
				node.name === WORKFLOW_BLOCKS.stop ||
				node.name === WORKFLOW_BLOCKS.output ||
				node.name === WORKFLOW_BLOCKS.writePost )
		) {
			issue( ctx, node, 'unreachable_step', {
				message: __(
					'This block comes after a Stop block and never runs.',
					'ai-failover'
				),
			} );
		}
		if ( node.name === WORKFLOW_BLOCKS.step ) {
			runStep( node, ctx, {
				...state,
				defined: new Set( defined ),
				number: nextNumber(),
			} );
			// Only the step itself is known to have an output afterwards
			// (its own, or its failure branch's stand-in).
			defined.add( stepIdOf( node ) );
		} else if ( node.name === WORKFLOW_BLOCKS.stop ) {
			scope( node, ctx, defined, state.errorOf );
			checkTemplate( node, str( node.attributes.message ), ctx );
			stopped = true;
		} else if ( node.name === WORKFLOW_BLOCKS.output ) {
			scope( node, ctx, defined, state.errorOf );
			checkTemplate( node, str( node.attributes.value ), ctx );
		} else if ( node.name === WORKFLOW_BLOCKS.writePost ) {
			// The output written is {{steps.<source>.output}}: in scope where that variable is.
			const source = str( node.attributes.source );
			scope( node, ctx, defined, state.errorOf );
			checkTemplate(
				node,
				( source ? `{{steps.${ source }.output}}` : '' ) +
					str( node.attributes.postId ) +
					str( node.attributes.title ),
				ctx
			);
		} else if (
			node.name === WORKFLOW_BLOCKS.onSuccess ||
			node.name === WORKFLOW_BLOCKS.onFailure
		) {
			issue( ctx, node, 'branch_outside_step', {
				message: __(
					'A branch belongs inside a step: move it into the step whose result it handles.',
					'ai-failover'
				),
			} );
		} else {
			issue( ctx, node, 'unknown_block', {
				message: __(
					'Only workflow blocks can run here: remove this block.',
					'ai-failover'
				),
			} );
		}
	}
}

function scope(
	node: WorkflowNode,
	ctx: Context,
	defined: Set< string >,
	errorOf: string | null
): void {
	ctx.analysis.scopes[ node.clientId ] = {
		inputs: [ ...ctx.inputs ],
		steps: [ ...defined ],
		errorOf,
	};
}

/**
 * One step: its own checks, then its branches (their steps are numbered
 * under the step: 2.1, 2.2, ...).
 *
 * @param node  Step block.
 * @param ctx   Analysis context.
 * @param state Path state before the step, with the step's number.
 */
function runStep( node: WorkflowNode, ctx: Context, state: PathState ): void {
	const id = stepIdOf( node );
	const depth = state.depth + 1;
	for ( const child of node.innerBlocks ) {
		ctx.owners.set( child.clientId, id );
		for ( const grandchild of child.innerBlocks ) {
			if ( grandchild.name !== WORKFLOW_BLOCKS.step ) {
				ctx.owners.set( grandchild.clientId, id );
			}
		}
	}
	ctx.analysis.numbers[ node.clientId ] = state.number;
	scope( node, ctx, state.defined, state.errorOf );
	checkStep( node, ctx, depth );

	const after = new Set( state.defined ).add( id );
	const successes = node.innerBlocks.filter(
		( b ) => b.name === WORKFLOW_BLOCKS.onSuccess
	);
	const failures = node.innerBlocks.filter(
		( b ) => b.name === WORKFLOW_BLOCKS.onFailure
	);
	successes.slice( 1 ).forEach( ( extra ) =>
		issue( ctx, extra, 'duplicate_success_branch', {
			message: __(
				'A step has at most one On success branch: merge this one into the first.',
				'ai-failover'
			),
		} )
	);
	for ( const other of node.innerBlocks ) {
		if (
			other.name !== WORKFLOW_BLOCKS.onSuccess &&
			other.name !== WORKFLOW_BLOCKS.onFailure
		) {
			issue( ctx, other, 'misplaced_block', {
				message: __(
					'Inside a step, only On success and On failure branches are allowed.',
					'ai-failover'
				),
			} );
		}
	}

	let childIndex = 0;
	const nextNumber = () => `${ state.number }.${ ++childIndex }`;
	const success = successes[ 0 ];
	if ( success ) {
		runSequence(
			success.innerBlocks,
			ctx,
			{ ...state, defined: after, depth },
			nextNumber
		);
	}
	let catchAll = false;
	const covered = new Set< unknown >();
	for ( const failure of failures ) {
		checkErrorClasses( failure, ctx );
		const classes = Array.isArray( failure.attributes.errorClasses )
			? ( failure.attributes.errorClasses as unknown[] )
			: [];
		if (
			catchAll ||
			( classes.length > 0 && classes.every( ( c ) => covered.has( c ) ) )
		) {
			issue( ctx, failure, 'unreachable_step', {
				message: __(
					'An earlier On failure branch already handles these errors, so this one never runs.',
					'ai-failover'
				),
			} );
		}
		catchAll = catchAll || classes.length === 0;
		classes.forEach( ( c ) => covered.add( c ) );
		// The failed step has no output inside its own failure branch.
		runSequence(
			failure.innerBlocks,
			ctx,
			{ ...state, errorOf: id, depth },
			nextNumber
		);
	}
}

function checkStep( node: WorkflowNode, ctx: Context, depth: number ): void {
	const id = stepIdOf( node );
	if ( ! VARIABLE_NAME_PATTERN.test( id ) ) {
		issue( ctx, node, 'invalid_step_id', {
			message: __(
				'Step id: use a lowercase letter first, then lowercase letters, digits or underscores (at most 40).',
				'ai-failover'
			),
		} );
	} else if ( ( ctx.stepCount.get( id ) ?? 0 ) > 1 ) {
		issue( ctx, node, 'duplicate_step_id', {
			message: sprintf(
				/* translators: %s: step id. */
				__(
					'Another step already has the id "%s": give each step its own id.',
					'ai-failover'
				),
				id
			),
		} );
	}
	if ( depth > WORKFLOW_BOUNDS.maxDepth ) {
		issue( ctx, node, 'nesting_too_deep', {
			message: sprintf(
				/* translators: %d: maximum nesting depth. */
				__(
					'Steps nest at most %d deep (step, branch, step, …): move this step up.',
					'ai-failover'
				),
				WORKFLOW_BOUNDS.maxDepth
			),
		} );
	}
	const feature = str( node.attributes.feature );
	if ( feature === '' ) {
		issue( ctx, node, 'missing_feature', {
			message: __( 'Choose the feature this step runs.', 'ai-failover' ),
		} );
	} else if ( ctx.features && ! ctx.features.has( feature ) ) {
		issue( ctx, node, 'unknown_feature', {
			message: sprintf(
				/* translators: %s: feature id. */
				__(
					'The feature "%s" does not exist (deleted or renamed): choose another.',
					'ai-failover'
				),
				feature
			),
		} );
	}
	const prompt = str( node.attributes.prompt );
	if ( prompt.trim() === '' ) {
		issue( ctx, node, 'empty_prompt', {
			message: __( 'Write the prompt this step sends.', 'ai-failover' ),
		} );
	}
	checkTemplate( node, prompt, ctx );
	checkRules( node, ctx );
}

function checkErrorClasses( node: WorkflowNode, ctx: Context ): void {
	const classes = node.attributes.errorClasses;
	if ( ! Array.isArray( classes ) ) {
		return;
	}
	for ( const value of classes ) {
		if (
			! ( WORKFLOW_ERROR_CLASSES as readonly unknown[] ).includes( value )
		) {
			issue( ctx, node, 'unknown_error_class', {
				message: sprintf(
					/* translators: %s: error class as stored. */
					__( 'Unknown error class "%s".', 'ai-failover' ),
					String( value )
				),
			} );
		}
	}
}

/**
 * Every reference of a template against the node's scope.
 *
 * @param node     Block whose template it is (its scope is already set).
 * @param template Template text.
 * @param ctx      Analysis context.
 */
function checkTemplate(
	node: WorkflowNode,
	template: string,
	ctx: Context
): void {
	const nodeScope = ctx.analysis.scopes[ node.clientId ];
	if ( ! nodeScope ) {
		return;
	}
	const reported = new Set< string >();
	for ( const reference of parseTemplate( template ) ) {
		const variable = variableOf( reference );
		const message = undefinedMessage( reference, nodeScope, ctx );
		if ( message === null || reported.has( variable ) ) {
			continue;
		}
		reported.add( variable );
		issue( ctx, node, 'undefined_variable', {
			message,
			variable,
		} );
	}
}

function undefinedMessage(
	reference: ReturnType< typeof parseTemplate >[ number ],
	nodeScope: Scope,
	ctx: Context
): string | null {
	switch ( reference.kind ) {
		case 'input':
			return nodeScope.inputs.includes( reference.name )
				? null
				: sprintf(
						/* translators: 1: variable, 2: input name. */
						__(
							'{{%1$s}} is not defined: declare an input "%2$s" on the workflow.',
							'ai-failover'
						),
						variableOf( reference ),
						reference.name
					);
		case 'step':
			if ( nodeScope.steps.includes( reference.stepId ) ) {
				return null;
			}
			return ctx.stepCount.has( reference.stepId )
				? sprintf(
						/* translators: %s: variable. */
						__(
							'{{%s}} is not defined here: that step does not run before this one on every path.',
							'ai-failover'
						),
						variableOf( reference )
					)
				: sprintf(
						/* translators: %s: variable. */
						__(
							'{{%s}} is not defined: no step has that id.',
							'ai-failover'
						),
						variableOf( reference )
					);
		case 'post':
			return null; // Set on an on-publish run, empty on others.
		case 'error':
			return nodeScope.errorOf !== null
				? null
				: sprintf(
						/* translators: %s: variable. */
						__(
							'{{%s}} is only defined inside an On failure branch.',
							'ai-failover'
						),
						variableOf( reference )
					);
		default:
			return sprintf(
				/* translators: %s: text between the braces. */
				__(
					'{{%s}} is not a variable: use input.<name>, steps.<id>.output, error.<field> or post.<field>.',
					'ai-failover'
				),
				reference.raw
			);
	}
}

function checkRules( node: WorkflowNode, ctx: Context ): void {
	const parsed = StepValidationSchema.safeParse(
		readRules( node.attributes.validation )
	);
	if ( ! parsed.success ) {
		issue( ctx, node, 'invalid_rule', {
			message: __(
				'The validation rules are malformed: check them in the sidebar.',
				'ai-failover'
			),
		} );
		return;
	}
	const rules = parsed.data;
	if (
		rules.min_length !== undefined &&
		rules.max_length !== undefined &&
		rules.min_length > rules.max_length
	) {
		issue( ctx, node, 'invalid_rule', {
			message: __(
				'Minimum length is greater than maximum length: no output can pass.',
				'ai-failover'
			),
		} );
	}
	if ( rules.regex !== undefined && rules.regex !== '' ) {
		try {
			new RegExp( rules.regex, 'u' );
		} catch {
			issue( ctx, node, 'invalid_rule', {
				message: __(
					'The regular expression does not compile.',
					'ai-failover'
				),
			} );
		}
	}
	if ( rules.json_schema !== undefined && rules.json_schema.trim() !== '' ) {
		let schema: unknown = null;
		try {
			schema = JSON.parse( rules.json_schema );
		} catch {
			schema = null;
		}
		if ( typeof schema !== 'object' || schema === null ) {
			issue( ctx, node, 'invalid_rule', {
				message: __(
					'The JSON Schema is not a JSON object.',
					'ai-failover'
				),
			} );
		}
	}
}
