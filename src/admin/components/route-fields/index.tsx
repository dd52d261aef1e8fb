/**
 * WordPress dependencies
 */
import { SelectControl, TextControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import type { FieldErrors } from '../../../api/errors';
import type { Provider } from '../../../schemas';
import type { RouteForm } from '../../hooks/use-feature-form';
import { useModelIds } from '../../hooks/use-models';
import {
	errorProps,
	FieldError,
	selectErrorProps,
} from '../../../components/field-error';

type Props = {
	/** Unique prefix for element ids. */
	idPrefix: string;
	/** Field-error path of the route: `primary` or `fallbacks[2]`. */
	path: string;
	route: RouteForm;
	providers: Provider[];
	fieldErrors: FieldErrors;
	/** Whether to show the weight (used by the balanced strategy). */
	showWeight: boolean;
	onChange: ( field: keyof RouteForm, value: string ) => void;
};

/**
 * One route: a provider and a model. The model is free text with the
 * provider's known models as suggestions (a datalist).
 *
 * @param props Props.
 */
export function RouteFields( props: Props ) {
	const {
		idPrefix,
		path,
		route,
		providers,
		fieldErrors,
		showWeight,
		onChange,
	} = props;
	const modelIds = useModelIds( route.provider_id );
	const listId = `${ idPrefix }-models`;
	const errors = {
		provider_id: fieldErrors[ `${ path }.provider_id` ],
		model: fieldErrors[ `${ path }.model` ],
		weight: fieldErrors[ `${ path }.weight` ],
	};

	const options = [
		{
			value: '',
			label: __( 'Choose a provider', 'ai-failover' ),
			disabled: true,
		},
		...providers.map( ( provider ) => ( {
			value: provider.id,
			label: provider.enabled
				? `${ provider.label } (${ provider.id })`
				: sprintf(
						/* translators: 1: provider label, 2: provider id. */
						__( '%1$s (%2$s, disabled)', 'ai-failover' ),
						provider.label,
						provider.id
					),
		} ) ),
	];
	if (
		route.provider_id &&
		! providers.some( ( provider ) => provider.id === route.provider_id )
	) {
		options.push( {
			value: route.provider_id,
			label: sprintf(
				/* translators: %s: provider id. */
				__( '%s (missing provider)', 'ai-failover' ),
				route.provider_id
			),
		} );
	}

	return (
		<div className="aifo-route-fields">
			<div className="aifo-route-fields__provider">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Provider', 'ai-failover' ) }
					value={ route.provider_id }
					options={ options }
					onChange={ ( value: string ) =>
						onChange( 'provider_id', value )
					}
					{ ...selectErrorProps( errors.provider_id ) }
				/>
			</div>
			<div className="aifo-route-fields__model">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Model', 'ai-failover' ) }
					value={ route.model }
					list={ listId }
					autoComplete="off"
					spellCheck={ false }
					onChange={ ( value: string ) => onChange( 'model', value ) }
					{ ...errorProps(
						`${ idPrefix }-error-model`,
						errors.model
					) }
				/>
				<datalist id={ listId }>
					{ modelIds.map( ( id ) => (
						<option key={ id } value={ id } />
					) ) }
				</datalist>
				{ route.model.trim() !== '' &&
					modelIds.length > 0 &&
					! modelIds.includes( route.model.trim() ) && (
						<p className="aifo-route-fields__warning">
							{ sprintf(
								/* translators: %s: model id. */
								__(
									'“%s” is not in this provider’s model list: check the spelling, or refresh the list under Providers > Keys and models.',
									'ai-failover'
								),
								route.model.trim()
							) }
						</p>
					) }
				<FieldError
					announce={ false }
					id={ `${ idPrefix }-error-model` }
					message={ errors.model }
				/>
			</div>
			{ showWeight && (
				<div className="aifo-route-fields__weight">
					<TextControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'Weight', 'ai-failover' ) }
						type="number"
						min={ 1 }
						max={ 100 }
						step={ 1 }
						value={ route.weight }
						onChange={ ( value: string ) =>
							onChange( 'weight', value )
						}
						{ ...errorProps(
							`${ idPrefix }-error-weight`,
							errors.weight
						) }
					/>
					<FieldError
						announce={ false }
						id={ `${ idPrefix }-error-weight` }
						message={ errors.weight }
					/>
				</div>
			) }
			<FieldError
				announce={ false }
				id={ `${ idPrefix }-error` }
				message={ fieldErrors[ path ] }
			/>
		</div>
	);
}
