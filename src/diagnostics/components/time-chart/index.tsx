/**
 * WordPress dependencies
 */
import { useState } from '@wordpress/element';
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import { formatTime } from '../../format';

export type ChartSeries = {
	/** Stable key (class name, provider id, outcome). */
	key: string;
	label: string;
	/** One value per bucket, in the buckets' order. */
	values: number[];
};

type Props = {
	/** Title, also the chart's accessible name. */
	title: string;
	/** Bucket starts (UTC ISO 8601), oldest first. */
	buckets: string[];
	series: ChartSeries[];
	/** 'hour' or 'day': how bucket labels are written. */
	unit: 'hour' | 'day';
};

/** Ids for the SVG's title and description (React 17 has no useId). */
let instances = 0;

const WIDTH = 720;
const HEIGHT = 180;
const PAD_LEFT = 36;
const PAD_BOTTOM = 22;

/**
 * Colours with at least 3:1 contrast against white, told apart by their
 * lightness too (the legend and the table say what each is).
 */
const PALETTE = [
	'#007017', // green
	'#b32d2e', // red
	'#2271b1', // blue
	'#996800', // amber
	'#7a3fbf', // violet
	'#3c434a', // grey
	'#006c7a', // teal
	'#a3004f', // magenta
];

/**
 * A colour for the index-th series; the outcome chart fixes its own.
 *
 * @param index Series index.
 * @return CSS colour.
 */
export const seriesColour = ( index: number ): string =>
	PALETTE[ index % PALETTE.length ] as string;

/**
 * A bucket's label: the hour (24 h) or the day (7 d).
 *
 * @param bucket ISO time.
 * @param unit   hour or day.
 * @return Text.
 */
function bucketLabel( bucket: string, unit: 'hour' | 'day' ): string {
	const time = Date.parse( bucket );
	if ( Number.isNaN( time ) ) {
		return bucket;
	}
	return unit === 'day'
		? new Date( time ).toLocaleDateString( undefined, {
				month: 'short',
				day: 'numeric',
			} )
		: new Date( time ).toLocaleTimeString( undefined, {
				hour: '2-digit',
				minute: '2-digit',
			} );
}

/**
 * A stacked bar chart over time, in plain SVG (no chart library): one bar
 * per bucket, one segment per series. For screen readers the SVG is an image
 * with a title and a one-sentence description, and the same numbers follow
 * as a table (shown on request, always in the accessibility tree).
 *
 * @param props         Props.
 * @param props.title
 * @param props.buckets
 * @param props.series
 * @param props.unit
 */
