/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * Internal dependencies
 */
import { ERROR_CLASSES, SlugSchema } from './common';

/**
 * Workflows (issue 10): the attributes of the `ai-failover/*` workflow
 * blocks, the bodies of the workflow routes and what they answer. The
 * semantics are written down in WORKFLOW-CONTRACT.md and docs/workflows.md.
 *
 * @see \AI_Failover\Workflows\Graph_Parser
 * @see \AI_Failover\Workflows\Workflow_Runner
 * @see \AI_Failover\REST\Workflow_Runs_Controller
 */

/** Names of input variables and step ids: `{{input.<name>}}`, `{{steps.<id>.output}}`. */
export const VARIABLE_NAME_PATTERN = /^[a-z][a-z0-9_]{0,39}$(?!\n)/;

export const VariableNameSchema = z
	.string()
	.min( 1 )
	.max( 40 )
	.regex( VARIABLE_NAME_PATTERN )
	.describe(
		'Lowercase letter first, then lowercase letters, digits and underscores.'
	);

/**
 * Error classes a failure branch can be limited to: the provider taxonomy,
 * the engine's own stop reasons, and `validation_failed` (a step's output
 * broke its rules).
 *
 * @see \AI_Failover\Providers\Error_Class
 * @see \AI_Failover\Engine\Chain_Runner
 */
export const WORKFLOW_ERROR_CLASSES = [
	...ERROR_CLASSES,
	'validation_failed',
	'breaker_open',
	'budget_exhausted',
	'keys_exhausted',
	'attempts_exhausted',
	'feature_missing',
	'workflow_bounds',
] as const;

export const WorkflowErrorClassSchema = z.enum( WORKFLOW_ERROR_CLASSES );
export type WorkflowErrorClass = z.output< typeof WorkflowErrorClassSchema >;

/** Block names, all under `ai-failover/`. */
export const WORKFLOW_BLOCKS = {
	workflow: 'ai-failover/workflow',
	step: 'ai-failover/step',
	onSuccess: 'ai-failover/on-success',
	onFailure: 'ai-failover/on-failure',
	stop: 'ai-failover/stop',
	output: 'ai-failover/output',
	writePost: 'ai-failover/write-post',
} as const;

/** Workflow-level bounds (the runner enforces them; the editor shows them). */
export const WORKFLOW_BOUNDS = {
	maxStepExecutions: 20,
	maxDepth: 3,
	maxDurationMs: 120000,
} as const;

const template = z.string().max( 20000 );

// ---------------------------------------------------------------------------
// Block attributes.
// ---------------------------------------------------------------------------

export const WorkflowInputTypeSchema = z.enum( [
	'text',
	'long_text',
	'number',
	'boolean',
] );

export const WorkflowInputSchema = z.strictObject( {
	name: VariableNameSchema,
	label: z.string().max( 200 ),
	type: WorkflowInputTypeSchema,
	required: z.boolean(),
	default: z.string().max( 20000 ),
} );

export type WorkflowInput = z.output< typeof WorkflowInputSchema >;

/** `ai-failover/workflow` (the root). */
export const WorkflowBlockAttributesSchema = z.strictObject( {
	inputs: z.array( WorkflowInputSchema ).max( 30 ).default( [] ),
} );

export type WorkflowBlockAttributes = z.input<
	typeof WorkflowBlockAttributesSchema
>;

/** A step's output rules: a broken rule is a `validation_failed` failure. */
export const StepValidationSchema = z.strictObject( {
	non_empty: z.boolean().optional(),
	min_length: z.number().int().min( 0 ).max( 100000 ).optional(),
	max_length: z.number().int().min( 0 ).max( 100000 ).optional(),
	regex: z
		.string()
		.max( 500 )
		.optional()
		.describe( 'PCRE body without delimiters, matched case-sensitively.' ),
	must_contain: z
		.array( z.string().min( 1 ).max( 500 ) )
		.max( 20 )
		.optional(),
	must_not_contain: z
		.array( z.string().min( 1 ).max( 500 ) )
		.max( 20 )
		.optional(),
	json: z.boolean().optional(),
	json_schema: z
		.string()
		.max( 20000 )
		.optional()
		.describe(
			'A JSON Schema (as JSON text) the output, parsed as JSON, must match.'
		),
} );

