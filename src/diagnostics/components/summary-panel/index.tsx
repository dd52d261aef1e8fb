/**
 * WordPress dependencies
 */
import { Notice, SelectControl, Spinner } from '@wordpress/components';
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Summary } from '../../../api/events';
import { formatCost, formatMs, formatPercent } from '../../format';
import { bucketKeys } from '../sparkline';
import { TimeChart, type ChartSeries } from '../time-chart';

export const CHART_VIEWS = [ 'outcome', 'provider', 'error_class' ] as const;
export type ChartView = ( typeof CHART_VIEWS )[ number ];

type Props = {
	summary: Summary | null;
	error: string | null;
	isLoading: boolean;
	/** Current time (ms) the window ends at, for the chart's empty buckets. */
	now: number;
};

/**
 * The buckets of the summary's window, with any the server sent beyond them.
 *
 * @param summary Summary.
 * @param now     Current time (ms).
 * @return Sorted bucket keys.
 */
export function summaryBuckets( summary: Summary, now: number ): string[] {
	const seen = new Set( bucketKeys( summary.window, now ) );
	summary.series.forEach( ( point ) => seen.add( point.bucket ) );
	summary.by_provider.forEach( ( one ) =>
		one.points.forEach( ( point ) => seen.add( point.bucket ) )
	);
	summary.by_error_class.forEach( ( one ) =>
		one.points.forEach( ( point ) => seen.add( point.bucket ) )
	);
	return [ ...seen ].sort();
}

/**
 * The chart's series for one view: runs by outcome, answered runs by the
 * provider that answered, or attempts by error class.
 *
 * @param summary Summary.
 * @param buckets Bucket keys.
 * @param view    Which breakdown.
 * @return Series, in stacking order.
 */
export function chartSeries(
	summary: Summary,
	buckets: string[],
	view: ChartView
): ChartSeries[] {
	if ( view === 'outcome' ) {
		const byBucket = new Map(
			summary.series.map( ( point ) => [ point.bucket, point ] )
		);
		const pick = (
			key: 'served_first' | 'served_by_fallback' | 'failed'
		): number[] =>
			buckets.map( ( bucket ) => byBucket.get( bucket )?.[ key ] ?? 0 );
		return [
			{
				key: 'served_first',
				label: __( 'Served by the first route', 'ai-failover' ),
				values: pick( 'served_first' ),
			},
			{
				key: 'failed',
				label: __( 'Failed', 'ai-failover' ),
				values: pick( 'failed' ),
			},
			{
				key: 'served_by_fallback',
				label: __( 'Served by a fallback', 'ai-failover' ),
				values: pick( 'served_by_fallback' ),
			},
		];
	}
	const named =
		view === 'provider' ? summary.by_provider : summary.by_error_class;
	return named.map( ( one ) => {
		const byBucket = new Map(
			one.points.map( ( point ) => [ point.bucket, point.count ] )
		);
		return {
			key: one.name,
			label: one.name,
			values: buckets.map( ( bucket ) => byBucket.get( bucket ) ?? 0 ),
		};
	} );
}

/**
 * The figures an on-call person reads first, for the chosen window: runs,
 * served by a fallback, failed, cost, p95 latency (all by run, drills left
 * out unless asked for), the attempts beside them, the active alerts, and a
 * chart of runs over time by outcome, provider or error class.
 *
 * @param props           Props.
 * @param props.summary
 * @param props.error
 * @param props.isLoading
 * @param props.now
 */
