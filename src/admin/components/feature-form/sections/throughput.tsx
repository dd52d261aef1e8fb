/**
 * WordPress dependencies
 */
import { ToggleControl } from '@wordpress/components';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { ThroughputPolicy } from '../../../../schemas';
import { PolicyNumberField, TriggerToggle } from '../policy-fields';
import { Section } from '../section';
import type { SectionProps } from '../types';

type NumberKey = 'probe_ms' | 'min_chars_per_second';

/**
 * Stream throughput: a stream's first text is held for a probe window and
 * must reach a minimum number of characters per second; one that falls short
 * is dropped before the reader sees any of it and the run moves on (the
 * `slow_stream` fallback trigger, the same switch as under Fallback
 * triggers). Off by default; nothing is held unless a slow stream can move on.
 *
 * @see \AI_Failover\Engine\Throughput_Rule
 *
 * @param props Props.
 */
export function ThroughputSection( props: SectionProps ) {
	const { form, update, fieldErrors, errorId } = props;
	const throughput = form.routing.throughput;
	const moveOn = form.triggers.slow_stream;
	const next = form.fallbacks[ 0 ]?.model ?? '';
	const set = (
		changes: Partial< ThroughputPolicy >,
		field: keyof ThroughputPolicy
	) =>
		update(
			( current ) => ( {
				...current,
				routing: {
					...current.routing,
					throughput: { ...current.routing.throughput, ...changes },
				},
			} ),
			`routing.throughput.${ field }`
		);
	const seconds = ( throughput.probe_ms / 1000 ).toLocaleString( undefined, {
		maximumFractionDigits: 1,
	} );
	const needed = Math.max(
		1,
		Math.ceil(
			( throughput.min_chars_per_second * throughput.probe_ms ) / 1000
		)
	);
	let hint: string = __(
		'Off: a stream’s text goes to the reader as it arrives, however slowly (the timeouts still apply).',
		'ai-failover'
	);
	// A field being typed into may hold no number yet (NaN, shown empty).
	const typing = ! (
		Number.isFinite( throughput.probe_ms ) &&
		Number.isFinite( throughput.min_chars_per_second )
	);
	if ( throughput.enabled && typing ) {
		hint = __(
			'Fill in every number below to see what the rule does.',
			'ai-failover'
		);
	} else if ( throughput.enabled && ( ! moveOn || next === '' ) ) {
		hint = sprintf(
			/* translators: 1: Characters per second, 2: Window in seconds, 3: Why nothing is held. */
			__(
				'A stream should deliver %1$d characters per second over its first %2$s s, but %3$s, so no stream is held and a slow one simply goes on.',
				'ai-failover'
			),
			throughput.min_chars_per_second,
			seconds,
			next === ''
				? __( 'this feature has no fallback route', 'ai-failover' )
				: __( 'moving to the next route is off', 'ai-failover' )
		);
	} else if ( throughput.enabled ) {
		hint = sprintf(
			/* translators: 1: Characters per second, 2: Window in seconds, 3: Characters the window needs, 4: The next route's model. */
			__(
				'A stream must deliver at least %1$d characters per second over the first %2$s s of its text. Until then its text is held back, and sent as soon as %3$d characters are in (a short answer that ends sooner is sent when it ends). A stream that falls short (too slow, stalled or cut in that window) is dropped before the reader sees any of it, logged as slow_stream with the measured speed, and the run moves on to %4$s. Once its text is sent, a stream stays on its route: a later cut is shown as incomplete, never finished by another model.',
				'ai-failover'
			),
			throughput.min_chars_per_second,
			seconds,
			needed,
			next
		);
	}
	const numberField = (
		field: NumberKey,
		label: string,
		min: number,
		max: number
	) => (
		<PolicyNumberField
			path={ `routing.throughput.${ field }` }
			label={ label }
			value={ throughput[ field ] }
			min={ min }
			max={ max }
			onChange={ ( value ) => set( { [ field ]: value }, field ) }
			fieldErrors={ fieldErrors }
			errorId={ errorId }
		/>
	);

	return (
		<Section
			title={ __( 'Stream throughput', 'ai-failover' ) }
			className="aifo-feature-form__throughput"
		>
			<p className="aifo-feature-form__hint">{ hint }</p>
			<div className="aifo-feature-form__field">
				<ToggleControl
					__nextHasNoMarginBottom
					label={ __(
						'Require a minimum stream speed',
						'ai-failover'
					) }
					checked={ throughput.enabled }
					onChange={ ( checked: boolean ) =>
						set( { enabled: checked }, 'enabled' )
					}
				/>
			</div>
			{ throughput.enabled && (
				<>
					<div className="aifo-feature-form__row">
						{ numberField(
							'min_chars_per_second',
							__(
								'Characters per second, at least',
								'ai-failover'
							),
							1,
							10000
						) }
						{ numberField(
							'probe_ms',
							__(
								'Over the first (milliseconds)',
								'ai-failover'
							),
							100,
							10000
						) }
					</div>
					<TriggerToggle
						form={ form }
						update={ update }
						trigger="slow_stream"
						label={ __(
							'Move to the next route when a stream is too slow',
							'ai-failover'
						) }
						help={ __(
							'The same switch as “Stream too slow” under the fallback triggers.',
							'ai-failover'
						) }
					/>
				</>
			) }
		</Section>
	);
}
