/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import { ALERT_FIELDS, alertLabel } from '../labels';
import { NumberField } from '../number-field';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * This feature's own alert thresholds.
 *
 * @param props Props.
 */
export function AlertsSection( props: SectionProps ) {
	const { fieldErrors, errorId } = props;
	// The server files a nested error under `alerts` and under its dotted
	// path; it shows once, at the field, unless it names no field of the form.
	const alertsError = ALERT_FIELDS.some(
		( field ) => fieldErrors[ `alerts.${ field }` ] === fieldErrors.alerts
	)
		? undefined
		: fieldErrors.alerts;
	return (
		<Section title={ __( 'Alerts', 'ai-failover' ) }>
			<p className="aifo-feature-form__hint">
				{ __(
					'Alert when at least this share of the feature’s runs in the alert window needed a fallback or a key rotation, or failed.',
					'ai-failover'
				) }
			</p>
			<FieldError
				announce={ false }
				id={ errorId( 'alerts' ) }
				message={ alertsError }
			/>
			<div className="aifo-feature-form__row">
				{ ALERT_FIELDS.map( ( field ) => (
					<NumberField
						key={ field }
						{ ...props }
						group="alerts"
						field={ field }
						label={ alertLabel( field ) }
						help={ __(
							'0 uses the site-wide threshold (Settings).',
							'ai-failover'
						) }
						min={ 0 }
						max={ 100 }
					/>
				) ) }
			</div>
		</Section>
	);
}
