/**
 * External dependencies
 */
import { z } from 'zod';

/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldErrors } from '../../api/errors';
import {
	ErrorRateBreakerSchema,
	FeatureAlertsSchema,
	FeatureSchema,
	RetryPolicySchema,
	RouteSchema,
	RoutingPolicySchema,
	SpendBudgetSchema,
	TimeoutsSchema,
	type FeatureInput,
} from '../../schemas';

type Issue = z.core.$ZodIssue;

const RETRY_DEFAULTS = RetryPolicySchema.parse( {} );
const TIMEOUT_DEFAULTS = TimeoutsSchema.parse( {} );
type NumberSchema = {
	minValue: number | null;
	maxValue: number | null;
	isInt?: boolean;
};

/** Number fields that hold an amount in US dollars. */
const AMOUNT_KEYS = [
	'max_cost_per_request',
	'budget.daily_usd',
	'budget.monthly_usd',
];

/**
 * An issue's path in the server's field-error form: `fallbacks[0].model`,
 * `retry.base_delay_ms`.
 *
 * @param path zod issue path.
 * @return Field-error key.
 */
export function issuePath( path: ReadonlyArray< PropertyKey > ): string {
	return path.reduce< string >( ( key, part ) => {
		if ( typeof part === 'number' ) {
			return `${ key }[${ part }]`;
		}
		return key === '' ? String( part ) : `${ key }.${ String( part ) }`;
	}, '' );
}

/**
 * The number schema of a field-error key, to say its range in words.
 *
 * @param key Field-error key.
 * @return Schema with minValue/maxValue, or null for a non-number field.
 */
function numberSchemaOf( key: string ): NumberSchema | null {
	const [ group, field, policyField ] = key.split( '.' ) as [
		string,
		string?,
		string?,
	];
	const unwrap = ( schema: unknown ) =>
		( schema as { unwrap: () => NumberSchema } ).unwrap();
	if ( group === 'routing' && field && policyField ) {
		// routing.latency.threshold_ms: a number of one routing policy.
		const policy = (
			RoutingPolicySchema.shape as Record< string, unknown >
		 )[ field ];
		const shape = policy
			? (
					unwrap( policy ) as unknown as {
						shape: Record< string, unknown >;
					}
				 ).shape
			: undefined;
		const schema = shape?.[ policyField ];
		const number = schema ? unwrap( schema ) : null;
		return number instanceof z.ZodNumber ? number : null;
	}
	if ( field === 'weight' ) {
		return unwrap( RouteSchema.shape.weight );
	}
	if ( key === 'max_cost_per_request' ) {
		return unwrap( FeatureSchema.shape.max_cost_per_request );
	}
	const shapes: Record< string, Record< string, unknown > > = {
		retry: RetryPolicySchema.shape,
		timeouts: TimeoutsSchema.shape,
		alerts: FeatureAlertsSchema.shape,
		budget: SpendBudgetSchema.shape,
		error_rate_breaker: ErrorRateBreakerSchema.shape,
	};
	const schema = field ? shapes[ group ]?.[ field ] : undefined;
	return schema ? unwrap( schema ) : null;
}

/**
 * "Enter a whole number from 0 to 10000." for a number field.
 *
 * @param key Field-error key.
 * @return Message, or null when the key is no number field.
 */
export function numberMessage( key: string ): string | null {
	const schema = numberSchemaOf( key );
	if ( ! schema ) {
		return null;
	}
	if ( AMOUNT_KEYS.includes( key ) ) {
		return sprintf(
			/* translators: 1: minimum, 2: maximum, in US dollars. */
			__( 'Enter an amount from %1$s to %2$s US$.', 'ai-failover' ),
			String( schema.minValue ?? 0 ),
			String( schema.maxValue ?? 0 )
		);
	}
	if ( schema.isInt === false ) {
		return sprintf(
			/* translators: 1: minimum, 2: maximum. */
			__( 'Enter a number from %1$s to %2$s.', 'ai-failover' ),
			String( schema.minValue ?? 0 ),
			String( schema.maxValue ?? 0 )
		);
	}
	return sprintf(
		/* translators: 1: minimum, 2: maximum. */
		__( 'Enter a whole number from %1$d to %2$d.', 'ai-failover' ),
		schema.minValue ?? 0,
		schema.maxValue ?? 0
	);
}

