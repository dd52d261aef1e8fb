/**
 * WordPress dependencies
 */
import {
	Button,
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../lib/control-size';
import type { WorkflowInput } from '../../schemas/workflow';

type Props = {
	inputs: WorkflowInput[];
	onChange: ( inputs: WorkflowInput[] ) => void;
};

/**
 * A name no other input has: topic, then input_2, input_3, ...
 *
 * @param inputs Declared inputs.
 * @return Free name.
 */
export function freeInputName( inputs: WorkflowInput[] ): string {
	const taken = new Set( inputs.map( ( input ) => input.name ) );
	if ( ! taken.has( 'topic' ) ) {
		return 'topic';
	}
	let n = inputs.length + 1;
	while ( taken.has( `input_${ n }` ) ) {
		n++;
	}
	return `input_${ n }`;
}

/**
 * A new input named `name`, text, optional.
 *
 * @param name Variable name.
 * @return Input.
 */
export const newInput = ( name: string ): WorkflowInput => ( {
	name,
	label: '',
	type: 'text',
	required: false,
	default: '',
} );

/**
 * The workflow's input variables (`{{input.<name>}}`): name, label, type,
 * required, default.
 *
 * @param props          Props.
 * @param props.inputs   Declared inputs.
 * @param props.onChange Called with the new list.
 */
export function InputsEditor( { inputs, onChange }: Props ) {
	const update = ( index: number, patch: Partial< WorkflowInput > ) =>
		onChange(
			inputs.map( ( input, i ) =>
				i === index ? { ...input, ...patch } : input
			)
		);
	return (
		<div className="aifo-inputs">
			{ inputs.length === 0 && (
				<p>
					{ __(
						'No inputs: the workflow takes no values when it runs.',
						'ai-failover'
					) }
				</p>
			) }
			{ inputs.map( ( input, index ) => (
				<fieldset className="aifo-inputs__item" key={ index }>
					<legend>
						{ sprintf(
							/* translators: 1: position, 2: variable, e.g. {{input.topic}}. */
							__( 'Input %1$d: %2$s', 'ai-failover' ),
							index + 1,
							`{{input.${ input.name }}}`
						) }
					</legend>
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Name', 'ai-failover' ) }
						help={ __(
							'Lowercase letters, digits and underscores.',
							'ai-failover'
						) }
						value={ input.name }
						onChange={ ( value: string ) =>
							update( index, { name: value.trim() } )
						}
					/>
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Label', 'ai-failover' ) }
						value={ input.label }
						onChange={ ( value: string ) =>
							update( index, { label: value } )
						}
					/>
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Type', 'ai-failover' ) }
						value={ input.type }
						options={ [
							{
								value: 'text',
								label: __( 'Text', 'ai-failover' ),
							},
							{
								value: 'long_text',
								label: __( 'Long text', 'ai-failover' ),
							},
							{
								value: 'number',
								label: __( 'Number', 'ai-failover' ),
							},
							{
								value: 'boolean',
								label: __( 'Yes / no', 'ai-failover' ),
							},
						] }
						onChange={ ( value: string ) =>
							update( index, {
								type: value as WorkflowInput[ 'type' ],
							} )
						}
					/>
					<ToggleControl
						__nextHasNoMarginBottom
						label={ __( 'Required', 'ai-failover' ) }
						checked={ input.required }
						onChange={ ( value: boolean ) =>
							update( index, { required: value } )
						}
					/>
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Default value', 'ai-failover' ) }
						value={ input.default }
						onChange={ ( value: string ) =>
							update( index, { default: value } )
						}
					/>
					<Button
						variant="link"
						isDestructive
						onClick={ () =>
							onChange( inputs.filter( ( _, i ) => i !== index ) )
						}
					>
						{ sprintf(
							/* translators: %s: input name. */
							__( 'Remove input "%s"', 'ai-failover' ),
							input.name
						) }
					</Button>
				</fieldset>
			) ) }
			<Button
				variant="secondary"
				onClick={ () =>
					onChange( [
						...inputs,
						newInput( freeInputName( inputs ) ),
					] )
				}
			>
				{ __( 'Add input', 'ai-failover' ) }
			</Button>
		</div>
	);
}
