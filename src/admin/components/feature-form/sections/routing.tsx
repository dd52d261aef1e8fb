/**
 * WordPress dependencies
 */
import {
	CheckboxControl,
	SelectControl,
	TextControl,
	ToggleControl,
} from '@wordpress/components';
import { __ } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../../lib/control-size';
import { errorProps, FieldError } from '../../../../components/field-error';
import { CAPABILITIES, STRATEGIES, type Capability } from '../../../../schemas';
import { strategyOption } from '../labels';
import { Section } from '../section';
import type { SectionProps } from '../types';

/**
 * How routes are ordered and which are skipped: strategy, capabilities,
 * local and cost preferences, the cost ceiling.
 *
 * @param props Props.
 */
export function RoutingSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	return (
		<Section title={ __( 'Routing', 'ai-failover' ) }>
			<div className="aifo-feature-form__field">
				<SelectControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __( 'Strategy', 'ai-failover' ) }
					value={ form.strategy }
					options={ STRATEGIES.map( ( strategy ) => ( {
						value: strategy,
						label: strategyOption( strategy ),
					} ) ) }
					onChange={ ( value: string ) => {
						const strategy = STRATEGIES.find(
							( s ) => s === value
						);
						if ( strategy ) {
							update(
								( current ) => ( { ...current, strategy } ),
								'strategy'
							);
						}
					} }
				/>
				<FieldError
					announce={ false }
					id={ errorId( 'strategy' ) }
					message={ fieldErrors.strategy }
				/>
			</div>
			<div className="aifo-feature-form__field">
				<p className="aifo-feature-form__label">
					{ __( 'Required capabilities', 'ai-failover' ) }
				</p>
				<p className="aifo-feature-form__hint">
					{ __(
						'Routes whose model lacks one of these are skipped.',
						'ai-failover'
					) }
				</p>
				<div className="aifo-feature-form__checkboxes">
					{ CAPABILITIES.map( ( capability: Capability ) => (
						<CheckboxControl
							key={ capability }
							__nextHasNoMarginBottom
							label={ capability }
							checked={ form.requires.includes( capability ) }
							onChange={ ( checked: boolean ) =>
								update(
									( current ) => ( {
										...current,
										requires: checked
											? [
													...current.requires,
													capability,
												]
											: current.requires.filter(
													( c ) => c !== capability
												),
									} ),
									'requires'
								)
							}
						/>
					) ) }
				</div>
				<FieldError
					announce={ false }
					id={ errorId( 'requires' ) }
					message={ fieldErrors.requires }
				/>
			</div>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Prefer local providers', 'ai-failover' ) }
					checked={ form.prefer_local }
					onChange={ ( checked: boolean ) =>
						update(
							( current ) => ( {
								...current,
								prefer_local: checked,
							} ),
							'prefer_local'
						)
					}
				/>
			</div>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Retry a timed-out route before falling back',
						'ai-failover'
					) }
					help={ __(
						'Off: when a fallback is ready, one timeout moves the request on instead of two.',
						'ai-failover'
					) }
					checked={ form.retry_timeouts }
					onChange={ ( checked: boolean ) =>
						update(
							( current ) => ( {
								...current,
								retry_timeouts: checked,
							} ),
							'retry_timeouts'
						)
					}
				/>
			</div>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Prefer lower cost', 'ai-failover' ) }
					checked={ form.prefer_lower_cost }
					onChange={ ( checked: boolean ) =>
						update(
							( current ) => ( {
								...current,
								prefer_lower_cost: checked,
							} ),
							'prefer_lower_cost'
						)
					}
				/>
			</div>
			<div className="aifo-feature-form__field">
				<TextControl
					{ ...controlSize() }
					__nextHasNoMarginBottom
					label={ __(
						'Cost ceiling per request (US$)',
						'ai-failover'
					) }
					help={ __(
						'Estimated; routes above it are skipped. 0 means no ceiling.',
						'ai-failover'
					) }
					type="number"
					min={ 0 }
					max={ 100 }
					step={ 0.001 }
					value={ form.max_cost_per_request }
					onChange={ ( value: string ) =>
						update(
							( current ) => ( {
								...current,
								max_cost_per_request: value,
							} ),
							'max_cost_per_request'
						)
					}
					{ ...errorProps(
						errorId( 'max_cost_per_request' ),
						fieldErrors.max_cost_per_request
					) }
				/>
				<FieldError
					announce={ false }
					id={ errorId( 'max_cost_per_request' ) }
					message={ fieldErrors.max_cost_per_request }
				/>
			</div>
		</Section>
	);
}