export function SummaryPanel( { summary, error, isLoading, now }: Props ) {
	const [ view, setView ] = useState< ChartView >( 'outcome' );
	const share = ( count: number ) =>
		summary && summary.runs > 0
			? formatPercent( count / summary.runs )
			: '';
	const titles: Record< ChartView, string > = {
		outcome: __( 'Runs by outcome', 'ai-failover' ),
		provider: __( 'Answered runs by provider', 'ai-failover' ),
		error_class: __( 'Attempts by error class', 'ai-failover' ),
	};
	const buckets = summary ? summaryBuckets( summary, now ) : [];

	return (
		<section
			className="aifo-summary-panel"
			aria-labelledby="aifo-summary-panel-title"
			aria-busy={ isLoading }
		>
			<h2 id="aifo-summary-panel-title">
				{ __( 'Summary', 'ai-failover' ) }
				{ isLoading && <Spinner /> }
			</h2>
			{ error !== null && (
				<Notice status="error" isDismissible={ false }>
					{ error }
				</Notice>
			) }
			{ summary !== null && summary.alerts.length > 0 && (
				<Notice
					status="warning"
					isDismissible={ false }
					className="aifo-summary-panel__alerts"
				>
					<strong>{ __( 'Active alerts', 'ai-failover' ) }</strong>
					<ul>
						{ summary.alerts.map( ( alert ) => (
							<li key={ alert.condition }>{ alert.message }</li>
						) ) }
					</ul>
				</Notice>
			) }
			{ summary !== null && (
				<>
					<dl className="aifo-summary-figures">
						<Figure
							name="runs"
							label={ __( 'Runs', 'ai-failover' ) }
							value={ summary.runs.toLocaleString() }
							detail={ sprintf(
								/* translators: 1: Attempts, 2: Attempts sent to a provider, 3: Attempts skipped. */
								__(
									'%1$s attempts: %2$s sent, %3$s skipped',
									'ai-failover'
								),
								summary.attempts.toLocaleString(),
								summary.attempts_sent.toLocaleString(),
								summary.attempts_skipped.toLocaleString()
							) }
						/>
						<Figure
							name="fallback"
							label={ __(
								'Served by a fallback',
								'ai-failover'
							) }
							value={ summary.served_by_fallback.toLocaleString() }
							detail={ share( summary.served_by_fallback ) }
						/>
						<Figure
							name="failed"
							label={ __( 'Failed', 'ai-failover' ) }
							value={ summary.failed.toLocaleString() }
							detail={ share( summary.failed ) }
						/>
						<Figure
							name="cost"
							label={ __( 'Cost', 'ai-failover' ) }
							value={ formatCost( summary.cost ) }
							detail=""
						/>
						<Figure
							name="p95"
							label={ __( 'p95 latency', 'ai-failover' ) }
							value={ formatMs( summary.p95_latency_ms ) }
							detail={ sprintf(
								/* translators: %s: Median run latency. */
								__( 'per run; median %s', 'ai-failover' ),
								formatMs( summary.p50_latency_ms )
							) }
						/>
					</dl>
					<p className="aifo-summary-panel__note">
						{ summary.simulated
							? __(
									'Counted by run; drills included.',
									'ai-failover'
								)
							: __(
									'Counted by run; drills left out. A route skipped on an open breaker counts as a fallback.',
									'ai-failover'
								) }
					</p>
					<div className="aifo-summary-panel__chart-head">
						<h3>{ titles[ view ] }</h3>
						<SelectControl
							__nextHasNoMarginBottom
							label={ __( 'Break down by', 'ai-failover' ) }
							value={ view }
							options={ [
								{
									value: 'outcome',
									label: __( 'Outcome', 'ai-failover' ),
								},
								{
									value: 'provider',
									label: __( 'Provider', 'ai-failover' ),
								},
								{
									value: 'error_class',
									label: __( 'Error class', 'ai-failover' ),
								},
							] }
							onChange={ ( next: string ) =>
								setView(
									(
										CHART_VIEWS as readonly string[]
									 ).includes( next )
										? ( next as ChartView )
										: 'outcome'
								)
							}
						/>
					</div>
					<TimeChart
						title={ titles[ view ] }
						buckets={ buckets }
						series={ chartSeries( summary, buckets, view ) }
						unit={ summary.bucket }
					/>
				</>
			) }
		</section>
	);
}

/**
 * One figure.
 *
 * @param props        Props.
 * @param props.name   Class suffix.
 * @param props.label  Label.
 * @param props.value  Value.
 * @param props.detail Line under it.
 */
function Figure( {
	name,
	label,
	value,
	detail,
}: {
	name: string;
	label: string;
	value: string;
	detail: string;
} ) {
	return (
		<div className={ `aifo-summary-figures__item is-${ name }` }>
			<dt>{ label }</dt>
			<dd>
				<span className="aifo-summary-figures__value">{ value }</span>
				{ detail !== '' && (
					<span className="aifo-summary-figures__detail">
						{ detail }
					</span>
				) }
			</dd>
		</div>
	);
}
