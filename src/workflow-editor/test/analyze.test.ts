/**
 * Internal dependencies
 */
import { analyzeWorkflow, type WorkflowNode } from '../analyze';
import { parseTemplate } from '../templates';

let nextId = 0;
const node = (
	name: string,
	attributes: Record< string, unknown > = {},
	innerBlocks: WorkflowNode[] = []
): WorkflowNode => ( {
	clientId: `c${ ++nextId }`,
	name: `ai-failover/${ name }`,
	attributes,
	innerBlocks,
} );
const step = (
	stepId: string,
	prompt: string,
	branches: WorkflowNode[] = [],
	feature = 'fast'
) => node( 'step', { stepId, prompt, feature, validation: {} }, branches );
const onFailure = ( inner: WorkflowNode[], errorClasses: string[] = [] ) =>
	node( 'on-failure', { errorClasses }, inner );
const onSuccess = ( inner: WorkflowNode[] ) => node( 'on-success', {}, inner );
const stop = ( status: string, message = '' ) =>
	node( 'stop', { status, message } );
const output = ( value: string ) => node( 'output', { value } );
const workflow = ( inner: WorkflowNode[], inputs = [ 'topic' ] ) =>
	node(
		'workflow',
		{
			inputs: inputs.map( ( name ) => ( {
				name,
				label: name,
				type: 'text',
				required: false,
				default: '',
			} ) ),
		},
		inner
	);
const FEATURES = [ 'fast', 'strong' ].map( ( id ) => ( {
	id,
	label: id,
	primary: 'simulator/sim-echo',
	fallbacks: [],
	triggers: [],
} ) );
const analyze = ( root: WorkflowNode ) =>
	analyzeWorkflow( [ root ], { features: FEATURES } );
const codes = ( root: WorkflowNode ) =>
	analyze( root ).issues.map( ( i ) => [ i.clientId, i.code, i.variable ] );

describe( 'parseTemplate', () => {
	it( 'should read inputs, step outputs and error fields, with spaces', () => {
		expect(
			parseTemplate(
				'{{input.topic}} {{ steps.draft.output }} {{error.class}} {{ nope }} {{error.cost}}'
			)
		).toEqual( [
			{ kind: 'input', name: 'topic', raw: 'input.topic' },
			{ kind: 'step', stepId: 'draft', raw: 'steps.draft.output' },
			{ kind: 'error', field: 'class', raw: 'error.class' },
			{ kind: 'unknown', raw: 'nope' },
			{ kind: 'unknown', raw: 'error.cost' },
		] );
	} );

	it( 'should find nothing in plain text', () => {
		expect( parseTemplate( 'no {braces} here {{}' ) ).toEqual( [] );
	} );
} );

