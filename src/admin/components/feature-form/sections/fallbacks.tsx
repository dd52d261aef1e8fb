/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import type { Provider } from '../../../../schemas';
import {
	MAX_FALLBACKS,
	type UseFeatureForm,
} from '../../../hooks/use-feature-form';
import { RouteFields } from '../../route-fields';
import { Section } from '../section';
import type { SectionProps } from '../types';

type Props = SectionProps & {
	providers: Provider[];
	setRoute: UseFeatureForm[ 'setRoute' ];
	addFallback: UseFeatureForm[ 'addFallback' ];
	removeFallback: UseFeatureForm[ 'removeFallback' ];
	moveFallback: UseFeatureForm[ 'moveFallback' ];
};

/**
 * The fallback routes, in the order they are tried: add, move, remove.
 *
 * @param props Props.
 */
export function FallbacksSection( props: Props ) {
	const { form, fieldErrors, prefix, errorId, providers } = props;
	const { setRoute, addFallback, removeFallback, moveFallback } = props;
	return (
		<Section
			title={ __( 'Fallbacks', 'ai-failover' ) }
			className="aifo-feature-form__fallbacks"
		>
			<p
				className={ `aifo-feature-form__fallback-summary${
					form.fallbacks.length === 0 ? ' is-empty' : ''
				}` }
			>
				{ form.fallbacks.length === 0
					? __(
							'No fallbacks: a failure fails, is logged, and stops.',
							'ai-failover'
						)
					: sprintf(
							/* translators: 1: number of fallbacks, 2: maximum. */
							__(
								'%1$d of at most %2$d fallbacks, tried in this order when the primary fails with an error chosen under “When to fall back”.',
								'ai-failover'
							),
							form.fallbacks.length,
							MAX_FALLBACKS
						) }
			</p>
			<FieldError
				announce={ false }
				id={ errorId( 'fallbacks' ) }
				message={ fieldErrors.fallbacks }
			/>
			<ol className="aifo-feature-form__fallback-list">
				{ form.fallbacks.map( ( route, index ) => (
					// Routes have no id of their own; the index is their identity here.

					<li key={ index } className="aifo-feature-form__fallback">
						<RouteFields
							idPrefix={ `${ prefix }-fallback-${ index }` }
							path={ `fallbacks[${ index }]` }
							route={ route }
							providers={ providers }
							fieldErrors={ fieldErrors }
							showWeight={ form.strategy === 'balanced' }
							onChange={ ( field, value ) =>
								setRoute( index, field, value )
							}
						/>
						<div className="aifo-feature-form__fallback-actions">
							<Button
								variant="tertiary"
								disabled={ index === 0 }
								aria-label={ sprintf(
									/* translators: %d: fallback position, from 1. Starts with the button's visible text, "Move up", so speech input finds it by what it shows. */
									__( 'Move up fallback %d', 'ai-failover' ),
									index + 1
								) }
								onClick={ () => moveFallback( index, -1 ) }
							>
								{ __( 'Move up', 'ai-failover' ) }
							</Button>
							<Button
								variant="tertiary"
								disabled={ index === form.fallbacks.length - 1 }
								aria-label={ sprintf(
									/* translators: %d: fallback position, from 1. Starts with the button's visible text, "Move down". */
									__(
										'Move down fallback %d',
										'ai-failover'
									),
									index + 1
								) }
								onClick={ () => moveFallback( index, 1 ) }
							>
								{ __( 'Move down', 'ai-failover' ) }
							</Button>
							<Button
								variant="tertiary"
								isDestructive
								aria-label={ sprintf(
									/* translators: %d: fallback position, from 1. */
									__( 'Remove fallback %d', 'ai-failover' ),
									index + 1
								) }
								onClick={ () => removeFallback( index ) }
							>
								{ __( 'Remove', 'ai-failover' ) }
							</Button>
						</div>
					</li>
				) ) }
			</ol>
			<Button
				variant="secondary"
				disabled={ form.fallbacks.length >= MAX_FALLBACKS }
				onClick={ addFallback }
			>
				{ __( 'Add fallback', 'ai-failover' ) }
			</Button>
		</Section>
	);
}
