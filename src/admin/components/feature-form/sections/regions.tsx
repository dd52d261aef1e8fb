/**
 * WordPress dependencies
 */
import { CheckboxControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import type { Provider, RegionPolicy } from '../../../../schemas';
import { Section } from '../section';
import type { SectionProps } from '../types';

type Field = keyof RegionPolicy;

/**
 * "region eu".
 *
 * @param region Region code.
 * @return Words.
 */
function regionName( region: string ): string {
	/* translators: %s: Region code, such as "eu". */
	return sprintf( __( 'region %s', 'ai-failover' ), region );
}

/**
 * Regions: where a feature's routes may run, which go first, and what a
 * regional outage does, with each route's region in words.
 *
 * @see \AI_Failover\Engine\Region_Rule
 * @see \AI_Failover\Engine\Region_Outage
 *
 * @param props           Props.
 * @param props.providers The providers routes can use.
 */
export function RegionsSection(
	props: SectionProps & { providers: Provider[] }
) {
	const { form, update, fieldErrors, errorId, providers } = props;
	const regions = form.routing.regions;
	const known = Array.from(
		new Set( [
			...providers.map( ( p ) => p.region ?? '' ),
			...regions.require,
			...regions.prefer,
		] )
	).filter( ( region ) => region !== '' );
	const toggle = ( field: Field, region: string, checked: boolean ) =>
		update( ( current ) => {
			const list = current.routing.regions[ field ].filter(
				( r ) => r !== region
			);
			return {
				...current,
				routing: {
					...current.routing,
					regions: {
						...current.routing.regions,
						// Checked last goes last: the order of preference.
						[ field ]: checked ? [ ...list, region ] : list,
					},
				},
			};
		}, `routing.regions.${ field }` );
	const regionOf = ( providerId: string ) =>
		providers.find( ( p ) => p.id === providerId )?.region ?? '';
	const routes = [
		{ name: __( 'Primary', 'ai-failover' ), route: form.primary },
		...form.fallbacks.map( ( route, index ) => ( {
			/* translators: %d: Fallback position, from 1. */
			name: sprintf( __( 'Fallback %d', 'ai-failover' ), index + 1 ),
			route,
		} ) ),
	].filter( ( entry ) => entry.route.provider_id !== '' );

	const rules: string[] = [];
	if ( regions.require.length > 0 ) {
		rules.push(
			sprintf(
				/* translators: %s: Comma-separated regions. */
				__(
					'Only routes in %s are used: any other route is skipped before a request, and saving one is refused.',
					'ai-failover'
				),
				regions.require.join( ', ' )
			)
		);
	}
	if ( regions.prefer.length > 0 ) {
		rules.push(
			sprintf(
				/* translators: %s: Regions, in order of preference. */
				__(
					'Routes in %s go first, in that order; the others follow in their own order.',
					'ai-failover'
				),
				regions.prefer.join( ', ' )
			)
		);
	}
	if ( rules.length === 0 ) {
		rules.push(
			__( 'Any region, in the order of the routes above.', 'ai-failover' )
		);
	}

	return (
		<Section
			title={ __( 'Regions', 'ai-failover' ) }
			className="aifo-feature-form__regions"
		>
			<p className="aifo-feature-form__hint">
				{ rules.join( ' ' ) }{ ' ' }
				{ __(
					'Whatever you choose, when every route of one region (two or more) has an open circuit breaker, a run skips that region as a whole, without calling it, and says so in its attempts.',
					'ai-failover'
				) }
			</p>
			{ known.length === 0 ? (
				<p className="aifo-feature-form__hint">
					{ __(
						'No provider declares a region yet: set one on the Providers screen (such as us, eu or local).',
						'ai-failover'
					) }
				</p>
			) : (
				(
					[
						[
							'require',
							__( 'Only use routes in', 'ai-failover' ),
						],
						[ 'prefer', __( 'Prefer routes in', 'ai-failover' ) ],
					] as Array< [ Field, string ] >
				 ).map( ( [ field, label ] ) => (
					<div
						key={ field }
						className="aifo-feature-form__field"
						role="group"
						aria-label={ label }
					>
						<p className="aifo-feature-form__label">{ label }</p>
						<div className="aifo-feature-form__checkboxes">
							{ known.map( ( region ) => (
								<CheckboxControl
									key={ region }
									__nextHasNoMarginBottom
									label={ region }
									checked={ regions[ field ].includes(
										region
									) }
									onChange={ ( checked: boolean ) =>
										toggle( field, region, checked )
									}
								/>
							) ) }
						</div>
						<FieldError
							id={ errorId( `routing.regions.${ field }` ) }
							message={
								fieldErrors[ `routing.regions.${ field }` ]
							}
						/>
					</div>
				) )
			) }
			<ul className="aifo-feature-form__eligibility">
				{ routes.map( ( { name, route } ) => {
					const region = regionOf( route.provider_id );
					const excluded =
						regions.require.length > 0 &&
						! regions.require.includes( region );
					const where =
						region === ''
							? __( 'no declared region', 'ai-failover' )
							: regionName( region );
					return (
						<li
							key={ name }
							className={
								excluded ? 'is-ineligible' : 'is-eligible'
							}
						>
							{ excluded
								? sprintf(
										/* translators: 1: Route name, 2: "region eu" or "no declared region". */
										__(
											'%1$s: %2$s, outside the required regions.',
											'ai-failover'
										),
										name,
										where
									)
								: sprintf(
										/* translators: 1: Route name, 2: "region eu" or "no declared region". */
										__( '%1$s: %2$s.', 'ai-failover' ),
										name,
										where
									) }
						</li>
					);
				} ) }
			</ul>
		</Section>
	);
}