export type StepValidation = z.output< typeof StepValidationSchema >;

/** `ai-failover/step`. */
export const StepBlockAttributesSchema = z.strictObject( {
	stepId: VariableNameSchema,
	label: z.string().max( 200 ).default( '' ),
	feature: z
		.string()
		.max( 40 )
		.default( '' )
		.describe( 'Feature id; empty until the editor picks one.' ),
	prompt: template.default( '' ),
	validation: StepValidationSchema.default( {} ),
} );

export type StepBlockAttributes = z.input< typeof StepBlockAttributesSchema >;

/** `ai-failover/on-failure`: empty `errorClasses` = any error. */
export const OnFailureBlockAttributesSchema = z.strictObject( {
	errorClasses: z.array( WorkflowErrorClassSchema ).max( 30 ).default( [] ),
} );

export type OnFailureBlockAttributes = z.input<
	typeof OnFailureBlockAttributesSchema
>;

export const StopStatusSchema = z.enum( [ 'succeeded', 'failed' ] );

/** `ai-failover/stop`. */
export const StopBlockAttributesSchema = z.strictObject( {
	status: StopStatusSchema.default( 'failed' ),
	message: template.default( '' ),
} );

export type StopBlockAttributes = z.input< typeof StopBlockAttributesSchema >;

/** `ai-failover/output`. */
export const OutputBlockAttributesSchema = z.strictObject( {
	value: template.default( '' ),
} );

export type OutputBlockAttributes = z.input<
	typeof OutputBlockAttributesSchema
>;

/** What a Write to post block does. */
export const WRITE_ACTIONS = [
	'create_draft',
	'update_post',
	'set_meta',
] as const;

/** The post field a draft or an update writes. */
export const WRITE_FIELDS = [ 'title', 'content', 'excerpt' ] as const;

/** Meta keys a workflow may write: no plugin key (`_aifo_*`), no spaces. */
export const WRITE_META_KEY_PATTERN =
	/^(?!_aifo_)[A-Za-z0-9_:.-]{1,191}$(?!\n)/;

/**
 * `ai-failover/write-post`: writes one step's output into a post (a new
 * draft, a field of an existing post, or a meta value) and records which
 * model wrote it (`_aifo_provenance`). A step that failed without a
 * succeeded stand-in writes nothing.
 *
 * @see \AI_Failover\Workflows\Write_Node
 */
export const WritePostBlockAttributesSchema = z.strictObject( {
	action: z.enum( WRITE_ACTIONS ).default( 'update_post' ),
	source: z
		.union( [ VariableNameSchema, z.literal( '' ) ] )
		.default( '' )
		.describe( 'Id of the step whose output is written.' ),
	field: z.enum( WRITE_FIELDS ).default( 'content' ),
	postId: template
		.default( '' )
		.describe(
			'Template that renders to the post id (update_post, set_meta), e.g. {{input.post_id}}.'
		),
	metaKey: z
		.union( [
			z.string().regex( WRITE_META_KEY_PATTERN ),
			z.literal( '' ),
		] )
		.default( '' ),
	postType: z
		.string()
		.regex( /^[a-z0-9_-]{1,20}$(?!\n)/ )
		.default( 'post' )
		.describe( 'Post type of a new draft.' ),
	title: template
		.default( '' )
		.describe(
			'Title template of a new draft when the output is not its title.'
		),
} );

export type WritePostBlockAttributes = z.input<
	typeof WritePostBlockAttributesSchema
>;

// ---------------------------------------------------------------------------
// Validation (POST /workflows/validate, and the 400 of the run route).
// ---------------------------------------------------------------------------

export const WORKFLOW_ERROR_CODES = [
	'no_root',
	'multiple_roots',
	'content_outside_root',
	'unknown_block',
	'misplaced_block',
	'branch_outside_step',
	'duplicate_success_branch',
	'invalid_step_id',
	'duplicate_step_id',
	'invalid_input',
	'duplicate_input',
	'missing_feature',
	'unknown_feature',
	'empty_prompt',
	'undefined_variable',
	'invalid_rule',
	'unknown_error_class',
	'unreachable_step',
	'nesting_too_deep',
	'too_many_steps',
	'empty_workflow',
	'invalid_write',
] as const;

