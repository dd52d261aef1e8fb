/**
 * WordPress dependencies
 */
import { CheckboxControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { FieldErrors } from '../../../api/errors';
import { FieldError } from '../../../components/field-error';
import { controlSize } from '../../../lib/control-size';
import type { DataHandlingFlag } from '../../../schemas';

export type DataHandlingForm = Record< DataHandlingFlag, boolean >;

type Props = {
	formId: string;
	region: string;
	apiFamily: string;
	dataHandling: DataHandlingForm;
	fieldErrors: FieldErrors;
	onRegion: ( region: string ) => void;
	onApiFamily: ( family: string ) => void;
	onDataHandling: ( next: DataHandlingForm ) => void;
};

/**
 * The words for each data-handling flag, shared with the feature form's
 * privacy section.
 *
 * @return Label and explanation by flag.
 */
export function dataHandlingLabels(): Record<
	DataHandlingFlag,
	{ label: string; help: string }
> {
	return {
		local: {
			label: __( 'Runs locally', 'ai-failover' ),
			help: __(
				'The model runs on this site’s machine or network, so the data never leaves it (this implies the two below).',
				'ai-failover'
			),
		},
		no_retention: {
			label: __( 'No retention', 'ai-failover' ),
			help: __(
				'The provider keeps no prompt or answer after responding (for example a zero-retention agreement).',
				'ai-failover'
			),
		},
		no_training: {
			label: __( 'No training or data collection', 'ai-failover' ),
			help: __(
				'The provider never uses prompts or answers for training or other data collection.',
				'ai-failover'
			),
		},
	};
}

/**
 * Where a provider serves requests and what it declares about the data it is
 * sent: what private features and region rules route by.
 *
 * @see \AI_Failover\Providers\Provider_Config
 *
 * @param props Props.
 */
export function DataHandlingFields( props: Props ) {
	const { formId, region, dataHandling, fieldErrors, onRegion } = props;
	const labels = dataHandlingLabels();
	return (
		<fieldset className="aifo-provider-form__field aifo-provider-form__data-handling">
			<legend>
				{ __( 'Region, API family and data handling', 'ai-failover' ) }
			</legend>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ __( 'Region', 'ai-failover' ) }
				help={ __(
					'Where this provider serves requests, such as us, eu or local. Features can require or prefer regions. Leave empty when unknown.',
					'ai-failover'
				) }
				value={ region }
				onChange={ ( value: string ) => onRegion( value ) }
				aria-describedby={ `${ formId }-error-region` }
			/>
			<FieldError
				id={ `${ formId }-error-region` }
				message={ fieldErrors.region }
			/>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ __( 'API family', 'ai-failover' ) }
				help={ __(
					'The family of its models, such as openai, anthropic or meta. A fallback to another family than a feature’s primary may answer in another tone and style, so it is refused unless the feature allows it. Empty: the wire protocol.',
					'ai-failover'
				) }
				value={ props.apiFamily }
				onChange={ ( value: string ) => props.onApiFamily( value ) }
				aria-describedby={ `${ formId }-error-api_family` }
			/>
			<FieldError
				id={ `${ formId }-error-api_family` }
				message={ fieldErrors.api_family }
			/>
			<p className="aifo-provider-form__hint">
				{ __(
					'Declare only what this provider’s terms or your account guarantee: private features send their content only to providers that declare what they require.',
					'ai-failover'
				) }
			</p>
			{ ( Object.keys( labels ) as DataHandlingFlag[] ).map( ( flag ) => (
				<CheckboxControl
					key={ flag }
					__nextHasNoMarginBottom
					label={ labels[ flag ].label }
					help={ labels[ flag ].help }
					checked={ dataHandling[ flag ] }
					onChange={ ( checked: boolean ) =>
						props.onDataHandling( {
							...dataHandling,
							[ flag ]: checked,
						} )
					}
				/>
			) ) }
			<FieldError
				id={ `${ formId }-error-data_handling` }
				message={ fieldErrors.data_handling }
			/>
		</fieldset>
	);
}
