/**
 * WordPress dependencies
 */
import { SelectControl, TextControl } from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import type { FieldErrors } from '../../../api/errors';
import { ERROR_CLASSES } from '../../../schemas/common';
import { OUTCOMES } from '../../../schemas/event';
import { ENGINE_ERROR_CLASSES } from '../../fields';
import { outcomeLabel } from '../../format';
import type { Filters, Range } from '../../view';
import { FieldError } from '../../../components/field-error';

const ERROR_CLASS_LIST_ID = 'aifo-event-filters-error-classes';

/** Provider error classes, then the engine's own. */
const ERROR_CLASS_SUGGESTIONS = [ ...ERROR_CLASSES, ...ENGINE_ERROR_CLASSES ];

type Props = {
	filters: Filters;
	fieldErrors: FieldErrors;
	onChange: ( patch: Partial< Filters > ) => void;
};

/**
 * The event log's filters. Every change applies at once (the request waits
 * for typing to pause).
 *
 * @param props             Props.
 * @param props.filters     Current values.
 * @param props.fieldErrors Errors by query parameter.
 * @param props.onChange    Receives the changed values.
 */
export function EventFilters( { filters, fieldErrors, onChange }: Props ) {
	const ranges: Array< { value: Range; label: string } > = [
		{ value: '1h', label: __( 'Last hour', 'ai-failover' ) },
		{ value: '24h', label: __( 'Last 24 hours', 'ai-failover' ) },
		{ value: '7d', label: __( 'Last 7 days', 'ai-failover' ) },
		{ value: 'all', label: __( 'All time', 'ai-failover' ) },
		{ value: 'custom', label: __( 'Custom range', 'ai-failover' ) },
	];
	const any = { value: '', label: __( 'Any', 'ai-failover' ) };

	const text = (
		name: 'feature' | 'provider' | 'error_class' | 'search',
		label: string,
		placeholder: string,
		list?: string
	) => (
		<div className={ `aifo-event-filters__field is-${ name }` }>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ label }
				value={ filters[ name ] }
				placeholder={ placeholder }
				list={ list }
				autoComplete="off"
				spellCheck={ false }
				aria-invalid={ !! fieldErrors[ name ] }
				aria-describedby={
					fieldErrors[ name ]
						? `aifo-event-filters-error-${ name }`
						: undefined
				}
				onChange={ ( value: string ) =>
					onChange( { [ name ]: value } )
				}
			/>
			<FieldError
				id={ `aifo-event-filters-error-${ name }` }
				message={ fieldErrors[ name ] }
			/>
		</div>
	);

	return (
		<div className="aifo-event-filters">
			<div className="aifo-event-filters__field is-range">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Time', 'ai-failover' ) }
					value={ filters.range }
					options={ ranges }
					onChange={ ( value: string ) =>
						onChange( { range: value as Range } )
					}
				/>
			</div>
			{ filters.range === 'custom' &&
				( [ 'after', 'before' ] as const ).map( ( bound ) => (
					<div
						key={ bound }
						className={ `aifo-event-filters__field is-${ bound }` }
					>
						<TextControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							type="datetime-local"
							label={
								bound === 'after'
									? __( 'From', 'ai-failover' )
									: __( 'Until', 'ai-failover' )
							}
							value={ filters[ bound ] }
							aria-invalid={ !! fieldErrors[ bound ] }
							onChange={ ( value: string ) =>
								onChange( { [ bound ]: value } )
							}
						/>
						<FieldError
							id={ `aifo-event-filters-error-${ bound }` }
							message={ fieldErrors[ bound ] }
						/>
					</div>
				) ) }
			{ text(
				'feature',
				__( 'Feature', 'ai-failover' ),
				__( 'feature id', 'ai-failover' )
			) }
			{ text(
				'provider',
				__( 'Provider', 'ai-failover' ),
				__( 'provider id', 'ai-failover' )
			) }
			<div className="aifo-event-filters__field is-outcome">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Outcome', 'ai-failover' ) }
					value={ filters.outcome }
					options={ [
						any,
						...OUTCOMES.map( ( value ) => ( {
							value,
							label: outcomeLabel( value ),
						} ) ),
					] }
					onChange={ ( value: string ) =>
						onChange( { outcome: value as Filters[ 'outcome' ] } )
					}
				/>
			</div>
			{ text(
				'error_class',
				__( 'Error class', 'ai-failover' ),
				__( 'such as rate_limited', 'ai-failover' ),
				ERROR_CLASS_LIST_ID
			) }
			<datalist id={ ERROR_CLASS_LIST_ID }>
				{ ERROR_CLASS_SUGGESTIONS.map( ( value ) => (
					<option key={ value } value={ value } />
				) ) }
			</datalist>
			<div className="aifo-event-filters__field is-simulated">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Simulated', 'ai-failover' ) }
					value={ filters.simulated }
					options={ [
						any,
						{
							value: 'no',
							label: __( 'Real runs only', 'ai-failover' ),
						},
						{
							value: 'yes',
							label: __( 'Drills only', 'ai-failover' ),
						},
					] }
					onChange={ ( value: string ) =>
						onChange( {
							simulated: value as Filters[ 'simulated' ],
						} )
					}
				/>
			</div>
			{ text(
				'search',
				__( 'Search', 'ai-failover' ),
				__( 'reason, message, route or run id', 'ai-failover' )
			) }
		</div>
	);
}
