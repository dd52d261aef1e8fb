/**
 * WordPress dependencies
 */
import { Button, Notice, Panel, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { useSettings } from '../../hooks/use-settings';
import { AlertSettingsPanel } from '../alert-settings-panel';
import { BudgetSettingsPanel } from '../budget-settings-panel';
import { DiagnosticsSettingsPanel } from '../diagnostics-settings-panel';

/**
 * The Settings tab: one form over the diagnostics, alert and budget panels, saved
 * with one button that sends only the changed fields.
 */
export function SettingsScreen() {
	const {
		form,
		isLoading,
		loadError,
		isSaving,
		isDirty,
		fieldErrors,
		notice,
		setField,
		save,
		dismissNotice,
	} = useSettings();

	if ( loadError ) {
		return (
			<Notice status="error" isDismissible={ false }>
				{ sprintf(
					/* translators: %s: error message from the server. */
					__( 'The settings could not be loaded: %s', 'ai-failover' ),
					loadError
				) }
			</Notice>
		);
	}

	if ( isLoading || ! form ) {
		return (
			<div className="aifo-settings-screen is-loading">
				<Spinner />
				<span className="screen-reader-text">
					{ __( 'Loading settings…', 'ai-failover' ) }
				</span>
			</div>
		);
	}

	const panelProps = { form, fieldErrors, setField };
	return (
		<div className="aifo-settings-screen">
			{ /* noValidate: the server validates (same schema); browser
			constraint checks would block the request and its field errors. */ }
			<form
				className="aifo-settings-screen__form"
				noValidate
				onSubmit={ ( event ) => {
					event.preventDefault();
					void save();
				} }
			>
				<Panel>
					<DiagnosticsSettingsPanel { ...panelProps } />
					<AlertSettingsPanel { ...panelProps } />
					<BudgetSettingsPanel { ...panelProps } />
				</Panel>
				{ notice && (
					<Notice
						className="aifo-settings-screen__notice"
						status={ notice.status }
						onRemove={ dismissNotice }
					>
						{ notice.message }
					</Notice>
				) }
				<Button
					type="submit"
					variant="primary"
					isBusy={ isSaving }
					disabled={ ! isDirty || isSaving }
				>
					{ isSaving
						? __( 'Saving…', 'ai-failover' )
						: __( 'Save settings', 'ai-failover' ) }
				</Button>
			</form>
		</div>
	);
}
