/**
 * WordPress dependencies
 */
import { TextControl, ToggleControl } from '@wordpress/components';

/**
 * Internal dependencies
 */
import { errorProps, FieldError } from '../../../components/field-error';
import { controlSize } from '../../../lib/control-size';
import type { TriggerName } from '../../hooks/use-feature-form';
import type { SectionProps } from './types';

type PolicyNumberProps = Pick< SectionProps, 'fieldErrors' | 'errorId' > & {
	/** Field-error key, such as `routing.latency.window_s`. */
	path: string;
	label: string;
	/** NaN while the field holds no number (shown empty). */
	value: number;
	min: number;
	max: number;
	onChange: ( value: number ) => void;
};

/**
 * A whole-number input of a routing policy with its field error: one
 * definition for the policy sections. The value is kept as typed, not
 * clamped: a value in the middle of being typed ("2" on the way to "2500")
 * must not be changed under the cursor; out of range is a field error at
 * save, and an empty field is NaN.
 *
 * @param props Props.
 */
export function PolicyNumberField( props: PolicyNumberProps ) {
	const { path, label, value, min, max, onChange } = props;
	const { fieldErrors, errorId } = props;
	return (
		<div className="aifo-feature-form__field">
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				type="number"
				min={ min }
				max={ max }
				step={ 1 }
				label={ label }
				value={ Number.isFinite( value ) ? String( value ) : '' }
				onChange={ ( text: string ) =>
					onChange( text.trim() === '' ? Number.NaN : Number( text ) )
				}
				{ ...errorProps( errorId( path ), fieldErrors[ path ] ) }
			/>
			<FieldError
				announce={ false }
				id={ errorId( path ) }
				message={ fieldErrors[ path ] }
			/>
		</div>
	);
}

type TriggerToggleProps = Pick< SectionProps, 'form' | 'update' > & {
	trigger: TriggerName;
	label: string;
	help: string;
};

/**
 * A policy section's own switch for its fallback trigger: the same value as
 * the trigger's checkbox under "When to fall back".
 *
 * @param props Props.
 */
export function TriggerToggle( props: TriggerToggleProps ) {
	const { form, update, trigger, label, help } = props;
	return (
		<div className="aifo-feature-form__field">
			<ToggleControl
				__nextHasNoMarginBottom
				label={ label }
				help={ help }
				checked={ form.triggers[ trigger ] }
				onChange={ ( checked: boolean ) =>
					update(
						( current ) => ( {
							...current,
							triggers: {
								...current.triggers,
								[ trigger ]: checked,
							},
						} ),
						'triggers'
					)
				}
			/>
		</div>
	);
}
