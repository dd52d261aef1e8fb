/**
 * WordPress dependencies
 */
import { TextControl } from '@wordpress/components';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import { errorProps, FieldError } from '../../../components/field-error';
import type { SectionProps } from './types';

type Props = SectionProps & {
	group: 'retry' | 'timeouts' | 'alerts';
	field: string;
	label: string;
	help: string;
	min: number;
	max?: number;
};

/**
 * A number input of a nested group (retry, timeouts, alerts) with its
 * field error: one definition for the three sections.
 *
 * @param props Props.
 */
export function NumberField( props: Props ) {
	const { form, update, fieldErrors, errorId } = props;
	const { group, field, label, help, min, max } = props;
	const path = `${ group }.${ field }`;
	const message = fieldErrors[ path ];
	return (
		<div className="aifo-feature-form__field">
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ label }
				help={ help }
				type="number"
				min={ min }
				max={ max }
				step={ 1 }
				value={
					( form[ group ] as Record< string, string > )[ field ] ?? ''
				}
				onChange={ ( value: string ) =>
					update(
						( current ) => ( {
							...current,
							[ group ]: {
								...current[ group ],
								[ field ]: value,
							},
						} ),
						path
					)
				}
				{ ...errorProps( errorId( path ), message ) }
			/>
			<FieldError
				announce={ false }
				id={ errorId( path ) }
				message={ message }
			/>
		</div>
	);
}
