/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * WordPress dependencies
 */
import { useCallback, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError, type FieldErrors } from '../../api/errors';
import { createFeature, replaceFeature } from '../../api/features';
import {
	ErrorRateBreakerSchema,
	FallbackTriggersSchema,
	FeatureAccessSchema,
	FeatureTierSchema,
	FeatureDrillsSchema,
	FeatureAlertsSchema,
	RetryPolicySchema,
	RoutingPolicySchema,
	SpendBudgetSchema,
	TimeoutsSchema,
	type Capability,
	type FallbackTriggers,
	type Feature,
	type FeatureAccess,
	type FeatureTier,
	type FeatureDrills,
	type FeatureInput,
	type RoutingPolicy,
	type Strategy,
} from '../../schemas';
import {
	numberMessage,
	plainServerErrors,
	validateFeature,
} from '../lib/feature-validation';
import { useIsMounted } from '../../lib/use-is-mounted';

/** At most this many fallbacks (the schema's `fallbacks.max`). */
export const MAX_FALLBACKS = 5;

export type TriggerName = keyof FallbackTriggers;

/**
 * Triggers the schema fixes to false: they can never move a request to the
 * next route. Read from the schema, so the UI cannot drift from it.
 */
export const LOCKED_TRIGGERS = (
	Object.keys( FallbackTriggersSchema.shape ) as TriggerName[]
 ).filter(
	( name ) =>
		FallbackTriggersSchema.shape[ name ].unwrap() instanceof z.ZodLiteral
);

/** Triggers an admin may switch. */
export const SWITCHABLE_TRIGGERS = (
	Object.keys( FallbackTriggersSchema.shape ) as TriggerName[]
 ).filter( ( name ) => ! LOCKED_TRIGGERS.includes( name ) );

/** A route as the form holds it: numbers as typed. */
export type RouteForm = {
	provider_id: string;
	model: string;
	weight: string;
	/** May run when a spend budget is reached. */
	over_budget: boolean;
};

export type FeatureForm = {
	id: string;
	label: string;
	primary: RouteForm;
	fallbacks: RouteForm[];
	triggers: Record< TriggerName, boolean >;
	retry: Record< keyof z.output< typeof RetryPolicySchema >, string >;
	timeouts: Record< keyof z.output< typeof TimeoutsSchema >, string >;
	requires: Capability[];
	strategy: Strategy;
	prefer_local: boolean;
	retry_timeouts: boolean;
	prefer_lower_cost: boolean;
	max_cost_per_request: string;
	degraded_notice: string;
	/** Alert thresholds in percent; "0" uses the site-wide setting. */
	alerts: Record< keyof z.output< typeof FeatureAlertsSchema >, string >;
	/** The error-rate breaker: a switch and its numbers as typed. */
	error_rate_breaker: ErrorRateBreakerForm;
	/** Spend limits as typed. */
	budget: Record< keyof z.output< typeof SpendBudgetSchema >, string >;
	/** Who may run the feature; see accessToForm(). */
	access: AccessForm;
	/** Paid tiers: the notice's rule and who may be served by a fallback. */
	tier: TierForm;
	/** Scheduled drills, as stored. */
	drills: FeatureDrills;
	/** Routing constraints (privacy...), as the schema holds them. */
	routing: RoutingPolicy;
};

/**
 * The tier rule as edited: core roles as checkboxes, other slugs as typed.
 */
export type TierForm = {
	notice_required: boolean;
	fallback_roles: string[];
	other_fallback_roles: string;
};

/**
 * The access rule as edited: WordPress's own roles as checkboxes, other role
 * slugs and the allow-list as typed (comma-separated, one entry a line).
 */
export type AccessForm = {
	roles: string[];
	other_roles: string;
	ip_allow: string;
	allow_server_runs: boolean;
};

/** WordPress's own roles, offered as checkboxes. */
export const CORE_ROLES = [
	'administrator',
	'editor',
	'author',
	'contributor',
	'subscriber',
] as const;

const isCoreRole = ( role: string ) =>
	( CORE_ROLES as readonly string[] ).includes( role );

const otherRoles = ( roles: string[] ) =>
	roles.filter( ( role ) => ! isCoreRole( role ) ).join( ', ' );

const joinRoles = ( checked: string[], typed: string ) => [
	...checked,
	...typed
		.split( /[\s,]+/ )
		.map( ( role ) => role.trim() )
		.filter( ( role ) => role !== '' && ! checked.includes( role ) ),
];

