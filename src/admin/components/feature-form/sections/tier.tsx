/**
 * WordPress dependencies
 */
import {
	CheckboxControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { errorProps, FieldError } from '../../../../components/field-error';
import { controlSize } from '../../../../lib/control-size';
import { CORE_ROLES, type TierForm } from '../../../hooks/use-feature-form';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * Paid tiers: whether a fallback must be shown to the user, and which roles
 * may be served by a fallback at all.
 *
 * @param props Props.
 */
export function TierSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const tier = form.tier;
	const set = ( change: Partial< TierForm >, path: string ) =>
		update(
			( current ) => ( {
				...current,
				tier: { ...current.tier, ...change },
			} ),
			path
		);
	const rolesKey = Object.keys( fieldErrors ).find( ( key ) =>
		key.startsWith( 'tier.fallback_roles' )
	);
	const rolesError =
		rolesKey === undefined ? undefined : fieldErrors[ rolesKey ];
	const reserved =
		tier.fallback_roles.length > 0 ||
		tier.other_fallback_roles.trim() !== '';
	return (
		<Section title={ __( 'Paid tiers and notices', 'ai-failover' ) }>
			<p className="aifo-feature-form__hint">
				{ __(
					'For sites that sell access to a specific model. A fallback answers with another model, so a paying user may need to know, and a free user may not be owed one.',
					'ai-failover'
				) }
			</p>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __(
					'Always tell users when a fallback answered',
					'ai-failover'
				) }
				help={ __(
					'The degraded notice becomes required: it is flagged as “must be shown” in every degraded run result (notice_required) and listed with the output of every workflow that used this feature.',
					'ai-failover'
				) }
				checked={ tier.notice_required }
				onChange={ ( checked: boolean ) =>
					set( { notice_required: checked }, 'tier.notice_required' )
				}
			/>
			<div className="aifo-feature-form__field">
				<p className="aifo-feature-form__label">
					{ __( 'Roles that may get a fallback', 'ai-failover' ) }
				</p>
				<p className="aifo-feature-form__hint">
					{ reserved
						? __(
								'Only these roles are served by a fallback route. Everyone else gets the first route only: when it fails, their request fails, and the error says that fallbacks are reserved for these roles.',
								'ai-failover'
							)
						: __(
								'None chosen: every caller may be served by a fallback.',
								'ai-failover'
							) }
				</p>
				<div className="aifo-feature-form__checkboxes">
					{ CORE_ROLES.map( ( role ) => (
						<CheckboxControl
							key={ role }
							__nextHasNoMarginBottom
							label={ role }
							checked={ tier.fallback_roles.includes( role ) }
							onChange={ ( checked: boolean ) =>
								set(
									{
										fallback_roles: checked
											? [ ...tier.fallback_roles, role ]
											: tier.fallback_roles.filter(
													( r ) => r !== role
												),
									},
									'tier.fallback_roles'
								)
							}
						/>
					) ) }
				</div>
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __(
						'Other roles that may get a fallback',
						'ai-failover'
					) }
					help={ __(
						'Role slugs added by plugins, separated by commas.',
						'ai-failover'
					) }
					value={ tier.other_fallback_roles }
					onChange={ ( value: string ) =>
						set(
							{ other_fallback_roles: value },
							'tier.fallback_roles'
						)
					}
					{ ...errorProps(
						errorId( 'tier.fallback_roles' ),
						rolesError
					) }
				/>
				<FieldError
					announce={ false }
					id={ errorId( 'tier.fallback_roles' ) }
					message={ rolesError }
				/>
			</div>
		</Section>
	);
}
