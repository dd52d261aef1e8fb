/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Feature, Strategy } from '../../../schemas';
import { screenUrl } from '../../lib/screens';
import { FeatureRun } from '../feature-run';

type Props = {
	features: Feature[];
	/** Whether a provider other than the Simulator exists, for the empty state's advice. */
	hasProviders?: boolean;
	/** Opens the form for a new feature (the empty state's button). */
	onAdd?: () => void;
	onEdit: ( feature: Feature ) => void;
	onDelete: ( feature: Feature ) => void;
};

export const strategyLabel = ( strategy: Strategy ): string => {
	switch ( strategy ) {
		case 'balanced':
			return __( 'Balanced', 'ai-failover' );
		case 'capability':
			return __( 'Capability', 'ai-failover' );
		case 'adaptive':
			return __( 'Adaptive', 'ai-failover' );
		default:
			return __( 'Manual', 'ai-failover' );
	}
};

/**
 * The features table.
 *
 * @param props              Props.
 * @param props.features
 * @param props.onEdit
 * @param props.onDelete
 * @param props.hasProviders
 * @param props.onAdd
 */
export function FeatureList( {
	features,
	hasProviders = true,
	onAdd,
	onEdit,
	onDelete,
}: Props ) {
	if ( features.length === 0 ) {
		return (
			<div className="aifo-empty-state aifo-feature-list__empty">
				<p>
					{ __(
						'No features yet. A feature is what your code runs: aifo_run( "post-summary", … ) tries its primary model, then its fallbacks.',
						'ai-failover'
					) }
				</p>
				{ hasProviders ? (
					onAdd && (
						<Button variant="secondary" onClick={ onAdd }>
							{ __( 'Add your first feature', 'ai-failover' ) }
						</Button>
					)
				) : (
					<p>
						{ __(
							'Add a provider and its key first (Providers), or try it with the built-in Simulator.',
							'ai-failover'
						) }{ ' ' }
						<a href={ screenUrl( 'providers', 'add-provider' ) }>
							{ __( 'Add a provider', 'ai-failover' ) }
						</a>
					</p>
				) }
			</div>
		);
	}
	return (
		<table className="widefat striped aifo-feature-list">
			<thead>
				<tr>
					<th scope="col">{ __( 'Feature', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Primary', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Fallbacks', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Strategy', 'ai-failover' ) }</th>
					<th scope="col">{ __( 'Actions', 'ai-failover' ) }</th>
				</tr>
			</thead>
			<tbody>
				{ features.map( ( feature ) => (
					<tr key={ feature.id }>
						<td>
							<strong className="aifo-feature-list__label">
								{ feature.label }
							</strong>
							<br />
							<code>{ feature.id }</code>
						</td>
						<td>
							<code className="aifo-feature-list__primary">
								{ `${ feature.primary.provider_id } / ${ feature.primary.model }` }
							</code>
						</td>
						<td className="aifo-feature-list__fallbacks">
							{ feature.fallbacks.length === 0
								? __( 'None', 'ai-failover' )
								: String( feature.fallbacks.length ) }
						</td>
						<td>{ strategyLabel( feature.strategy ) }</td>
						<td className="aifo-feature-list__actions">
							<FeatureRun feature={ feature } />
							<Button
								variant="tertiary"
								aria-label={ sprintf(
									/* translators: %s: feature label. */
									__( 'Edit feature %s', 'ai-failover' ),
									feature.label
								) }
								onClick={ () => onEdit( feature ) }
							>
								{ __( 'Edit', 'ai-failover' ) }
							</Button>
							<Button
								variant="tertiary"
								isDestructive
								aria-label={ sprintf(
									/* translators: %s: feature label. */
									__( 'Delete feature %s', 'ai-failover' ),
									feature.label
								) }
								onClick={ () => onDelete( feature ) }
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