const tierToForm = ( value: FeatureTier ): TierForm => ( {
	notice_required: value.notice_required,
	fallback_roles: value.fallback_roles.filter( isCoreRole ),
	other_fallback_roles: otherRoles( value.fallback_roles ),
} );

const accessToForm = ( value: FeatureAccess ): AccessForm => ( {
	roles: value.roles.filter( isCoreRole ),
	other_roles: otherRoles( value.roles ),
	ip_allow: value.ip_allow.join( '\n' ),
	allow_server_runs: value.allow_server_runs,
} );

const accessToInput = ( form: AccessForm ): FeatureAccess => ( {
	roles: joinRoles( form.roles, form.other_roles ),
	ip_allow: form.ip_allow
		.split( '\n' )
		.map( ( line ) => line.trim() )
		.filter( ( line ) => line !== '' ),
	allow_server_runs: form.allow_server_runs,
} );

export type ErrorRateBreakerForm = { enabled: boolean } & Record<
	Exclude< keyof z.output< typeof ErrorRateBreakerSchema >, 'enabled' >,
	string
>;

const errorRateToForm = (
	value: z.output< typeof ErrorRateBreakerSchema >
): ErrorRateBreakerForm => ( {
	enabled: value.enabled,
	percent: String( value.percent ),
	min_requests: String( value.min_requests ),
	window_s: String( value.window_s ),
} );

const stringify = < T extends Record< string, number > >(
	values: T
): Record< keyof T, string > =>
	Object.fromEntries(
		Object.entries( values ).map( ( [ k, v ] ) => [ k, String( v ) ] )
	) as Record< keyof T, string >;

/**
 * The form of a new feature: the schema's defaults, no fallbacks, and no
 * provider chosen (a preselected one would be saved by a user who never
 * looked at it).
 *
 * @return Form values.
 */
export function newFeatureForm(): FeatureForm {
	return {
		id: '',
		label: '',
		primary: {
			provider_id: '',
			model: '',
			weight: '1',
			over_budget: false,
		},
		fallbacks: [],
		triggers: FallbackTriggersSchema.parse( {} ),
		retry: stringify( RetryPolicySchema.parse( {} ) ),
		timeouts: stringify( TimeoutsSchema.parse( {} ) ),
		requires: [],
		strategy: 'manual',
		prefer_local: false,
		retry_timeouts: false,
		prefer_lower_cost: false,
		max_cost_per_request: '0',
		degraded_notice: '',
		alerts: stringify( FeatureAlertsSchema.parse( {} ) ),
		error_rate_breaker: errorRateToForm(
			ErrorRateBreakerSchema.parse( {} )
		),
		budget: stringify( SpendBudgetSchema.parse( {} ) ),
		access: accessToForm( FeatureAccessSchema.parse( {} ) ),
		tier: tierToForm( FeatureTierSchema.parse( {} ) ),
		drills: FeatureDrillsSchema.parse( {} ),
		routing: RoutingPolicySchema.parse( {} ),
	};
}

/**
 * The form of a saved feature.
 *
 * @param feature Feature from the server.
 * @return Form values.
 */
export function featureToForm( feature: Feature ): FeatureForm {
	const route = ( r: Feature[ 'primary' ] ): RouteForm => ( {
		provider_id: r.provider_id,
		model: r.model,
		weight: String( r.weight ),
		over_budget: r.over_budget,
	} );
	return {
		id: feature.id,
		label: feature.label,
		primary: route( feature.primary ),
		fallbacks: feature.fallbacks.map( route ),
		triggers: { ...feature.triggers },
		retry: stringify( feature.retry ),
		timeouts: stringify( feature.timeouts ),
		requires: [ ...feature.requires ],
		strategy: feature.strategy,
		prefer_local: feature.prefer_local,
		retry_timeouts: feature.retry_timeouts,
		prefer_lower_cost: feature.prefer_lower_cost,
		max_cost_per_request: String( feature.max_cost_per_request ),
		degraded_notice: feature.degraded_notice,
		alerts: stringify( feature.alerts ),
		error_rate_breaker: errorRateToForm( feature.error_rate_breaker ),
		budget: stringify( feature.budget ),
		access: accessToForm( feature.access ),
		tier: tierToForm( feature.tier ),
		drills: { ...feature.drills, steps: [ ...feature.drills.steps ] },
		routing: RoutingPolicySchema.parse( feature.routing ),
	};
}

/**
 * The request body for a form, plus errors for number fields that do not
 * hold a number (validateFeature() checks the rest).
 *
 * @param form Form values.
 * @return Body and local errors, keyed like the server's (`fallbacks[0].weight`).
 */
