/**
 * WordPress dependencies
 */
import { CheckboxControl, TextControl } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { errorProps, FieldError } from '../../../../components/field-error';
import { controlSize } from '../../../../lib/control-size';
import type { QualityPolicy } from '../../../../schemas';
import { PolicyNumberField, TriggerToggle } from '../policy-fields';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * Quality: checks every answer of the feature must pass, and whether a
 * failed answer escalates to the next route (the `validation_failed`
 * fallback trigger, the same switch as under Fallback triggers).
 *
 * @see \AI_Failover\Engine\Output_Checks
 *
 * @param props Props.
 */
export function QualitySection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const quality = form.routing.quality;
	const set = (
		next: Partial< QualityPolicy >,
		field: keyof QualityPolicy
	) =>
		update(
			( current ) => ( {
				...current,
				routing: {
					...current.routing,
					quality: { ...current.routing.quality, ...next },
				},
			} ),
			`routing.quality.${ field }`
		);
	const rules: string[] = [];
	if ( quality.non_empty ) {
		rules.push( __( 'not empty', 'ai-failover' ) );
	}
	if ( quality.min_length > 0 ) {
		const atLeast = sprintf(
			/* translators: %d: Number of characters. */
			_n(
				'at least %d character',
				'at least %d characters',
				quality.min_length,
				'ai-failover'
			),
			quality.min_length
		);
		rules.push( atLeast );
	}
	if ( quality.regex !== '' ) {
		const matching = sprintf(
			/* translators: %s: A regular expression. */
			__( 'matching %s', 'ai-failover' ),
			quality.regex
		);
		rules.push( matching );
	}
	if ( quality.json ) {
		rules.push( __( 'valid JSON', 'ai-failover' ) );
	}
	const escalate = form.triggers.validation_failed;
	let hint: string = __(
		'No rules: every answer is accepted (a run request can still add its own checks).',
		'ai-failover'
	);
	if ( rules.length > 0 ) {
		hint = sprintf(
			/* translators: 1: Comma-separated rules, 2: What happens to an answer that fails them. */
			__(
				'Every answer must be %1$s. %2$s A streamed answer is held until it passed, so a rejected one never reaches the reader. A run request can add its own checks on top.',
				'ai-failover'
			),
			rules.join( ', ' ),
			escalate
				? __(
						'One that fails is logged as validation_failed and the run escalates to the next route (it was paid for, and its cost counts).',
						'ai-failover'
					)
				: __(
						'One that fails is logged as validation_failed and the run stops: switch on escalation to try the next route instead.',
						'ai-failover'
					)
		);
	}

	return (
		<Section
			title={ __( 'Quality', 'ai-failover' ) }
			className="aifo-feature-form__quality"
		>
			<p className="aifo-feature-form__hint">{ hint }</p>
			<div className="aifo-feature-form__checkboxes">
				<CheckboxControl
					__nextHasNoMarginBottom
					label={ __( 'Not empty', 'ai-failover' ) }
					checked={ quality.non_empty }
					onChange={ ( checked: boolean ) =>
						set( { non_empty: checked }, 'non_empty' )
					}
				/>
				<CheckboxControl
					__nextHasNoMarginBottom
					label={ __( 'Valid JSON', 'ai-failover' ) }
					checked={ quality.json }
					onChange={ ( checked: boolean ) =>
						set( { json: checked }, 'json' )
					}
				/>
			</div>
			<div className="aifo-feature-form__row">
				<PolicyNumberField
					path="routing.quality.min_length"
					label={ __( 'Minimum length (characters)', 'ai-failover' ) }
					value={ quality.min_length }
					min={ 0 }
					max={ 100000 }
					onChange={ ( value ) =>
						set( { min_length: value }, 'min_length' )
					}
					fieldErrors={ fieldErrors }
					errorId={ errorId }
				/>
				<div className="aifo-feature-form__field">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __(
							'Must match (regular expression)',
							'ai-failover'
						) }
						value={ quality.regex }
						onChange={ ( text: string ) =>
							set( { regex: text }, 'regex' )
						}
						{ ...errorProps(
							errorId( 'routing.quality.regex' ),
							fieldErrors[ 'routing.quality.regex' ]
						) }
					/>
					<FieldError
						announce={ false }
						id={ errorId( 'routing.quality.regex' ) }
						message={ fieldErrors[ 'routing.quality.regex' ] }
					/>
				</div>
			</div>
			<TriggerToggle
				form={ form }
				update={ update }
				trigger="validation_failed"
				label={ __(
					'Escalate to the next route when an answer fails them',
					'ai-failover'
				) }
				help={ __(
					'The same switch as “Answer failed validation” under the fallback triggers.',
					'ai-failover'
				) }
			/>
		</Section>
	);
}
