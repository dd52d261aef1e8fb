/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ModelListItem, Provider } from '../../../schemas';
import { useModels } from '../../hooks/use-models';

type Props = {
	provider: Provider;
};

const price = ( value: number ) =>
	value === 0
		? '—'
		: `$${ value.toLocaleString( undefined, {
				maximumFractionDigits: 4,
			} ) }`;

const sourceLabel = ( source: ModelListItem[ 'source' ] ): string => {
	switch ( source ) {
		case 'catalog':
			return __( 'Catalog', 'ai-failover' );
		case 'discovered':
			return __( 'Listed by provider', 'ai-failover' );
		default:
			return __( 'Catalog and provider', 'ai-failover' );
	}
};

/**
 * A provider's models: what the catalog knows (prices, capabilities) merged
 * with what the provider lists. Any model id may still be typed into a route.
 *
 * @param props          Props.
 * @param props.provider
 */
export function ProviderModels( { provider }: Props ) {
	const { data, error, isLoading, refresh, isRefreshing } = useModels(
		provider.id
	);
	const models = data?.models ?? [];

	return (
		<div className="aifo-provider-models">
			<div className="aifo-provider-models__toolbar">
				<Button
					variant="secondary"
					isBusy={ isRefreshing }
					disabled={ isLoading }
					onClick={ () => void refresh() }
				>
					{ __( 'Refresh from provider', 'ai-failover' ) }
				</Button>
				{ isLoading && <Spinner /> }
			</div>
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: error message. */
						__(
							'The models could not be loaded: %s',
							'ai-failover'
						),
						error
					) }
				</Notice>
			) }
			{ data?.discoveryError && (
				<Notice status="warning" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: reason, such as "auth (HTTP 401)". */
						__(
							'The provider’s model list could not be fetched (%s). Showing the catalog only.',
							'ai-failover'
						),
						data.discoveryError
					) }
				</Notice>
			) }
			{ data && models.length === 0 && (
				<p className="aifo-provider-models__empty">
					{ __(
						'No models known yet. Any model id can still be typed into a feature’s route.',
						'ai-failover'
					) }
				</p>
			) }
			{ models.length > 0 && (
				<table className="widefat striped aifo-provider-models__table">
					<thead>
						<tr>
							<th scope="col">
								{ __( 'Model', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Source', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Input $/M tokens', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Output $/M tokens', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Context', 'ai-failover' ) }
							</th>
							<th scope="col">
								{ __( 'Capabilities', 'ai-failover' ) }
							</th>
						</tr>
					</thead>
					<tbody>
						{ models.map( ( model ) => (
							<tr key={ model.model }>
								<td>
									<code>{ model.model }</code>
									{ model.edited && (
										<span className="aifo-badge is-edited">
											{ __( 'Edited', 'ai-failover' ) }
										</span>
									) }
								</td>
								<td>{ sourceLabel( model.source ) }</td>
								<td>{ price( model.input_price_per_mtok ) }</td>
								<td>
									{ price( model.output_price_per_mtok ) }
								</td>
								<td>
									{ model.context_window > 0
										? model.context_window.toLocaleString()
										: '—' }
								</td>
								<td>
									{ model.capabilities.length > 0
										? model.capabilities.join( ', ' )
										: '—' }
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
			) }
		</div>
	);
}
