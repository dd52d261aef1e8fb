/**
 * WordPress dependencies
 */
import { SelectControl, ToggleControl } from '@wordpress/components';
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { controlSize } from '../../../../lib/control-size';
import type { LatencyPolicy } from '../../../../schemas';
import { PolicyNumberField } from '../policy-fields';
import { Section } from '../section';
import type { SectionProps } from '../types';

type NumberKey = 'threshold_ms' | 'window_s' | 'min_requests' | 'probe_every_s';

/**
 * Latency: a route whose p95 latency (time to first token for a stream) over
 * a sliding window is over the threshold is tried after the other routes, or
 * left out, until a probe shows it is fast again. Off by default.
 *
 * @see \AI_Failover\Engine\Latency_Rule
 *
 * @param props Props.
 */
export function LatencySection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const latency = form.routing.latency;
	const primary = form.primary.model || __( 'the primary', 'ai-failover' );
	const fallback =
		form.fallbacks[ 0 ]?.model || __( 'the next route', 'ai-failover' );
	const set = (
		next: Partial< LatencyPolicy >,
		field: keyof LatencyPolicy
	) =>
		update(
			( current ) => ( {
				...current,
				routing: {
					...current.routing,
					latency: { ...current.routing.latency, ...next },
				},
			} ),
			`routing.latency.${ field }`
		);
	const seconds = ( latency.threshold_ms / 1000 ).toLocaleString( undefined, {
		maximumFractionDigits: 1,
	} );
	// A field being typed into may hold no number yet (NaN, shown empty).
	const typing = (
		[ 'threshold_ms', 'window_s', 'min_requests', 'probe_every_s' ] as const
	 ).some( ( field ) => ! Number.isFinite( latency[ field ] ) );
	let hint: string = latency.enabled
		? sprintf(
				/* translators: 1: Primary model, 2: Fallback model, 3: Threshold in seconds, 4: Window in seconds, 5: From how many requests on, such as "counted from 20 requests on", 6: What happens to the slow route, 7: Seconds between probes. */
				__(
					'%1$s → %2$s when latency > %3$s s: when more than 5 %% of a route’s requests in the last %4$d s took longer than %3$s s (its p95 is over %3$s s; %5$s), %6$s Every %7$d s one request (never two at a time) tries it in its place: if that probe is fast, the route is back. For a stream, the time to the first token counts. Every demotion is logged with its figures.',
					'ai-failover'
				),
				primary,
				fallback,
				seconds,
				latency.window_s,
				sprintf(
					/* translators: %d: Minimum number of requests in the window. */
					_n(
						'counted from %d request on',
						'counted from %d requests on',
						latency.min_requests,
						'ai-failover'
					),
					latency.min_requests
				),
				latency.action === 'skip'
					? __( 'the route is left out.', 'ai-failover' )
					: __(
							'the route is tried after the feature’s other routes.',
							'ai-failover'
						),
				latency.probe_every_s
			)
		: __(
				'Off: routes are tried in their order however slow they are (the timeouts still apply).',
				'ai-failover'
			);
	if ( latency.enabled && typing ) {
		hint = __(
			'Fill in every number below to see what the rule does.',
			'ai-failover'
		);
	}
	const numberField = (
		field: NumberKey,
		label: string,
		min: number,
		max: number
	) => (
		<PolicyNumberField
			path={ `routing.latency.${ field }` }
			label={ label }
			value={ latency[ field ] }
			min={ min }
			max={ max }
			onChange={ ( value ) => set( { [ field ]: value }, field ) }
			fieldErrors={ fieldErrors }
			errorId={ errorId }
		/>
	);

	return (
		<Section
			title={ __( 'Latency', 'ai-failover' ) }
			className="aifo-feature-form__latency"
		>
			<p className="aifo-feature-form__hint">{ hint }</p>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __( 'Move away from slow routes', 'ai-failover' ) }
					checked={ latency.enabled }
					onChange={ ( checked: boolean ) =>
						set( { enabled: checked }, 'enabled' )
					}
				/>
			</div>
			{ latency.enabled && (
				<>
					<div className="aifo-feature-form__row">
						{ numberField(
							'threshold_ms',
							__(
								'Slow above (p95, milliseconds)',
								'ai-failover'
							),
							100,
							120000
						) }
						{ numberField(
							'window_s',
							__( 'Over the last (seconds)', 'ai-failover' ),
							10,
							600
						) }
					</div>
					<div className="aifo-feature-form__row">
						{ numberField(
							'min_requests',
							__( 'Counted from (requests)', 'ai-failover' ),
							1,
							10000
						) }
						{ numberField(
							'probe_every_s',
							__( 'Probe every (seconds)', 'ai-failover' ),
							1,
							600
						) }
					</div>
					<div className="aifo-feature-form__field">
						<SelectControl
							{ ...controlSize() }
							__nextHasNoMarginBottom
							label={ __( 'A slow route is', 'ai-failover' ) }
							value={ latency.action }
							options={ [
								{
									value: 'demote',
									label: __(
										'Tried after the other routes',
										'ai-failover'
									),
								},
								{
									value: 'skip',
									label: __(
										'Left out until it recovers',
										'ai-failover'
									),
								},
							] }
							onChange={ ( value: string ) =>
								set(
									{
										action:
											value === 'skip'
												? 'skip'
												: 'demote',
									},
									'action'
								)
							}
						/>
					</div>
				</>
			) }
		</Section>
	);
}
