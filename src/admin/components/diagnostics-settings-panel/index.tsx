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

/**
 * The "Diagnostics settings" panel: log retention and previews. Its fields
 * are saved with the others by the settings screen's form.
 *
 * The controls' size props come from controlSize(): WordPress 6.1's
 * TextControl would put `__next40pxDefaultSize` on the DOM element.
 *
 * @param props Form values and actions from useSettings().
 */
export function DiagnosticsSettingsPanel( props: Props ) {
	const { form, fieldErrors, setField } = props;
	return (
		<PanelBody
			className="aifo-diagnostics-settings-panel"
			title={ __( 'Diagnostics settings', 'ai-failover' ) }
			initialOpen
		>
			<div className="aifo-settings-field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Keep run logs for (days)', 'ai-failover' ) }
					help={ __(
						'Between 1 and 365. Older log rows are deleted once a day.',
						'ai-failover'
					) }
					type="number"
					min={ 1 }
					max={ 365 }
					step={ 1 }
					value={ form.log_retention_days }
					onChange={ ( value: string ) =>
						setField( 'log_retention_days', value )
					}
				/>
				<FieldError
					id="aifo-error-log_retention_days"
					message={ fieldErrors.log_retention_days }
				/>
			</div>
			<div className="aifo-settings-field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Store prompt and response previews',
						'ai-failover'
					) }
					help={ __(
						'Off by default. Previews are truncated; keys are never logged.',
						'ai-failover'
					) }
					checked={ form.log_previews }
					onChange={ ( checked: boolean ) =>
						setField( 'log_previews', checked )
					}
				/>
				<FieldError
					id="aifo-error-log_previews"
					message={ fieldErrors.log_previews }
				/>
			</div>
			<div className="aifo-settings-field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Preview length (characters)', 'ai-failover' ) }
					help={ __( 'Between 0 and 4000.', 'ai-failover' ) }
					type="number"
					min={ 0 }
					max={ 4000 }
					step={ 1 }
					value={ form.log_preview_max_chars }
					onChange={ ( value: string ) =>
						setField( 'log_preview_max_chars', value )
					}
				/>
				<FieldError
					id="aifo-error-log_preview_max_chars"
					message={ fieldErrors.log_preview_max_chars }
				/>
			</div>
		</PanelBody>
	);
}
