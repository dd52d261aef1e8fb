/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FeatureSummary } from '../../schemas/workflow';

type Props = {
	feature: FeatureSummary;
	/** Short form for the canvas: routes only. */
	compact?: boolean;
};

/**
 * The feature's own failover (primary -> fallbacks, and which errors move
 * on to the next route), next to the workflow's failure branches.
 *
 * @param props         Props.
 * @param props.feature Feature.
 * @param props.compact Routes only.
 */
export function FeatureChain( { feature, compact = false }: Props ) {
	const routes = [ feature.primary, ...feature.fallbacks ].filter(
		( route ) => route !== ''
	);
	return (
		<div className="aifo-chain">
			<ol
				className="aifo-chain__routes"
				aria-label={ __( 'Routes, in order', 'ai-failover' ) }
			>
				{ routes.map( ( route, index ) => (
					<li key={ `${ route }-${ index }` }>
						<span className="aifo-chain__role">
							{ index === 0
								? __( 'Primary', 'ai-failover' )
								: __( 'Fallback', 'ai-failover' ) }
						</span>{ ' ' }
						<code>{ route }</code>
					</li>
				) ) }
				{ routes.length === 0 && (
					<li>{ __( 'No route configured.', 'ai-failover' ) }</li>
				) }
			</ol>
			{ ! compact && (
				<p className="aifo-chain__triggers">
					{ feature.fallbacks.length === 0
						? __(
								'No fallback: when the primary fails, the step fails.',
								'ai-failover'
							)
						: sprintf(
								/* translators: %s: comma-separated error classes. */
								__(
									'Moves to the next route on: %s',
									'ai-failover'
								),
								feature.triggers.join( ', ' ) ||
									__( 'no error class', 'ai-failover' )
							) }
				</p>
			) }
		</div>
	);
}
