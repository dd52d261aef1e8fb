/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Feature, Strategy } from '../../../schemas';
import { FeatureRun } from '../feature-run';

type Props = {
	features: Feature[];
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
 * @param props          Props.
 * @param props.features
 * @param props.onEdit
 * @param props.onDelete
 */
export function FeatureList( { features, onEdit, onDelete }: Props ) {
	if ( features.length === 0 ) {
		return (
			<p className="aifo-feature-list__empty">
				{ __( 'No features yet.', 'ai-failover' ) }
			</p>
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
