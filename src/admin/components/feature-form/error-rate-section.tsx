/**
 * WordPress dependencies
 */
import { TextControl, ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldErrors } from '../../../api/errors';
import type { ErrorRateBreakerForm } from '../../hooks/use-feature-form';
import { errorProps, FieldError } from '../../../components/field-error';

type NumberField = Exclude< keyof ErrorRateBreakerForm, 'enabled' >;

type Props = {
	value: ErrorRateBreakerForm;
	fieldErrors: FieldErrors;
	/** Element id of a field path's error, for aria-describedby. */
	errorId: ( path: string ) => string;
	/** Applies a change; `path` clears that field's server error. */
	onChange: ( next: ErrorRateBreakerForm, path: string ) => void;
};

const FIELDS: Array< {
	field: NumberField;
	label: string;
	min: number;
	max: number;
	step: number;
} > = [
	{
		field: 'percent',
		label: __( 'Failure share (%)', 'ai-failover' ),
		min: 0.1,
		max: 100,
		step: 0.1,
	},
	{
		field: 'min_requests',
		label: __( 'Minimum requests', 'ai-failover' ),
		min: 1,
		max: 10000,
		step: 1,
	},
	{
		field: 'window_s',
		label: __( 'Window (seconds)', 'ai-failover' ),
		min: 10,
		max: 600,
		step: 1,
	},
];

/**
 * The error-rate breaker of a feature's routes, with what it does in words.
 *
 * @see \AI_Failover\Engine\Error_Rate_Rule
 *
 * @param props Props.
 */
export function ErrorRateSection( props: Props ) {
	const { value, fieldErrors, errorId, onChange } = props;
	const path = 'error_rate_breaker';
	return (
		<fieldset className="aifo-feature-form__section aifo-feature-form__error-rate">
			<legend className="aifo-feature-form__legend">
				{ __( 'Error-rate breaker', 'ai-failover' ) }
			</legend>
			<p className="aifo-feature-form__hint">
				{ value.enabled
					? sprintf(
							/* translators: 1: Percent, 2: Seconds, 3: Number of requests. */
							__(
								'When at least %1$s %% of the requests to one of this feature’s routes fail within %2$s s, counted once there are %3$s of them, the route’s circuit breaker opens: the route is skipped for 30 s, then one probe request at a time tests it. Each opening is explained in the run’s attempts and logged.',
								'ai-failover'
							),
							value.percent,
							value.window_s,
							value.min_requests
						)
					: __(
							'Off: a route’s circuit breaker opens only after 5 failures in a row. Switch on to open it on a failure rate as well, such as 5 % of at least 20 requests in 60 s.',
							'ai-failover'
						) }
			</p>
			<FieldError
				id={ errorId( path ) }
				message={ fieldErrors[ path ] }
			/>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Open a route’s breaker on its failure rate',
						'ai-failover'
					) }
					checked={ value.enabled }
					onChange={ ( checked: boolean ) =>
						onChange(
							{ ...value, enabled: checked },
							`${ path }.enabled`
						)
					}
				/>
			</div>
			{ value.enabled && (
				<div className="aifo-feature-form__row">
					{ FIELDS.map( ( input ) => (
						<div
							key={ input.field }
							className="aifo-feature-form__field"
						>
							<TextControl
								__nextHasNoMarginBottom
								label={ input.label }
								type="number"
								min={ input.min }
								max={ input.max }
								step={ input.step }
								value={ value[ input.field ] }
								onChange={ ( text: string ) =>
									onChange(
										{ ...value, [ input.field ]: text },
										`${ path }.${ input.field }`
									)
								}
								{ ...errorProps(
									errorId( `${ path }.${ input.field }` ),
									fieldErrors[ `${ path }.${ input.field }` ]
								) }
							/>
							<FieldError
								announce={ false }
								id={ errorId( `${ path }.${ input.field }` ) }
								message={
									fieldErrors[ `${ path }.${ input.field }` ]
								}
							/>
						</div>
					) ) }
				</div>
			) }
		</fieldset>
	);
}
