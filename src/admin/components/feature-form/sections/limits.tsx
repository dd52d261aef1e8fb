/**
 * WordPress dependencies
 */
import { SelectControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../../lib/control-size';
import {
	FieldError,
	selectErrorProps,
} from '../../../../components/field-error';
import {
	numberHelp,
	numberLabel,
	RETRY_FIELDS,
	TIMEOUT_FIELDS,
} from '../labels';
import { NumberField } from '../number-field';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * How often one route is tried, the delays between, and the time budget of
 * the whole request.
 *
 * @param props Props.
 */
export function RetriesSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const attemptsPath = 'retry.attempts_per_route';
	return (
		<Section title={ __( 'Retries', 'ai-failover' ) }>
			<FieldError
				announce={ false }
				id={ errorId( 'retry' ) }
				message={ fieldErrors.retry }
			/>
			<div className="aifo-feature-form__row">
				<div className="aifo-feature-form__field">
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Attempts per route', 'ai-failover' ) }
						value={ form.retry.attempts_per_route }
						options={ [ '1', '2', '3' ].map( ( n ) => ( {
							value: n,
							label: n,
						} ) ) }
						onChange={ ( value: string ) =>
							update(
								( current ) => ( {
									...current,
									retry: {
										...current.retry,
										attempts_per_route: value,
									},
								} ),
								attemptsPath
							)
						}
						{ ...selectErrorProps(
							fieldErrors[ attemptsPath ],
							__(
								'Tries on one route before falling back (1 means no retry).',
								'ai-failover'
							)
						) }
					/>
				</div>
				{ RETRY_FIELDS.map( ( field ) => (
					<NumberField
						key={ field }
						{ ...props }
						group="retry"
						field={ field }
						label={ numberLabel( field ) }
						help={ numberHelp( field ) }
						min={ 0 }
					/>
				) ) }
			</div>
		</Section>
	);
}

/**
 * The limits of one attempt: connect, first byte, whole attempt.
 *
 * @param props Props.
 */
export function TimeoutsSection( props: SectionProps ) {
	const { fieldErrors, errorId } = props;
	return (
		<Section title={ __( 'Timeouts', 'ai-failover' ) }>
			<FieldError
				announce={ false }
				id={ errorId( 'timeouts' ) }
				message={ fieldErrors.timeouts }
			/>
			<div className="aifo-feature-form__row">
				{ TIMEOUT_FIELDS.map( ( field ) => (
					<NumberField
						key={ field }
						{ ...props }
						group="timeouts"
						field={ field }
						label={ numberLabel( field ) }
						help={ numberHelp( field ) }
						min={ 100 }
					/>
				) ) }
			</div>
		</Section>
	);
}
