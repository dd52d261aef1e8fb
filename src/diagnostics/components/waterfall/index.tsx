/**
 * WordPress dependencies
 */
import { __, _n, sprintf } from '@wordpress/i18n';

/**
 * Internal dependencies
 */
import type { Run } from '../../../api/events';
import type { LogEvent } from '../../../schemas';
import { decisionLabel, formatMs, outcomeLabel } from '../../format';

const WIDTH = 720;
const LABEL_WIDTH = 170;
const RIGHT_PAD = 24;
const AXIS_HEIGHT = 28;
const ROW_HEIGHT = 30;
const BAR_HEIGHT = 14;
const MIN_BAR_WIDTH = 2;
const MARKER_SIZE = 5;
const LABEL_CHARS = 20;

/** Decisions drawn as an arrow to the next attempt. */
const LINKED_DECISIONS = [ 'fallback', 'rotate_key' ];

/**
 * Round tick values from 0 past `max`: steps of 1, 2 or 5 times a power of
 * ten, about five of them.
 *
 * @param max Largest value to cover (> 0).
 * @return Ticks, from 0; the last one is >= max.
 */
export function niceTicks( max: number ): number[] {
	const raw = max / 5;
	const power = Math.pow( 10, Math.floor( Math.log10( raw ) ) );
	const fraction = raw / power;
	let nice = 10;
	if ( fraction <= 1 ) {
		nice = 1;
	} else if ( fraction <= 2 ) {
		nice = 2;
	} else if ( fraction <= 5 ) {
		nice = 5;
	}
	const step = nice * power;
	const count = Math.max( 1, Math.ceil( max / step - 1e-9 ) );
	return Array.from( { length: count + 1 }, ( _, i ) =>
		Number( ( i * step ).toPrecision( 12 ) )
	);
}

/**
 * A route shortened from the left, so the model (its most telling part)
 * stays visible: "…sim/sim-unavailable".
 *
 * @param value Route.
 * @return Label.
 */
const truncate = ( value: string ) =>
	value.length > LABEL_CHARS
		? '…' + value.slice( value.length - LABEL_CHARS + 1 )
		: value;

/**
 * One attempt, for the SVG's description and the bars' tooltips.
 *
 * @param attempt Attempt.
 * @return Sentence.
 */
function describe( attempt: LogEvent ): string {
	return sprintf(
		/* translators: 1: attempt number, 2: route (provider/model), 3: outcome, 4: start offset, 5: duration, 6: decision. */
		__(
			'Attempt %1$d, %2$s: %3$s, started at %4$s, took %5$s; then: %6$s.',
			'ai-failover'
		),
		attempt.attempt,
		attempt.route,
		outcomeLabel( attempt.outcome ),
		formatMs( attempt.start_ms ),
		formatMs( attempt.latency_ms ),
		decisionLabel( attempt.decision )
	);
}

/**
 * A run's attempts on a time axis: one bar per attempt from `start_ms` to
 * `start_ms + latency_ms`, coloured by outcome (a skipped route is a small
 * marker), with an arrow to the next attempt where the engine fell back or
 * rotated the key.
 *
 * @param props     Props.
 * @param props.run Run.
 */
