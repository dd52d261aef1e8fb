/**
 * WordPress dependencies
 */
import {
	Card,
	CardBody,
	CardHeader,
	Notice,
	Panel,
	PanelBody,
	Spinner,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ApiError } from '../../../api/errors';
import { deleteProvider, providerInUseBy } from '../../../api/providers';
import type { Provider } from '../../../schemas';
import { forgetModelIds } from '../../hooks/use-models';
import { useProviders } from '../../hooks/use-providers';
import { ConfirmDialog } from '../confirm-dialog';
import { showSnackbar } from '../snackbars';
import { ProviderForm } from '../provider-form';
import { ProviderKeys } from '../provider-keys';
import { ProviderList } from '../provider-list';
import { ProviderModels } from '../provider-models';

/**
 * The features named in a 409 `aifo_provider_in_use`, as a list.
 *
 * @param error Error of the delete request.
 */
function inUseDetails( error: ApiError ) {
	const features = providerInUseBy( error );
	if ( features.length === 0 ) {
		return null;
	}
	return (
		<>
			<p>
				{ __(
					'Remove it from the routes of these features first:',
					'ai-failover'
				) }
			</p>
			<ul className="aifo-confirm-dialog__list">
				{ features.map( ( id ) => (
					<li key={ id }>
						<code>{ id }</code>
					</li>
				) ) }
			</ul>
		</>
	);
}

/**
 * The Providers tab: the list, a provider's keys and models, and the
 * add/edit form.
 */
export function ProvidersTab() {
	const { data, error, isLoading, reload } = useProviders();
	const [ selectedId, setSelectedId ] = useState< string | null >( null );
	const [ editing, setEditing ] = useState< Provider | null >( null );
	const [ deleting, setDeleting ] = useState< Provider | null >( null );

	if ( ! data ) {
		if ( error ) {
			return (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: error message from the server. */
						__(
							'The providers could not be loaded: %s',
							'ai-failover'
						),
						error
					) }
				</Notice>
			);
		}
		return (
			<div className="aifo-providers-tab is-loading">
				<Spinner />
				<span className="screen-reader-text">
					{ __( 'Loading providers…', 'ai-failover' ) }
				</span>
			</div>
		);
	}

	const { providers, presets } = data;
	const selected = providers.find( ( p ) => p.id === selectedId ) ?? null;
	const reloadProviders = () => void reload();

	return (
		<div className="aifo-providers-tab">
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			<Card className="aifo-card">
				<CardHeader>
					<h2 className="aifo-card__title">
						{ __( 'Providers', 'ai-failover' ) }
					</h2>
					{ isLoading && <Spinner /> }
				</CardHeader>
				<CardBody>
					<ProviderList
						providers={ providers }
						presets={ presets }
						selectedId={ selectedId }
						onSelect={ ( provider ) =>
							setSelectedId( ( current ) =>
								current === provider.id ? null : provider.id
							)
						}
						onEdit={ ( provider ) => {
							setEditing( provider );
						} }
						onDelete={ ( provider ) => {
							setDeleting( provider );
						} }
					/>
				</CardBody>
			</Card>

			{ selected && (
				<Panel
					className="aifo-provider-details"
					header={ sprintf(
						/* translators: %s: provider label. */
						__( 'Keys and models: %s', 'ai-failover' ),
						selected.label
					) }
				>
					<PanelBody
						title={ __( 'Keys', 'ai-failover' ) }
						initialOpen
					>
						<ProviderKeys
							key={ selected.id }
							provider={ selected }
							onChange={ reloadProviders }
						/>
					</PanelBody>
					<PanelBody
						title={ __( 'Models', 'ai-failover' ) }
						initialOpen={ false }
					>
						<ProviderModels
							key={ selected.id }
							provider={ selected }
						/>
					</PanelBody>
				</Panel>
			) }

			<Card className="aifo-card" id="add-provider">
				<CardHeader>
					<h2 className="aifo-card__title">
						{ editing
							? sprintf(
									/* translators: %s: provider label. */
									__( 'Edit provider: %s', 'ai-failover' ),
									editing.label
								)
							: __( 'Add provider', 'ai-failover' ) }
					</h2>
				</CardHeader>
				<CardBody>
					<ProviderForm
						key={ editing ? `edit-${ editing.id }` : 'new' }
						presets={ presets }
						provider={ editing }
						{ ...( editing
							? { onCancel: () => setEditing( null ) }
							: {} ) }
						onSaved={ ( saved, isNew ) => {
							forgetModelIds( saved.id );
							setEditing( null );
							showSnackbar(
								isNew
									? sprintf(
											/* translators: %s: provider label. */
											__(
												'Provider "%s" added. Add its keys below the list.',
												'ai-failover'
											),
											saved.label
										)
									: sprintf(
											/* translators: %s: provider label. */
											__(
												'Provider "%s" saved.',
												'ai-failover'
											),
											saved.label
										)
							);
							if ( isNew ) {
								setSelectedId( saved.id );
							}
							reloadProviders();
						} }
					/>
				</CardBody>
			</Card>

			{ deleting && (
				<ConfirmDialog
					title={ __( 'Delete provider', 'ai-failover' ) }
					confirmLabel={ __( 'Delete provider', 'ai-failover' ) }
					onConfirm={ async () => {
						await deleteProvider( deleting.id );
						forgetModelIds( deleting.id );
						if ( selectedId === deleting.id ) {
							setSelectedId( null );
						}
						if ( editing?.id === deleting.id ) {
							setEditing( null );
						}
						showSnackbar(
							sprintf(
								/* translators: %s: provider label. */
								__( 'Provider "%s" deleted.', 'ai-failover' ),
								deleting.label
							)
						);
						reloadProviders();
					} }
					onClose={ () => setDeleting( null ) }
					renderErrorDetails={ inUseDetails }
				>
					{ sprintf(
						/* translators: %s: provider label. */
						__(
							'Delete the provider "%s", its stored keys and its catalog edits? This cannot be undone.',
							'ai-failover'
						),
						deleting.label
					) }
				</ConfirmDialog>
			) }
		</div>
	);
}
