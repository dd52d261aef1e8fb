/**
 * WordPress dependencies
 */
import { Button } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { DEFAULT_FILTERS, type Filters } from '../../view';

type Props = {
	filters: Filters;
	onChange: ( patch: Partial< Filters > ) => void;
};

/**
 * The active filters as chips, each removable (DataViews shows its filters
 * this way), and one button to clear them all.
 *
 * @param props          Props.
 * @param props.filters  Current filters.
 * @param props.onChange Receives the reset values.
 */
export function FilterChips( { filters, onChange }: Props ) {
	const labels: Partial< Record< keyof Filters, string > > = {
		feature: __( 'Feature', 'ai-failover' ),
		provider: __( 'Provider', 'ai-failover' ),
		workflow: __( 'Workflow', 'ai-failover' ),
		step: __( 'Step', 'ai-failover' ),
		outcome: __( 'Outcome', 'ai-failover' ),
		error_class: __( 'Error class', 'ai-failover' ),
		simulated: __( 'Simulated', 'ai-failover' ),
		search: __( 'Search', 'ai-failover' ),
	};
	const active = (
		Object.keys( labels ) as Array< keyof typeof labels >
	 ).filter( ( name ) => filters[ name ] !== DEFAULT_FILTERS[ name ] );
	if ( active.length === 0 ) {
		return null;
	}
	return (
		<ul
			className="aifo-filter-chips"
			aria-label={ __( 'Active filters', 'ai-failover' ) }
		>
			{ active.map( ( name ) => (
				<li key={ name } className="aifo-filter-chips__chip">
					<span>{ `${ labels[ name ] }: ${ filters[ name ] }` }</span>
					<Button
						icon="no-alt"
						label={ sprintf(
							/* translators: %s: Filter name. */
							__( 'Remove the %s filter', 'ai-failover' ),
							labels[ name ] ?? name
						) }
						onClick={ () =>
							onChange(
								name === 'workflow'
									? { workflow: '', step: '' }
									: { [ name ]: DEFAULT_FILTERS[ name ] }
							)
						}
					/>
				</li>
			) ) }
			{ active.length > 1 && (
				<li>
					<Button
						variant="link"
						onClick={ () =>
							onChange(
								Object.fromEntries(
									active.map( ( name ) => [
										name,
										DEFAULT_FILTERS[ name ],
									] )
								)
							)
						}
					>
						{ __( 'Clear all filters', 'ai-failover' ) }
					</Button>
				</li>
			) }
		</ul>
	);
}
