/**
 * WordPress dependencies
 */
import {
	Button,
	CheckboxControl,
	Modal,
	Notice,
	SelectControl,
	Spinner,
	TextareaControl,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import { toApiError, type ApiError } from '../../../api/errors';
import { AttemptList } from '../../../components/attempt-list';
import { formatMs } from '../../../lib/attempt-format';
import { runFeature, type JsonRunRequest } from '../../../api/runs';
import {
	ERROR_CLASSES,
	type ErrorClass,
	type Feature,
	type RunResult,
	type RunStatus,
} from '../../../schemas';
import { useIsMounted } from '../../hooks/use-is-mounted';
import { FieldError } from '../../../components/field-error';
import { triggerLabel } from '../feature-form';

/** A route of the feature, for the drills. */
export type FeatureRoute = {
	/** "provider/model", as the engine names it. */
	id: string;
	/** "primary" or "fallback N", translated. */
	role: string;
};

type Drill = { enabled: boolean; errorClass: ErrorClass };

/**
 * The feature's routes in its order (primary, then fallbacks), each once.
 *
 * @param feature Feature.
 * @return Routes.
 */
export function featureRoutes( feature: Feature ): FeatureRoute[] {
	const routes: FeatureRoute[] = [];
	const seen = new Set< string >();
	[ feature.primary, ...feature.fallbacks ].forEach( ( route, index ) => {
		const id = `${ route.provider_id }/${ route.model }`;
		if ( seen.has( id ) ) {
			return;
		}
		seen.add( id );
		routes.push( {
			id,
			role:
				index === 0
					? __( 'primary', 'ai-failover' )
					: sprintf(
							/* translators: %d: position of the fallback, from 1. */
							__( 'fallback %d', 'ai-failover' ),
							index
						),
		} );
	} );
	return routes;
}

/**
 * The Diagnostics screen's address of one run (relative to wp-admin).
 *
 * @param runId Run id.
 * @return URL.
 */
export const diagnosticsRunUrl = ( runId: string ) =>
	`admin.php?page=ai-failover-diagnostics#run=${ encodeURIComponent( runId ) }`;

const statusLabel = ( status: RunStatus ): string => {
	switch ( status ) {
		case 'success':
			return __( 'Success', 'ai-failover' );
		case 'incomplete':
			return __( 'Incomplete', 'ai-failover' );
		case 'deferred':
			return __( 'Deferred', 'ai-failover' );
		default:
			return __( 'Failed', 'ai-failover' );
	}
};

/**
 * "Served by Provider / model (key 'x')", or that nobody answered.
 *
 * @param result Run result.
 * @return Sentence.
 */
function servedByText( result: RunResult ): string {
	const served = result.served_by;
	if ( ! served ) {
		return __( 'No route answered.', 'ai-failover' );
	}
	return served.key_label === ''
		? sprintf(
				/* translators: 1: provider label, 2: model. */
				__( 'Served by %1$s / %2$s', 'ai-failover' ),
				served.provider,
				served.model
			)
		: sprintf(
				/* translators: 1: provider label, 2: model, 3: key label. */
				__( "Served by %1$s / %2$s (key '%3$s')", 'ai-failover' ),
				served.provider,
				served.model,
				served.key_label
			);
}

/**
 * One run's result: status, degraded notice, answer, who served it, every
 * attempt with its reason, and a link to the run in Diagnostics. Everything
 * is rendered as text.
 *
 * @param props        Props.
 * @param props.result Run result.
 */
export function RunResultView( { result }: { result: RunResult } ) {
	const { error } = result;
	return (
		<div className="aifo-feature-run__result">
			<h3 className="aifo-feature-run__result-title">
				{ __( 'Result', 'ai-failover' ) }{ ' ' }
				<span
					className={ `aifo-badge aifo-feature-run__status is-${ result.status }` }
				>
					{ statusLabel( result.status ) }
				</span>
			</h3>
			{ result.degraded && (
				<Notice
					className="aifo-feature-run__degraded"
					status="warning"
					isDismissible={ false }
				>
					<strong>{ __( 'Degraded', 'ai-failover' ) }</strong>{ ' ' }
					{ result.degraded_notice !== ''
						? result.degraded_notice
						: __(
								'An earlier route or key failed, so this answer did not come from the first choice.',
								'ai-failover'
							) }
				</Notice>
			) }
			{ error && result.status !== 'success' && (
				<Notice
					className="aifo-feature-run__error"
					status={ result.status === 'failed' ? 'error' : 'warning' }
					isDismissible={ false }
				>
					{ sprintf(
						/* translators: 1: error class, such as "server", 2: message. */
						__( 'Error class %1$s: %2$s', 'ai-failover' ),
						error.class,
						error.message === ''
							? __( 'no message', 'ai-failover' )
							: error.message
					) }
					{ typeof error.retry_after === 'number' &&
						' ' +
							sprintf(
								/* translators: %s: duration, such as "2 s". */
								__( '(retry after %s)', 'ai-failover' ),
								formatMs( error.retry_after * 1000 )
							) }
				</Notice>
			) }
			<p className="aifo-feature-run__served-by">
				{ servedByText( result ) }
			</p>
			{ result.output.text !== '' && (
				<div className="aifo-feature-run__answer">
					{ result.output.text }
				</div>
			) }
			{ result.incomplete_reason && (
				<p className="aifo-feature-run__incomplete">
					{ sprintf(
						/* translators: %s: why the stream stopped. */
						__( 'Incomplete: %s', 'ai-failover' ),
						result.incomplete_reason
					) }
				</p>
			) }
			<p className="aifo-feature-run__meta">
				{ sprintf(
					/* translators: 1: duration, 2: input tokens, 3: output tokens. */
					__(
						'%1$s in all; %2$d tokens in, %3$d out.',
						'ai-failover'
					),
					formatMs( result.duration_ms ),
					result.output.usage.input_tokens,
					result.output.usage.output_tokens
				) }
			</p>
			<h4 className="aifo-feature-run__attempts-title">
				{ sprintf(
					/* translators: %d: number of attempts. */
					__( 'Attempts (%d)', 'ai-failover' ),
					result.attempts.length
				) }
			</h4>
			{ result.attempts.length === 0 ? (
				<p>{ __( 'No route was tried.', 'ai-failover' ) }</p>
			) : (
				<AttemptList attempts={ result.attempts } />
			) }
			<p>
				<a
					className="aifo-feature-run__diagnostics"
					href={ diagnosticsRunUrl( result.run_id ) }
				>
					{ __( 'Open in Diagnostics', 'ai-failover' ) }
				</a>
			</p>
		</div>
	);
}

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

	const otherFieldErrors = error
		? Array.from(
				new Set(
					Object.entries( error.fieldErrors )
						.filter(
							( [ field ] ) => ! field.startsWith( 'messages' )
						)
						.map( ( [ , message ] ) => message )
				)
			)
		: [];

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
				<div className="aifo-feature-run__field">
					<TextareaControl
						__nextHasNoMarginBottom
						label={ __( 'Prompt', 'ai-failover' ) }
						value={ prompt }
						rows={ 3 }
						onChange={ ( value: string ) => {
							setPrompt( value );
							setPromptError( undefined );
						} }
					/>
					<FieldError
						id={ `aifo-feature-run-${ feature.id }-prompt-error` }
						message={ promptError }
					/>
				</div>
				<fieldset className="aifo-feature-run__drills">
					<legend className="aifo-feature-run__legend">
						{ __( 'Simulate a failure (optional)', 'ai-failover' ) }
					</legend>
					<p className="aifo-feature-run__hint">
						{ __(
							'A ticked route fails with the chosen error class instead of calling its provider, so you can watch the policy react. Administrators only.',
							'ai-failover'
						) }
					</p>
					{ routes.map( ( route ) => {
						const drill = drillOf( route.id );
						return (
							<div
								key={ route.id }
								className="aifo-feature-run__drill"
							>
								<CheckboxControl
									__nextHasNoMarginBottom
									label={ sprintf(
										/* translators: 1: route, "provider/model", 2: "primary" or "fallback 1". */
										__( 'Fail %1$s (%2$s)', 'ai-failover' ),
										route.id,
										route.role
									) }
									checked={ drill.enabled }
									onChange={ ( checked: boolean ) =>
										setDrill( route.id, {
											enabled: checked,
										} )
									}
								/>
								{ drill.enabled && (
									<SelectControl
										{ ...controlSize() }
										__nextHasNoMarginBottom
										label={ sprintf(
											/* translators: %s: route, "provider/model". */
											__(
												'Error class for %s',
												'ai-failover'
											),
											route.id
										) }
										value={ drill.errorClass }
										options={ ERROR_CLASSES.map(
											( name ) => ( {
												value: name,
												label: `${ name }: ${ triggerLabel( name ) }`,
											} )
										) }
										onChange={ ( value: string ) => {
											const errorClass =
												ERROR_CLASSES.find(
													( name ) => name === value
												);
											if ( errorClass ) {
												setDrill( route.id, {
													errorClass,
												} );
											}
										} }
									/>
								) }
							</div>
						);
					} ) }
				</fieldset>
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
				{ error && (
					<Notice
						className="aifo-feature-run__request-error"
						status="error"
						isDismissible={ false }
					>
						<p>{ error.message }</p>
						{ otherFieldErrors.length > 0 && (
							<ul className="aifo-feature-run__field-errors">
								{ otherFieldErrors.map( ( message ) => (
									<li key={ message }>{ message }</li>
								) ) }
							</ul>
						) }
					</Notice>
				) }
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
