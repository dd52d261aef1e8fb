/**
 * WordPress dependencies
 */
import { __, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { HealthRow, HealthWindow } from '../../../api/events';

type Point = HealthRow[ 'series' ][ number ];

const WIDTH = 120;
const HEIGHT = 28;
const HOUR_MS = 3600e3;
const DAY_MS = 24 * HOUR_MS;

/**
 * Every bucket of a window, oldest first, in the server's format
 * (2026-11-22T06:00:00Z hourly, 2026-11-22T00:00:00Z daily). The server only
 * sends buckets with traffic; the quiet ones are filled in here so the line
 * keeps its time scale.
 *
 * @param window 24h (25 hourly buckets) or 7d (8 daily buckets).
 * @param now    Current time (ms).
 * @return Bucket keys.
 */
export function bucketKeys( window: HealthWindow, now: number ): string[] {
	const unit = window === '7d' ? DAY_MS : HOUR_MS;
	const count = window === '7d' ? 7 : 24;
	const last = Math.floor( now / unit ) * unit;
	return Array.from( { length: count + 1 }, ( _, i ) => {
		const iso = new Date( last - ( count - i ) * unit ).toISOString();
		return window === '7d'
			? `${ iso.slice( 0, 10 ) }T00:00:00Z`
			: `${ iso.slice( 0, 13 ) }:00:00Z`;
	} );
}

/**
 * A series with its gaps filled: every bucket of the window, plus any the
 * server sent outside it (clock skew), in time order.
 *
 * @param series Buckets with traffic.
 * @param window Window.
 * @param now    Current time (ms).
 * @return Points.
 */
export function fillSeries(
	series: Point[],
	window: HealthWindow,
	now: number
): Point[] {
	const byBucket = new Map(
		series.map( ( point ) => [ point.bucket, point ] )
	);
	const keys = [
		...new Set( [ ...bucketKeys( window, now ), ...byBucket.keys() ] ),
	].sort();
	return keys.map(
		( bucket ) =>
			byBucket.get( bucket ) ?? {
				bucket,
				requests: 0,
				failures: 0,
				fallbacks: 0,
			}
	);
}

type Props = {
	series: Point[];
	window: HealthWindow;
	now: number;
};

/**
 * Requests (grey) and failures (red) per hour or per day, as tiny bars.
 *
 * @param props        Props.
 * @param props.series Buckets with traffic.
 * @param props.window Window.
 * @param props.now    Current time (ms).
 */
export function Sparkline( { series, window, now }: Props ) {
	const points = fillSeries( series, window, now );
	const max = Math.max( 1, ...points.map( ( point ) => point.requests ) );
	const slot = WIDTH / Math.max( 1, points.length );
	const barWidth = Math.max( 1, slot - 1 );
	const scale = ( value: number ) => ( value / max ) * ( HEIGHT - 2 );
	const requests = series.reduce( ( sum, point ) => sum + point.requests, 0 );
	const failures = series.reduce( ( sum, point ) => sum + point.failures, 0 );
	const label =
		window === '7d'
			? sprintf(
					/* translators: 1: number of requests, 2: number of failures. */
					__(
						'Requests and failures per day: %1$d requests, %2$d failures.',
						'ai-failover'
					),
					requests,
					failures
				)
			: sprintf(
					/* translators: 1: number of requests, 2: number of failures. */
					__(
						'Requests and failures per hour: %1$d requests, %2$d failures.',
						'ai-failover'
					),
					requests,
					failures
				);
	return (
		<svg
			className="aifo-sparkline"
			viewBox={ `0 0 ${ WIDTH } ${ HEIGHT }` }
			width={ WIDTH }
			height={ HEIGHT }
			role="img"
			aria-label={ label }
		>
			<title>{ label }</title>
			{ points.map( ( point, index ) => {
				const left = index * slot;
				return (
					<g key={ point.bucket }>
						{ point.requests > 0 && (
							<rect
								className="aifo-sparkline__requests"
								x={ left }
								y={ HEIGHT - scale( point.requests ) }
								width={ barWidth }
								height={ scale( point.requests ) }
							/>
						) }
						{ point.failures > 0 && (
							<rect
								className="aifo-sparkline__failures"
								x={ left }
								y={ HEIGHT - scale( point.failures ) }
								width={ barWidth }
								height={ scale( point.failures ) }
							/>
						) }
					</g>
				);
			} ) }
			<line
				className="aifo-sparkline__baseline"
				x1="0"
				x2={ WIDTH }
				y1={ HEIGHT - 0.5 }
				y2={ HEIGHT - 0.5 }
			/>
		</svg>
	);
}