export const WorkflowErrorCodeSchema = z.enum( WORKFLOW_ERROR_CODES );

/** One problem of the graph; `step` is null for workflow-level problems. */
export const WorkflowValidationErrorSchema = z.strictObject( {
	step: z.union( [ z.string(), z.null() ] ),
	block: z.string().describe( 'Block name, e.g. "ai-failover/step".' ),
	code: WorkflowErrorCodeSchema,
	message: z.string(),
} );

export type WorkflowValidationError = z.output<
	typeof WorkflowValidationErrorSchema
>;

/** Body of POST /ai-failover/v1/workflows/validate. */
export const WorkflowValidateRequestSchema = z.strictObject( {
	content: z
		.string()
		.max( 500000 )
		.describe( 'Serialized block content, saved or not.' ),
} );

export type WorkflowValidateRequest = z.input<
	typeof WorkflowValidateRequestSchema
>;

/** Answer of POST /workflows/validate. */
export const WorkflowValidationSchema = z.strictObject( {
	valid: z.boolean(),
	errors: z.array( WorkflowValidationErrorSchema ),
} );

export type WorkflowValidation = z.output< typeof WorkflowValidationSchema >;

// ---------------------------------------------------------------------------
// Runs.
// ---------------------------------------------------------------------------

/** Body of POST /ai-failover/v1/workflows/{id}/runs. */
export const WorkflowRunRequestSchema = z.strictObject( {
	input: z
		.record(
			z.string(),
			z.union( [ z.string().max( 20000 ), z.number(), z.boolean() ] )
		)
		.default( {} )
		.describe( 'Values of the workflow inputs, by input name.' ),
	dry_run: z
		.boolean()
		.default( false )
		.describe( 'Validate the graph and the input only; run nothing.' ),
	simulate: z
		.array(
			z.strictObject( {
				step: VariableNameSchema,
				error_class: z.enum( ERROR_CLASSES ),
			} )
		)
		.max( 20 )
		.default( [] )
		.describe(
			"Administrators only: fail every route of the step's feature with this class, through the engine's drills."
		),
	stream: z
		.boolean()
		.default( false )
		.describe(
			'Answer as server-sent events: step_started, step_finished, done.'
		),
	async: z
		.boolean()
		.default( false )
		.describe(
			'Queue the run instead: answers 202 with the queued job (queue-job schema).'
		),
} );

export type WorkflowRunRequest = z.input< typeof WorkflowRunRequestSchema >;

const nullableNumber = z.union( [ z.number(), z.null() ] );

/** The error of a step or a run, as `{{error.*}}` sees it. */
export const TypedErrorSchema = z.strictObject( {
	class: z.string(),
	status: z.number().int().describe( 'HTTP status, 0 when none.' ),
	provider: z.string(),
	model: z.string(),
	message: z.string(),
	attempts: z.number().int().min( 0 ),
	retry_after: nullableNumber,
} );

export type TypedError = z.output< typeof TypedErrorSchema >;

export const StepServedBySchema = z.strictObject( {
	provider_id: z.string(),
	provider: z.string(),
	model: z.string(),
} );

export const STEP_STATUSES = [ 'succeeded', 'failed', 'skipped' ] as const;
export const STEP_BRANCHES = [ 'success', 'failure' ] as const;

export const StepRecordSchema = z.strictObject( {
	id: z.string().describe( 'The step id (stepId).' ),
	label: z.string(),
	status: z.enum( STEP_STATUSES ),
	branch: z.union( [ z.enum( STEP_BRANCHES ), z.null() ] ),
	feature: z.string(),
	run_id: z
		.string()
		.describe( 'Engine run id (Diagnostics); empty when nothing ran.' ),
	served_by: z.union( [ StepServedBySchema, z.null() ] ),
	degraded: z.boolean(),
	degraded_notice: z
		.string()
		.optional()
		.describe(
			"The feature's degraded notice when it requires one to be shown (paid tiers), else empty."
		),
	output: z.string(),
	error: z.union( [ TypedErrorSchema, z.null() ] ),
	attempts: z.number().int().min( 0 ),
	duration_ms: z.number().min( 0 ),
	cost: z.number().min( 0 ),
} );

export type StepRecord = z.output< typeof StepRecordSchema >;