describe( 'analyzeWorkflow', () => {
	it( 'should accept the fast-then-strong workflow without issues', () => {
		const strong = step(
			'strong',
			'Again: {{input.topic}} ({{error.class}})',
			[],
			'strong'
		);
		const root = workflow( [
			step( 'fast', 'Summarize {{ input.topic }}', [
				onFailure( [ strong ] ),
			] ),
			output( '{{steps.fast.output}}' ),
		] );
		expect( analyze( root ).issues ).toEqual( [] );
	} );

	it( 'should number main-path steps and their branch steps', () => {
		const a = step( 'a', 'x' );
		const b1 = step( 'b1', 'x' );
		const b2 = step( 'b2', 'x' );
		const b = step( 'b', 'x', [
			onSuccess( [ b1 ] ),
			onFailure( [ b2 ] ),
		] );
		const c = step( 'c', 'x' );
		const { numbers } = analyze( workflow( [ a, b, c ] ) );
		expect( numbers ).toEqual( {
			[ a.clientId ]: '1',
			[ b.clientId ]: '2',
			[ b1.clientId ]: '2.1',
			[ b2.clientId ]: '2.2',
			[ c.clientId ]: '3',
		} );
	} );

	it( 'should flag undeclared inputs and unknown steps', () => {
		const s = step(
			'a',
			'{{input.missing}} {{steps.ghost.output}} {{ bad }}'
		);
		expect( codes( workflow( [ s ] ) ) ).toEqual( [
			[ s.clientId, 'undefined_variable', 'input.missing' ],
			[ s.clientId, 'undefined_variable', 'steps.ghost.output' ],
			[ s.clientId, 'undefined_variable', 'bad' ],
		] );
	} );

	it( 'should refuse a step referencing itself or a later step', () => {
		const a = step( 'a', '{{steps.a.output}} {{steps.b.output}}' );
		const b = step( 'b', '{{steps.a.output}}' );
		expect( codes( workflow( [ a, b ] ) ) ).toEqual( [
			[ a.clientId, 'undefined_variable', 'steps.a.output' ],
			[ a.clientId, 'undefined_variable', 'steps.b.output' ],
		] );
	} );

	it( 'should allow error fields only inside a failure branch', () => {
		const inner = step( 'retry', '{{error.message}} {{steps.a.output}}' );
		const a = step( 'a', '{{error.class}}', [ onFailure( [ inner ] ) ] );
		expect( codes( workflow( [ a ] ) ) ).toEqual( [
			[ a.clientId, 'undefined_variable', 'error.class' ],
			// The failed step has no output inside its own failure branch.
			[ inner.clientId, 'undefined_variable', 'steps.a.output' ],
		] );
	} );

	it( 'should define the failed step after its failure branch (it stands in)', () => {
		const a = step( 'a', 'x', [ onFailure( [ step( 'retry', 'y' ) ] ) ] );
		const b = step( 'b', '{{steps.a.output}} {{steps.retry.output}}' );
		expect( codes( workflow( [ a, b ] ) ) ).toEqual( [
			// retry only runs on the failure path.
			[ b.clientId, 'undefined_variable', 'steps.retry.output' ],
		] );
	} );

	it( 'should not define branch steps after the step, as the server does', () => {
		const a = step( 'a', 'x', [
			onSuccess( [ step( 'check', 'y' ) ] ),
			onFailure( [ stop( 'failed', '{{error.message}}' ) ] ),
		] );
		const b = step( 'b', '{{steps.a.output}} {{steps.check.output}}' );
		expect( codes( workflow( [ a, b ] ) ) ).toEqual( [
			[ b.clientId, 'undefined_variable', 'steps.check.output' ],
		] );
	} );

	it( 'should define the step inside its success branch', () => {
		const check = step( 'check', '{{steps.a.output}}' );
		const a = step( 'a', 'x', [ onSuccess( [ check ] ) ] );
		expect( codes( workflow( [ a ] ) ) ).toEqual( [] );
	} );

	it( 'should flag a failure branch an earlier one already covers', () => {
		const late = onFailure( [ step( 'c', 'y' ) ], [ 'rate_limited' ] );
		const later = onFailure( [ step( 'd', 'y' ) ] );
		const last = onFailure( [ step( 'e', 'y' ) ], [ 'server' ] );
		const a = step( 'a', 'x', [
			onFailure( [ step( 'b', 'y' ) ], [ 'rate_limited', 'timeout' ] ),
			late,
			later,
			last,
		] );
		expect( codes( workflow( [ a ] ) ) ).toEqual( [
			[ late.clientId, 'unreachable_step', undefined ],
			[ last.clientId, 'unreachable_step', undefined ],
		] );
	} );

	it( 'should flag blocks after a stop', () => {
		const late = step( 'late', 'x' );
		const out = output( 'never' );
		expect(
			codes( workflow( [ stop( 'succeeded' ), late, out ] ) )
		).toEqual( [
			[ late.clientId, 'unreachable_step', undefined ],
			[ out.clientId, 'unreachable_step', undefined ],
		] );
	} );

	it( 'should flag missing and unknown features', () => {
		const none = step( 'a', 'x', [], '' );
		const gone = step( 'b', 'x', [], 'deleted' );
		expect( codes( workflow( [ none, gone ] ) ) ).toEqual( [
			[ none.clientId, 'missing_feature', undefined ],
			[ gone.clientId, 'unknown_feature', undefined ],
		] );
	} );

	it( 'should not judge feature ids while the features load', () => {
		const gone = step( 'b', 'x', [], 'deleted' );
		expect(
			analyzeWorkflow( [ workflow( [ gone ] ) ], { features: null } )
				.issues
		).toEqual( [] );
	} );

	it( 'should flag duplicate and malformed step ids, empty prompts and bad rules', () => {
		const one = step( 'same', 'x' );
		const two = step( 'same', '' );
		const bad = node( 'step', {
			stepId: 'Bad-Id',
			prompt: 'x',
			feature: 'fast',
			validation: { min_length: 10, max_length: 2, regex: '(' },
		} );
		expect( codes( workflow( [ one, two, bad ] ) ) ).toEqual( [
			[ one.clientId, 'duplicate_step_id', undefined ],
			[ two.clientId, 'duplicate_step_id', undefined ],
			[ two.clientId, 'empty_prompt', undefined ],
			[ bad.clientId, 'invalid_step_id', undefined ],
			[ bad.clientId, 'invalid_rule', undefined ],
			[ bad.clientId, 'invalid_rule', undefined ],
		] );
	} );

	it( 'should flag nesting deeper than three steps', () => {
		const deepest = step( 'd4', 'x' );
		const root = workflow( [
			step( 'd1', 'x', [
				onFailure( [
					step( 'd2', 'x', [
						onFailure( [
							step( 'd3', 'x', [ onFailure( [ deepest ] ) ] ),
						] ),
					] ),
				] ),
			] ),
		] );
		expect( codes( root ) ).toEqual( [
			[ deepest.clientId, 'nesting_too_deep', undefined ],
		] );
	} );

	it( 'should flag malformed and duplicate inputs, and an empty workflow', () => {
		const root = workflow( [], [ 'ok', 'ok', '9lives' ] );
		expect( codes( root ).map( ( [ , code ] ) => code ) ).toEqual( [
			'duplicate_input',
			'invalid_input',
			'empty_workflow',
		] );
	} );

	it( 'should check stop and output templates against their scope', () => {
		const out = output( '{{steps.a.output}} {{error.class}}' );
		const halt = stop( 'failed', '{{error.message}}' );
		const root = workflow( [
			step( 'a', 'x', [ onFailure( [ halt ], [ 'rate_limited' ] ) ] ),
			out,
		] );
		expect( codes( root ) ).toEqual( [
			[ out.clientId, 'undefined_variable', 'error.class' ],
		] );
		expect( analyze( root ).scopes[ halt.clientId ] ).toEqual( {
			inputs: [ 'topic' ],
			steps: [],
			errorOf: 'a',
		} );
	} );

	it( 'should name the owning step of branch, stop and output problems', () => {
		const halt = stop( 'failed', '{{nope}}' );
		const late = onFailure( [ halt ] );
		const root = workflow( [
			step( 'a', 'x', [ onFailure( [] ), late ] ),
		] );
		expect(
			analyze( root ).issues.map( ( i ) => [
				i.clientId,
				i.step,
				i.code,
			] )
		).toEqual( [
			[ late.clientId, 'a', 'unreachable_step' ],
			[ halt.clientId, 'a', 'undefined_variable' ],
		] );
	} );

	it( 'should read absent or empty-array rules as no rules', () => {
		const bare = node( 'step', {
			stepId: 'a',
			prompt: 'x',
			feature: 'fast',
		} );
		const legacy = node( 'step', {
			stepId: 'b',
			prompt: 'x',
			feature: 'fast',
			validation: [],
		} );
		expect( codes( workflow( [ bare, legacy ] ) ) ).toEqual( [] );
	} );

	it( 'should flag a branch outside a step and unknown error classes', () => {
		const stray = onSuccess( [] );
		const odd = onFailure( [], [ 'not_a_class' ] );
		const root = workflow( [ stray, step( 'a', 'x', [ odd ] ) ] );
		expect( codes( root ) ).toEqual( [
			[ stray.clientId, 'branch_outside_step', undefined ],
			[ odd.clientId, 'unknown_error_class', undefined ],
		] );
	} );
} );

describe( 'analyzeWorkflow: Write to post', () => {
	it( 'should accept a write of an earlier step and flag one of a later step', () => {
		const early = node( 'write-post', {
			source: 'later',
			postId: '{{input.topic}}',
		} );
		const ok = node( 'write-post', {
			source: 'later',
			postId: '{{input.topic}}',
		} );
		const root = workflow( [ early, step( 'later', 'Hi' ), ok ] );
		expect( codes( root ) ).toEqual( [
			[ early.clientId, 'undefined_variable', 'steps.later.output' ],
		] );
		expect( analyze( root ).scopes[ ok.clientId ]?.steps ).toEqual( [
			'later',
		] );
	} );
} );
