/**
 * Internal dependencies
 */
import type { Feature, LogEvent, Provider } from '../../schemas';

/** The first-run steps, in the order a new admin takes them. */
export const FIRST_RUN_STEPS = [
	'provider',
	'key',
	'feature',
	'run',
	'diagnostics',
] as const;
export type FirstRunStep = ( typeof FIRST_RUN_STEPS )[ number ];

export type SiteState = {
	providers: Provider[];
	features: Feature[];
	/** The oldest run event that is not a drill; null when nothing ran. */
	firstRun: Pick< LogEvent, 'created_at' > | null;
	/** When this user last opened Diagnostics (Unix seconds; 0: never). */
	diagnosticsSeenAt: number;
};

/**
 * Whether a provider can answer a real request: enabled, not the Simulator,
 * with a key if it needs one.
 *
 * @param provider Provider.
 */
export const canServe = ( provider: Provider ) =>
	provider.enabled &&
	provider.preset !== 'simulator' &&
	( ! provider.requires_key || provider.key_count > 0 );

/**
 * Which steps the site's state shows as done. Each is read from what is
 * stored, so a step undone (its provider deleted, its key removed) shows
 * as open again.
 *
 * @param state Site state.
 * @return Done steps, in step order.
 */
export function doneSteps( state: SiteState ): FirstRunStep[] {
	const real = state.providers.filter(
		( provider ) => provider.enabled && provider.preset !== 'simulator'
	);
	const serving = new Set(
		state.providers.filter( canServe ).map( ( provider ) => provider.id )
	);
	const runAt = state.firstRun
		? Date.parse( state.firstRun.created_at )
		: NaN;
	const done: Record< FirstRunStep, boolean > = {
		provider: real.length > 0,
		key: serving.size > 0,
		feature: state.features.some( ( feature ) =>
			[ feature.primary, ...feature.fallbacks ].some( ( route ) =>
				serving.has( route.provider_id )
			)
		),
		run: ! Number.isNaN( runAt ),
		// Opened after the first run, so the run was there to see.
		diagnostics:
			! Number.isNaN( runAt ) &&
			state.diagnosticsSeenAt >= Math.floor( runAt / 1000 ),
	};
	return FIRST_RUN_STEPS.filter( ( step ) => done[ step ] );
}

/**
 * Whether the checklist shows: until every step is done, unless the admin
 * dismissed it; a dismissed checklist comes back when a step that was done
 * at dismissal is no longer done (a key deleted, the provider removed).
 *
 * @param done          Steps done now.
 * @param dismissedWith Steps that were done when it was dismissed; null if never dismissed.
 * @return Whether to show it.
 */
export function checklistShows(
	done: readonly FirstRunStep[],
	dismissedWith: readonly FirstRunStep[] | null
): boolean {
	if ( done.length === FIRST_RUN_STEPS.length ) {
		return false;
	}
	if ( dismissedWith === null ) {
		return true;
	}
	return dismissedWith.some( ( step ) => ! done.includes( step ) );
}

const STORAGE_KEY = 'aifo-first-run-dismissed';

/**
 * The steps done when this browser dismissed the checklist, or null.
 *
 * @param storage Storage (localStorage).
 */
export function readDismissal(
	storage: Storage | undefined
): FirstRunStep[] | null {
	try {
		const raw = storage?.getItem( STORAGE_KEY );
		if ( ! raw ) {
			return null;
		}
		const parsed: unknown = JSON.parse( raw );
		return Array.isArray( parsed )
			? FIRST_RUN_STEPS.filter( ( step ) => parsed.includes( step ) )
			: null;
	} catch {
		return null;
	}
}

/**
 * Remembers a dismissal with the steps done at that moment.
 *
 * @param storage Storage (localStorage).
 * @param done    Steps done now.
 */
export function writeDismissal(
	storage: Storage | undefined,
	done: readonly FirstRunStep[]
): void {
	try {
		storage?.setItem( STORAGE_KEY, JSON.stringify( done ) );
	} catch {
		// Storage full or refused (private mode): the checklist shows again next time.
	}
}
