/**
 * WordPress dependencies
 */
import { serialize } from '@wordpress/blocks';
import {
	select as selectFromStore,
	useDispatch,
	useSelect,
} from '@wordpress/data';
import { useEffect, useMemo } from '@wordpress/element';

/**
 * Internal dependencies
 */
import {
	getFeaturesSummary,
	getWorkflowRuns,
	validateWorkflow,
} from '../api/workflows';
import type { FeatureSummary } from '../schemas/workflow';
import {
	analyzeWorkflow,
	type Analysis,
	type EditorIssue,
	type WorkflowNode,
} from './analyze';
import { store } from './store';
import { blockEditorOf } from './wp-stores';

/** How long the server check waits after the last edit. */
export const SERVER_CHECK_DELAY_MS = 800;

/**
 * The post's whole block tree (the workflow root and everything in it).
 *
 * @return Top-level blocks.
 */
export function useWorkflowBlocks(): WorkflowNode[] {
	return useSelect( ( select ) => blockEditorOf( select ).getBlocks(), [] );
}

let featuresRequest: Promise< void > | null = null;

/**
 * The features an editor may pick, loaded once per page.
 *
 * @return Features (null while they load or when they failed), and the
 *         load error.
 */
export function useFeatures(): {
	features: FeatureSummary[] | null;
	error: string;
} {
	const state = useSelect( ( select ) => select( store ).getFeatures(), [] );
	const { featuresRequested, featuresReceived, featuresFailed } =
		useDispatch( store );
	useEffect( () => {
		if ( state.status !== 'idle' || featuresRequest ) {
			return;
		}
		featuresRequested();
		featuresRequest = getFeaturesSummary()
			.then( featuresReceived, ( error: Error ) =>
				featuresFailed( error.message )
			)
			.then( () => undefined );
	}, [ state.status, featuresRequested, featuresReceived, featuresFailed ] );
	return {
		features: state.status === 'ready' ? state.items : null,
		error: state.error,
	};
}

/** Forgets the loaded features (tests). */
export function resetFeaturesRequest(): void {
	featuresRequest = null;
}

let lastAnalysis: {
	blocks: WorkflowNode[];
	features: FeatureSummary[] | null;
	analysis: Analysis;
} | null = null;

/**
 * The editor's reading of the workflow, computed once per change of the
 * block tree however many blocks ask.
 *
 * @return Numbers, scopes and issues.
 */
export function useAnalysis(): Analysis {
	const blocks = useWorkflowBlocks();
	const { features } = useFeatures();
	return useMemo( () => {
		if (
			lastAnalysis?.blocks === blocks &&
			lastAnalysis.features === features
		) {
			return lastAnalysis.analysis;
		}
		const analysis = analyzeWorkflow( blocks, { features } );
		lastAnalysis = { blocks, features, analysis };
		return analysis;
	}, [ blocks, features ] );
}

/**
 * The problems of one block: the editor's own, then those only the server
 * found (a server problem the editor also found is shown once).
 *
 * @param clientId Block.
 * @param server   Which server problems belong here: a step's id (the
 *                 server names steps), 'workflow' for the root (problems
 *                 of no step), or null for none.
 * @return Issues.
 */
export function useBlockIssues(
	clientId: string,
	server: string | null
): EditorIssue[] {
	const analysis = useAnalysis();
	const checked = useSelect(
		( select ) => select( store ).getServerValidation(),
		[]
	);
	return useMemo( () => {
		const own = analysis.issues.filter( ( i ) => i.clientId === clientId );
		const serverOnly = checked.errors
			.filter( ( error ) =>
				server === 'workflow'
					? error.step === null
					: server !== null && error.step === server
			)
			.filter(
				( error ) =>
					! analysis.issues.some(
						( i ) => i.code === error.code && i.step === error.step
					)
			)
			.map( ( error ): EditorIssue => ( {
				clientId,
				step: error.step,
				code: error.code,
				message: error.message,
				severity: 'error',
			} ) );
		return [ ...own, ...serverOnly ];
	}, [ analysis, checked.errors, clientId, server ] );
}

/**
 * Sends the content to POST /workflows/validate after each pause in
 * editing (debounced, stale checks aborted), into the store.
 *
 * @param blocks The post's blocks.
 */
export function useServerValidation( blocks: WorkflowNode[] ): void {
	const { serverChecking, serverChecked, serverFailed } =
		useDispatch( store );
	useEffect( () => {
		const controller = new AbortController();
		const timer = setTimeout( () => {
			serverChecking();
			validateWorkflow(
				serialize( blocks as Parameters< typeof serialize >[ 0 ] ),
				controller.signal
			).then(
				( result ) => serverChecked( result.errors ),
				( error: Error & { code?: string } ) => {
					if ( ! controller.signal.aborted ) {
						serverFailed( error.message );
					}
				}
			);
		}, SERVER_CHECK_DELAY_MS );
		return () => {
			clearTimeout( timer );
			controller.abort();
		};
	}, [ blocks, serverChecking, serverChecked, serverFailed ] );
}

/**
 * Shows the workflow's latest run on its blocks when the editor opens, so
 * "last result" survives a reload (a run started here replaces it).
 *
 * @param postId Workflow post id; null or 0 for a post not saved yet.
 */
export function useLatestRun( postId: number | null ): void {
	const { runFinished } = useDispatch( store );
	useEffect( () => {
		if ( ! postId ) {
			return;
		}
		let current = true;
		getWorkflowRuns( postId ).then(
			( runs ) => {
				const latest = runs[ 0 ];
				if (
					current &&
					latest &&
					selectFromStore( store ).getRun().status === 'idle'
				) {
					runFinished( latest );
				}
			},
			// No run list (no permission, network): the blocks show none.
			() => undefined
		);
		return () => {
			current = false;
		};
	}, [ postId, runFinished ] );
}
