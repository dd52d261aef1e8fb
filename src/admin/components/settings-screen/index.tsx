/**
 * WordPress dependencies
 */
import { Notice, Panel, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { useSettings } from '../../hooks/use-settings';
import { DiagnosticsSettingsPanel } from '../diagnostics-settings-panel';

/**
 * The AI Failover admin screen, rendered below the page's <h1>.
 */
export function SettingsScreen() {
	const { form, isLoading, loadError, ...state } = useSettings();

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

	return (
		<div className="aifo-settings-screen">
			<Panel>
				<DiagnosticsSettingsPanel form={ form } { ...state } />
			</Panel>
		</div>
	);
}
