/**
 * WordPress dependencies
 */
import { CheckboxControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import {
	LOCKED_TRIGGERS,
	SWITCHABLE_TRIGGERS,
} from '../../../hooks/use-feature-form';
import { lockedReason, triggerHelp, triggerLabel } from '../labels';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * Which errors move a request on to the next route; the ones that never
 * may are shown disabled, with why.
 *
 * @param props Props.
 */
export function TriggersSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	return (
		<Section title={ __( 'When to fall back', 'ai-failover' ) }>
			<p className="aifo-feature-form__hint">
				{ __(
					'Errors that move a request to the next route once its retries are used up.',
					'ai-failover'
				) }
			</p>
			<FieldError
				announce={ false }
				id={ errorId( 'triggers' ) }
				message={ fieldErrors.triggers }
			/>
			<div className="aifo-feature-form__checkboxes">
				{ SWITCHABLE_TRIGGERS.map( ( name ) => (
					<CheckboxControl
						key={ name }
						__nextHasNoMarginBottom
						label={ triggerLabel( name ) }
						help={ triggerHelp( name ) }
						checked={ form.triggers[ name ] }
						onChange={ ( checked: boolean ) =>
							update(
								( current ) => ( {
									...current,
									triggers: {
										...current.triggers,
										[ name ]: checked,
									},
								} ),
								'triggers'
							)
						}
					/>
				) ) }
			</div>
			<div className="aifo-feature-form__checkboxes is-locked">
				{ LOCKED_TRIGGERS.map( ( name ) => (
					<CheckboxControl
						key={ name }
						__nextHasNoMarginBottom
						className="aifo-feature-form__locked-trigger"
						label={ triggerLabel( name ) }
						help={ lockedReason( name ) }
						checked={ false }
						disabled
						onChange={ () => undefined }
					/>
				) ) }
			</div>
		</Section>
	);
}
