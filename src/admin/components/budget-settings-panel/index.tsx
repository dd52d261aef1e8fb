/**
 * WordPress dependencies
 */
import { PanelBody, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { errorProps, FieldError } from '../../../components/field-error';
import { controlSize } from '../../../lib/control-size';
import type { UseSettings, SettingsForm } from '../../hooks/use-settings';

type Props = Pick< UseSettings, 'fieldErrors' | 'setField' > & {
	form: SettingsForm;
};

type BudgetField = 'site_budget_daily_usd' | 'site_budget_monthly_usd';

/**
 * The "Spend budgets" panel: what all features together may spend per day
 * and per month. Enforced by the engine (Engine\Spend_Budget) beside each
 * feature's own budget, with the 80 % downgrade threshold of Budget_Limits;
 * shown in Diagnostics' Budgets panel. Saved with the other settings.
 *
 * @param props Form values and actions from useSettings().
 */
export function BudgetSettingsPanel( props: Props ) {
	const { form, fieldErrors, setField } = props;

	const amountField = ( field: BudgetField, label: string, help: string ) => (
		<div className="aifo-settings-field">
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ label }
				help={ help }
				type="number"
				min={ 0 }
				step={ 0.01 }
				value={ form[ field ] }
				onChange={ ( value: string ) => setField( field, value ) }
				{ ...errorProps(
					`aifo-error-${ field }`,
					fieldErrors[ field ]
				) }
			/>
			<FieldError
				id={ `aifo-error-${ field }` }
				message={ fieldErrors[ field ] }
			/>
		</div>
	);

	return (
		<PanelBody
			className="aifo-budget-settings-panel"
			title={ __( 'Spend budgets', 'ai-failover' ) }
			initialOpen
		>
			<p className="aifo-settings-field">
				{ __(
					'A limit on what all features together may spend, counted from the recorded cost of every attempt: a fallback’s own cost counts too. From 80 % of a limit, features try their cheaper routes first. At the limit, only routes marked “may run over budget” in a feature still run; a run with none left stops instead of spending more. Each feature can also have its own limits. 0 means no limit. Days and months follow the site’s time zone. What is spent, and the state of each budget, is shown in Diagnostics > Budgets.',
					'ai-failover'
				) }
			</p>
			{ amountField(
				'site_budget_daily_usd',
				__( 'Site daily budget (US$)', 'ai-failover' ),
				__(
					'For all features together, per day. 0 means no limit.',
					'ai-failover'
				)
			) }
			{ amountField(
				'site_budget_monthly_usd',
				__( 'Site monthly budget (US$)', 'ai-failover' ),
				__(
					'For all features together, per calendar month. 0 means no limit.',
					'ai-failover'
				)
			) }
		</PanelBody>
	);
}
