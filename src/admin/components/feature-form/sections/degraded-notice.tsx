/**
 * WordPress dependencies
 */
import { TextareaControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { errorProps, FieldError } from '../../../../components/field-error';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * The notice users see when a fallback or key rotation served them.
 *
 * @param props Props.
 */
export function DegradedNoticeSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	return (
		<Section title={ __( 'Degraded notice', 'ai-failover' ) }>
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Notice shown to users', 'ai-failover' ) }
				help={ __(
					'Shown when a fallback or a key rotation served the answer. At most 500 characters.',
					'ai-failover'
				) }
				value={ form.degraded_notice }
				onChange={ ( value: string ) =>
					update(
						( current ) => ( {
							...current,
							degraded_notice: value,
						} ),
						'degraded_notice'
					)
				}
				{ ...errorProps(
					errorId( 'degraded_notice' ),
					fieldErrors.degraded_notice
				) }
			/>
			<FieldError
				announce={ false }
				id={ errorId( 'degraded_notice' ) }
				message={ fieldErrors.degraded_notice }
			/>
		</Section>
	);
}