export function formToInput( form: FeatureForm ): {
	input: FeatureInput;
	errors: FieldErrors;
} {
	const errors: FieldErrors = {};
	const num = ( path: string, text: string ): number => {
		const trimmed = text.trim();
		const value = Number( trimmed );
		if ( trimmed === '' || ! Number.isFinite( value ) ) {
			errors[ path ] =
				numberMessage( path ) ?? __( 'Enter a number.', 'ai-failover' );
			return 0;
		}
		return value;
	};
	const route = ( path: string, r: RouteForm ) => ( {
		provider_id: r.provider_id,
		model: r.model.trim(),
		weight: num( `${ path }.weight`, r.weight ),
		over_budget: r.over_budget,
	} );
	const numbers = < K extends string >(
		prefix: string,
		values: Record< K, string >
	) =>
		Object.fromEntries(
			( Object.entries( values ) as Array< [ K, string ] > ).map(
				( [ key, text ] ) => [
					key,
					num( `${ prefix }.${ key }`, text ),
				]
			)
		) as Record< K, number >;

	const triggers = { ...form.triggers };
	for ( const name of LOCKED_TRIGGERS ) {
		triggers[ name ] = false;
	}

	const input: FeatureInput = {
		id: form.id.trim(),
		label: form.label.trim(),
		primary: route( 'primary', form.primary ),
		fallbacks: form.fallbacks.map( ( r, i ) =>
			route( `fallbacks[${ i }]`, r )
		),
		triggers: triggers as FeatureInput[ 'triggers' ],
		retry: numbers( 'retry', form.retry ),
		timeouts: numbers( 'timeouts', form.timeouts ),
		requires: form.requires,
		strategy: form.strategy,
		prefer_local: form.prefer_local,
		retry_timeouts: form.retry_timeouts,
		prefer_lower_cost: form.prefer_lower_cost,
		max_cost_per_request: num(
			'max_cost_per_request',
			form.max_cost_per_request
		),
		degraded_notice: form.degraded_notice,
		alerts: numbers( 'alerts', form.alerts ),
		error_rate_breaker: {
			enabled: form.error_rate_breaker.enabled,
			percent: num(
				'error_rate_breaker.percent',
				form.error_rate_breaker.percent
			),
			min_requests: num(
				'error_rate_breaker.min_requests',
				form.error_rate_breaker.min_requests
			),
			window_s: num(
				'error_rate_breaker.window_s',
				form.error_rate_breaker.window_s
			),
		},
		budget: numbers( 'budget', form.budget ),
		access: accessToInput( form.access ),
		tier: {
			notice_required: form.tier.notice_required,
			fallback_roles: joinRoles(
				form.tier.fallback_roles,
				form.tier.other_fallback_roles
			),
		},
		drills: form.drills,
		routing: form.routing,
	};
	return { input, errors };
}

/**
 * Whether a field-error key belongs to the fallback list (its indexes shift
 * when routes move).
 *
 * @param path Error key.
 */
const isFallbackPath = ( path: string ) => path.startsWith( 'fallbacks' );

export type UseFeatureForm = {
	form: FeatureForm;
	/** Whether the form edits a saved feature (PUT) or creates one (POST). */
	isNew: boolean;
	isSaving: boolean;
	fieldErrors: FieldErrors;
	/** Error message for the form as a whole; null when none. */
	error: string | null;
	/**
	 * Goes up each time a save is refused with field errors, so the form
	 * can move focus to the first one (also when they did not change).
	 */
	refusals: number;
	update: (
		change: ( form: FeatureForm ) => FeatureForm,
		path?: string
	) => void;
	setRoute: (
		index: number | 'primary',
		field: keyof RouteForm,
		value: string
	) => void;
	addFallback: () => void;
	removeFallback: ( index: number ) => void;
	moveFallback: ( index: number, by: -1 | 1 ) => void;
	/** Saves; resolves with the saved feature, or null when it failed. */
	save: () => Promise< Feature | null >;
};

const NOT_SAVED = () =>
	__(
		'The feature was not saved. Correct the highlighted fields and try again.',
		'ai-failover'
	);

/**
 * State of the feature form: values, field errors and saving. A save is
 * checked first on the client, with the schema the server uses, and every
 * error shows at once; the server's field errors are worded the same way.
 *
 * @param feature     Feature to edit; null for a new one.
 * @param providerIds Ids of the existing providers; null when not known.
 * @return Form state and actions.
 */
