/**
 * WordPress dependencies
 */
import { CheckboxControl, ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import {
	DATA_HANDLING_FLAGS,
	type DataHandlingFlag,
	type Provider,
} from '../../../../schemas';
import { dataHandlingLabels } from '../../provider-form/data-handling-fields';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * The flags a provider declares: what the server sends, or for a response
 * of an older shape, only "runs locally" for a local preset.
 *
 * @param provider Provider.
 * @param flag     Flag.
 * @return Whether it declares the flag (a local provider declares them all).
 */
export function declares( provider: Provider, flag: DataHandlingFlag ) {
	const handling = provider.data_handling ?? {
		local: provider.is_local,
		no_retention: false,
		no_training: false,
	};
	return handling.local || handling[ flag ];
}

/**
 * The flags of `requires` a provider does not declare.
 *
 * @param provider Provider.
 * @param requires Required flags.
 * @return Missing flags, in the schema's order.
 */
export function missingFlags(
	provider: Provider,
	requires: DataHandlingFlag[]
): DataHandlingFlag[] {
	return DATA_HANDLING_FLAGS.filter(
		( flag ) => requires.includes( flag ) && ! declares( provider, flag )
	);
}

/**
 * Privacy: a private feature only ever uses routes whose provider declares
 * the data handling it requires, with each route's standing in words.
 *
 * @see \AI_Failover\Engine\Privacy_Rule
 *
 * @param props           Props.
 * @param props.providers The providers routes can use.
 */
export function PrivacySection(
	props: SectionProps & { providers: Provider[] }
) {
	const { form, update, fieldErrors, errorId, providers } = props;
	const privacy = form.routing.privacy;
	const labels = dataHandlingLabels();
	const words = ( flags: DataHandlingFlag[] ) =>
		flags
			.map( ( flag ) => labels[ flag ].label.toLowerCase() )
			.join( ', ' );
	const setPrivacy = ( next: Partial< typeof privacy >, path: string ) =>
		update(
			( current ) => ( {
				...current,
				routing: {
					...current.routing,
					privacy: { ...current.routing.privacy, ...next },
				},
			} ),
			path
		);
	const routes = [
		{ name: __( 'Primary', 'ai-failover' ), route: form.primary },
		...form.fallbacks.map( ( route, index ) => ( {
			/* translators: %d: Fallback position, from 1. */
			name: sprintf( __( 'Fallback %d', 'ai-failover' ), index + 1 ),
			route,
		} ) ),
	].filter( ( entry ) => entry.route.provider_id !== '' );

	return (
		<Section
			title={ __( 'Privacy', 'ai-failover' ) }
			className="aifo-feature-form__privacy"
		>
			<p className="aifo-feature-form__hint">
				{ privacy.private
					? sprintf(
							/* translators: %s: Comma-separated data-handling rules, such as "no retention, no training or data collection". */
							__(
								'Private: this feature’s content is only ever sent to providers that declare %s. Any other route is skipped before a request is made, so no failure, retry or fallback can move the content there, and every skip is logged with the rule that excluded the route. A private feature with such a route cannot be saved.',
								'ai-failover'
							),
							words( privacy.requires ) ||
								__( '(choose at least one)', 'ai-failover' )
						)
					: __(
							'Off: any route of this feature may be used, whatever its provider does with the data. Switch on for content that must stay with providers that run locally, keep nothing, or never train on it.',
							'ai-failover'
						) }
			</p>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Private: only use routes that declare the data handling below',
						'ai-failover'
					) }
					checked={ privacy.private }
					onChange={ ( checked: boolean ) =>
						setPrivacy( { private: checked }, 'routing.privacy' )
					}
				/>
			</div>
			{ privacy.private && (
				<>
					<div
						className="aifo-feature-form__field"
						role="group"
						aria-label={ __(
							'Every route must declare',
							'ai-failover'
						) }
					>
						<p className="aifo-feature-form__label">
							{ __( 'Every route must declare', 'ai-failover' ) }
						</p>
						<div className="aifo-feature-form__checkboxes">
							{ DATA_HANDLING_FLAGS.map( ( flag ) => (
								<CheckboxControl
									key={ flag }
									__nextHasNoMarginBottom
									label={ labels[ flag ].label }
									checked={ privacy.requires.includes(
										flag
									) }
									onChange={ ( checked: boolean ) =>
										setPrivacy(
											{
												requires:
													DATA_HANDLING_FLAGS.filter(
														( f ) =>
															f === flag
																? checked
																: privacy.requires.includes(
																		f
																	)
													),
											},
											'routing.privacy.requires'
										)
									}
								/>
							) ) }
						</div>
						<FieldError
							id={ errorId( 'routing.privacy.requires' ) }
							message={
								fieldErrors[ 'routing.privacy.requires' ]
							}
						/>
					</div>
					<ul className="aifo-feature-form__eligibility">
						{ routes.map( ( { name, route } ) => {
							const provider = providers.find(
								( p ) => p.id === route.provider_id
							);
							const missing = provider
								? missingFlags( provider, privacy.requires )
								: [];
							return (
								<li
									key={ name }
									className={
										missing.length > 0
											? 'is-ineligible'
											: 'is-eligible'
									}
								>
									{ missing.length > 0
										? sprintf(
												/* translators: 1: Route name, 2: Provider name, 3: Comma-separated data-handling rules. */
												__(
													'%1$s (%2$s) is not eligible: the provider does not declare %3$s.',
													'ai-failover'
												),
												name,
												provider?.label ??
													route.provider_id,
												words( missing )
											)
										: sprintf(
												/* translators: 1: Route name, 2: Provider name. */
												__(
													'%1$s (%2$s) is eligible.',
													'ai-failover'
												),
												name,
												provider?.label ??
													route.provider_id
											) }
								</li>
							);
						} ) }
					</ul>
				</>
			) }
		</Section>
	);
}
