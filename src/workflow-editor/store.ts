/**
 * WordPress dependencies
 */
import { createReduxStore, register } from '@wordpress/data';

/**
 * Internal dependencies
 */
import type {
	FeatureSummary,
	StepRecord,
	WorkflowRun,
	WorkflowValidationError,
} from '../schemas/workflow';

/**
 * What the workflow blocks share in the editor: the features list, the
 * server's validation of the current content, and the last run (live while
 * it streams), so each step block can show its own part of it.
 */
export const STORE_NAME = 'ai-failover/workflow-editor';

export type LoadStatus = 'idle' | 'loading' | 'ready' | 'error';
export type RunStatus = 'idle' | 'saving' | 'running' | 'done' | 'error';

/** A step of the current run: started (streamed) or finished. */
export type LiveStep =
	| { status: 'running'; label: string }
	| { status: 'finished'; record: StepRecord };

export type State = {
	features: { status: LoadStatus; items: FeatureSummary[]; error: string };
	server: {
		status: LoadStatus;
		errors: WorkflowValidationError[];
		error: string;
	};
	run: {
		status: RunStatus;
		run: WorkflowRun | null;
		live: Record< string, LiveStep >;
		error: string;
		problems: WorkflowValidationError[];
	};
};

export const INITIAL_STATE: State = {
	features: { status: 'idle', items: [], error: '' },
	server: { status: 'idle', errors: [], error: '' },
	run: { status: 'idle', run: null, live: {}, error: '', problems: [] },
};

export const actions = {
	featuresRequested: () => ( { type: 'FEATURES_REQUESTED' } ) as const,
	featuresReceived: ( items: FeatureSummary[] ) =>
		( { type: 'FEATURES_RECEIVED', items } ) as const,
	featuresFailed: ( error: string ) =>
		( { type: 'FEATURES_FAILED', error } ) as const,
	serverChecking: () => ( { type: 'SERVER_CHECKING' } ) as const,
	serverChecked: ( errors: WorkflowValidationError[] ) =>
		( { type: 'SERVER_CHECKED', errors } ) as const,
	serverFailed: ( error: string ) =>
		( { type: 'SERVER_FAILED', error } ) as const,
	runRequested: ( status: 'saving' | 'running' ) =>
		( { type: 'RUN_REQUESTED', status } ) as const,
	stepStarted: ( step: string, label: string ) =>
		( { type: 'STEP_STARTED', step, label } ) as const,
	stepFinished: ( record: StepRecord ) =>
		( { type: 'STEP_FINISHED', record } ) as const,
	runFinished: ( run: WorkflowRun ) =>
		( { type: 'RUN_FINISHED', run } ) as const,
	runFailed: ( error: string, problems: WorkflowValidationError[] = [] ) =>
		( { type: 'RUN_FAILED', error, problems } ) as const,
	runCleared: () => ( { type: 'RUN_CLEARED' } ) as const,
};

type Action = ReturnType< ( typeof actions )[ keyof typeof actions ] >;

/**
 * @param state  Current state.
 * @param action Action.
 * @return Next state.
 */
export function reducer( state: State = INITIAL_STATE, action: Action ): State {
	switch ( action.type ) {
		case 'FEATURES_REQUESTED':
			return {
				...state,
				features: { ...state.features, status: 'loading' },
			};
		case 'FEATURES_RECEIVED':
			return {
				...state,
				features: { status: 'ready', items: action.items, error: '' },
			};
		case 'FEATURES_FAILED':
			return {
				...state,
				features: { status: 'error', items: [], error: action.error },
			};
		case 'SERVER_CHECKING':
			return { ...state, server: { ...state.server, status: 'loading' } };
		case 'SERVER_CHECKED':
			return {
				...state,
				server: { status: 'ready', errors: action.errors, error: '' },
			};
		case 'SERVER_FAILED':
			return {
				...state,
				server: { status: 'error', errors: [], error: action.error },
			};
		case 'RUN_REQUESTED':
			return {
				...state,
				run: {
					status: action.status,
					run: null,
					live: action.status === 'running' ? {} : state.run.live,
					error: '',
					problems: [],
				},
			};
		case 'STEP_STARTED':
			return {
				...state,
				run: {
					...state.run,
					live: {
						...state.run.live,
						[ action.step ]: {
							status: 'running',
							label: action.label,
						},
					},
				},
			};
		case 'STEP_FINISHED':
			return {
				...state,
				run: {
					...state.run,
					live: {
						...state.run.live,
						[ action.record.id ]: {
							status: 'finished',
							record: action.record,
						},
					},
				},
			};
		case 'RUN_FINISHED':
			return {
				...state,
				run: {
					status: 'done',
					run: action.run,
					live: Object.fromEntries(
						action.run.steps.map( ( record ) => [
							record.id,
							{ status: 'finished', record },
						] )
					),
					error: '',
					problems: [],
				},
			};
		case 'RUN_FAILED':
			return {
				...state,
				run: {
					...state.run,
					status: 'error',
					error: action.error,
					problems: action.problems,
				},
			};
		case 'RUN_CLEARED':
			return { ...state, run: INITIAL_STATE.run };
	}
	return state;
}

export const selectors = {
	getFeatures: ( state: State ) => state.features,
	getServerValidation: ( state: State ) => state.server,
	getRun: ( state: State ) => state.run,
	getStepResult: ( state: State, stepId: string ): LiveStep | null =>
		state.run.live[ stepId ] ?? null,
};

export const store = createReduxStore( STORE_NAME, {
	reducer,
	actions,
	selectors,
} );

register( store );
