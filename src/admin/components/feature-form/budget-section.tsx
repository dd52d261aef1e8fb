/**
 * WordPress dependencies
 */
import { CheckboxControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldErrors } from '../../../api/errors';
import type { FeatureForm, RouteForm } from '../../hooks/use-feature-form';
import { errorProps, FieldError } from '../../../components/field-error';

type BudgetField = keyof FeatureForm[ 'budget' ];

type Props = {
	form: FeatureForm;
	fieldErrors: FieldErrors;
	/** Element id of a field path's error, for aria-describedby. */
	errorId: ( path: string ) => string;
	/** Applies a change; `path` clears that field's server error. */
	onChange: (
		change: ( form: FeatureForm ) => FeatureForm,
		path: string
	) => void;
};

const FIELDS: Array< {
	field: BudgetField;
	label: string;
	min: number;
	max: number;
	step: number;
} > = [
	{
		field: 'daily_usd',
		label: __( 'Daily limit (US$)', 'ai-failover' ),
		min: 0,
		max: 1000000,
		step: 0.01,
	},
	{
		field: 'monthly_usd',
		label: __( 'Monthly limit (US$)', 'ai-failover' ),
		min: 0,
		max: 1000000,
		step: 0.01,
	},
	{
		field: 'downgrade_at_pct',
		label: __( 'Cheaper routes first from (%)', 'ai-failover' ),
		min: 1,
		max: 100,
		step: 1,
	},
];

/**
 * The feature's spend budget and the routes that may run past it, with what
 * it does in words.
 *
 * @see \AI_Failover\Engine\Spend_Budget
 *
 * @param props Props.
 */
export function BudgetSection( props: Props ) {
	const { form, fieldErrors, errorId, onChange } = props;
	const limited =
		Number( form.budget.daily_usd ) > 0 ||
		Number( form.budget.monthly_usd ) > 0;
	const routes: Array< { route: RouteForm; index: number | 'primary' } > = [
		{ route: form.primary, index: 'primary' },
		...form.fallbacks.map( ( route, index ) => ( { route, index } ) ),
	];
	const setOverBudget = ( index: number | 'primary', checked: boolean ) =>
		onChange(
			( current ) =>
				index === 'primary'
					? {
							...current,
							primary: {
								...current.primary,
								over_budget: checked,
							},
						}
					: {
							...current,
							fallbacks: current.fallbacks.map( ( r, i ) =>
								i === index ? { ...r, over_budget: checked } : r
							),
						},
			index === 'primary' ? 'primary' : `fallbacks[${ index }]`
		);

	return (
		<fieldset className="aifo-feature-form__section aifo-feature-form__budget">
			<legend className="aifo-feature-form__legend">
				{ __( 'Spend budget', 'ai-failover' ) }
			</legend>
			<p className="aifo-feature-form__hint">
				{ limited
					? sprintf(
							/* translators: %s: Percent. */
							__(
								'Counted from the cost of every attempt, fallbacks included, per day and per month in the site’s time zone. From %s %% of a limit the cheapest routes go first; an attempt that would pass a limit is skipped, so only the routes marked below run at the limit, and a run with none left stops. Each decision is in the run’s attempts. The site-wide limits (Settings) count too.',
								'ai-failover'
							),
							form.budget.downgrade_at_pct
						)
					: __(
							'No limit: 0 for both. The site-wide limits (Settings) still apply.',
							'ai-failover'
						) }
			</p>
			<FieldError
				id={ errorId( 'budget' ) }
				message={ fieldErrors.budget }
			/>
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
							value={ form.budget[ input.field ] }
							onChange={ ( text: string ) =>
								onChange(
									( current ) => ( {
										...current,
										budget: {
											...current.budget,
											[ input.field ]: text,
										},
									} ),
									`budget.${ input.field }`
								)
							}
							{ ...errorProps(
								errorId( `budget.${ input.field }` ),
								fieldErrors[ `budget.${ input.field }` ]
							) }
						/>
						<FieldError
							announce={ false }
							id={ errorId( `budget.${ input.field }` ) }
							message={ fieldErrors[ `budget.${ input.field }` ] }
						/>
					</div>
				) ) }
			</div>
			{ routes.map( ( { route, index } ) => (
				<CheckboxControl
					key={ String( index ) }
					__nextHasNoMarginBottom
					label={ sprintf(
						/* translators: %s: provider/model. */
						__( '%s may run over budget', 'ai-failover' ),
						`${ route.provider_id }/${ route.model || '…' }`
					) }
					help={ __(
						'For a local or prepaid route: it reserves nothing, and its cost still counts.',
						'ai-failover'
					) }
					checked={ route.over_budget }
					onChange={ ( checked: boolean ) =>
						setOverBudget( index, checked )
					}
				/>
			) ) }
		</fieldset>
	);
}
