/**
 * WordPress dependencies
 */
import { Button, Modal, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError, type ApiError } from '../../../api/errors';
import { runFeature, type JsonRunRequest } from '../../../api/runs';
import type { Feature, RunResult } from '../../../schemas';
import { useIsMounted } from '../../../lib/use-is-mounted';
import { featureRoutes } from './routes';
import { DrillsSection } from './sections/drills';
import { PromptSection } from './sections/prompt';
import { RequestErrorSection } from './sections/request-error';
import { RunResultView } from './sections/result';
import type { Drill } from './types';

export { diagnosticsRunUrl, featureRoutes } from './routes';
export { RunResultView } from './sections/result';
export type { FeatureRoute } from './types';

type DialogProps = {
	feature: Feature;
	onClose: () => void;
};

/**
 * The test-run dialog: a prompt, optional drills, and the result.
 *
 * @param props         Props.
 * @param props.feature Feature to run.
 * @param props.onClose Closes the dialog.
 */
export function FeatureRunDialog( { feature, onClose }: DialogProps ) {
	const routes = featureRoutes( feature );
	const [ prompt, setPrompt ] = useState< string >( () =>
		__(
			'Summarise: WordPress is a free and open-source content management system.',
			'ai-failover'
		)
	);
	const [ drills, setDrills ] = useState< Record< string, Drill > >( {} );
	const [ isRunning, setIsRunning ] = useState( false );
	const [ result, setResult ] = useState< RunResult | null >( null );
	const [ error, setError ] = useState< ApiError | null >( null );
	const [ promptError, setPromptError ] = useState< string | undefined >();
	const isMounted = useIsMounted();

	const drillOf = ( id: string ): Drill =>
		drills[ id ] ?? { enabled: false, errorClass: 'server' };
	const setDrill = ( id: string, change: Partial< Drill > ) =>
		setDrills( ( current ) => ( {
			...current,
			[ id ]: {
				...( current[ id ] ?? {
					enabled: false,
					errorClass: 'server',
				} ),
				...change,
			},
		} ) );

	const run = async () => {
		if ( isRunning ) {
			return;
		}
		if ( prompt.trim() === '' ) {
			setPromptError( __( 'Enter a prompt.', 'ai-failover' ) );
			return;
		}
		const simulate = routes
			.filter( ( route ) => drillOf( route.id ).enabled )
			.map( ( route ) => ( {
				route: route.id,
				error_class: drillOf( route.id ).errorClass,
			} ) );
		const body: JsonRunRequest = {
			messages: [ { role: 'user', content: prompt } ],
			...( simulate.length > 0 ? { simulate } : {} ),
		};
		setIsRunning( true );
		setPromptError( undefined );
		setError( null );
		setResult( null );
		try {
			const answer = await runFeature( feature.id, body );
			if ( isMounted() ) {
				setResult( answer );
			}
		} catch ( failure ) {
			if ( isMounted() ) {
				const apiError = toApiError( failure );
				setError( apiError );
				setPromptError(
					apiError.fieldErrors[ 'messages[0].content' ] ??
						apiError.fieldErrors.messages
				);
			}
		} finally {
			if ( isMounted() ) {
				setIsRunning( false );
			}
		}
	};

	return (
		<Modal
			className="aifo-feature-run"
			title={ sprintf(
				/* translators: %s: feature label. */
				__( 'Test run: %s', 'ai-failover' ),
				feature.label
			) }
			onRequestClose={ onClose }
		>
			<form
				className="aifo-feature-run__form"
				noValidate
				onSubmit={ ( event ) => {
					event.preventDefault();
					void run();
				} }
			>
				<p className="aifo-feature-run__hint">
					{ __(
						'Sends the prompt through the real engine with this feature’s routes, retries and fallbacks. It is logged like any other run.',
						'ai-failover'
					) }
				</p>
				<PromptSection
					featureId={ feature.id }
					prompt={ prompt }
					error={ promptError }
					onChange={ ( value: string ) => {
						setPrompt( value );
						setPromptError( undefined );
					} }
				/>
				<DrillsSection
					routes={ routes }
					drillOf={ drillOf }
					setDrill={ setDrill }
				/>
				<div className="aifo-form-actions">
					<Button
						variant="primary"
						type="submit"
						isBusy={ isRunning }
						// Not `disabled`: a focused button that gets disabled
						// blurs, and WordPress 6.1's Modal closes on focus loss.
						aria-disabled={ isRunning }
					>
						{ __( 'Run', 'ai-failover' ) }
					</Button>
					{ isRunning && (
						<>
							<Spinner />
							<span className="aifo-feature-run__running">
								{ __( 'Running…', 'ai-failover' ) }
							</span>
						</>
					) }
				</div>
			</form>
			<div aria-live="polite">
				{ error && <RequestErrorSection error={ error } /> }
				{ result && <RunResultView result={ result } /> }
			</div>
		</Modal>
	);
}

/**
 * The "Test run" button of a feature, and its dialog.
 *
 * @param props         Props.
 * @param props.feature Feature.
 */
export function FeatureRun( { feature }: { feature: Feature } ) {
	const [ isOpen, setIsOpen ] = useState( false );
	return (
		<>
			<Button
				variant="tertiary"
				aria-label={ sprintf(
					/* translators: %s: feature label. */
					__( 'Test run feature %s', 'ai-failover' ),
					feature.label
				) }
				onClick={ () => setIsOpen( true ) }
			>
				{ __( 'Test run', 'ai-failover' ) }
			</Button>
			{ isOpen && (
				<FeatureRunDialog
					feature={ feature }
					onClose={ () => setIsOpen( false ) }
				/>
			) }
		</>
	);
}
