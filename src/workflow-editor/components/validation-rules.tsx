/**
 * WordPress dependencies
 */
import {
	TextControl,
	TextareaControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../lib/control-size';
import type { StepValidation } from '../../schemas/workflow';

type Props = {
	rules: StepValidation;
	onChange: ( rules: StepValidation ) => void;
};

/**
 * A copy of the rules with one rule set, or dropped when emptied (absent
 * rules are not checked, so the attribute only lists the ones in use).
 *
 * @param rules Current rules.
 * @param key   Rule.
 * @param value New value; undefined, '', false or [] drops the rule.
 * @return Rules.
 */
export function withRule< K extends keyof StepValidation >(
	rules: StepValidation,
	key: K,
	value: StepValidation[ K ] | undefined
): StepValidation {
	const next: StepValidation = { ...rules };
	const empty =
		value === undefined ||
		value === '' ||
		value === false ||
		( Array.isArray( value ) && value.length === 0 );
	if ( empty ) {
		delete next[ key ];
	} else {
		next[ key ] = value;
	}
	return next;
}

const lines = ( text: string ): string[] =>
	text
		.split( '\n' )
		.map( ( line ) => line.trim() )
		.filter( ( line ) => line !== '' );

const toLength = ( text: string ): number | undefined => {
	if ( text.trim() === '' ) {
		return undefined;
	}
	const number = Math.floor( Number( text ) );
	return Number.isFinite( number ) && number >= 0 ? number : undefined;
};

/**
 * Output rules of a step: a broken rule fails the step with
 * `validation_failed`, which an On failure branch can catch.
 *
 * @param props          Props.
 * @param props.rules    Current rules.
 * @param props.onChange Called with the new rules.
 */
export function ValidationRules( { rules, onChange }: Props ) {
	const set = < K extends keyof StepValidation >(
		key: K,
		value: StepValidation[ K ] | undefined
	) => onChange( withRule( rules, key, value ) );
	return (
		<div className="aifo-rules">
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Must not be empty', 'ai-failover' ) }
				checked={ rules.non_empty === true }
				onChange={ ( value: boolean ) => set( 'non_empty', value ) }
			/>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ __( 'Minimum length (characters)', 'ai-failover' ) }
				type="number"
				min={ 0 }
				value={
					rules.min_length === undefined
						? ''
						: String( rules.min_length )
				}
				onChange={ ( value: string ) =>
					set( 'min_length', toLength( value ) )
				}
			/>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ __( 'Maximum length (characters)', 'ai-failover' ) }
				type="number"
				min={ 0 }
				value={
					rules.max_length === undefined
						? ''
						: String( rules.max_length )
				}
				onChange={ ( value: string ) =>
					set( 'max_length', toLength( value ) )
				}
			/>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ __( 'Must match (regular expression)', 'ai-failover' ) }
				help={ __(
					'Without delimiters, case-sensitive. Example: ^\\d+$',
					'ai-failover'
				) }
				value={ rules.regex ?? '' }
				onChange={ ( value: string ) => set( 'regex', value ) }
			/>
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Must contain (one per line)', 'ai-failover' ) }
				rows={ 2 }
				value={ ( rules.must_contain ?? [] ).join( '\n' ) }
				onChange={ ( value: string ) =>
					set( 'must_contain', lines( value ) )
				}
			/>
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Must not contain (one per line)', 'ai-failover' ) }
				rows={ 2 }
				value={ ( rules.must_not_contain ?? [] ).join( '\n' ) }
				onChange={ ( value: string ) =>
					set( 'must_not_contain', lines( value ) )
				}
			/>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __( 'Must be valid JSON', 'ai-failover' ) }
				checked={ rules.json === true }
				onChange={ ( value: boolean ) => set( 'json', value ) }
			/>
			<TextareaControl
				__nextHasNoMarginBottom
				label={ __( 'Must match this JSON Schema', 'ai-failover' ) }
				rows={ 3 }
				value={ rules.json_schema ?? '' }
				onChange={ ( value: string ) => set( 'json_schema', value ) }
			/>
		</div>
	);
}

/**
 * The rules in use, in a few words each, for the step block.
 *
 * @param rules Rules.
 * @return Short labels.
 */
export function summarizeRules( rules: StepValidation ): string[] {
	const summary: string[] = [];
	if ( rules.non_empty ) {
		summary.push( __( 'not empty', 'ai-failover' ) );
	}
	if ( rules.min_length !== undefined ) {
		summary.push( `≥ ${ rules.min_length }` );
	}
	if ( rules.max_length !== undefined ) {
		summary.push( `≤ ${ rules.max_length }` );
	}
	if ( rules.regex ) {
		summary.push( `/${ rules.regex }/` );
	}
	for ( const text of rules.must_contain ?? [] ) {
		summary.push( `+"${ text }"` );
	}
	for ( const text of rules.must_not_contain ?? [] ) {
		summary.push( `−"${ text }"` );
	}
	if ( rules.json ) {
		summary.push( __( 'JSON', 'ai-failover' ) );
	}
	if ( rules.json_schema ) {
		summary.push( __( 'JSON Schema', 'ai-failover' ) );
	}
	return summary;
}