/**
 * One entry of the `_aifo_provenance` post meta: which model wrote which
 * field of the post, through which workflow, step and run. `step` is the
 * step the Write block names; `served_step` the one whose answer was
 * written (another step when an On failure branch stood in for it).
 *
 * @see \AI_Failover\Provenance\Provenance_Meta
 */
export const ProvenanceEntrySchema = z.strictObject( {
	workflow_id: z.number().int().min( 0 ),
	workflow_title: z.string(),
	run_id: z
		.string()
		.describe( 'Workflow run id (Diagnostics #workflow-run=).' ),
	engine_run_id: z
		.string()
		.describe( 'Engine run id of the serving step (#run=).' ),
	step: z.string(),
	step_label: z.string(),
	served_step: z.string(),
	field: z.string().describe( 'title, content, excerpt, or meta:<key>.' ),
	provider_id: z.string(),
	provider: z.string(),
	model: z.string(),
	fallback: z
		.boolean()
		.describe( 'Served by another route or step than the first choice.' ),
	degraded: z.boolean(),
	reason_class: z
		.string()
		.describe( 'Error class that caused the fallback; empty when none.' ),
	written_at: z.string().describe( 'ISO 8601, UTC.' ),
	user_id: z
		.number()
		.int()
		.min( 0 )
		.describe( 'The user the run ran as; 0 once erased.' ),
} );

export type ProvenanceEntry = z.output< typeof ProvenanceEntrySchema >;

export const ProvenanceListSchema = z.array( ProvenanceEntrySchema );

export const WRITE_STATUSES = [ 'written', 'skipped', 'failed' ] as const;

/** What a Write to post block did in a run. */
export const WriteRecordSchema = z.strictObject( {
	step: z.string().describe( 'The source step.' ),
	action: z.enum( WRITE_ACTIONS ),
	field: z.string(),
	post_id: z.number().int().min( 0 ),
	status: z.enum( WRITE_STATUSES ),
	message: z.string(),
} );

export type WriteRecord = z.output< typeof WriteRecordSchema >;

export const WORKFLOW_RUN_STATUSES = [
	'succeeded',
	'failed',
	'stopped',
] as const;

/** A workflow run: the answer of POST .../runs and GET /workflow-runs/{id}. */
export const WorkflowRunSchema = z.strictObject( {
	id: z.string().min( 1 ),
	workflow: z.number().int().min( 0 ),
	workflow_title: z.string(),
	status: z.enum( WORKFLOW_RUN_STATUSES ),
	outcome: StopStatusSchema.describe(
		'succeeded or failed; differs from status only when a Stop block ended the run.'
	),
	output: z.string(),
	message: z.string().describe( "The Stop block's message, else empty." ),
	error: z.union( [ TypedErrorSchema, z.null() ] ),
	started_at: z.string().describe( 'ISO 8601, UTC.' ),
	duration_ms: z.number().min( 0 ),
	cost: z.number().min( 0 ),
	dry_run: z.boolean(),
	steps: z.array( StepRecordSchema ),
	writes: z
		.array( WriteRecordSchema )
		.optional()
		.describe(
			'What Write to post blocks did, in order (runs stored before them have none).'
		),
	notices: z
		.array( z.string() )
		.optional()
		.describe(
			'Notices that must be shown with the output: a step was served by a fallback of a feature that requires it.'
		),
} );

export type WorkflowRun = z.output< typeof WorkflowRunSchema >;

export const WorkflowRunListSchema = z.array( WorkflowRunSchema );

/** SSE events of a streamed run (`stream: true`). */
export const WorkflowStepStartedEventSchema = z.strictObject( {
	step: z.string(),
	label: z.string(),
} );

// ---------------------------------------------------------------------------
// Features summary (GET /features-summary): what editors may see.
// ---------------------------------------------------------------------------

export const FeatureSummarySchema = z.strictObject( {
	id: SlugSchema,
	label: z.string(),
	primary: z.string().describe( '"provider/model", empty when none.' ),
	fallbacks: z.array( z.string() ),
	triggers: z
		.array( z.string() )
		.describe( 'Error classes that move on to the next route.' ),
} );

export type FeatureSummary = z.output< typeof FeatureSummarySchema >;

export const FeatureSummaryListSchema = z.array( FeatureSummarySchema );
