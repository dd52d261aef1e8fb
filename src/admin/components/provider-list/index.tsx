/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Provider } from '../../../schemas';
import type { Preset } from '../../../schemas/preset';

type Props = {
	providers: Provider[];
	presets: Preset[];
	/** Provider whose keys and models are shown; null for none. */
	selectedId: string | null;
	onSelect: ( provider: Provider ) => void;
	onEdit: ( provider: Provider ) => void;
	onDelete: ( provider: Provider ) => void;
};

/**
 * The providers table. Labels and URLs come from admins and are rendered as
 * text only.
 *
 * @param props Props.
 */
export function ProviderList( props: Props ) {
	const { providers, presets, selectedId, onSelect, onEdit, onDelete } =
		props;
	if ( providers.length === 0 ) {
		return (
			<div className="aifo-empty-state aifo-provider-list__empty">
				<p>
					{ __(
						'No providers yet. Add the service that should answer (OpenAI, Anthropic, Gemini, an OpenAI-compatible API, a local server) with the form below, then add its key. The Simulator needs no key and no network, for trying things out.',
						'ai-failover'
					) }
				</p>
				<a href="#add-provider">
					{ __( 'Add a provider', 'ai-failover' ) }
				</a>
			</div>
		);
	}
	const presetLabel = ( id: string ) =>
		presets.find( ( preset ) => preset.id === id )?.label ?? id;

	return (
		<table className="widefat striped aifo-provider-list">
			<thead>
				<tr>
					<th scope="col">{ __( 'Provider', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Preset', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Base URL', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Keys', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Status', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Actions', 'ai-failover' ) }</th>
				</tr>
			</thead>
			<tbody>
				{ providers.map( ( provider ) => (
					<tr
						key={ provider.id }
						className={
							provider.id === selectedId
								? 'is-selected'
								: undefined
						}
					>
						<td>
							<strong className="aifo-provider-list__label">
								{ provider.label }
							</strong>
							<br />
							<code className="aifo-provider-list__id">
								{ provider.id }
							</code>
						</td>
						<td>{ presetLabel( provider.preset ) }</td>
						<td>
							<code className="aifo-provider-list__url">
								{ provider.base_url }
							</code>
							{ ! provider.custom_base_url && (
								<span className="aifo-provider-list__note">
									{ ' ' }
									{ __( '(preset default)', 'ai-failover' ) }
								</span>
							) }
						</td>
						<td className="aifo-provider-list__keys">
							{ provider.requires_key || provider.key_count > 0
								? String( provider.key_count )
								: __( 'none needed', 'ai-failover' ) }
						</td>
						<td>
							<span
								className={ `aifo-badge ${
									provider.enabled
										? 'is-enabled'
										: 'is-disabled'
								}` }
							>
								{ provider.enabled
									? __( 'Enabled', 'ai-failover' )
									: __( 'Disabled', 'ai-failover' ) }
							</span>
							{ provider.is_local && (
								<span className="aifo-badge is-local">
									{ __( 'Local', 'ai-failover' ) }
								</span>
							) }
						</td>
						<td className="aifo-provider-list__actions">
							<Button
								variant="secondary"
								isPressed={ provider.id === selectedId }
								aria-label={ sprintf(
									/* translators: %s: provider label. */
									__(
										'Keys and models of %s',
										'ai-failover'
									),
									provider.label
								) }
								onClick={ () => onSelect( provider ) }
							>
								{ __( 'Keys and models', 'ai-failover' ) }
							</Button>
							<Button
								variant="tertiary"
								aria-label={ sprintf(
									/* translators: %s: provider label. */
									__( 'Edit %s', 'ai-failover' ),
									provider.label
								) }
								onClick={ () => onEdit( provider ) }
							>
								{ __( 'Edit', 'ai-failover' ) }
							</Button>
							<Button
								variant="tertiary"
								isDestructive
								aria-label={ sprintf(
									/* translators: %s: provider label. */
									__( 'Delete %s', 'ai-failover' ),
									provider.label
								) }
								onClick={ () => onDelete( provider ) }
							>
								{ __( 'Delete', 'ai-failover' ) }
							</Button>
						</td>
					</tr>
				) ) }
			</tbody>
		</table>
	);
}
