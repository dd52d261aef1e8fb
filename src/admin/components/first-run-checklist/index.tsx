/**
 * WordPress dependencies
 */
import { Button, Card, CardBody, CardHeader } from '@wordpress/components';
import { useCallback, useEffect, useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { getEvents } from '../../../api/events';
import { getFeatures } from '../../../api/features';
import { getProviders } from '../../../api/providers';
import { SITE_CHANGED_EVENT } from '../../../api/request';
import { useResource } from '../../../lib/use-resource';
import {
	canServe,
	checklistShows,
	doneSteps,
	FIRST_RUN_STEPS,
	readDismissal,
	writeDismissal,
	type FirstRunStep,
	type SiteState,
} from '../../lib/first-run';
import { diagnosticsUrl, screenUrl } from '../../lib/screens';
import './style.scss';

type Props = {
	/** When this user last opened Diagnostics (Unix seconds; 0: never). */
	diagnosticsSeenAt: number;
	/** Where the dismissal is kept; window.localStorage by default. */
	storage?: Storage;
};

type StepText = { title: string; help: string; action: string; href: string };

const stepText = (): Record< FirstRunStep, StepText > => ( {
	provider: {
		title: __( 'Add a provider', 'ai-failover' ),
		help: __(
			'The service that answers: OpenAI, Anthropic, Gemini, an OpenAI-compatible API or a local server.',
			'ai-failover'
		),
		action: __( 'Add a provider', 'ai-failover' ),
		href: screenUrl( 'providers', 'add-provider' ),
	},
	key: {
		title: __( 'Add its API key', 'ai-failover' ),
		help: __(
			'Select the provider in the list, then add a key (two keys let a rate-limited key rotate). Keys are encrypted and never shown again.',
			'ai-failover'
		),
		action: __( 'Open Providers', 'ai-failover' ),
		href: screenUrl( 'providers' ),
	},
	feature: {
		title: __( 'Create a feature', 'ai-failover' ),
		help: __(
			'A named job for your code (such as "post-summary") with a primary model and the fallbacks to use when it fails.',
			'ai-failover'
		),
		action: __( 'Add a feature', 'ai-failover' ),
		href: screenUrl( 'features', 'new' ),
	},
	run: {
		title: __( 'Test it', 'ai-failover' ),
		help: __(
			'Use "Test run" in the features list: it sends a prompt and shows each attempt in a sentence.',
			'ai-failover'
		),
		action: __( 'Open Features', 'ai-failover' ),
		href: screenUrl( 'features' ),
	},
	diagnostics: {
		title: __( 'See it in Diagnostics', 'ai-failover' ),
		help: __(
			'Every attempt is logged: who served the run, whether a fallback did, what it cost.',
			'ai-failover'
		),
		action: __( 'Open Diagnostics', 'ai-failover' ),
		href: diagnosticsUrl(),
	},
} );

const browserStorage = (): Storage | undefined => {
	try {
		return window.localStorage;
	} catch {
		return undefined;
	}
};

/**
 * "Get started": the five steps from an empty site to a run seen in
 * Diagnostics. Each step is ticked from stored state (reloaded after every
 * change made on the screen), not from clicks. Hidden once every step is
 * done; dismissible, and back when a step that was done is undone.
 *
 * @param props                   Props.
 * @param props.diagnosticsSeenAt
 * @param props.storage
 */
export function FirstRunChecklist( {
	diagnosticsSeenAt,
	storage = browserStorage(),
}: Props ) {
	const load = useCallback( async (): Promise< SiteState > => {
		const [ providers, features ] = await Promise.all( [
			getProviders(),
			getFeatures(),
		] );
		// A test run counts when it reached one of the admin's own providers
		// (not the Simulator, whose demo runs an empty site may already have).
		const firsts = await Promise.all(
			providers.filter( canServe ).map( ( provider ) =>
				getEvents( {
					provider: provider.id,
					per_page: 1,
					order: 'asc',
					simulated: false,
				} ).then( ( page ) => page.events[ 0 ] ?? null )
			)
		);
		const firstRun =
			firsts
				.filter( ( event ) => event !== null )
				.sort( ( a, b ) =>
					a.created_at.localeCompare( b.created_at )
				)[ 0 ] ?? null;
		return { providers, features, firstRun, diagnosticsSeenAt };
	}, [ diagnosticsSeenAt ] );
	const { data, reload } = useResource( load );
	const [ dismissedWith, setDismissedWith ] = useState( () =>
		readDismissal( storage )
	);

	useEffect( () => {
		const follow = () => void reload();
		window.addEventListener( SITE_CHANGED_EVENT, follow );
		return () => window.removeEventListener( SITE_CHANGED_EVENT, follow );
	}, [ reload ] );

	if ( ! data ) {
		// Loading, or the state could not be read: the screen below says why.
		return null;
	}
	const done = doneSteps( data );
	if ( ! checklistShows( done, dismissedWith ) ) {
		return null;
	}
	const texts = stepText();
	const next = FIRST_RUN_STEPS.find( ( step ) => ! done.includes( step ) );

	return (
		<Card className="aifo-card aifo-first-run" size="small">
			<CardHeader>
				<h2 className="aifo-card__title" id="aifo-first-run-title">
					{ __( 'Get started', 'ai-failover' ) }
				</h2>
				<span className="aifo-first-run__progress">
					{ sprintf(
						/* translators: 1: steps done, 2: all steps. */
						__( '%1$d of %2$d done', 'ai-failover' ),
						done.length,
						FIRST_RUN_STEPS.length
					) }
				</span>
				<Button
					variant="tertiary"
					onClick={ () => {
						writeDismissal( storage, done );
						setDismissedWith( done );
					} }
				>
					{ __( 'Dismiss', 'ai-failover' ) }
				</Button>
			</CardHeader>
			<CardBody>
				<ol
					className="aifo-first-run__steps"
					aria-labelledby="aifo-first-run-title"
				>
					{ FIRST_RUN_STEPS.map( ( step ) => {
						const isDone = done.includes( step );
						const text = texts[ step ];
						return (
							<li
								key={ step }
								className={ `aifo-first-run__step${
									isDone ? ' is-done' : ''
								}${ step === next ? ' is-next' : '' }` }
								data-step={ step }
							>
								<span
									className="aifo-first-run__mark"
									aria-hidden="true"
								>
									{ isDone ? '✓' : '' }
								</span>
								<span className="aifo-first-run__text">
									<strong>{ text.title }</strong>
									<span className="screen-reader-text">
										{ isDone
											? __( '(done)', 'ai-failover' )
											: __( '(to do)', 'ai-failover' ) }
									</span>{ ' ' }
									{ ! isDone && (
										<span className="aifo-first-run__help">
											{ text.help }
										</span>
									) }
								</span>
								{ step === next && (
									<Button
										variant="secondary"
										href={ text.href }
									>
										{ text.action }
									</Button>
								) }
							</li>
						);
					} ) }
				</ol>
			</CardBody>
		</Card>
	);
}
