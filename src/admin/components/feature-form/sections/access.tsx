/**
 * WordPress dependencies
 */
import {
	CheckboxControl,
	TextareaControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { errorProps, FieldError } from '../../../../components/field-error';
import { controlSize } from '../../../../lib/control-size';
import { CORE_ROLES, type AccessForm } from '../../../hooks/use-feature-form';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * The first server error about one allow-list entry (`access.ip_allow[2]`)
 * or about the list as a whole.
 *
 * @param fieldErrors Errors by path.
 * @param field       `roles` or `ip_allow`.
 * @return The message, if any.
 */
function listError(
	fieldErrors: SectionProps[ 'fieldErrors' ],
	field: 'roles' | 'ip_allow'
): string | undefined {
	const path = `access.${ field }`;
	const key = Object.keys( fieldErrors ).find(
		( candidate ) =>
			candidate === path || candidate.startsWith( `${ path }[` )
	);
	return key === undefined ? undefined : fieldErrors[ key ];
}

/**
 * Who may run the feature, and from which addresses.
 *
 * @param props Props.
 */
export function AccessSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const access = form.access;
	const set = ( change: Partial< AccessForm >, path: string ) =>
		update(
			( current ) => ( {
				...current,
				access: { ...current.access, ...change },
			} ),
			path
		);
	const rolesError = listError( fieldErrors, 'roles' );
	const ipError = listError( fieldErrors, 'ip_allow' );
	const restricted =
		access.roles.length > 0 ||
		access.other_roles.trim() !== '' ||
		access.ip_allow.trim() !== '';
	return (
		<Section title={ __( 'Access', 'ai-failover' ) }>
			<p className="aifo-feature-form__hint">
				{ __(
					'Who may run this feature. A refused request gets an “access denied” error (HTTP 403) with the reason, is logged in Diagnostics, and never reaches a provider, so it costs nothing. Leave both empty to let everyone who may run AI features use it.',
					'ai-failover'
				) }
			</p>
			<div className="aifo-feature-form__field">
				<p className="aifo-feature-form__label">
					{ __( 'Roles that may run it', 'ai-failover' ) }
				</p>
				<div className="aifo-feature-form__checkboxes">
					{ CORE_ROLES.map( ( role ) => (
						<CheckboxControl
							key={ role }
							__nextHasNoMarginBottom
							label={ role }
							checked={ access.roles.includes( role ) }
							onChange={ ( checked: boolean ) =>
								set(
									{
										roles: checked
											? [ ...access.roles, role ]
											: access.roles.filter(
													( r ) => r !== role
												),
									},
									'access.roles'
								)
							}
						/>
					) ) }
				</div>
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Other roles', 'ai-failover' ) }
					help={ __(
						'Role slugs added by plugins, such as a membership tier, separated by commas.',
						'ai-failover'
					) }
					value={ access.other_roles }
					onChange={ ( value: string ) =>
						set( { other_roles: value }, 'access.roles' )
					}
					{ ...errorProps( errorId( 'access.roles' ), rolesError ) }
				/>
				<FieldError
					announce={ false }
					id={ errorId( 'access.roles' ) }
					message={ rolesError }
				/>
			</div>
			<div className="aifo-feature-form__field">
				<TextareaControl
					__nextHasNoMarginBottom
					label={ __( 'Allowed addresses', 'ai-failover' ) }
					help={ __(
						'One IP address or block a line, IPv4 or IPv6, such as 203.0.113.7, 203.0.113.0/24 or 2001:db8::/32. The address is the one the visitor connects from; behind a proxy or CDN, the site must name its proxies with the aifo_trusted_proxies filter, or every request looks like it comes from the proxy.',
						'ai-failover'
					) }
					value={ access.ip_allow }
					onChange={ ( value: string ) =>
						set( { ip_allow: value }, 'access.ip_allow' )
					}
					{ ...errorProps( errorId( 'access.ip_allow' ), ipError ) }
				/>
				<FieldError
					announce={ false }
					id={ errorId( 'access.ip_allow' ) }
					message={ ipError }
				/>
			</div>
			{ restricted && (
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Allow scheduled and command-line runs',
						'ai-failover'
					) }
					help={ __(
						'WP-Cron and WP-CLI runs have no visitor, so no role or address to check. On: they may run this feature (a scheduled workflow, for example). Off: they are refused too.',
						'ai-failover'
					) }
					checked={ access.allow_server_runs }
					onChange={ ( checked: boolean ) =>
						set(
							{ allow_server_runs: checked },
							'access.allow_server_runs'
						)
					}
				/>
			) }
		</Section>
	);
}
