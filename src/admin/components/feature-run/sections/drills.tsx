/**
 * WordPress dependencies
 */
import { CheckboxControl, SelectControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../../lib/control-size';
import { ERROR_CLASSES } from '../../../../schemas';
import { triggerLabel } from '../../feature-form';
import type { Drill, FeatureRoute } from '../types';

type Props = {
	routes: FeatureRoute[];
	drillOf: ( id: string ) => Drill;
	setDrill: ( id: string, change: Partial< Drill > ) => void;
};

/**
 * Simulated failures: per route, whether it fails and with which error class.
 *
 * @param props          Props.
 * @param props.routes   The feature's routes.
 * @param props.drillOf  The drill of a route.
 * @param props.setDrill Changes the drill of a route.
 */
export function DrillsSection( { routes, drillOf, setDrill }: Props ) {
	return (
		<fieldset className="aifo-feature-run__drills">
			<legend className="aifo-feature-run__legend">
				{ __( 'Simulate a failure (optional)', 'ai-failover' ) }
			</legend>
			<p className="aifo-feature-run__hint">
				{ __(
					'A ticked route fails with the chosen error class instead of calling its provider, so you can watch the policy react. Administrators only.',
					'ai-failover'
				) }
			</p>
			{ routes.map( ( route ) => {
				const drill = drillOf( route.id );
				return (
					<div key={ route.id } className="aifo-feature-run__drill">
						<CheckboxControl
							__nextHasNoMarginBottom
							label={ sprintf(
								/* translators: 1: route, "provider/model", 2: "primary" or "fallback 1". */
								__( 'Fail %1$s (%2$s)', 'ai-failover' ),
								route.id,
								route.role
							) }
							checked={ drill.enabled }
							onChange={ ( checked: boolean ) =>
								setDrill( route.id, {
									enabled: checked,
								} )
							}
						/>
						{ drill.enabled && (
							<SelectControl
								{ ...controlSize() }
								__nextHasNoMarginBottom
								label={ sprintf(
									/* translators: %s: route, "provider/model". */
									__( 'Error class for %s', 'ai-failover' ),
									route.id
								) }
								value={ drill.errorClass }
								options={ ERROR_CLASSES.map( ( name ) => ( {
									value: name,
									label: `${ name }: ${ triggerLabel( name ) }`,
								} ) ) }
								onChange={ ( value: string ) => {
									const errorClass = ERROR_CLASSES.find(
										( name ) => name === value
									);
									if ( errorClass ) {
										setDrill( route.id, {
											errorClass,
										} );
									}
								} }
							/>
						) }
					</div>
				);
			} ) }
		</fieldset>
	);
}
