/**
 * WordPress dependencies
 */
import {
	Button,
	Card,
	CardBody,
	CardHeader,
	Notice,
	Spinner,
} from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { deleteFeature, getFeatures } from '../../../api/features';
import { getProviders } from '../../../api/providers';
import type { Feature, Provider } from '../../../schemas';
import { useResource } from '../../../lib/use-resource';
import { ConfirmDialog } from '../confirm-dialog';
import { showSnackbar } from '../snackbars';
import { FeatureForm } from '../feature-form';
import { FeatureList } from '../feature-list';

type FeaturesData = { features: Feature[]; providers: Provider[] };

const loadFeatures = async (): Promise< FeaturesData > => {
	const [ features, providers ] = await Promise.all( [
		getFeatures(),
		getProviders(),
	] );
	return { features, providers };
};

/** What the form shows: nothing, a new feature, or a saved one. */
type Editing = { feature: Feature | null } | null;

/**
 * The Features tab: the list and the create/edit form.
 */
export function FeaturesTab() {
	const { data, error, isLoading, reload } = useResource( loadFeatures );
	// "#new" (the first-run checklist's link) opens the form for a new feature.
	const [ editing, setEditing ] = useState< Editing >( () =>
		window.location.hash === '#new' ? { feature: null } : null
	);
	const [ deleting, setDeleting ] = useState< Feature | null >( null );

	if ( ! data ) {
		if ( error ) {
			return (
				<Notice status="error" isDismissible={ false }>
					{ sprintf(
						/* translators: %s: error message from the server. */
						__(
							'The features could not be loaded: %s',
							'ai-failover'
						),
						error
					) }
				</Notice>
			);
		}
		return (
			<div className="aifo-features-tab is-loading">
				<Spinner />
				<span className="screen-reader-text">
					{ __( 'Loading features…', 'ai-failover' ) }
				</span>
			</div>
		);
	}

	const { features, providers } = data;

	return (
		<div className="aifo-features-tab">
			{ error && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			<Card className="aifo-card">
				<CardHeader>
					<h2 className="aifo-card__title">
						{ __( 'Features', 'ai-failover' ) }
					</h2>
					{ isLoading && <Spinner /> }
					{ ! editing && (
						<Button
							variant="primary"
							onClick={ () => {
								setEditing( { feature: null } );
							} }
						>
							{ __( 'Add feature', 'ai-failover' ) }
						</Button>
					) }
				</CardHeader>
				<CardBody>
					<FeatureList
						features={ features }
						hasProviders={ providers.some(
							( provider ) => provider.preset !== 'simulator'
						) }
						onAdd={ () => {
							setEditing( { feature: null } );
						} }
						onEdit={ ( feature ) => {
							setEditing( { feature } );
						} }
						onDelete={ ( feature ) => {
							setDeleting( feature );
						} }
					/>
				</CardBody>
			</Card>

			{ editing && (
				<Card className="aifo-card">
					<CardHeader>
						<h2 className="aifo-card__title">
							{ editing.feature
								? sprintf(
										/* translators: %s: feature label. */
										__( 'Edit feature: %s', 'ai-failover' ),
										editing.feature.label
									)
								: __( 'New feature', 'ai-failover' ) }
						</h2>
					</CardHeader>
					<CardBody>
						<FeatureForm
							key={ editing.feature?.id ?? 'new' }
							feature={ editing.feature }
							providers={ providers }
							onCancel={ () => setEditing( null ) }
							onSaved={ ( saved, isNew ) => {
								setEditing( null );
								showSnackbar(
									isNew
										? sprintf(
												/* translators: %s: feature label. */
												__(
													'Feature "%s" created.',
													'ai-failover'
												),
												saved.label
											)
										: sprintf(
												/* translators: %s: feature label. */
												__(
													'Feature "%s" saved.',
													'ai-failover'
												),
												saved.label
											)
								);
								void reload();
							} }
						/>
					</CardBody>
				</Card>
			) }

			{ deleting && (
				<ConfirmDialog
					title={ __( 'Delete feature', 'ai-failover' ) }
					confirmLabel={ __( 'Delete feature', 'ai-failover' ) }
					onConfirm={ async () => {
						await deleteFeature( deleting.id );
						if ( editing?.feature?.id === deleting.id ) {
							setEditing( null );
						}
						showSnackbar(
							sprintf(
								/* translators: %s: feature label. */
								__( 'Feature "%s" deleted.', 'ai-failover' ),
								deleting.label
							)
						);
						void reload();
					} }
					onClose={ () => setDeleting( null ) }
				>
					{ sprintf(
						/* translators: %s: feature label. */
						__(
							'Delete the feature "%s"? Code that runs it will get an error.',
							'ai-failover'
						),
						deleting.label
					) }
				</ConfirmDialog>
			) }
		</div>
	);
}