/**
 * The value at a zod issue's path, to quote it in a message.
 *
 * @param input Feature as it will be sent.
 * @param path  zod issue path.
 * @return Value, or undefined.
 */
function valueAt( input: unknown, path: ReadonlyArray< PropertyKey > ) {
	return path.reduce< unknown >(
		( value, part ) =>
			value !== null && typeof value === 'object'
				? ( value as Record< PropertyKey, unknown > )[ part ]
				: undefined,
		input
	);
}

/**
 * One schema issue in plain words, as an admin would want it next to the
 * field: what to enter, not which rule failed.
 *
 * @param key   Field-error key.
 * @param issue zod issue.
 * @param value
 * @return Message.
 */
function plainMessage( key: string, issue: Issue, value: unknown ): string {
	const field = key.split( '.' ).pop() ?? key;
	const number = numberMessage( key );
	if ( number ) {
		return number;
	}
	if (
		/^(roles|fallback_roles)\[\d+\]$/.test( field ) &&
		issue.code === 'invalid_format'
	) {
		return sprintf(
			/* translators: %s: What was typed as a role. */
			__(
				'"%s" is not a role slug: use the slug the role’s plugin registers (lowercase letters, digits, dashes and underscores, such as premium_member).',
				'ai-failover'
			),
			String( value )
		);
	}
	const tooLong =
		issue.code === 'too_big' && 'maximum' in issue
			? sprintf(
					/* translators: %d: maximum number of characters. */
					__( 'Use at most %d characters.', 'ai-failover' ),
					Number( issue.maximum )
				)
			: null;
	switch ( field ) {
		case 'id':
			if ( issue.code === 'too_small' ) {
				return __(
					'Enter an ID, such as "post-summary".',
					'ai-failover'
				);
			}
			return (
				tooLong ??
				__(
					'Use lowercase letters, digits and dashes, starting with a letter or digit.',
					'ai-failover'
				)
			);
		case 'label':
			return tooLong ?? __( 'Enter a label.', 'ai-failover' );
		case 'provider_id':
			return __( 'Choose a provider.', 'ai-failover' );
		case 'model':
			if ( issue.code === 'too_small' ) {
				return __(
					'Enter a model, such as one the list suggests.',
					'ai-failover'
				);
			}
			return (
				tooLong ??
				__(
					'A model id has no spaces and starts with a letter or digit: copy it as the provider spells it.',
					'ai-failover'
				)
			);
		case 'degraded_notice':
			return tooLong ?? issue.message;
		case 'fallbacks':
			return __( 'Use at most 5 fallbacks.', 'ai-failover' );
		case 'requires':
			return __( 'Choose at most 5 capabilities.', 'ai-failover' );
	}
	return issue.message;
}

/**
 * The rules across fields that the schema alone cannot say (the server
 * checks the same ones, in Feature_Repository::cross_field_problem()).
 *
 * @param input       Feature as it will be sent.
 * @param providerIds Ids of the providers that exist; null to skip that check.
 * @return Errors by field-error key.
 */
