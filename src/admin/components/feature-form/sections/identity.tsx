/**
 * WordPress dependencies
 */
import { TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../../lib/control-size';
import { errorProps, FieldError } from '../../../../components/field-error';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * The feature's id (fixed once saved) and label.
 *
 * @param props       Props.
 * @param props.isNew Whether the feature is being created.
 */
export function IdentitySection( props: SectionProps & { isNew: boolean } ) {
	const { form, update, fieldErrors, errorId, isNew } = props;
	return (
		<Section title={ __( 'Feature', 'ai-failover' ) }>
			<div className="aifo-feature-form__row">
				<div className="aifo-feature-form__field">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'ID', 'ai-failover' ) }
						help={ __(
							'Used by code, such as "post-summary". Cannot change later.',
							'ai-failover'
						) }
						value={ form.id }
						disabled={ ! isNew }
						onChange={ ( value: string ) =>
							update(
								( current ) => ( { ...current, id: value } ),
								'id'
							)
						}
						{ ...errorProps( errorId( 'id' ), fieldErrors.id ) }
					/>
					<FieldError
						announce={ false }
						id={ errorId( 'id' ) }
						message={ fieldErrors.id }
					/>
				</div>
				<div className="aifo-feature-form__field">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Label', 'ai-failover' ) }
						value={ form.label }
						onChange={ ( value: string ) =>
							update(
								( current ) => ( { ...current, label: value } ),
								'label'
							)
						}
						{ ...errorProps(
							errorId( 'label' ),
							fieldErrors.label
						) }
					/>
					<FieldError
						announce={ false }
						id={ errorId( 'label' ) }
						message={ fieldErrors.label }
					/>
				</div>
			</div>
		</Section>
	);
}