export function Waterfall( { run }: { run: Run } ) {
	const { attempts } = run;
	const end = Math.max(
		0,
		...attempts.map(
			( attempt ) => attempt.start_ms + Math.max( 0, attempt.latency_ms )
		)
	);
	const ticks = niceTicks( end > 0 ? end : 1 );
	const domain = ticks[ ticks.length - 1 ] ?? 1;
	const plotWidth = WIDTH - LABEL_WIDTH - RIGHT_PAD;
	const x = ( ms: number ) =>
		LABEL_WIDTH + ( Math.max( 0, ms ) / domain ) * plotWidth;
	const rowTop = ( index: number ) => AXIS_HEIGHT + index * ROW_HEIGHT;
	const rowMiddle = ( index: number ) => rowTop( index ) + ROW_HEIGHT / 2;
	const height = AXIS_HEIGHT + attempts.length * ROW_HEIGHT + 4;
	const idBase = `aifo-waterfall-${ run.run_id.replace( /[^a-z0-9]/gi, '' ) }`;

	const description = [
		sprintf(
			/* translators: 1: number of attempts, 2: duration of the run. */
			_n(
				'%1$d attempt over %2$s.',
				'%1$d attempts over %2$s.',
				attempts.length,
				'ai-failover'
			),
			attempts.length,
			formatMs( end )
		),
		...attempts.map( describe ),
	].join( ' ' );

	return (
		<svg
			className="aifo-waterfall"
			viewBox={ `0 0 ${ WIDTH } ${ height }` }
			width="100%"
			role="img"
			aria-labelledby={ `${ idBase }-title ${ idBase }-desc` }
		>
			<title id={ `${ idBase }-title` }>
				{ sprintf(
					/* translators: %s: run id. */
					__( 'Timeline of run %s', 'ai-failover' ),
					run.run_id
				) }
			</title>
			<desc id={ `${ idBase }-desc` }>{ description }</desc>
			<defs>
				<marker
					id={ `${ idBase }-arrow` }
					viewBox="0 0 10 10"
					refX="9"
					refY="5"
					markerWidth="7"
					markerHeight="7"
					orient="auto"
				>
					<path
						d="M0,0 L10,5 L0,10 z"
						className="aifo-waterfall__arrowhead"
					/>
				</marker>
			</defs>
			<g className="aifo-waterfall__axis" aria-hidden="true">
				{ ticks.map( ( tick ) => (
					<g key={ tick }>
						<line
							className="aifo-waterfall__grid"
							x1={ x( tick ) }
							x2={ x( tick ) }
							y1={ AXIS_HEIGHT - 6 }
							y2={ height - 4 }
						/>
						<text
							className="aifo-waterfall__tick"
							x={ x( tick ) }
							y={ AXIS_HEIGHT - 10 }
							textAnchor="middle"
						>
							{ formatMs( tick ) }
						</text>
					</g>
				) ) }
			</g>
			{ attempts.map( ( attempt, index ) => {
				const y = rowTop( index ) + ( ROW_HEIGHT - BAR_HEIGHT ) / 2;
				const cy = rowMiddle( index );
				const start = x( attempt.start_ms );
				return (
					<g
						key={ attempt.id }
						className={ `aifo-waterfall__attempt is-${ attempt.outcome }` }
					>
						<title>{ describe( attempt ) }</title>
						<text
							className="aifo-waterfall__label"
							x={ LABEL_WIDTH - 8 }
							y={ cy + 4 }
							textAnchor="end"
						>
							{ `#${ attempt.attempt } ${ truncate( attempt.route ) }` }
						</text>
						{ attempt.outcome === 'skipped' ? (
							<path
								className="aifo-waterfall__marker is-skipped"
								d={ `M${ start },${ cy - MARKER_SIZE } L${
									start + MARKER_SIZE
								},${ cy } L${ start },${ cy + MARKER_SIZE } L${
									start - MARKER_SIZE
								},${ cy } Z` }
							/>
						) : (
							<rect
								className={ `aifo-waterfall__bar is-${ attempt.outcome }` }
								x={ start }
								y={ y }
								width={ Math.max(
									MIN_BAR_WIDTH,
									x( attempt.start_ms + attempt.latency_ms ) -
										start
								) }
								height={ BAR_HEIGHT }
								rx="2"
							/>
						) }
					</g>
				);
			} ) }
			{ attempts.map( ( attempt, index ) => {
				const next = attempts[ index + 1 ];
				if (
					! next ||
					! LINKED_DECISIONS.includes( attempt.decision )
				) {
					return null;
				}
				const from = Math.max(
					x( attempt.start_ms + Math.max( 0, attempt.latency_ms ) ),
					x( attempt.start_ms ) + MIN_BAR_WIDTH
				);
				const to =
					x( next.start_ms ) -
					( next.outcome === 'skipped' ? MARKER_SIZE : 0 );
				const bend = to > from + 12 ? ( from + to ) / 2 : from + 6;
				const y1 = rowMiddle( index );
				const y2 = rowMiddle( index + 1 );
				return (
					<g
						key={ `link-${ attempt.id }` }
						className={ `aifo-waterfall__link is-${ attempt.decision }` }
					>
						<title>{ decisionLabel( attempt.decision ) }</title>
						<path
							d={ `M${ from },${ y1 } H${ bend } V${ y2 } H${ to - 1 }` }
							markerEnd={ `url(#${ idBase }-arrow)` }
						/>
						<text
							className="aifo-waterfall__link-label"
							x={ bend + 4 }
							y={ ( y1 + y2 ) / 2 + 4 }
						>
							{ decisionLabel( attempt.decision ) }
						</text>
					</g>
				);
			} ) }
		</svg>
	);
}
