/**
 * WordPress dependencies
 */
import { SelectControl, TextControl } from '@wordpress/components';
import { useEffect, useState } from '@wordpress/element';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../lib/control-size';
import type { FieldErrors } from '../../../api/errors';
import { getFacets, type EventFacets } from '../../../api/events';
import { getFeatures } from '../../../api/features';
import { ERROR_CLASSES } from '../../../schemas/common';
import { OUTCOMES } from '../../../schemas/event';
import { ENGINE_ERROR_CLASSES } from '../../fields';
import { outcomeLabel } from '../../format';
import type { Filters, Range } from '../../view';
import { FieldError } from '../../../components/field-error';

/** Provider error classes, then the engine's own. */
const ERROR_CLASS_SUGGESTIONS = [ ...ERROR_CLASSES, ...ENGINE_ERROR_CLASSES ];

const NO_FACETS: EventFacets = {
	features: [],
	providers: [],
	error_classes: [],
	workflows: [],
	steps: [],
};

/**
 * The values the dropdowns offer (what the log has, and the steps of the
 * chosen workflow) and the features' labels. A failure leaves the lists
 * short, never the filters unusable: the current value is always offered.
 *
 * @param workflow Chosen workflow ('' for none).
 * @return Facets and labels by feature id.
 */
function useFacets( workflow: string ): {
	facets: EventFacets;
	labels: Record< string, string >;
} {
	const [ facets, setFacets ] = useState< EventFacets >( NO_FACETS );
	const [ labels, setLabels ] = useState< Record< string, string > >( {} );
	useEffect( () => {
		let isCurrent = true;
		getFacets( workflow ).then(
			( loaded ) => isCurrent && setFacets( loaded ),
			() => undefined
		);
		return () => {
			isCurrent = false;
		};
	}, [ workflow ] );
	useEffect( () => {
		let isCurrent = true;
		getFeatures().then(
			( features ) =>
				isCurrent &&
				setLabels(
					Object.fromEntries(
						features.map( ( feature ) => [
							feature.id,
							feature.label,
						] )
					)
				),
			() => undefined
		);
		return () => {
			isCurrent = false;
		};
	}, [] );
	return { facets, labels };
}

/**
 * Options of a dropdown: "Any", the known values, and the current value when
 * it is not among them (a shared link naming something older).
 *
 * @param known   Known values.
 * @param current Current value.
 * @param label   Label of a value.
 * @return Options.
 */
function options(
	known: readonly string[],
	current: string,
	label: ( value: string ) => string = ( value ) => value
): Array< { value: string; label: string } > {
	const values = [ ...new Set( [ ...known, current ] ) ].filter(
		( value ) => value !== ''
	);
	return [
		{ value: '', label: __( 'Any', 'ai-failover' ) },
		...values.map( ( value ) => ( { value, label: label( value ) } ) ),
	];
}

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
	const { facets, labels } = useFacets( filters.workflow );
	const select = (
		name: 'feature' | 'provider' | 'error_class' | 'workflow' | 'step',
		label: string,
		known: readonly string[],
		describe?: ( value: string ) => string
	) => (
		<div className={ `aifo-event-filters__field is-${ name }` }>
			<SelectControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ label }
				value={ filters[ name ] }
				options={ options( known, filters[ name ], describe ) }
				aria-invalid={ !! fieldErrors[ name ] }
				onChange={ ( value: string ) =>
					onChange(
						name === 'workflow'
							? { workflow: value, step: '' }
							: { [ name ]: value }
					)
				}
			/>
			<FieldError
				id={ `aifo-event-filters-error-${ name }` }
				message={ fieldErrors[ name ] }
			/>
		</div>
	);
	const ranges: Array< { value: Range; label: string } > = [
		{ value: '1h', label: __( 'Last hour', 'ai-failover' ) },
		{ value: '24h', label: __( 'Last 24 hours', 'ai-failover' ) },
		{ value: '7d', label: __( 'Last 7 days', 'ai-failover' ) },
		{ value: 'all', label: __( 'All time', 'ai-failover' ) },
		{ value: 'custom', label: __( 'Custom range', 'ai-failover' ) },
	];
	const any = { value: '', label: __( 'Any', 'ai-failover' ) };

	const text = ( name: 'search', label: string, placeholder: string ) => (
		<div className={ `aifo-event-filters__field is-${ name }` }>
			<TextControl
				{ ...controlSize() }
				__nextHasNoMarginBottom
				label={ label }
				value={ filters[ name ] }
				placeholder={ placeholder }
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
			{ select(
				'feature',
				__( 'Feature', 'ai-failover' ),
				[
					...new Set( [
						...facets.features,
						...Object.keys( labels ),
					] ),
				],
				( id ) =>
					labels[ id ] !== undefined && labels[ id ] !== id
						? `${ labels[ id ] } (${ id })`
						: id
			) }
			{ select(
				'provider',
				__( 'Provider', 'ai-failover' ),
				facets.providers
			) }
			{ select(
				'workflow',
				__( 'Workflow', 'ai-failover' ),
				facets.workflows
			) }
			{ filters.workflow !== '' &&
				select( 'step', __( 'Step', 'ai-failover' ), facets.steps ) }
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
			{ select(
				'error_class',
				__( 'Error class', 'ai-failover' ),
				// The classes seen first, then every other one the engine knows.
				[
					...new Set( [
						...facets.error_classes,
						...ERROR_CLASS_SUGGESTIONS,
					] ),
				]
			) }
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
