/**
 * WordPress dependencies
 */
import { Notice, TextControl, ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import { controlSize } from '../../../../lib/control-size';
import type { CompatibilityPolicy, Provider } from '../../../../schemas';
import { Section } from '../section';
import type { SectionProps } from '../types';

/** The family that stands in for any other (drills, demos). */
const ANY_FAMILY = 'simulator';

/**
 * A provider's API family: what the server says, else its wire protocol.
 *
 * @param provider Provider.
 * @return Family.
 */
export function familyOf( provider: Provider ): string {
	return provider.api_family || provider.protocol;
}

/**
 * Compatibility: whether fallbacks may be of another API family than the
 * primary or unable to honour the request, with the caveat that tone and
 * style may change after a cross-family fallback.
 *
 * @see \AI_Failover\Engine\Compatibility_Check
 *
 * @param props           Props.
 * @param props.providers The providers routes can use.
 */
export function CompatibilitySection(
	props: SectionProps & { providers: Provider[] }
) {
	const { form, update, fieldErrors, errorId, providers } = props;
	const compatibility = form.routing.compatibility;
	const set = (
		next: Partial< CompatibilityPolicy >,
		field: keyof CompatibilityPolicy
	) =>
		update(
			( current ) => ( {
				...current,
				routing: {
					...current.routing,
					compatibility: {
						...current.routing.compatibility,
						...next,
					},
				},
			} ),
			`routing.compatibility.${ field }`
		);
	const family = ( providerId: string ) => {
		const provider = providers.find( ( p ) => p.id === providerId );
		return provider ? familyOf( provider ) : '';
	};
	const primaryFamily = family( form.primary.provider_id );
	const crossFamily = form.fallbacks
		.map( ( route, index ) => ( {
			index,
			family: family( route.provider_id ),
		} ) )
		.filter(
			( entry ) =>
				entry.family !== '' &&
				primaryFamily !== '' &&
				entry.family !== primaryFamily &&
				entry.family !== ANY_FAMILY &&
				primaryFamily !== ANY_FAMILY
		);

	return (
		<Section
			title={ __( 'Compatibility', 'ai-failover' ) }
			className="aifo-feature-form__compatibility"
		>
			<p className="aifo-feature-form__hint">
				{ __(
					'Checked when you save: a fallback of another API family than the primary, or a route whose model lacks a required capability or a large enough context window, is refused unless you allow it here. The Simulator stands in for any family.',
					'ai-failover'
				) }
			</p>
			{ crossFamily.length > 0 && (
				<Notice
					status="warning"
					isDismissible={ false }
					className="aifo-feature-form__caveat"
				>
					{ sprintf(
						/* translators: 1: The primary's API family, 2: Comma-separated fallbacks with their family. */
						__(
							'Tone and style may change after a cross-family fallback: the primary is of the %1$s family, and %2$s of another. The same prompt can give a differently worded, longer or shorter answer.',
							'ai-failover'
						),
						primaryFamily,
						crossFamily
							.map( ( entry ) =>
								sprintf(
									/* translators: 1: Fallback position, 2: API family. */
									__( 'fallback %1$d (%2$s)', 'ai-failover' ),
									entry.index + 1,
									entry.family
								)
							)
							.join( ', ' )
					) }
				</Notice>
			) }
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Allow fallbacks of another API family',
						'ai-failover'
					) }
					help={ __(
						'Such as Claude to GPT: the answer keeps coming, but its tone and style may change.',
						'ai-failover'
					) }
					checked={ compatibility.allow_cross_family }
					onChange={ ( checked: boolean ) =>
						set(
							{ allow_cross_family: checked },
							'allow_cross_family'
						)
					}
				/>
			</div>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Allow routes that cannot honour the request',
						'ai-failover'
					) }
					help={ __(
						'Routes whose model lacks a required capability are still skipped when the feature runs; this only lets you save them.',
						'ai-failover'
					) }
					checked={ compatibility.allow_incapable }
					onChange={ ( checked: boolean ) =>
						set( { allow_incapable: checked }, 'allow_incapable' )
					}
				/>
			</div>
			<div className="aifo-feature-form__field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					type="number"
					min={ 0 }
					step={ 1 }
					label={ __(
						'Minimum context window (tokens)',
						'ai-failover'
					) }
					help={ __(
						'Every route’s model must hold this many tokens (prompt and answer); 0 does not check. Models whose window is not in the catalog are not judged.',
						'ai-failover'
					) }
					value={ String( compatibility.min_context_tokens ) }
					onChange={ ( text: string ) =>
						set(
							{
								min_context_tokens: Math.max(
									0,
									Math.floor( Number( text ) || 0 )
								),
							},
							'min_context_tokens'
						)
					}
				/>
				<FieldError
					id={ errorId( 'routing.compatibility.min_context_tokens' ) }
					message={
						fieldErrors[
							'routing.compatibility.min_context_tokens'
						]
					}
				/>
			</div>
		</Section>
	);
}
