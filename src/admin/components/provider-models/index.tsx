/**
 * WordPress dependencies
 */
import { Button, Notice, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { toApiError } from '../../../api/errors';
import { deleteModel } from '../../../api/models';
import type { ModelListItem, Provider } from '../../../schemas';
import { forgetModelIds, useModels } from '../../hooks/use-models';
import { capabilityLabel, CatalogEntryForm } from '../catalog-entry-form';
import { showSnackbar } from '../snackbars';

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
	const { data, error, isLoading, refresh, reload, isRefreshing } = useModels(
		provider.id
	);
	const models = data?.models ?? [];
	/** The row in the form: undefined for none, null for a new model. */
	const [ editing, setEditing ] = useState< ModelListItem | null >();
	const [ actionError, setActionError ] = useState< string | null >( null );

	const changed = ( message: string ) => {
		forgetModelIds( provider.id );
		setEditing( undefined );
		showSnackbar( message );
		void reload();
	};

	const reset = async ( model: ModelListItem ) => {
		setActionError( null );
		try {
			await deleteModel( provider.id, model.model );
			changed(
				sprintf(
					/* translators: %s: model id. */
					__( 'Edits of %s removed.', 'ai-failover' ),
					model.model
				)
			);
		} catch ( caught ) {
			setActionError( toApiError( caught ).message );
		}
	};

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
				<Button
					variant="secondary"
					onClick={ () => {
						setEditing( null );
					} }
				>
					{ __( 'Add model', 'ai-failover' ) }
				</Button>
				{ isLoading && <Spinner /> }
			</div>
			{ actionError && (
				<Notice
					status="error"
					onRemove={ () => setActionError( null ) }
				>
					{ actionError }
				</Notice>
			) }
			{ editing !== undefined && (
				<CatalogEntryForm
					key={ editing?.model ?? 'new' }
					providerId={ provider.id }
					entry={ editing }
					onCancel={ () => setEditing( undefined ) }
					onSaved={ ( saved ) =>
						changed(
							sprintf(
								/* translators: %s: model id. */
								__( 'Model %s saved.', 'ai-failover' ),
								saved.model
							)
						)
					}
				/>
			) }
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
						'No models known yet: add one with its prices so runs on this provider have a cost (the cost ceiling and "prefer lower cost" need it). Any model id can still be typed into a feature’s route.',
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
							<th scope="col">
								{ __( 'Actions', 'ai-failover' ) }
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
										? model.capabilities
												.map( capabilityLabel )
												.join( ', ' )
										: '—' }
								</td>
								<td className="aifo-provider-models__actions">
									<Button
										variant="link"
										label={ sprintf(
											/* translators: %s: model id. */
											__( 'Edit %s', 'ai-failover' ),
											model.model
										) }
										onClick={ () => {
											setEditing( model );
										} }
									>
										{ __( 'Edit', 'ai-failover' ) }
									</Button>
									{ model.edited && (
										<Button
											variant="link"
											label={ sprintf(
												/* translators: %s: model id. */
												__(
													'Reset %s (seeded values back, or removed when it has none)',
													'ai-failover'
												),
												model.model
											) }
											onClick={ () =>
												void reset( model )
											}
										>
											{ __( 'Reset', 'ai-failover' ) }
										</Button>
									) }
								</td>
							</tr>
						) ) }
					</tbody>
				</table>
			) }
		</div>
	);
}
