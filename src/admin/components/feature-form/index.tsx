/**
 * External dependencies
 */
import type { ReactNode } from 'react';

/**
 * WordPress dependencies
 */
import {
	Button,
	CheckboxControl,
	Notice,
	SelectControl,
	TextareaControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import type { FieldErrors } from '../../../api/errors';
import {
	CAPABILITIES,
	RetryPolicySchema,
	STRATEGIES,
	TimeoutsSchema,
	type Capability,
	type Feature,
	type Provider,
	type Strategy,
} from '../../../schemas';
import {
	LOCKED_TRIGGERS,
	MAX_FALLBACKS,
	SWITCHABLE_TRIGGERS,
	useFeatureForm,
	type FeatureForm as FeatureFormValues,
	type TriggerName,
} from '../../hooks/use-feature-form';
import { FieldError } from '../field-error';
import { RouteFields } from '../route-fields';
import { BudgetSection } from './budget-section';
import { ErrorRateSection } from './error-rate-section';

type Props = {
	/** Feature to edit; null to create one. */
	feature: Feature | null;
	providers: Provider[];
	onSaved: ( feature: Feature, isNew: boolean ) => void;
	onCancel: () => void;
};

type RetryField = keyof FeatureFormValues[ 'retry' ];
type TimeoutField = keyof FeatureFormValues[ 'timeouts' ];
type AlertField = keyof FeatureFormValues[ 'alerts' ];

/**
 * A fallback trigger (an error class, or validation_failed) in words.
 *
 * @param name Trigger.
 * @return Label.
 */
export const triggerLabel = ( name: TriggerName ): string => {
	switch ( name ) {
		case 'rate_limited':
			return __( 'Rate limited (HTTP 429)', 'ai-failover' );
		case 'server':
			return __( 'Server error (HTTP 5xx)', 'ai-failover' );
		case 'timeout':
			return __( 'Timeout', 'ai-failover' );
		case 'unreachable':
			return __( 'Unreachable (DNS, connection refused)', 'ai-failover' );
		case 'empty_response':
			return __( 'Empty response', 'ai-failover' );
		case 'invalid_response':
			return __(
				'Invalid response (not the expected format)',
				'ai-failover'
			);
		case 'validation_failed':
			return __( 'Answer failed validation', 'ai-failover' );
		case 'context_length':
			return __( 'Prompt too long for the model', 'ai-failover' );
		case 'content_policy':
			return __( 'Refused by a content policy', 'ai-failover' );
		case 'invalid_request':
			return __( 'Invalid request', 'ai-failover' );
		case 'auth':
			return __( 'Key rejected (authentication)', 'ai-failover' );
		case 'payment':
			return __( 'Out of credit (payment)', 'ai-failover' );
		case 'forbidden':
			return __( 'Forbidden', 'ai-failover' );
		case 'unsupported_capability':
			return __( 'Unsupported capability', 'ai-failover' );
	}
};

const lockedReason = ( name: TriggerName ): string => {
	switch ( name ) {
		case 'invalid_request':
			return __(
				'Never falls back: a bad request is bad everywhere, so another route would fail the same way.',
				'ai-failover'
			);
		case 'unsupported_capability':
			return __(
				'Never falls back: list the capabilities the feature requires instead, and routes without them are skipped.',
				'ai-failover'
			);
		default:
			return __(
				'Never falls back: a rejected key or account is this provider’s problem. Its other keys rotate in; the provider never changes.',
				'ai-failover'
			);
	}
};

const strategyOption = ( strategy: Strategy ): string => {
	switch ( strategy ) {
		case 'balanced':
			return __(
				'Balanced: weighted random by route weight',
				'ai-failover'
			);
		case 'capability':
			return __(
				'Capability: in order, minus routes lacking a required capability',
				'ai-failover'
			);
		case 'adaptive':
			return __( 'Adaptive: healthiest route first', 'ai-failover' );
		default:
			return __(
				'Manual: primary, then fallbacks in order',
				'ai-failover'
			);
	}
};

const RETRY_FIELDS: RetryField[] = [
	'base_delay_ms',
	'max_delay_ms',
	'total_budget_ms',
];
const TIMEOUT_FIELDS: TimeoutField[] = [
	'connect_ms',
	'first_byte_ms',
	'total_ms',
];

const ALERT_FIELDS: AlertField[] = [ 'fallback_rate_pct', 'error_rate_pct' ];

const alertLabel = ( field: AlertField ): string =>
	field === 'fallback_rate_pct'
		? __( 'Fallback rate alert (percent)', 'ai-failover' )
		: __( 'Error rate alert (percent)', 'ai-failover' );

const numberLabel = ( field: RetryField | TimeoutField ): string => {
	switch ( field ) {
		case 'base_delay_ms':
			return __( 'First retry delay (ms)', 'ai-failover' );
		case 'max_delay_ms':
			return __( 'Longest retry delay (ms)', 'ai-failover' );
		case 'total_budget_ms':
			return __( 'Total time budget (ms)', 'ai-failover' );
		case 'connect_ms':
			return __( 'Connect timeout (ms)', 'ai-failover' );
		case 'first_byte_ms':
			return __( 'First byte timeout (ms)', 'ai-failover' );
		case 'total_ms':
			return __( 'Attempt timeout (ms)', 'ai-failover' );
		default:
			return field;
	}
};

/**
 * The inclusive range of a retry or timeout field, read from its schema.
 *
 * @param field Field.
 * @return Range text such as "100 to 30000".
 */
const rangeOf = ( field: RetryField | TimeoutField ): string => {
	const schema = (
		field in RetryPolicySchema.shape
			? RetryPolicySchema.shape[ field as RetryField ]
			: TimeoutsSchema.shape[ field as TimeoutField ]
	).unwrap();
	return sprintf(
		/* translators: 1: minimum, 2: maximum. */
		__( '%1$d to %2$d', 'ai-failover' ),
		schema.minValue ?? 0,
		schema.maxValue ?? 0
	);
};

const numberHelp = ( field: RetryField | TimeoutField ): string => {
	const range = rangeOf( field );
	switch ( field ) {
		case 'base_delay_ms':
			return sprintf(
				/* translators: %s: range such as "0 to 10000". */
				__( '%s. Doubles on each retry.', 'ai-failover' ),
				range
			);
		case 'max_delay_ms':
			return sprintf(
				/* translators: %s: range such as "0 to 30000". */
				__( '%s; at least the first retry delay.', 'ai-failover' ),
				range
			);
		case 'total_budget_ms':
			return sprintf(
				/* translators: %s: range such as "1000 to 60000". */
				__(
					'%s. Wall-clock limit for the whole request, all routes included.',
					'ai-failover'
				),
				range
			);
		case 'first_byte_ms':
			return sprintf(
				/* translators: %s: range such as "100 to 60000". */
				__( '%s; at most the attempt timeout.', 'ai-failover' ),
				range
			);
		case 'total_ms':
			return sprintf(
				/* translators: %s: range such as "1000 to 60000". */
				__(
					'%s. One attempt; must fit within the total time budget.',
					'ai-failover'
				),
				range
			);
		default:
			return `${ range }.`;
	}
};

/**
 * Every field-error key the form shows next to a field; the others are
 * listed in the form's error notice, so no server message is lost.
 *
 * @param fallbackCount Number of fallback routes.
 * @return Keys.
 */
function knownPaths( fallbackCount: number ): Set< string > {
	const paths = [
		'id',
		'label',
		'fallbacks',
		'triggers',
		'retry',
		'timeouts',
		'requires',
		'strategy',
		'prefer_local',
		'retry_timeouts',
		'prefer_lower_cost',
		'max_cost_per_request',
		'degraded_notice',
		'alerts',
		'error_rate_breaker',
		'error_rate_breaker.enabled',
		'error_rate_breaker.percent',
		'error_rate_breaker.min_requests',
		'error_rate_breaker.window_s',
		'budget',
		'budget.daily_usd',
		'budget.monthly_usd',
		'budget.downgrade_at_pct',
		'retry.attempts_per_route',
		...RETRY_FIELDS.map( ( f ) => `retry.${ f }` ),
		...TIMEOUT_FIELDS.map( ( f ) => `timeouts.${ f }` ),
		...ALERT_FIELDS.map( ( f ) => `alerts.${ f }` ),
	];
	const routes = [
		'primary',
		...Array.from(
			{ length: fallbackCount },
			( _v, i ) => `fallbacks[${ i }]`
		),
	];
	for ( const route of routes ) {
		paths.push(
			route,
			`${ route }.provider_id`,
			`${ route }.model`,
			`${ route }.weight`
		);
	}
	return new Set( paths );
}

function Section( {
	title,
	children,
	className = '',
}: {
	title: string;
	children: ReactNode;
	className?: string;
} ) {
	return (
		<fieldset className={ `aifo-feature-form__section ${ className }` }>
			<legend className="aifo-feature-form__legend">{ title }</legend>
			{ children }
		</fieldset>
	);
}

/**
 * Creates or edits a feature: its routes, when it falls back, retries,
 * timeouts and routing preferences. The server validates everything (same
 * schema, plus cross-field rules) and reports errors by path, such as
 * `fallbacks[0].provider_id` or `timeouts.total_ms`; each shows next to its
 * field.
 *
 * @param props Props.
 */
export function FeatureForm( props: Props ) {
	const { feature, providers, onSaved, onCancel } = props;
	const defaultProvider =
		providers.find( ( p ) => p.id === 'simulator' )?.id ??
		providers[ 0 ]?.id ??
		'';
	const {
		form,
		isNew,
		isSaving,
		fieldErrors,
		error,
		update,
		setRoute,
		addFallback,
		removeFallback,
		moveFallback,
		save,
	} = useFeatureForm( feature, defaultProvider );
	const prefix = isNew ? 'aifo-feature-new' : `aifo-feature-${ form.id }`;
	const errorId = ( path: string ) =>
		`${ prefix }-error-${ path.replace( /[^a-z0-9_-]/gi, '-' ) }`;
	const fieldError = ( path: string ) => (
		<FieldError id={ errorId( path ) } message={ fieldErrors[ path ] } />
	);

	/**
	 * A number input of a nested group (retry, timeouts, alerts) with its
	 * field error: one definition for the three sections.
	 *
	 * @param group       Group of the form values.
	 * @param field       Field within the group.
	 * @param input       Label, help and bounds.
	 * @param input.label Label.
	 * @param input.help  Help text.
	 * @param input.min   Minimum.
	 * @param input.max   Maximum, if any.
	 */
	const numberField = (
		group: 'retry' | 'timeouts' | 'alerts',
		field: string,
		input: { label: string; help: string; min: number; max?: number }
	) => (
		<div key={ field } className="aifo-feature-form__field">
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ input.label }
				help={ input.help }
				type="number"
				min={ input.min }
				max={ input.max }
				step={ 1 }
				value={
					( form[ group ] as Record< string, string > )[ field ] ?? ''
				}
				onChange={ ( value: string ) =>
					update(
						( current ) => ( {
							...current,
							[ group ]: {
								...current[ group ],
								[ field ]: value,
							},
						} ),
						`${ group }.${ field }`
					)
				}
			/>
			{ fieldError( `${ group }.${ field }` ) }
		</div>
	);

	// The server files a nested error under `alerts` and under its dotted
	// path; it shows once, at the field, unless it names no field of the form.
	const alertsError = ALERT_FIELDS.some(
		( field ) => fieldErrors[ `alerts.${ field }` ] === fieldErrors.alerts
	)
		? undefined
		: fieldErrors.alerts;

	const known = knownPaths( form.fallbacks.length );
	const unclaimed: FieldErrors = Object.fromEntries(
		Object.entries( fieldErrors ).filter(
			( [ path ] ) => ! known.has( path )
		)
	);

	const setText =
		<
			K extends
				'id' | 'label' | 'max_cost_per_request' | 'degraded_notice',
		>(
			field: K
		) =>
		( value: string ) =>
			update(
				( current ) => ( { ...current, [ field ]: value } ),
				field
			);

	const submit = async () => {
		const saved = await save();
		if ( saved ) {
			onSaved( saved, isNew );
		}
	};

	return (
		<form
			className="aifo-feature-form"
			noValidate
			onSubmit={ ( event ) => {
				event.preventDefault();
				void submit();
			} }
		>
			<Section title={ __( 'Feature', 'ai-failover' ) }>
				<div className="aifo-feature-form__row">
					<div className="aifo-feature-form__field">
						<TextControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'ID', 'ai-failover' ) }
							help={ __(
								'Used by code, such as "post-summary". Cannot change later.',
								'ai-failover'
							) }
							value={ form.id }
							disabled={ ! isNew }
							onChange={ setText( 'id' ) }
						/>
						{ fieldError( 'id' ) }
					</div>
					<div className="aifo-feature-form__field">
						<TextControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'Label', 'ai-failover' ) }
							value={ form.label }
							onChange={ setText( 'label' ) }
						/>
						{ fieldError( 'label' ) }
					</div>
				</div>
			</Section>

			<Section title={ __( 'Primary route', 'ai-failover' ) }>
				{ providers.length === 0 && (
					<p className="aifo-feature-form__hint">
						{ __(
							'There are no providers yet: add one on the Providers tab first.',
							'ai-failover'
						) }
					</p>
				) }
				<RouteFields
					idPrefix={ `${ prefix }-primary` }
					path="primary"
					route={ form.primary }
					providers={ providers }
					fieldErrors={ fieldErrors }
					showWeight={ form.strategy === 'balanced' }
					onChange={ ( field, value ) =>
						setRoute( 'primary', field, value )
					}
				/>
			</Section>

			<Section
				title={ __( 'Fallbacks', 'ai-failover' ) }
				className="aifo-feature-form__fallbacks"
			>
				<p
					className={ `aifo-feature-form__fallback-summary${
						form.fallbacks.length === 0 ? ' is-empty' : ''
					}` }
				>
					{ form.fallbacks.length === 0
						? __(
								'No fallbacks: a failure fails, is logged, and stops.',
								'ai-failover'
							)
						: sprintf(
								/* translators: 1: number of fallbacks, 2: maximum. */
								__(
									'%1$d of at most %2$d fallbacks, tried in this order when the primary fails with an error chosen under “When to fall back”.',
									'ai-failover'
								),
								form.fallbacks.length,
								MAX_FALLBACKS
							) }
				</p>
				{ fieldError( 'fallbacks' ) }
				<ol className="aifo-feature-form__fallback-list">
					{ form.fallbacks.map( ( route, index ) => (
						// Routes have no id of their own; the index is their identity here.

						<li
							key={ index }
							className="aifo-feature-form__fallback"
						>
							<RouteFields
								idPrefix={ `${ prefix }-fallback-${ index }` }
								path={ `fallbacks[${ index }]` }
								route={ route }
								providers={ providers }
								fieldErrors={ fieldErrors }
								showWeight={ form.strategy === 'balanced' }
								onChange={ ( field, value ) =>
									setRoute( index, field, value )
								}
							/>
							<div className="aifo-feature-form__fallback-actions">
								<Button
									variant="tertiary"
									disabled={ index === 0 }
									aria-label={ sprintf(
										/* translators: %d: fallback position, from 1. */
										__(
											'Move fallback %d up',
											'ai-failover'
										),
										index + 1
									) }
									onClick={ () => moveFallback( index, -1 ) }
								>
									{ __( 'Move up', 'ai-failover' ) }
								</Button>
								<Button
									variant="tertiary"
									disabled={
										index === form.fallbacks.length - 1
									}
									aria-label={ sprintf(
										/* translators: %d: fallback position, from 1. */
										__(
											'Move fallback %d down',
											'ai-failover'
										),
										index + 1
									) }
									onClick={ () => moveFallback( index, 1 ) }
								>
									{ __( 'Move down', 'ai-failover' ) }
								</Button>
								<Button
									variant="tertiary"
									isDestructive
									aria-label={ sprintf(
										/* translators: %d: fallback position, from 1. */
										__(
											'Remove fallback %d',
											'ai-failover'
										),
										index + 1
									) }
									onClick={ () => removeFallback( index ) }
								>
									{ __( 'Remove', 'ai-failover' ) }
								</Button>
							</div>
						</li>
					) ) }
				</ol>
				<Button
					variant="secondary"
					disabled={ form.fallbacks.length >= MAX_FALLBACKS }
					onClick={ () => addFallback( defaultProvider ) }
				>
					{ __( 'Add fallback', 'ai-failover' ) }
				</Button>
			</Section>

			<Section title={ __( 'When to fall back', 'ai-failover' ) }>
				<p className="aifo-feature-form__hint">
					{ __(
						'Errors that move a request to the next route once its retries are used up.',
						'ai-failover'
					) }
				</p>
				{ fieldError( 'triggers' ) }
				<div className="aifo-feature-form__checkboxes">
					{ SWITCHABLE_TRIGGERS.map( ( name ) => (
						<CheckboxControl
							key={ name }
							__nextHasNoMarginBottom
							label={ triggerLabel( name ) }
							checked={ form.triggers[ name ] }
							onChange={ ( checked: boolean ) =>
								update(
									( current ) => ( {
										...current,
										triggers: {
											...current.triggers,
											[ name ]: checked,
										},
									} ),
									'triggers'
								)
							}
						/>
					) ) }
				</div>
				<div className="aifo-feature-form__checkboxes is-locked">
					{ LOCKED_TRIGGERS.map( ( name ) => (
						<CheckboxControl
							key={ name }
							__nextHasNoMarginBottom
							className="aifo-feature-form__locked-trigger"
							label={ triggerLabel( name ) }
							help={ lockedReason( name ) }
							checked={ false }
							disabled
							onChange={ () => undefined }
						/>
					) ) }
				</div>
			</Section>

			<Section title={ __( 'Retries', 'ai-failover' ) }>
				{ fieldError( 'retry' ) }
				<div className="aifo-feature-form__row">
					<div className="aifo-feature-form__field">
						<SelectControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'Attempts per route', 'ai-failover' ) }
							help={ __(
								'Tries on one route before falling back (1 means no retry).',
								'ai-failover'
							) }
							value={ form.retry.attempts_per_route }
							options={ [ '1', '2', '3' ].map( ( n ) => ( {
								value: n,
								label: n,
							} ) ) }
							onChange={ ( value: string ) =>
								update(
									( current ) => ( {
										...current,
										retry: {
											...current.retry,
											attempts_per_route: value,
										},
									} ),
									'retry.attempts_per_route'
								)
							}
						/>
						{ fieldError( 'retry.attempts_per_route' ) }
					</div>
					{ RETRY_FIELDS.map( ( field ) =>
						numberField( 'retry', field, {
							label: numberLabel( field ),
							help: numberHelp( field ),
							min: 0,
						} )
					) }
				</div>
			</Section>

			<Section title={ __( 'Timeouts', 'ai-failover' ) }>
				{ fieldError( 'timeouts' ) }
				<div className="aifo-feature-form__row">
					{ TIMEOUT_FIELDS.map( ( field ) =>
						numberField( 'timeouts', field, {
							label: numberLabel( field ),
							help: numberHelp( field ),
							min: 100,
						} )
					) }
				</div>
			</Section>

			<Section title={ __( 'Routing', 'ai-failover' ) }>
				<div className="aifo-feature-form__field">
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Strategy', 'ai-failover' ) }
						value={ form.strategy }
						options={ STRATEGIES.map( ( strategy ) => ( {
							value: strategy,
							label: strategyOption( strategy ),
						} ) ) }
						onChange={ ( value: string ) => {
							const strategy = STRATEGIES.find(
								( s ) => s === value
							);
							if ( strategy ) {
								update(
									( current ) => ( { ...current, strategy } ),
									'strategy'
								);
							}
						} }
					/>
					{ fieldError( 'strategy' ) }
				</div>
				<div className="aifo-feature-form__field">
					<p className="aifo-feature-form__label">
						{ __( 'Required capabilities', 'ai-failover' ) }
					</p>
					<p className="aifo-feature-form__hint">
						{ __(
							'Routes whose model lacks one of these are skipped.',
							'ai-failover'
						) }
					</p>
					<div className="aifo-feature-form__checkboxes">
						{ CAPABILITIES.map( ( capability: Capability ) => (
							<CheckboxControl
								key={ capability }
								__nextHasNoMarginBottom
								label={ capability }
								checked={ form.requires.includes( capability ) }
								onChange={ ( checked: boolean ) =>
									update(
										( current ) => ( {
											...current,
											requires: checked
												? [
														...current.requires,
														capability,
													]
												: current.requires.filter(
														( c ) =>
															c !== capability
													),
										} ),
										'requires'
									)
								}
							/>
						) ) }
					</div>
					{ fieldError( 'requires' ) }
				</div>
				<div className="aifo-feature-form__field">
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __( 'Prefer local providers', 'ai-failover' ) }
						checked={ form.prefer_local }
						onChange={ ( checked: boolean ) =>
							update(
								( current ) => ( {
									...current,
									prefer_local: checked,
								} ),
								'prefer_local'
							)
						}
					/>
				</div>
				<div className="aifo-feature-form__field">
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __(
							'Retry a timed-out route before falling back',
							'ai-failover'
						) }
						help={ __(
							'Off: when a fallback is ready, one timeout moves the request on instead of two.',
							'ai-failover'
						) }
						checked={ form.retry_timeouts }
						onChange={ ( checked: boolean ) =>
							update(
								( current ) => ( {
									...current,
									retry_timeouts: checked,
								} ),
								'retry_timeouts'
							)
						}
					/>
				</div>
				<div className="aifo-feature-form__field">
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __( 'Prefer lower cost', 'ai-failover' ) }
						checked={ form.prefer_lower_cost }
						onChange={ ( checked: boolean ) =>
							update(
								( current ) => ( {
									...current,
									prefer_lower_cost: checked,
								} ),
								'prefer_lower_cost'
							)
						}
					/>
				</div>
				<div className="aifo-feature-form__field">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __(
							'Cost ceiling per request (US$)',
							'ai-failover'
						) }
						help={ __(
							'Estimated; routes above it are skipped. 0 means no ceiling.',
							'ai-failover'
						) }
						type="number"
						min={ 0 }
						max={ 100 }
						step={ 0.001 }
						value={ form.max_cost_per_request }
						onChange={ setText( 'max_cost_per_request' ) }
					/>
					{ fieldError( 'max_cost_per_request' ) }
				</div>
			</Section>

			<Section title={ __( 'Degraded notice', 'ai-failover' ) }>
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Notice shown to users', 'ai-failover' ) }
					help={ __(
						'Shown when a fallback or a key rotation served the answer. At most 500 characters.',
						'ai-failover'
					) }
					value={ form.degraded_notice }
					onChange={ setText( 'degraded_notice' ) }
				/>
				{ fieldError( 'degraded_notice' ) }
			</Section>

			<Section title={ __( 'Alerts', 'ai-failover' ) }>
				<p className="aifo-feature-form__hint">
					{ __(
						'Alert when at least this share of the feature’s runs in the alert window needed a fallback or a key rotation, or failed.',
						'ai-failover'
					) }
				</p>
				<FieldError
					id={ errorId( 'alerts' ) }
					message={ alertsError }
				/>
				<div className="aifo-feature-form__row">
					{ ALERT_FIELDS.map( ( field ) =>
						numberField( 'alerts', field, {
							label: alertLabel( field ),
							help: __(
								'0 uses the site-wide threshold (Settings).',
								'ai-failover'
							),
							min: 0,
							max: 100,
						} )
					) }
				</div>
			</Section>

			<ErrorRateSection
				value={ form.error_rate_breaker }
				fieldErrors={ fieldErrors }
				errorId={ errorId }
				onChange={ ( next, path ) =>
					update(
						( current ) => ( {
							...current,
							error_rate_breaker: next,
						} ),
						path
					)
				}
			/>

			<BudgetSection
				form={ form }
				fieldErrors={ fieldErrors }
				errorId={ errorId }
				onChange={ update }
			/>

			{ error && (
				<Notice
					className="aifo-feature-form__notice"
					status="error"
					isDismissible={ false }
				>
					<p>{ error }</p>
					{ Object.keys( unclaimed ).length > 0 && (
						<ul className="aifo-feature-form__other-errors">
							{ Object.entries( unclaimed ).map(
								( [ path, message ] ) => (
									<li key={ path }>
										<code>{ path }</code> { message }
									</li>
								)
							) }
						</ul>
					) }
				</Notice>
			) }
			<div className="aifo-form-actions">
				<Button
					type="submit"
					variant="primary"
					isBusy={ isSaving }
					disabled={ isSaving }
				>
					{ isNew
						? __( 'Create feature', 'ai-failover' )
						: __( 'Save feature', 'ai-failover' ) }
				</Button>
				<Button variant="tertiary" onClick={ onCancel }>
					{ __( 'Cancel', 'ai-failover' ) }
				</Button>
			</div>
		</form>
	);
}
