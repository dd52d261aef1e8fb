/**
 * WordPress dependencies
 */
import { PanelBody, TextControl, ToggleControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../components/field-error';
import { controlSize } from '../../../lib/control-size';
import type { UseSettings, SettingsForm } from '../../hooks/use-settings';

type Props = Pick< UseSettings, 'fieldErrors' | 'setField' > & {
	form: SettingsForm;
};

type NumberField =
	| 'alert_window_minutes'
	| 'alert_fallback_rate_pct'
	| 'alert_error_rate_pct'
	| 'alert_min_runs';

/**
 * The "Alerts" panel: the site-wide alert switch, where alerts go, and the
 * thresholds a feature uses unless it sets its own. Its fields are saved
 * with the others by the settings screen's form.
 *
 * The controls' size props come from controlSize(): WordPress 6.1's
 * TextControl would put `__next40pxDefaultSize` on the DOM element.
 *
 * @param props Form values and actions from useSettings().
 */
export function AlertSettingsPanel( props: Props ) {
	const { form, fieldErrors, setField } = props;

	const numberField = (
		field: NumberField,
		label: string,
		help: string,
		min: number,
		max: number
	) => (
		<div className="aifo-settings-field">
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ label }
				help={ help }
				type="number"
				min={ min }
				max={ max }
				step={ 1 }
				value={ form[ field ] }
				onChange={ ( value: string ) => setField( field, value ) }
			/>
			<FieldError
				id={ `aifo-error-${ field }` }
				message={ fieldErrors[ field ] }
			/>
		</div>
	);

	return (
		<PanelBody
			className="aifo-alert-settings-panel"
			title={ __( 'Alerts', 'ai-failover' ) }
			initialOpen
		>
			<div className="aifo-settings-field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Raise alerts', 'ai-failover' ) }
					help={ __(
						'An admin notice, an email and, if set, a webhook call when a feature degrades, a circuit breaker opens or a key drops out of rotation; again on recovery.',
						'ai-failover'
					) }
					checked={ form.alerts_enabled }
					onChange={ ( checked: boolean ) =>
						setField( 'alerts_enabled', checked )
					}
				/>
				<FieldError
					id="aifo-error-alerts_enabled"
					message={ fieldErrors.alerts_enabled }
				/>
			</div>
			<div className="aifo-settings-field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Alert email', 'ai-failover' ) }
					help={ __(
						'Empty sends alerts to the site admin email.',
						'ai-failover'
					) }
					type="email"
					value={ form.alert_email }
					onChange={ ( value: string ) =>
						setField( 'alert_email', value )
					}
				/>
				<FieldError
					id="aifo-error-alert_email"
					message={ fieldErrors.alert_email }
				/>
			</div>
			<div className="aifo-settings-field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Webhook URL', 'ai-failover' ) }
					help={ __(
						'Receives each alert as a JSON POST. Empty means no webhook.',
						'ai-failover'
					) }
					type="url"
					value={ form.alert_webhook_url }
					onChange={ ( value: string ) =>
						setField( 'alert_webhook_url', value )
					}
				/>
				<FieldError
					id="aifo-error-alert_webhook_url"
					message={ fieldErrors.alert_webhook_url }
				/>
			</div>
			{ numberField(
				'alert_window_minutes',
				__( 'Alert window (minutes)', 'ai-failover' ),
				__(
					'Between 5 and 1440. Rates are measured over this many recent minutes.',
					'ai-failover'
				),
				5,
				1440
			) }
			{ numberField(
				'alert_fallback_rate_pct',
				__( 'Fallback rate threshold (percent)', 'ai-failover' ),
				__(
					'Between 1 and 100. Alert when at least this share of a feature’s runs needed a fallback or a key rotation. A feature can set its own.',
					'ai-failover'
				),
				1,
				100
			) }
			{ numberField(
				'alert_error_rate_pct',
				__( 'Error rate threshold (percent)', 'ai-failover' ),
				__(
					'Between 1 and 100. Alert when at least this share of a feature’s runs failed. A feature can set its own.',
					'ai-failover'
				),
				1,
				100
			) }
			{ numberField(
				'alert_min_runs',
				__( 'Minimum runs', 'ai-failover' ),
				__(
					'Between 1 and 10000. Runs a feature needs in the window before its rates can raise an alert.',
					'ai-failover'
				),
				1,
				10000
			) }
		</PanelBody>
	);
}
