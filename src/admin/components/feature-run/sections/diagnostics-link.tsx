/**
 * WordPress dependencies
 */
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { diagnosticsRunUrl } from '../routes';

/**
 * The link to the run in Diagnostics.
 *
 * @param props       Props.
 * @param props.runId Run id.
 */
export function DiagnosticsLinkSection( { runId }: { runId: string } ) {
	return (
		<p>
			<a
				className="aifo-feature-run__diagnostics"
				href={ diagnosticsRunUrl( runId ) }
			>
				{ __( 'Open in Diagnostics', 'ai-failover' ) }
			</a>
		</p>
	);
}
