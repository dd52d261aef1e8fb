/**
 * WordPress dependencies
 */
import {
	CheckboxControl,
	SelectControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { FieldError } from '../../../../components/field-error';
import { controlSize } from '../../../../lib/control-size';
import { DRILL_CLASSES, type FeatureDrills } from '../../../../schemas';
import { Section } from '../section';
import type { SectionProps } from '../types';

type DrillClass = ( typeof DRILL_CLASSES )[ number ];

/**
 * @param drillClass Class.
 * @return What the drill makes the primary route do, in words.
 */
function drillLabel( drillClass: DrillClass ): string {
	switch ( drillClass ) {
		case 'server':
			return __( 'Server error (503)', 'ai-failover' );
		case 'rate_limited':
			return __( 'Rate limited (429)', 'ai-failover' );
		case 'timeout':
			return __( 'Time-out', 'ai-failover' );
		case 'unreachable':
			return __( 'Unreachable', 'ai-failover' );
		case 'invalid_response':
			return __( 'Broken answer', 'ai-failover' );
		case 'auth':
			return __( 'Key rejected (401)', 'ai-failover' );
	}
}

/**
 * Scheduled drills of the feature's fallback chain.
 *
 * @param props Props.
 */
export function DrillsSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const drills = form.drills;
	const set = ( change: Partial< FeatureDrills >, path: string ) =>
		update(
			( current ) => ( {
				...current,
				drills: { ...current.drills, ...change },
			} ),
			path
		);
	return (
		<Section title={ __( 'Scheduled drills', 'ai-failover' ) }>
			<p className="aifo-feature-form__hint">
				{ __(
					'A drill checks that the fallbacks still answer before a real outage does. On schedule, the primary route is made to fail in each chosen way, one run each, on throw-away state: keys, breakers and health figures of real traffic are not touched. The fallback routes are called for real, so a drill costs a few tokens. Diagnostics keeps each result (did the chain hold, how long, what it cost), and an alert is raised when the chain no longer holds.',
					'ai-failover'
				) }
			</p>
			<ToggleControl
				__nextHasNoMarginBottom
				label={ __(
					'Drill this feature on a schedule',
					'ai-failover'
				) }
				checked={ drills.enabled }
				onChange={ ( enabled: boolean ) =>
					set( { enabled }, 'drills.enabled' )
				}
			/>
			{ drills.enabled && (
				<>
					<SelectControl
						{ ...controlSize() }
						__nextHasNoMarginBottom
						label={ __( 'How often', 'ai-failover' ) }
						value={ drills.frequency }
						options={ [
							{
								value: 'daily',
								label: __( 'Daily', 'ai-failover' ),
							},
							{
								value: 'weekly',
								label: __( 'Weekly', 'ai-failover' ),
							},
						] }
						onChange={ ( value: string ) =>
							set(
								{
									frequency:
										value === 'daily' ? 'daily' : 'weekly',
								},
								'drills.frequency'
							)
						}
					/>
					<div className="aifo-feature-form__field">
						<p className="aifo-feature-form__label">
							{ __(
								'Failures to drill, in order',
								'ai-failover'
							) }
						</p>
						<div className="aifo-feature-form__checkboxes">
							{ DRILL_CLASSES.map( ( drillClass ) => (
								<CheckboxControl
									key={ drillClass }
									__nextHasNoMarginBottom
									label={ drillLabel( drillClass ) }
									checked={ drills.steps.includes(
										drillClass
									) }
									onChange={ ( checked: boolean ) =>
										set(
											{
												// Kept in the list's order, whatever the clicks' order.
												steps: DRILL_CLASSES.filter(
													( c ) =>
														c === drillClass
															? checked
															: drills.steps.includes(
																	c
																)
												),
											},
											'drills.steps'
										)
									}
								/>
							) ) }
						</div>
						<FieldError
							announce={ false }
							id={ errorId( 'drills.steps' ) }
							message={ fieldErrors[ 'drills.steps' ] }
						/>
					</div>
				</>
			) }
		</Section>
	);
}