function crossFieldErrors(
	input: FeatureInput,
	providerIds: string[] | null
): FieldErrors {
	const errors: FieldErrors = {};
	const routes: Array< [ string, FeatureInput[ 'primary' ] ] > = [
		[ 'primary', input.primary ],
		...( input.fallbacks ?? [] ).map(
			( route, index ): [ string, FeatureInput[ 'primary' ] ] => [
				`fallbacks[${ index }]`,
				route,
			]
		),
	];
	const seen = new Map< string, string >();
	for ( const [ path, route ] of routes ) {
		if (
			providerIds &&
			route.provider_id !== '' &&
			! providerIds.includes( route.provider_id )
		) {
			errors[ `${ path }.provider_id` ] = __(
				'This provider no longer exists: choose another one.',
				'ai-failover'
			);
		}
		if ( route.provider_id === '' || route.model === '' ) {
			continue;
		}
		const key = `${ route.provider_id }\n${ route.model }`;
		const first = seen.get( key );
		if ( first !== undefined ) {
			errors[ `${ path }.model` ] =
				first === 'primary'
					? __(
							'The primary route already uses this provider and model: each route may appear once.',
							'ai-failover'
						)
					: __(
							'An earlier fallback already uses this provider and model: each route may appear once.',
							'ai-failover'
						);
		} else {
			seen.set( key, path );
		}
	}
	// Missing values take their defaults, as on the server.
	const retry = {
		base_delay_ms:
			input.retry?.base_delay_ms ?? RETRY_DEFAULTS.base_delay_ms,
		max_delay_ms: input.retry?.max_delay_ms ?? RETRY_DEFAULTS.max_delay_ms,
		total_budget_ms:
			input.retry?.total_budget_ms ?? RETRY_DEFAULTS.total_budget_ms,
	};
	const timeouts = {
		first_byte_ms:
			input.timeouts?.first_byte_ms ?? TIMEOUT_DEFAULTS.first_byte_ms,
		total_ms: input.timeouts?.total_ms ?? TIMEOUT_DEFAULTS.total_ms,
	};
	if ( retry.max_delay_ms < retry.base_delay_ms ) {
		errors[ 'retry.max_delay_ms' ] = __(
			'Make the longest retry delay at least the first retry delay.',
			'ai-failover'
		);
	}
	if ( timeouts.total_ms > retry.total_budget_ms ) {
		errors[ 'timeouts.total_ms' ] = __(
			'One attempt cannot take longer than the total time budget (Retries): lower this or raise the budget.',
			'ai-failover'
		);
	}
	if ( timeouts.first_byte_ms > timeouts.total_ms ) {
		errors[ 'timeouts.first_byte_ms' ] = __(
			'The first byte timeout cannot be longer than the attempt timeout.',
			'ai-failover'
		);
	}
	return errors;
}

/**
 * Every problem of a feature at once, by field, in plain words: the feature
 * schema (the one the server validates with) plus the rules across fields.
 * The first problem of each field is kept.
 *
 * @param input       Feature as it will be sent.
 * @param providerIds Ids of the providers that exist; null to skip that check.
 * @return Errors by field-error key; empty when the feature is valid.
 */
export function validateFeature(
	input: FeatureInput,
	providerIds: string[] | null = null
): FieldErrors {
	const errors: FieldErrors = {};
	const result = FeatureSchema.safeParse( input );
	if ( ! result.success ) {
		for ( const issue of result.error.issues ) {
			const key = issuePath( issue.path );
			if ( errors[ key ] === undefined ) {
				errors[ key ] = plainMessage(
					key,
					issue,
					valueAt( input, issue.path )
				);
			}
		}
	}
	for ( const [ key, message ] of Object.entries(
		crossFieldErrors( input, providerIds )
	) ) {
		errors[ key ] ??= message;
	}
	return errors;
}

/**
 * The server's field errors in the same plain words as the client's: a
 * server key the client's own check also flags gets the client's message;
 * "x must be between 0 (inclusive) and 10000 (inclusive)" on a number field
 * becomes "Enter a whole number from 0 to 10000."; anything else (such as a
 * provider that was deleted meanwhile) keeps the server's words. The
 * server's copy of a nested error under its parent key (`retry` for
 * `retry.base_delay_ms`) is dropped when the nested key has it.
 *
 * @param server Server field errors.
 * @param input  Feature that was sent.
 * @return Errors by field-error key.
 */
export function plainServerErrors(
	server: FieldErrors,
	input: FeatureInput
): FieldErrors {
	const local = validateFeature( input );
	const errors: FieldErrors = {};
	for ( const [ key, message ] of Object.entries( server ) ) {
		const duplicate = Object.entries( server ).some(
			( [ other, text ] ) =>
				other.startsWith( `${ key }.` ) && text === message
		);
		if ( duplicate ) {
			continue;
		}
		errors[ key ] =
			local[ key ] ??
			( /must be between|is not of type|must be greater|must be less/.test(
				message
			)
				? numberMessage( key )
				: null ) ??
			message;
	}
	return errors;
}