export function TimeChart( { title, buckets, series, unit }: Props ) {
	const last = buckets.length - 1;
	// The first and last labels align to their bar's outer edge, so neither is cut off by the chart's edge.
	const tickAnchor = ( index: number ): 'start' | 'middle' | 'end' => {
		if ( index === last && index > 0 ) {
			return 'end';
		}
		return index === 0 ? 'start' : 'middle';
	};
	const tickX = ( index: number, x: number, barWidth: number ): number =>
		( { start: x, middle: x + barWidth / 2, end: x + barWidth } )[
			tickAnchor( index )
		];
	const [ id ] = useState( () => `aifo-time-chart-${ ++instances }` );
	const totals = buckets.map( ( _, index ) =>
		series.reduce( ( sum, one ) => sum + ( one.values[ index ] ?? 0 ), 0 )
	);
	const max = Math.max( 1, ...totals );
	const grand = totals.reduce( ( sum, value ) => sum + value, 0 );
	const plotWidth = WIDTH - PAD_LEFT;
	const plotHeight = HEIGHT - PAD_BOTTOM;
	const slot = plotWidth / Math.max( 1, buckets.length );
	const barWidth = Math.max( 2, slot * 0.7 );
	const labelEvery = Math.max( 1, Math.ceil( buckets.length / 8 ) );
	const busiest = totals.indexOf( Math.max( ...totals ) );
	const description =
		grand === 0
			? __( 'Nothing in this window.', 'ai-failover' )
			: sprintf(
					/* translators: 1: Total count, 2: Number of bars, 3: Busiest bucket, 4: Its count, 5: Series and their totals. */
					__(
						'%1$d in all over %2$d bars; the busiest, %3$s, has %4$d. By series: %5$s.',
						'ai-failover'
					),
					grand,
					buckets.length,
					formatTime( buckets[ busiest ] ?? '' ),
					totals[ busiest ] ?? 0,
					series
						.map(
							( one ) =>
								`${ one.label } ${ one.values.reduce(
									( sum, value ) => sum + value,
									0
								) }`
						)
						.join( ', ' )
				);

	return (
		<figure className="aifo-time-chart">
			<svg
				className="aifo-time-chart__svg"
				viewBox={ `0 0 ${ WIDTH } ${ HEIGHT }` }
				preserveAspectRatio="none"
				role="img"
				aria-labelledby={ `${ id }-title ${ id }-desc` }
				focusable="false"
			>
				<title id={ `${ id }-title` }>{ title }</title>
				<desc id={ `${ id }-desc` }>{ description }</desc>
				<line
					x1={ PAD_LEFT }
					x2={ WIDTH }
					y1={ plotHeight }
					y2={ plotHeight }
					className="aifo-time-chart__axis"
				/>
				<text
					x={ PAD_LEFT - 4 }
					y={ 10 }
					textAnchor="end"
					className="aifo-time-chart__tick"
				>
					{ max }
				</text>
				<text
					x={ PAD_LEFT - 4 }
					y={ plotHeight }
					textAnchor="end"
					className="aifo-time-chart__tick"
				>
					0
				</text>
				{ buckets.map( ( bucket, index ) => {
					const x = PAD_LEFT + index * slot + ( slot - barWidth ) / 2;
					let y = plotHeight;
					return (
						<g key={ bucket }>
							{ series.map( ( one, seriesIndex ) => {
								const value = one.values[ index ] ?? 0;
								if ( value <= 0 ) {
									return null;
								}
								const height = ( value / max ) * plotHeight;
								y -= height;
								return (
									<rect
										key={ one.key }
										x={ x }
										y={ y }
										width={ barWidth }
										height={ height }
										fill={ seriesColour( seriesIndex ) }
									>
										<title>
											{ `${ bucketLabel(
												bucket,
												unit
											) }: ${ one.label } ${ value }` }
										</title>
									</rect>
								);
							} ) }
							{ index % labelEvery === 0 && (
								<text
									x={ tickX( index, x, barWidth ) }
									y={ HEIGHT - 6 }
									textAnchor={ tickAnchor( index ) }
									className="aifo-time-chart__tick"
								>
									{ bucketLabel( bucket, unit ) }
								</text>
							) }
						</g>
					);
				} ) }
			</svg>
			<figcaption>
				<ul className="aifo-time-chart__legend">
					{ series.map( ( one, index ) => (
						<li key={ one.key }>
							<span
								className="aifo-time-chart__swatch"
								style={ { background: seriesColour( index ) } }
								aria-hidden="true"
							/>
							{ one.label }
						</li>
					) ) }
				</ul>
				<details className="aifo-time-chart__data">
					<summary>
						{ __( 'Show as a table', 'ai-failover' ) }
					</summary>
					<div className="aifo-scroll">
						<table className="widefat striped">
							<caption className="screen-reader-text">
								{ title }
							</caption>
							<thead>
								<tr>
									<th scope="col">
										{ __( 'Time', 'ai-failover' ) }
									</th>
									{ series.map( ( one ) => (
										<th scope="col" key={ one.key }>
											{ one.label }
										</th>
									) ) }
									<th scope="col">
										{ __( 'Total', 'ai-failover' ) }
									</th>
								</tr>
							</thead>
							<tbody>
								{ buckets.map( ( bucket, index ) => (
									<tr key={ bucket }>
										<th scope="row">
											{ formatTime( bucket ) }
										</th>
										{ series.map( ( one ) => (
											<td key={ one.key }>
												{ one.values[ index ] ?? 0 }
											</td>
										) ) }
										<td>{ totals[ index ] }</td>
									</tr>
								) ) }
							</tbody>
						</table>
					</div>
				</details>
			</figcaption>
		</figure>
	);
}