export function useFeatureForm(
	feature: Feature | null,
	providerIds: string[] | null = null
): UseFeatureForm {
	const [ form, setForm ] = useState< FeatureForm >( () =>
		feature ? featureToForm( feature ) : newFeatureForm()
	);
	const [ refusals, setRefusals ] = useState( 0 );
	const [ fieldErrors, setFieldErrors ] = useState< FieldErrors >( {} );
	const [ error, setError ] = useState< string | null >( null );
	const [ isSaving, setIsSaving ] = useState( false );
	const isMounted = useIsMounted();
	const isNew = feature === null;

	const clearErrors = useCallback(
		( match: ( path: string, errors: FieldErrors ) => boolean ) =>
			setFieldErrors( ( current ) =>
				Object.fromEntries(
					Object.entries( current ).filter(
						( [ path ] ) => ! match( path, current )
					)
				)
			),
		[]
	);

	const update = useCallback(
		( change: ( current: FeatureForm ) => FeatureForm, path?: string ) => {
			setForm( change );
			if ( path !== undefined ) {
				clearErrors(
					( key, errors ) =>
						key === path ||
						key.startsWith( `${ path }.` ) ||
						// The server's copy of this field's error under the
						// top-level key (`alerts` for `alerts.error_rate_pct`).
						( path.startsWith( `${ key }.` ) &&
							errors[ key ] === errors[ path ] )
				);
			}
		},
		[ clearErrors ]
	);

	const setRoute = useCallback(
		(
			index: number | 'primary',
			field: keyof RouteForm,
			value: string
		) => {
			const path =
				index === 'primary' ? 'primary' : `fallbacks[${ index }]`;
			setForm( ( current ) =>
				index === 'primary'
					? {
							...current,
							primary: { ...current.primary, [ field ]: value },
						}
					: {
							...current,
							fallbacks: current.fallbacks.map( ( r, i ) =>
								i === index ? { ...r, [ field ]: value } : r
							),
						}
			);
			clearErrors(
				( key ) => key === path || key === `${ path }.${ field }`
			);
		},
		[ clearErrors ]
	);

	const addFallback = useCallback( () => {
		setForm( ( current ) =>
			current.fallbacks.length >= MAX_FALLBACKS
				? current
				: {
						...current,
						fallbacks: [
							...current.fallbacks,
							{
								provider_id: '',
								model: '',
								weight: '1',
								over_budget: false,
							},
						],
					}
		);
	}, [] );

	const removeFallback = useCallback(
		( index: number ) => {
			setForm( ( current ) => ( {
				...current,
				fallbacks: current.fallbacks.filter( ( _r, i ) => i !== index ),
			} ) );
			clearErrors( isFallbackPath );
		},
		[ clearErrors ]
	);

	const moveFallback = useCallback(
		( index: number, by: -1 | 1 ) => {
			setForm( ( current ) => {
				const target = index + by;
				const fallbacks = [ ...current.fallbacks ];
				const moving = fallbacks[ index ];
				const other = fallbacks[ target ];
				if ( ! moving || ! other ) {
					return current;
				}
				fallbacks[ target ] = moving;
				fallbacks[ index ] = other;
				return { ...current, fallbacks };
			} );
			clearErrors( isFallbackPath );
		},
		[ clearErrors ]
	);

	const save = useCallback( async () => {
		const { input, errors: numberErrors } = formToInput( form );
		const errors = {
			...validateFeature( input, providerIds ),
			...numberErrors,
		};
		if ( Object.keys( errors ).length > 0 ) {
			setFieldErrors( errors );
			setError( NOT_SAVED() );
			setRefusals( ( n ) => n + 1 );
			return null;
		}
		setIsSaving( true );
		setError( null );
		try {
			const saved =
				feature === null
					? await createFeature( input )
					: await replaceFeature( feature.id, input );
			if ( isMounted() ) {
				setFieldErrors( {} );
				setIsSaving( false );
			}
			return saved;
		} catch ( failure ) {
			const apiError = toApiError( failure );
			if ( isMounted() ) {
				const hasFieldErrors =
					Object.keys( apiError.fieldErrors ).length > 0;
				setFieldErrors(
					plainServerErrors( apiError.fieldErrors, input )
				);
				setError( hasFieldErrors ? NOT_SAVED() : apiError.message );
				if ( hasFieldErrors ) {
					setRefusals( ( n ) => n + 1 );
				}
				setIsSaving( false );
			}
			return null;
		}
	}, [ form, feature, providerIds, isMounted ] );

	return {
		form,
		isNew,
		isSaving,
		fieldErrors,
		error,
		refusals,
		update,
		setRoute,
		addFallback,
		removeFallback,
		moveFallback,
		save,
	};
}
